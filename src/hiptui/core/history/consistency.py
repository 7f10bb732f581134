"""Consistency: strength days per ISO week against a target, and the streak of weeks that met it.

A strength day is a calendar day with at least one set (reps > 0, or timed work) of a strength
exercise; the target is 2 or more such days per ISO week (Monday to Sunday). The streak counts
consecutive ISO weeks that met the target, ending with the current week when it already meets
it, else with the week before (an unfinished week never breaks it). "Today" and the time zone
that turns UTC timestamps into calendar days are parameters; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo

from hiptui.content.frozen import Frozen, _set

TYPE_CHECKING = False
if TYPE_CHECKING:  # (the protocols' module is typing's Protocol classes: not needed to run)
    from hiptui.core.history.protocols import SessionLike

TARGET_DAYS = 2


class Consistency(Frozen):
    __slots__ = FIELDS = ("week_start", "days_this_week", "target", "streak_weeks")
    week_start: date  # Monday of the current ISO week
    days_this_week: int
    target: int
    streak_weeks: int

    def __init__(
        self, week_start: date, days_this_week: int, target: int, streak_weeks: int
    ) -> None:
        _set(self, "week_start", week_start)
        _set(self, "days_this_week", days_this_week)
        _set(self, "target", target)
        _set(self, "streak_weeks", streak_weeks)

    @property
    def met_this_week(self) -> bool:
        return self.days_this_week >= self.target


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of ``moment`` in ``tz`` (``None``: this computer's time zone)."""
    return moment.astimezone(tz).date()


def training_days(
    sessions: Iterable[SessionLike],
    *,
    tz: tzinfo | None = None,
    counts: Callable[[str], bool] | None = None,
) -> set[date]:
    """Days with at least one done set (reps, or timed work) of an exercise that ``counts``."""
    days: set[date] = set()
    verdicts: dict[str, bool] = {}
    for session in sessions:
        moments = []
        for record in session.sets:
            if record.reps <= 0 and not record.work_seconds:
                continue
            if counts is not None:
                if record.exercise_id not in verdicts:
                    verdicts[record.exercise_id] = counts(record.exercise_id)
                if not verdicts[record.exercise_id]:
                    continue
            moments.append(record.completed_at)
        if not moments:
            continue
        first, last = min(moments), max(moments)
        if last - first < timedelta(hours=12):
            # One sitting: its sets fall on the first day, the last, or (past midnight) both.
            days.update((local_day(first, tz), local_day(last, tz)))
        else:
            days.update(local_day(moment, tz) for moment in moments)
    return days


def consistency(days: Iterable[date], today: date, target: int = TARGET_DAYS) -> Consistency:
    per_week: dict[date, int] = {}
    for day in set(days):
        if day <= today:
            per_week[monday(day)] = per_week.get(monday(day), 0) + 1
    this_week = monday(today)
    met = {week for week, count in per_week.items() if count >= target}
    week = this_week if this_week in met else this_week - timedelta(weeks=1)
    streak = 0
    while week in met:
        streak += 1
        week -= timedelta(weeks=1)
    return Consistency(this_week, per_week.get(this_week, 0), target, streak)
