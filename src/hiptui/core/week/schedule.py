"""Which session is due today, whether it is done, this week's strength days, and when the
self-check is due again.

The rules (docs/weekly-plan.md):

- A session is due on each training day. A training day that passed without a strength
  session moves to the next day, once: a missed Monday is due on Tuesday; missed again on
  Tuesday, it is gone (it never moves on to Wednesday). A moved day never doubles up with a
  training day of its own: that day is simply due.
- A day is done when it holds a strength session: at least one completed set of a strength
  exercise, the same rule as the history's weekly count (:mod:`hiptui.core.history.consistency`).
- The week's goal is 2 or more strength days (WHO 2020 guidelines for adults: muscle-
  strengthening activity on 2 or more days a week), or the number of training days when more
  are planned.
- A self-check is due again ``every_weeks`` weeks after the last one (4 by default); with none
  saved, none is due.

Pure: days are plain dates and weekdays are numbers (Monday 0 ... Sunday 6); "today" is a
parameter, nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

from hiptui.content.frozen import Frozen, _set
from hiptui.core.history.consistency import TARGET_DAYS, consistency

WHO_STRENGTH_DAYS = TARGET_DAYS  # WHO 2020: muscle-strengthening activity on 2+ days a week


class DayPlan(Frozen):
    """What ``day`` holds."""

    __slots__ = FIELDS = (
        "day", "due", "moved_from", "done", "strength_days", "strength_goal",
    )  # fmt: skip
    day: date
    due: bool
    moved_from: date | None  # the missed training day this session stands in for
    done: bool  # a strength session is logged on ``day``
    strength_days: int  # strength days so far in ``day``'s ISO week (Monday to Sunday)
    strength_goal: int

    def __init__(
        self,
        day: date,
        due: bool,
        moved_from: date | None,
        done: bool,
        strength_days: int,
        strength_goal: int,
    ) -> None:
        _set(self, "day", day)
        _set(self, "due", due)
        _set(self, "moved_from", moved_from)
        _set(self, "done", done)
        _set(self, "strength_days", strength_days)
        _set(self, "strength_goal", strength_goal)

    @property
    def goal_met(self) -> bool:
        return self.strength_days >= self.strength_goal


def session_due(
    today: date, training_weekdays: Collection[int], done_days: Collection[date]
) -> tuple[bool, date | None]:
    """Whether a session is due ``today``, and the missed day it was moved from, if any."""
    if today.weekday() in training_weekdays:
        return True, None
    yesterday = today - timedelta(days=1)
    if yesterday.weekday() in training_weekdays and yesterday not in done_days:
        return True, yesterday
    return False, None


def strength_goal(training_weekdays: Collection[int]) -> int:
    """2 days a week (WHO 2020), or more when more training days are planned."""
    return max(WHO_STRENGTH_DAYS, len(set(training_weekdays)))


def day_plan(today: date, training_weekdays: Collection[int], done_days: Iterable[date]) -> DayPlan:
    days = set(done_days)
    due, moved_from = session_due(today, training_weekdays, days)
    goal = strength_goal(training_weekdays)
    week = consistency(days, today, goal)
    return DayPlan(
        day=today,
        due=due,
        moved_from=moved_from,
        done=today in days,
        strength_days=week.days_this_week,
        strength_goal=goal,
    )


def checkup_due_on(last_taken: date | None, every_weeks: int) -> date | None:
    """The day the next self-check is due, ``None`` with no self-check saved."""
    if every_weeks < 1:
        raise ValueError(f"every_weeks must be 1 or more, not {every_weeks}")
    return None if last_taken is None else last_taken + timedelta(weeks=every_weeks)


def checkup_due(last_taken: date | None, today: date, every_weeks: int) -> bool:
    due_on = checkup_due_on(last_taken, every_weeks)
    return due_on is not None and today >= due_on
