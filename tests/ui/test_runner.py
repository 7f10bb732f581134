"""The session runner driven by keys on a fake clock; every completed set is in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.dialogs import ConfirmScreen, ResumeScreen
from hiptui.tui.screens.session import SessionScreen
from hiptui.tui.screens.summary import SummaryScreen
from hiptui.tui.widgets.mat_board import MatBoard
from tests.ui.helpers import FakeClock, clocked_app, loaded

SIZE = (100, 34)


def runner(app: HiptuiApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen), type(screen)
    return screen


def saved_sets() -> list[tuple[str, int, str | None, int, bool]]:
    with Database.open(paths.database_path()) as db:
        return [
            (s.exercise_id, s.set_number, s.side, s.reps, s.discomfort)
            for session in db.sessions()
            for s in session.sets
        ]


async def start(pilot: Pilot[None], exercise_id: str) -> SessionScreen:
    """Wait for the app to be up, start ``exercise_id`` at its default dosage, return the runner."""
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HiptuiApp)
    app.sessions.run_exercise(exercise_id, ask=False)
    await pilot.pause()
    return runner(app)


async def tick(app: HiptuiApp, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    runner(app).tick()


@pytest.fixture
def bells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rung: list[int] = []
    monkeypatch.setattr(HiptuiApp, "bell", lambda self: rung.append(1))
    return rung


async def test_reps_holds_rest_and_every_set_saved(bells: list[int]) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-thrust")
        for _ in range(3):
            await pilot.press("space")
        assert screen.machine.view.reps == 3
        board = screen.query_one(MatBoard)
        assert (board.phase, board.number) == ("REPS", "3")
        await pilot.press("backspace")
        assert screen.machine.view.reps == 2
        await pilot.press("f")
        assert saved_sets() == [("fixture-thrust", 1, None, 2, False)]
        view = screen.machine.view
        assert view.phase.value == "rest" and view.rest_remaining == 60
        await pilot.press("plus")
        assert screen.machine.view.rest_remaining == 75
        await tick(app, clock, 74.9)
        assert screen.machine.view.phase.value == "rest" and not bells
        await tick(app, clock, 0.2)
        assert screen.machine.view.phase.value == "set"
        assert bells == [1]


async def test_hold_counts_the_rep_only_after_the_hold() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-bridge")
        await pilot.press("space")
        assert screen.machine.view.phase.value == "hold"
        assert screen.machine.view.reps == 0
        await tick(app, clock, 2.0)
        assert screen.machine.view.reps == 1
        assert screen.machine.view.phase.value == "set"


async def test_per_side_halves_are_saved_with_their_side() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-bridge")
        assert screen.machine.view.side == "left"
        await pilot.press("space")
        await tick(app, clock, 2.0)
        await pilot.press("f")
        assert screen.machine.view.phase.value == "switch-sides"
        await tick(app, clock, 10)
        assert screen.machine.view.side == "right"
        await pilot.press("d", "f")  # no rep counted on this side yet: nothing is saved
        assert saved_sets() == [("fixture-bridge", 1, "left", 1, False)]
        await pilot.press("space")
        await tick(app, clock, 2.0)
        await pilot.press("f")
        assert saved_sets() == [
            ("fixture-bridge", 1, "left", 1, False),
            ("fixture-bridge", 1, "right", 1, True),
        ]


async def test_escape_asks_then_ends_with_a_summary() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fixture-curl")
        await pilot.press("space", "space", "f")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.total_reps == 2
    with Database.open(paths.database_path()) as db:
        (session,) = db.sessions()
        assert session.status == "ended-early" and session.ended_at is not None


async def test_quit_mid_session_then_resume_where_it_stopped(isolated_dirs: Path) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fixture-curl")
        await pilot.press("space", "space", "space", "f")
        await tick(app, clock, 61)
        await pilot.press("space")  # one rep of set 2, not completed
    assert saved_sets() == [("fixture-curl", 1, None, 3, False)]

    again = clocked_app(clock)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        screen = runner(again)
        assert screen.machine.view.set_number == 2
        assert screen.machine.view.reps == 1  # the rep counted before quitting is kept
        await pilot.press("space", "space", "f")
    assert saved_sets() == [
        ("fixture-curl", 1, None, 3, False),
        ("fixture-curl", 2, None, 3, False),
    ]


async def test_close_unfinished_session_as_it_is() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fixture-curl")
        await pilot.press("space", "f")
    again = clocked_app(clock)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
    with Database.open(paths.database_path()) as db:
        assert db.unfinished_session() is None
        (session,) = db.sessions()
        assert session.status == "ended-early" and len(session.sets) == 1


async def test_a_session_started_at_once_is_not_offered_for_resume() -> None:
    clock = FakeClock()
    app = clocked_app(clock, history_delay=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        app.sessions.run_exercise("fixture-curl", ask=False)  # before the history is read at start
        await loaded(pilot)
        assert app.history_checked
        assert isinstance(app.screen, SessionScreen)
