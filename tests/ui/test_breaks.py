"""The break clock in the app: due -> notification, bell and break screen; taking it logs it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.break_dialog import BreakScreen
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.session import SessionScreen
from tests.desktop import fake_notify_send
from tests.ui.helpers import FIXTURES, FakeClock, build_app, loaded, until

SIZE = (100, 30)


class Wall:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.start = clock.now
        self.base = datetime(2024, 5, 22, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.start)


def app_with_clock(
    clock: FakeClock, wall: Callable[[], datetime] | None = None, *dirs: Path, **options: Any
) -> HiptuiApp:
    """The app with its break clock on ``clock`` and ``wall`` (default: :class:`Wall`)."""
    return build_app([FIXTURES / "exercises", *dirs], clock=clock, break_clock=clock,
                     wall_now=wall or Wall(clock), break_reminder=True, **options)  # fmt: skip


def break_rows() -> list[str]:
    with Database.open(paths.database_path()) as db:
        return [b.kind for b in db.breaks()]


async def test_break_comes_due_and_taking_it_is_logged(monkeypatch: pytest.MonkeyPatch) -> None:
    rung: list[int] = []
    monkeypatch.setattr(HiptuiApp, "bell", lambda self: rung.append(1))
    clock = FakeClock()
    app = app_with_clock(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert app.breaks is not None
        assert "break in 45m" in app.title
        clock.advance(44 * 60)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        clock.advance(61)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert rung == [1]
        assert any("Break due" in (n.title or "") for n in app._notifications)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert "break in 45m" in app.title
    assert break_rows() == ["taken"]


async def test_snooze_then_due_again_once() -> None:
    clock = FakeClock()
    app = app_with_clock(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        clock.advance(45 * 60 + 1)
        app.breaks.poll()
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        clock.advance(4 * 60)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        clock.advance(61)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("k")
    assert break_rows() == ["snoozed", "skipped"]


async def test_break_waits_for_the_end_of_a_session() -> None:
    clock = FakeClock()
    app = app_with_clock(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        clock.advance(50 * 60)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape", "y")
        await app.workers.wait_for_complete()  # the clock reads the history back first
        await pilot.pause()
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)


async def test_break_waits_for_the_end_of_a_session_started_by_hiptui_run() -> None:
    """`hiptui run ID`: the clock starts before the requested session, so it knows it runs."""
    clock = FakeClock()
    app = app_with_clock(clock, None, start="fixture-curl")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.breaks is not None
        clock.advance(50 * 60)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


# -- one timeline for the app, the shell and the next start --------------------------------------


def midday() -> timezone:
    """A time zone in which it is about midday now, far from the 04:00 day boundary (the same
    as tests.unit.test_status_cli.midday_tz gives `hiptui status`)."""
    return timezone(timedelta(hours=12 - datetime.now(UTC).hour))


class RealWall:
    """The wall clock ``ago`` before the real now (in the midday time zone), moved by the fake
    monotonic clock; ``jump`` plays a suspend (the wall moves, the clock does not)."""

    def __init__(self, clock: FakeClock, ago: timedelta = timedelta(0)) -> None:
        self.clock = clock
        self.start = clock.now
        self.base = datetime.now(midday()).replace(microsecond=0) - ago

    def jump(self, seconds: float) -> None:
        self.base += timedelta(seconds=seconds)

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.start)


def shell_status(*args: str) -> str:
    from tests.unit.test_status_cli import hiptui

    result = hiptui("status", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_reopening_the_app_continues_the_stored_clock() -> None:
    """Count 20 minutes, quit; `hiptui status` 10 minutes later and a new app both go on from
    the same first sighting, not from their own start."""
    first = FakeClock()
    wall = RealWall(first, timedelta(minutes=30))
    app = app_with_clock(first, wall)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        assert "0m sitting - break in 45m" in app.title
        first.advance(20 * 60)
        app.breaks.poll()
        assert app.title == "hiptui · 20m sitting - break in 25m"
    # Ten minutes after the app's clock stopped (the real now), the shell goes on.
    assert shell_status() == "30m sitting - break in 15m\n"
    second = FakeClock(5000.0)
    again = app_with_clock(second, RealWall(second))
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert again.title == "hiptui · 30m sitting - break in 15m"


async def test_a_snooze_survives_a_restart() -> None:
    clock = FakeClock()
    wall = RealWall(clock, timedelta(minutes=50))
    app = app_with_clock(clock, wall)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        clock.advance(46 * 60)
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("0")  # snooze 10 minutes (stamped by the database: the real now)
        await pilot.pause()
    assert shell_status() == "50m sitting - snoozed, break in 10m\n"
    again_clock = FakeClock(9000.0)
    again = app_with_clock(again_clock, RealWall(again_clock))
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert again.title == "hiptui · 50m sitting - snoozed, break in 10m"


async def test_a_completed_routine_resets_the_sitting_clock(tmp_path: Path) -> None:
    routines = tmp_path / "content" / "routines"
    routines.mkdir(parents=True)
    (routines / "quick.toml").write_text(
        'id = "quick"\nname = "Quick"\nsummary = "One rep."\nsource = "test"\n\n'
        '[[items]]\nexercise = "fixture-curl"\nsets = 1\nreps = 1\nrest_seconds = 0\n'
    )
    clock = FakeClock()
    app = app_with_clock(clock, Wall(clock), tmp_path / "content")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        clock.advance(40 * 60)
        app.breaks.poll()
        assert "40m sitting - break in 5m" in app.title
        app.sessions.run_routine("quick", with_warmup=False)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        clock.advance(3 * 60)
        await pilot.press("space", "f")  # the one rep, the set done: the routine is complete
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.breaks.poll()
        # The session ended "now" (43 minutes in): no break due, the clock starts again there.
        assert "0m sitting - break in 45m" in app.title
        assert not isinstance(app.screen, BreakScreen)
    with Database.open(paths.database_path()) as db:
        assert [s.status for s in db.sessions()] == ["completed"]


async def test_paused_and_away_show_in_the_title() -> None:
    class Idle:
        name = "fake"
        seconds: float | None = 0.0

        def idle_seconds(self) -> float | None:
            return self.seconds

        def close(self) -> None:
            return None

    idle = Idle()
    clock = FakeClock()
    app = app_with_clock(clock, RealWall(clock), idle=idle)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        with Database.open(paths.database_path()) as db:
            db.timeline.pause(datetime.now(UTC) + timedelta(minutes=30))  # `hiptui pause 30m`
        clock.advance(2)  # the app's wall clock a moment after the pause began
        app.breaks.watch()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.title.endswith("paused for 30m")
        idle.seconds = 6 * 60.0
        app.breaks.watch()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.title == "hiptui · away 6m - counts as a break"


async def test_a_suspend_counts_as_away_and_brings_no_old_reminder() -> None:
    clock = FakeClock()
    wall = RealWall(clock, timedelta(hours=2))
    app = app_with_clock(clock, wall)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        clock.advance(30 * 60)
        app.breaks.poll()
        wall.jump(60 * 60)  # the lid was closed for an hour over the deadline
        app.breaks.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.breaks.poll()
        assert not isinstance(app.screen, BreakScreen)
        assert "0m sitting - break in 45m" in app.title


async def test_a_due_break_is_notified_outside_the_app_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the notify setting's notifier: here notify-send (a fake one first on PATH)."""
    folder, record = fake_notify_send(tmp_path)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    clock = FakeClock()
    app = app_with_clock(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        clock.advance(45 * 60 + 30)
        app.breaks.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert record.read_text().splitlines() == [
            "--app-name=hiptui",
            "hiptui: time for a sitting break",
            "break due. Get up and move for at least 5 minutes.",
        ]


async def test_the_break_dialog_is_centred_and_its_keys_fit_on_one_line_at_80x24() -> None:
    from hiptui.content.snacks import load_snacks, pick_snack

    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        snacks, _ = load_snacks(app.home.bundled_dir)
        for turn in range(len(snacks)):
            app.push_screen(BreakScreen(pick_snack(snacks, turn), status="break due 3m ago"))
            await pilot.pause()
            box = app.screen.query_one(".dialog").region
            left, right = box.x, 80 - box.right
            top, bottom = box.y, 24 - box.bottom
            assert abs(left - right) <= 1 and abs(top - bottom) <= 1, box
            keys = app.screen.query_one("#break-keys", Static)
            assert keys.region.height == 1, keys.render()
            assert "took it" in str(keys.render()) and "later" in str(keys.render())
            app.pop_screen()
            await pilot.pause()


async def test_the_dialog_names_the_keys_in_force() -> None:
    from hiptui.content.snacks import load_snacks, pick_snack

    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        snacks, _ = load_snacks(app.home.bundled_dir)
        screen = BreakScreen(pick_snack(snacks, 0), keymap={"break.skip": "x"})
        app.push_screen(screen)
        await pilot.pause()
        line = str(app.screen.query_one("#break-keys", Static).render())
        assert "x skip" in line and "k skip" not in line
