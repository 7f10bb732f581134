"""Logging a set's load, reps in reserve and pain in the runner: the one-line form after a set of
a loaded exercise, pre-filled from the last time, accepted with enter."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from hiptui import paths
from hiptui.content.load import Load
from hiptui.core.session.details_text import parse_load, parse_scale
from hiptui.store.db import Database
from hiptui.store.records import SetDetails
from hiptui.tui.screens.set_details import SetDetailsScreen
from hiptui.tui.screens.summary import SummaryScreen
from tests.ui.helpers import FakeClock, clocked_app, until
from tests.ui.test_runner import SIZE, runner, start

LAST_WEEK = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def logged_before(details: SetDetails) -> None:
    """A finished session last week with one fixture-thrust set logged with ``details``."""
    with Database.open(paths.database_path(), now=lambda: LAST_WEEK) as db:
        session = db.start_session("Last week", {})
        db.log_set(session, exercise_id="fixture-thrust", exercise_name="Fixture thrust",
                   set_number=1, side=None, reps=10, details=details)  # fmt: skip
        db.finish_session(session, "completed")


def details_saved() -> list[tuple[int, int, Load | None, int | None, int | None]]:
    """(set number, reps, load, RIR, pain) of this session's sets (the newest session)."""
    with Database.open(paths.database_path(), read_only=True) as db:
        newest = db.sessions(1)[0]
        return [(s.set_number, s.reps, s.load, s.rir, s.pain) for s in newest.sets]


async def finish_a_set_of_six(pilot: Pilot[None], app: App[None]) -> SetDetailsScreen:
    """Six reps and ``f``: the set is saved and its details form opens."""
    for _ in range(6):
        await pilot.press("space")
    await pilot.press("f")
    await until(pilot, lambda: isinstance(app.screen, SetDetailsScreen))
    form = app.screen
    assert isinstance(form, SetDetailsScreen)
    return form


async def test_a_loaded_set_with_rir_and_pain_is_logged_with_one_key() -> None:
    logged_before(SetDetails(Load(40.0, "kg"), 2, 1))
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-thrust")
        form = await finish_a_set_of_six(pilot, app)
        values = [
            form.query_one(f"#details-{name}", Input).value for name in ("load", "rir", "pain")
        ]
        assert values == ["40 kg", "2", "1"]
        # The set is on disk already; the details are an update of it.
        assert details_saved() == [(1, 6, None, None, None)]
        await pilot.press("enter")  # the pre-filled values are right: one key
        await until(pilot, lambda: app.screen is screen)
        assert details_saved() == [(1, 6, Load(40.0, "kg"), 2, 1)]
        assert screen.machine.view.phase.value == "rest"  # the rest went on meanwhile


async def test_changed_values_are_quick_to_type_and_the_last_set_asks_before_the_summary() -> None:
    logged_before(SetDetails(Load(40.0, "kg"), 2, 1))
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-thrust")
        # A harder set: RIR 2 -> 0 and pain 1 -> 3, typed in five keys after the set.
        await finish_a_set_of_six(pilot, app)
        await pilot.press("tab", "backspace", "0", "tab", "backspace", "3", "enter")
        await until(pilot, lambda: app.screen is screen)
        assert details_saved() == [(1, 6, Load(40.0, "kg"), 0, 3)]
        # A value that cannot be read keeps the form open and says why.
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, SetDetailsScreen))
        await pilot.press("tab", "tab", "backspace", "1", "1", "enter")
        form = app.screen
        assert isinstance(form, SetDetailsScreen)
        assert "pain: a whole number from 0 to 10" in str(form.query_one("#details-error").render())
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert details_saved() == [(1, 6, Load(40.0, "kg"), 0, 3)]
        # Every later set until the end: the last one asks, then the summary comes.
        while not isinstance(app.screen, SummaryScreen):
            clock.advance(600)
            screen.tick()
            await pilot.pause()
            if screen.machine.view.phase.value == "set":
                for _ in range(6):
                    await pilot.press("space")
                await pilot.press("f")
            if isinstance(app.screen, SetDetailsScreen):
                await pilot.press("enter")
            await pilot.pause()
        saved = details_saved()
        assert len(saved) >= 2 and all(s[2] == Load(40.0, "kg") for s in saved)
        assert saved[-1][3:] == (0, 3)  # each set starts from the one before


async def test_a_bodyweight_exercise_never_asks() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, "fixture-bridge")
        await pilot.press("space", "f")
        await pilot.pause()
        assert runner(app) is screen and not isinstance(app.screen, SetDetailsScreen)


def test_the_form_reads_loads_and_scales() -> None:
    assert parse_load("40", "kg") == Load(40.0, "kg")
    assert parse_load("95 lbs", "kg") == Load(95.0, "lb")
    assert parse_load("42,5kg", "lb") == Load(42.5, "kg")
    assert parse_load("Band 2", "kg") == Load(2.0, "band")
    assert parse_load("", "kg") is None and parse_load("bw", "kg") is None
    for bad, message in [("40 st", "the unit is kg, lb or band"), ("-5", "not a number"),
                         ("lots", "type a weight"), ("1e9", "type a weight"),
                         ("20000 kg", "not a number from 0 to 10000")]:  # fmt: skip
        try:
            parse_load(bad, "kg")
        except ValueError as error:
            assert message in str(error), (bad, error)
        else:
            raise AssertionError(bad)
    assert parse_scale("", "RIR", 5) is None and parse_scale("5", "RIR", 5) == 5
    for bad in ("6", "-1", "x", "٣"):
        try:
            parse_scale(bad, "RIR", 5)
        except ValueError as error:
            assert "RIR: a whole number from 0 to 5" in str(error)
        else:
            raise AssertionError(bad)


class _Runner:
    """What the form reads of a runner, without a screen."""

    def __init__(self, db: Database, planned: Load | None) -> None:
        from dataclasses import replace

        from hiptui import sessions
        from tests.unit.test_session_support import counted, plan

        item = replace(counted("fixture-thrust"), load=planned)
        self.machine, self.recorder = sessions.start_session(
            db, plan(item), clock=FakeClock(), start_side="left"
        )
        self.exercises: dict[str, object] = {}
        self.units = "metric"


def test_a_load_chosen_at_the_start_makes_the_set_ask_and_comes_first() -> None:
    from hiptui.core.session.completed_set import CompletedSet
    from hiptui.tui.screens.set_details import _last, _planned_load, asks_details

    db = Database.in_memory()
    done = CompletedSet("fixture-thrust", "Fixture thrust", 1, None, 8, None, None, False, 0, 0)
    plain = _Runner(db, None)
    assert not asks_details(plain, done)  # type: ignore[arg-type]
    chosen = _Runner(db, Load(50.0, "kg"))
    assert asks_details(chosen, done)  # type: ignore[arg-type]
    assert _planned_load(chosen, "fixture-thrust") == Load(50.0, "kg")  # type: ignore[arg-type]
    assert _last(chosen, "fixture-thrust") == (SetDetails(), False)  # type: ignore[arg-type]
