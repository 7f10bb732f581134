"""Resuming after a crash, a kill or ctrl+q: any number of times, from ``hiptui run ID`` too, and
never an older session with sets hidden behind a newer empty one."""

from __future__ import annotations

from textual.pilot import Pilot

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.dialogs import ResumeScreen
from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded

SIZE = (100, 34)


def runner(app: HiptuiApp) -> SessionScreen:
    assert isinstance(app.screen, SessionScreen), type(app.screen)
    return app.screen


def active_sessions() -> list[tuple[int, int]]:
    """(id, sets saved) of every session still open, oldest first."""
    with Database.open(paths.database_path(), read_only=True) as db:
        return sorted((s.id, len(s.sets)) for s in db.unfinished_sessions())


async def offered(pilot: Pilot[None]) -> ResumeScreen:
    await loaded(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ResumeScreen), type(screen)
    return screen


async def test_a_session_with_a_top_hold_resumes_any_number_of_times() -> None:
    """One rep of a held exercise, f, quit; then open, resume, quit, three times over: the
    sets read back from SQLite (2.0 s holds) must fit the snapshot every time."""
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-bridge", ask=False)
        await pilot.pause()
        await pilot.press("space")
        clock.advance(3)
        runner(app).tick()
        await pilot.press("f")
    for _again in range(3):
        app = clocked_app(clock)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await offered(pilot)
            await pilot.press("r")
            await pilot.pause()
            view = runner(app).machine.view
            assert (view.exercise_id, view.set_number) == ("fixture-bridge", 1)
            assert not [n for n in app._notifications if n.severity == "error"]
    with Database.open(paths.database_path(), read_only=True) as db:
        (session,) = db.unfinished_sessions()
        assert [(s.set_number, s.side, s.hold_seconds) for s in session.sets] == [(1, "left", 2.0)]


async def crash_with_one_set(clock: FakeClock) -> None:
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        await pilot.press("space", "f")


async def test_run_id_after_a_crash_offers_the_unfinished_session() -> None:
    clock = FakeClock()
    await crash_with_one_set(clock)
    ((older, _sets),) = active_sessions()
    app = clocked_app(clock, start="fixture-thrust")
    async with app.run_test(size=SIZE) as pilot:
        screen = await offered(pilot)
        assert "1 set saved" in screen.description
        await pilot.press("r")
        await pilot.pause()
        assert runner(app).recorder.session_id == older
    app = clocked_app(clock, start="fixture-thrust")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.press("escape")  # later: what was asked for starts
        await pilot.pause()
        assert runner(app).machine.plan.items[0].exercise_id == "fixture-thrust"
    # That one is killed before a set: the older session with a set is still the one offered.
    assert [sets for _id, sets in active_sessions()] == [1, 0]
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await offered(pilot)
        assert "1 set saved" in screen.description
        await pilot.press("r")
        await pilot.pause()
        assert runner(app).recorder.session_id == older


async def test_run_id_closing_the_unfinished_session_then_runs() -> None:
    clock = FakeClock()
    await crash_with_one_set(clock)
    app = clocked_app(clock, start="fixture-thrust")
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert runner(app).machine.plan.items[0].exercise_id == "fixture-thrust"
    assert [sets for _id, sets in active_sessions()] == [0]
