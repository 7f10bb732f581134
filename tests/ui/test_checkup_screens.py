"""The self-check screens driven by keys: intro, 15 questions, the result, saving and the plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from hiptui import paths
from hiptui.content.checkup_form import Option, load_checkup_form
from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import score
from hiptui.home import Home
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.checkup import CheckupScreen, answer_keys
from hiptui.tui.screens.checkup_result import CheckupResultScreen, PlanItem
from hiptui.tui.screens.dialogs import ConfirmScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, build_app, loaded, type_ahead

SIZE = (100, 30)

# One set of answers and the key that picks each one on screen (question order, Q1 .. Q15).
WEEKDAY = {"desk": ("9", 360), "screens": ("5", 120), "travel": ("4", 60), "other": ("3", 30)}
WEEKEND = {"desk": ("1", 0), "screens": ("6", 180), "travel": ("3", 30), "other": ("4", 60)}
REST = {
    "breaks": ("4", "D"),  # less often than every 2 hours
    "strength_days": ("0", 0),
    "thigh_check": ("n", "N"),
    "knee_check": ("y", "Y"),
    "wall_gap": ("1", "none"),
    "bridge_hold": ("3", "C"),  # 20 to 39 seconds
    "abdominal_check": ("2", "B"),  # flat-back hold of 15 to 29 seconds
}
KEYS = [key for table in (WEEKDAY, WEEKEND, REST) for key, _ in table.values()]
EXPECTED_ANSWERS: dict[str, Any] = {
    **{name: value for name, (_, value) in REST.items()},
    "weekday": {activity: value for activity, (_, value) in WEEKDAY.items()},
    "weekend": {activity: value for activity, (_, value) in WEEKEND.items()},
}
# The fifth bridge answer: stopped because it hurt (then the flat-back hold as before).
PAIN_KEYS = [*KEYS[:-2], "5", KEYS[-1]]


def plain(widget: Static) -> str:
    visual = widget.visual
    assert isinstance(visual, Content)
    return visual.plain


def text_of(screen: Any) -> str:
    """Every Static's text on the screen, in order."""
    return "\n".join(plain(static) for static in screen.query(Static) if static.display)


def checkups() -> list[Any]:
    with Database.open(paths.database_path()) as db:
        return db.checkups()


def top(app: HiptuiApp) -> object:
    """The current screen, read afresh (after an isinstance check on an earlier one)."""
    return app.screen


def question(app: HiptuiApp) -> CheckupScreen:
    screen = app.screen
    assert isinstance(screen, CheckupScreen), type(screen)
    return screen


def result_screen(app: HiptuiApp) -> CheckupResultScreen:
    screen = app.screen
    assert isinstance(screen, CheckupResultScreen), type(screen)
    return screen


async def open_checkup(pilot: Pilot[None]) -> CheckupScreen:
    await loaded(pilot)
    await pilot.press("c")
    await pilot.pause()
    return question(pilot.app)  # type: ignore[arg-type]


async def answer_all(pilot: Pilot[None], keys: list[str]) -> CheckupResultScreen:
    """From the catalog: open the self-check, begin, answer with ``keys``, wait for the save."""
    screen = await open_checkup(pilot)
    assert screen.step == -1
    await pilot.press("enter")
    return await answer_all_from_question_one(pilot, keys)


def flat(nested: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in nested.items():
        if isinstance(value, dict):
            values |= {f"{key}.{inner}": v for inner, v in value.items()}
        else:
            values[key] = value
    return values


async def answer_all_from_question_one(
    pilot: Pilot[None], keys: list[str], *, one_a_frame: bool = False
) -> CheckupResultScreen:
    """Answer with ``keys`` (one character each), typed ahead as a user who knows the answers
    types them, or one key a frame (``one_a_frame``); wait for the result to be saved."""
    if one_a_frame:
        for key in keys:
            await pilot.press(key)
    else:
        await type_ahead(pilot, "".join(keys))
    await pilot.pause()
    result = result_screen(pilot.app)  # type: ignore[arg-type]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return result


# -- the keys beside the answers -------------------------------------------------------------


def options(*values: int | str) -> tuple[Option, ...]:
    return tuple(Option(value, str(value)) for value in values)


def test_answer_keys_are_the_digit_the_letter_or_the_position() -> None:
    assert answer_keys(options(0, 1, 2, 3)) == ("0", "1", "2", "3")
    assert answer_keys(options("Y", "N", "U")) == ("y", "n", "u")
    minutes = answer_keys(options(0, 15, 30, 60, 120, 180, 240, 300, 360))
    assert minutes == tuple(str(n) for n in range(1, 10))
    # "b" goes back, so a scale with a B answer is numbered instead of lettered.
    assert answer_keys(options("A", "B", "C", "D")) == ("1", "2", "3", "4")
    assert answer_keys(options("none", "hand")) == ("1", "2")
    assert answer_keys(options(*range(11)))[9:] == ("", "")


def test_every_bundled_question_has_a_key_for_each_answer() -> None:
    questionnaire, problems = load_checkup_form(paths.bundled_content_dir())
    assert questionnaire is not None, problems
    for item in questionnaire.questions:
        keys = answer_keys(item.options)
        assert all(keys) and len(set(keys)) == len(keys), item.key
        assert not {"b", "j", "k", "q"} & set(keys)


# -- answering -------------------------------------------------------------------------------


async def test_the_whole_questionnaire_by_keyboard_reaches_a_saved_result() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkup(pilot)
        intro = text_of(screen)
        assert "not a diagnosis" in intro and "pregnant" in intro
        await pilot.press("enter")
        progress = screen.query_one("#question-progress", Static)
        assert plain(progress).startswith("Question 1 of 15")
        result = await answer_all_from_question_one(pilot, KEYS, one_a_frame=True)
        weekday = sum(value for _, value in WEEKDAY.values())
        weekend = sum(value for _, value in WEEKEND.values())
        weekly = 5 * weekday + 2 * weekend
        assert weekly > 3360  # over 8 hours a day
        shown = text_of(result)
        assert f"{weekly} min" in shown
        assert f"5 x {weekday} + 2 x {weekend}" in shown
        assert "8.07 h" in shown  # 3390 / 420 = 8.071..., cut to two decimals
        assert "very-high" in plain(result.query_one("#band", Static))
        assert "Saved to your history as self-check 1" in plain(
            result.query_one("#result-saved", Static)
        )
        assert "See a clinician" not in shown
    rows = checkups()
    assert len(rows) == 1
    assert rows[0].answers == EXPECTED_ANSWERS
    assert rows[0].result["weekly_minutes"] == weekly
    assert rows[0].result["band"] == "very-high"
    assert rows[0].result == score(Answers.from_values(flat(EXPECTED_ANSWERS))).to_dict()


async def test_enter_picks_the_highlighted_answer_and_jk_move() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkup(pilot)
        await pilot.press("enter", "j", "j", "k", "enter")
        assert screen.values == {"weekday.desk": 15}
        assert screen.step == 1


async def test_going_back_keeps_the_answers_and_changes_one() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkup(pilot)
        await pilot.press("enter", "9", "5")
        assert screen.step == 2
        await pilot.press("backspace")
        assert plain(screen.query_one("#question-progress", Static)).startswith("Question 2 of")
        answers = screen.query_one("#answers", OptionList)
        assert answers.highlighted == 4  # 120 minutes, the answer given
        await pilot.press("b")
        assert screen.step == 0 and answers.highlighted == 8  # 360 minutes
        label = answers.get_option_at_index(8).prompt
        assert isinstance(label, Content) and "your answer" in label.plain
        await pilot.press("1")  # change Q1 to none
        assert screen.step == 1 and answers.highlighted == 4  # Q2 still holds its answer
        assert screen.values == {"weekday.desk": 0, "weekday.screens": 120}
        await pilot.press("b", "b")
        assert screen.step == -1  # back at the intro
        await pilot.press("enter")
        result = await answer_all_from_question_one(pilot, ["1", *KEYS[1:]])
        assert result.answers.weekday.desk == 0
    rows = checkups()
    assert len(rows) == 1 and rows[0].answers["weekday"]["desk"] == 0


async def test_escape_asks_then_leaves_without_saving() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkup(pilot)
        await pilot.press("enter", "9", "5", "4")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert top(app) is screen and screen.step == 3
        assert len(screen.values) == 3
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
    assert checkups() == []


async def test_escape_on_the_intro_leaves_at_once() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_checkup(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)


async def test_a_broken_questionnaire_is_reported_and_cannot_begin(tmp_path: Path) -> None:
    (tmp_path / "checkup").mkdir()
    (tmp_path / "checkup" / "questions.toml").write_text('title = "x"\nintro = [\n')
    app = build_app()
    app.home.bundled_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkup(pilot)
        shown = text_of(screen)
        assert "could not be loaded" in shown and "questions.toml:" in shown
        await pilot.press("enter")
        assert screen.step == -1


# -- the result ------------------------------------------------------------------------------


async def test_start_key_runs_the_plan_warm_up_first() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        result = await answer_all(pilot, KEYS)
        expected = ["glute-bridge", "quadruped-kickback", "standing-kickback", "dead-bug",
                    "kneeling-hip-flexor-stretch"]  # fmt: skip
        assert result.result.exercise_ids == ("warm-up", *expected)
        await pilot.press("s")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        plan = session.machine.plan
        assert plan.warmup is not None and plan.warmup.exercise_id == "warm-up"
        assert [item.exercise_id for item in plan.items] == expected


async def test_enter_on_a_plan_exercise_opens_it() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        result = await answer_all(pilot, KEYS)
        items = list(result.query(PlanItem))
        assert [item.exercise_id for item in items] == list(result.result.exercise_ids)
        await pilot.press("j", "j")
        assert result.focused is items[1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == items[1].exercise_id
        await pilot.press("escape", "k", "k")
        assert top(app) is result and result.focused is items[0]


async def test_pain_shows_the_clinician_message_and_no_hip_thrust() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        result = await answer_all(pilot, PAIN_KEYS)
        assert result.answers.bridge_hold == "E"
        alert = plain(result.query_one("#result-pain", Static))
        assert "See a clinician" in alert and "doctor or physiotherapist" in alert
        ids = [item.exercise_id for item in result.query(PlanItem)]
        assert not any("thrust" in exercise_id for exercise_id in ids)
        assert ids == ["warm-up", "glute-bridge", "quadruped-kickback", "dead-bug",
                       "kneeling-hip-flexor-stretch"]  # fmt: skip
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)  # asks before starting
        await pilot.press("n")
        assert top(app) is result
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert checkups()[0].result["pain_flag"] is True


async def test_changes_since_the_last_saved_result_are_shown() -> None:
    earlier = dict(flat(EXPECTED_ANSWERS), **{"weekday.desk": 60, "bridge_hold": "A"})
    before = score(Answers.from_values(earlier))
    with Database.open(paths.database_path()) as db:
        db.save_checkup(Answers.from_values(earlier).to_dict(), before.to_dict())
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        result = await answer_all(pilot, KEYS)
        changes = plain(result.query_one("#result-changes", Static))
        assert changes.startswith("Since your last self-check")
        weekly = result.result.weekly_minutes
        assert f"Weekly sitting: {before.weekly_minutes} -> {weekly} min" in changes
        assert f"Priority: {before.priority} -> {result.result.priority}" in changes
        assert "self-check 2" in plain(result.query_one("#result-saved", Static))
    assert len(checkups()) == 2


async def test_no_changes_section_without_an_earlier_result() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        result = await answer_all(pilot, KEYS)
        assert not result.query_one("#result-changes", Static).display


def cannot_open(home: Home) -> Database:
    raise StoreError(str(home.database_path), "cannot open the database file")


async def test_a_database_that_cannot_open_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # Only this patch is undone below: monkeypatch.undo() would also undo the conftest's
        # folders, and checkups() would then read the real home's database.
        with monkeypatch.context() as patch:
            patch.setattr(Home, "database", cannot_open)
            result = await answer_all(pilot, KEYS)
            assert plain(result.query_one("#result-saved", Static)).startswith("Not saved")
            assert result.saved_id is None
    assert checkups() == []


async def test_take_it_again_starts_with_the_answers_given() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(pilot, KEYS)
        await pilot.press("r")
        await pilot.pause()
        again = question(app)
        await pilot.press("enter")
        assert again.query_one("#answers", OptionList).highlighted == 8  # 360 minutes
        await pilot.press(*["enter"] * 15)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CheckupResultScreen)
    rows = checkups()
    assert len(rows) == 2 and rows[0].answers == rows[1].answers == EXPECTED_ANSWERS


class Wall:
    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.start = clock, clock.now
        self.base = datetime(2024, 5, 22, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.start)


async def test_the_new_break_interval_applies_at_once() -> None:
    clock = FakeClock()
    app = build_app(clock=clock, break_clock=clock, wall_now=Wall(clock), break_reminder=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.breaks is not None
        assert app.breaks.reminder.interval.minutes == 45  # hiptui's default
        result = await answer_all(pilot, KEYS)
        assert result.result.reminder_minutes == 30
        assert app.breaks.reminder.interval.minutes == 30
        assert "break in 30m" in app.title


# -- snapshots -------------------------------------------------------------------------------


async def _settle(pilot: Pilot[None]) -> None:
    pilot.app.animation_level = "none"
    await loaded(pilot)


def test_question_snapshot(snap_compare: Any) -> None:
    async def thigh_check(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("c", "enter")
        await type_ahead(pilot, "".join(KEYS[:10]))
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=thigh_check)


def test_result_snapshot(snap_compare: Any) -> None:
    async def result(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("c", "enter")
        await type_ahead(pilot, "".join(PAIN_KEYS))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=result)
