"""The prescription before training: on the exercise's card and in the start dialog, whose
numbers are last time's moved on by the rules (docs/progression.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.widgets import Input, Static

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.screens.dialogs import PlanScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from tests.ui.helpers import build_app, loaded, until

# Yesterday: within two weeks, so no easier comeback (tests/ui/test_comeback.py) applies.
YESTERDAY = datetime.now(UTC) - timedelta(days=1)


def ticking(start: datetime) -> Callable[[], datetime]:
    moments = iter(start + timedelta(seconds=n) for n in range(1000))
    return lambda: next(moments)


def log_glute_bridges(reps: list[int], *, discomfort: bool = False) -> None:
    plan = {"items": [{"exercise_id": "glute-bridge", "sets": len(reps),
                       "target_reps": [8, 12], "hold_seconds": 2}]}  # fmt: skip
    with Database.open(paths.database_path(), now=ticking(YESTERDAY)) as db:
        session = db.start_session("Glute bridge", plan)
        for number, count in enumerate(reps, start=1):
            db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
                       set_number=number, side=None, reps=count, hold_seconds=2,
                       discomfort=discomfort)  # fmt: skip
        db.finish_session(session, "completed")
        # Yesterday's session: the next-morning question was asked already (skipped), so the
        # app opens on the catalog (tests/ui/test_pain_next_day.py asks it).
        db.answer_pain_question(session, None)


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_the_start_dialog_offers_last_times_dosage_moved_on_with_the_reason() -> None:
    log_glute_bridges([12, 11, 10])
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        dialog = app.screen
        assert dialog.query_one("#plan-sets", Input).value == "3"
        assert dialog.query_one("#plan-reps", Input).value == "11"
        assert dialog.query_one("#plan-hold", Input).value == "2"
        advice = text_of(dialog.query_one("#plan-advice", Static))
        assert advice.splitlines() == [
            "Glute bridge: 3 sets of 11 reps (8-12)",
            "Pain light: green (pain 0-2)",
            "Why: 1 of 3 sets reached 12 (fewest 10), no pain logged -> aim for 11 reps",
        ]
        await pilot.press("escape")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        card = text_of(app.screen.query_one("#exercise-card", Static))
        assert card.startswith("Next time\nGlute bridge: 3 sets of 11 reps (8-12)\n")


async def test_a_discomfort_mark_holds_the_dosage_and_says_amber_in_words() -> None:
    log_glute_bridges([12, 12, 12], discomfort=True)
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert app.screen.query_one("#plan-reps", Input).value == "12"
        advice = text_of(app.screen.query_one("#plan-advice", Static))
        assert "Pain light: amber (pain 3-5)" in advice
        assert "discomfort marked, no pain number: amber (3-5) -> 12 reps again" in advice
        start = app.screen.query_one("#plan-go").region
        assert start.bottom <= 24 and start.height > 0  # Start still on an 80x24 screen


async def test_nothing_logged_keeps_the_exercises_own_dosage() -> None:
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert app.screen.query_one("#plan-reps", Input).value == "8-12"
        assert not app.screen.query("#plan-advice")


def log_hip_thrusts(load: float, reps: list[int]) -> None:
    """A session of hip thrusts at ``load`` kg, its load written as another tool would."""
    import sqlite3

    with Database.open(paths.database_path(), now=ticking(YESTERDAY)) as db:
        session = db.start_session("Hip thrust", {"items": []})
        for number, count in enumerate(reps, start=1):
            db.log_set(session, exercise_id="hip-thrust", exercise_name="Hip thrust",
                       set_number=number, side=None, reps=count)  # fmt: skip
        db.finish_session(session, "completed")
    with sqlite3.connect(paths.database_path()) as raw:
        raw.execute("UPDATE sets SET load_value = ?, load_unit = 'kg', rir = 2, pain = 1", (load,))


async def test_the_start_dialog_offers_the_advised_load_and_the_runner_gets_it() -> None:
    from hiptui.content.load import Load
    from hiptui.content.models import Range
    from hiptui.tui.screens.session import SessionScreen

    log_hip_thrusts(40.0, [12, 12, 12])
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("hip-thrust")
        await until(
            pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.query("#plan-go")
        )
        dialog = app.screen
        assert dialog.query_one("#plan-load", Input).value == "42.5 kg"
        assert dialog.query_one("#plan-reps", Input).value == "8"
        advice = text_of(dialog.query_one("#plan-advice", Static))
        assert "Why: all 3 sets reached 12, pain 1/10 -> 42.5 kg (was 40 kg)" in advice
        dialog.query_one("#plan-load", Input).value = "45 kg"
        await pilot.click("#plan-go")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        item = app.screen.machine.plan.items[0]  # type: ignore[attr-defined]
        assert (item.sets, item.target_reps, item.load) == (3, Range(8, 8), Load(45.0, "kg"))


async def test_a_load_the_dialog_cannot_read_is_said_and_nothing_starts() -> None:
    log_hip_thrusts(40.0, [12, 12, 12])
    app = build_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("hip-thrust")
        await until(
            pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.query("#plan-go")
        )
        app.screen.query_one("#plan-load", Input).value = "heavy"
        await pilot.click("#plan-go")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        error = text_of(app.screen.query_one("#plan-error", Static))
        assert error == "Load must be like 42.5 kg, 100 lb or band 2 (or empty)"
