"""The weekly plan's rules on fixed dates: the session due, a missed day moved once, the week's
strength days against the goal, the self-check re-take, and easing back in after time off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hiptui.content.models import Dosage, Exercise, Range
from hiptui.core.week.comeback import TIME_OFF_DAYS, comeback
from hiptui.core.week.schedule import (
    checkup_due,
    checkup_due_on,
    day_plan,
    session_due,
    strength_goal,
)
from tests.unit.test_planning import exercise as planning_exercise

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# Monday 3 June 2024 starts an ISO week.
MONDAY = date(2024, 6, 3)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def test_a_training_day_is_due_and_another_day_is_not() -> None:
    assert session_due(day(MON), {MON, THU}, set()) == (True, None)
    assert session_due(day(WED), {MON, THU}, {day(MON)}) == (False, None)
    assert session_due(day(SAT), set(), set()) == (False, None)


def test_a_missed_day_moves_to_the_next_day_once_not_endlessly() -> None:
    # Monday missed: due on Tuesday, standing in for Monday.
    assert session_due(day(TUE), {MON, THU}, set()) == (True, day(MON))
    # Missed on Tuesday too: nothing on Wednesday.
    assert session_due(day(WED), {MON, THU}, set()) == (False, None)
    # Monday done: nothing moves.
    assert session_due(day(TUE), {MON, THU}, {day(MON)}) == (False, None)
    # A missed Sunday moves across the week boundary to Monday.
    assert session_due(day(7), {SUN}, set()) == (True, day(SUN))


def test_a_moved_day_does_not_double_up_with_a_training_day() -> None:
    assert session_due(day(TUE), {MON, TUE}, set()) == (True, None)


def test_the_goal_is_two_days_or_the_planned_days_when_more() -> None:
    assert strength_goal(set()) == 2
    assert strength_goal({MON}) == 2
    assert strength_goal({MON, WED, FRI}) == 3


def test_the_day_plan_counts_this_weeks_strength_days_only() -> None:
    done = {day(-1), day(MON), day(WED)}  # last Sunday is last week's
    plan = day_plan(day(WED), {MON, WED, FRI}, done)
    assert (plan.due, plan.moved_from, plan.done) == (True, None, True)
    assert (plan.strength_days, plan.strength_goal, plan.goal_met) == (2, 3, False)
    later = day_plan(day(FRI), {MON, WED, FRI}, done | {day(FRI)})
    assert (later.strength_days, later.goal_met) == (3, True)
    # Days after "today" do not count yet.
    assert day_plan(day(TUE), {MON}, {day(MON), day(THU)}).strength_days == 1


def test_the_self_check_is_due_every_n_weeks_after_the_last_one() -> None:
    assert checkup_due_on(None, 4) is None
    assert not checkup_due(None, day(MON), 4)
    assert checkup_due_on(day(MON), 4) == day(28)
    assert not checkup_due(day(MON), day(27), 4)
    assert checkup_due(day(MON), day(28), 4)
    assert checkup_due(day(MON), day(7), 1)
    with pytest.raises(ValueError):
        checkup_due_on(day(MON), 0)


def exercise(**changes: object) -> Exercise:
    base = planning_exercise("glute-bridge", Dosage(sets=Range(2, 3), reps=Range(8, 12)))
    return base.replace(name="Glute bridge", **changes)


def test_two_weeks_off_suggests_the_low_end_and_says_why() -> None:
    today = day(20)
    easier = comeback(exercise(), today - timedelta(days=TIME_OFF_DAYS), today)
    assert easier is not None
    assert (easier.sets, easier.reps, easier.work_seconds, easier.days_off) == (
        2, Range(8, 8), None, 14,
    )  # fmt: skip
    assert easier.text.startswith("14 days since your last Glute bridge: start easier today")
    assert "2 sets of 8 reps" in easier.text
    weeks = comeback(exercise(per_side=True), today - timedelta(days=23), today)
    assert weeks is not None and weeks.text.startswith("3 weeks since")
    assert "of 8 reps per side" in weeks.text


def test_no_suggestion_within_two_weeks_never_done_or_for_a_stretch() -> None:
    today = day(20)
    assert comeback(exercise(), today - timedelta(days=TIME_OFF_DAYS - 1), today) is None
    assert comeback(exercise(), None, today) is None
    hold = Dosage(Range(2, 3), work_seconds=Range(30, 30))
    stretch = exercise(category="stretching", dosage=hold)
    assert comeback(stretch, day(0) - timedelta(days=60), today) is None


def test_a_single_number_dosage_eases_by_one_set_and_a_timed_one_by_time() -> None:
    today = day(30)
    fixed = comeback(exercise(dosage=Dosage(Range(3, 3), Range(10, 10))), day(0), today)
    assert fixed is not None and (fixed.sets, fixed.reps) == (2, Range(10, 10))
    assert comeback(exercise(dosage=Dosage(Range(1, 1), Range(10, 10))), day(0), today) is None
    plank = exercise(dosage=Dosage(Range(2, 3), work_seconds=Range(20, 40)))
    timed = comeback(plank, day(0), today)
    assert timed is not None and (timed.sets, timed.reps, timed.work_seconds) == (2, None, 20)
    assert "2 sets of 20 s" in timed.text
