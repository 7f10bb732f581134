"""The break clock in the app: due -> notification, bell and break screen; taking it logs it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.break_dialog import BreakScreen
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FIXTURES, FakeClock, build_app, loaded

SIZE = (100, 30)


class Wall:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.start = clock.now
        self.base = datetime(2024, 5, 22, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.start)


def app_with_clock(clock: FakeClock) -> HiptuiApp:
    return build_app(
        [FIXTURES / "exercises"],
        clock=clock,
        break_clock=clock,
        wall_now=Wall(clock),
        break_reminder=True,
    )


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
        await pilot.pause()
        app.breaks.poll()
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)


async def test_the_clock_leaves_its_start_for_the_shell() -> None:
    """`hiptui status` counts from the same moment as the app before the first break."""
    from hiptui.store.app_opened import read_app_opened

    clock = FakeClock()
    wall = Wall(clock)
    app = build_app(
        [FIXTURES / "exercises"], clock=clock, break_clock=clock, wall_now=wall, break_reminder=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        assert read_app_opened(paths.app_opened_path()) == wall.base
        assert paths.app_opened_path().stat().st_mode & 0o777 == 0o600


async def test_a_start_that_cannot_be_recorded_changes_nothing_in_the_app() -> None:
    paths.app_opened_path().mkdir(parents=True)  # a folder where the file would go
    clock = FakeClock()
    app = app_with_clock(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        assert "break in 45m" in app.title
