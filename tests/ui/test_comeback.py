"""The first session back after two weeks or more off: the start dialog and ``hiptui run ID``
suggest the low end of the exercise's dosage, and say why (core/week/comeback.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Input, Static

from hiptui import paths
from hiptui.content.models import Range
from hiptui.store.db import Database
from hiptui.tui.screens.dialogs import PlanScreen
from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded, until

SIZE = (100, 34)
ZONE = timezone(timedelta(hours=-5))
NOW = datetime(2024, 6, 5, 20, 0, tzinfo=ZONE)


def log_set(exercise_id: str, at: datetime) -> None:
    """One finished session with one set of ``exercise_id``, both stamped ``at``."""
    with Database.open(paths.database_path(), now=lambda: at) as db:
        session = db.start_session("Before", {})
        db.log_set(session, exercise_id=exercise_id, exercise_name=exercise_id, set_number=1,
                   side=None, reps=10)  # fmt: skip
        db.finish_session(session, "completed")


def runner_item(screen: object) -> tuple[int, Range | None]:
    assert isinstance(screen, SessionScreen), type(screen)
    item = screen.machine.plan.items[0]
    return item.sets, item.target_reps


async def test_the_start_dialog_after_two_weeks_off_suggests_the_low_end_and_says_why() -> None:
    # 16 days by the local calendar (the set was logged at 23:00 local, 04:00 UTC next day).
    log_set("fixture-bridge", datetime(2024, 5, 20, 23, 0, tzinfo=ZONE))
    app = clocked_app(FakeClock(), wall_now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-bridge")
        await until(
            pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.query("#plan-go")
        )
        dialog = app.screen
        assert dialog.query_one("#plan-sets", Input).value == "2"
        assert dialog.query_one("#plan-reps", Input).value == "8"
        note = str(dialog.query_one("#plan-comeback", Static).content)
        assert note.startswith("16 days since your last Fixture fixture-bridge: start easier")
        assert "2 sets of 8 reps per side, the low end of its dosage" in note
        await pilot.click("#plan-go")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert runner_item(app.screen) == (2, Range(8, 8))


async def test_within_two_weeks_the_dialog_shows_the_usual_dosage() -> None:
    log_set("fixture-bridge", NOW - timedelta(days=13))
    app = clocked_app(FakeClock(), wall_now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-bridge")
        await until(
            pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.query("#plan-go")
        )
        assert not app.screen.query("#plan-comeback")
        # Last time's dosage moved on by the rules (docs/progression.md): one set of 10 on one
        # side only of a per-side exercise, so one rep more.
        assert app.screen.query_one("#plan-reps", Input).value == "11"
        assert app.screen.query("#plan-advice")


async def test_run_id_after_time_off_starts_easier_and_says_why() -> None:
    log_set("fixture-curl", NOW - timedelta(days=23))
    app = clocked_app(FakeClock(), start="fixture-curl", wall_now=lambda: NOW)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert runner_item(app.screen) == (2, Range(10, 10))  # 3 sets of 10: one set fewer
        (told,) = [n for n in app._notifications if n.title == "Easing back in after time off"]
        assert told.message.startswith("3 weeks since your last Fixture ball curl")
        assert "2 sets of 10 reps" in told.message


async def test_an_exercise_never_done_starts_as_usual() -> None:
    app = clocked_app(FakeClock(), start="fixture-curl", wall_now=lambda: NOW)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert runner_item(app.screen) == (3, Range(10, 10))
        assert not [n for n in app._notifications if n.title.startswith("Easing")]
