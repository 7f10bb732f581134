"""When the next sitting break is due, worked out from the break history on the wall clock.

Pure functions and frozen values, shared by the app's reminder (:mod:`hiptui.core.breaks.reminder`)
and by ``hiptui status``, so the shell and the app read the same history the same way.

The rules, in one place:

- **Interval**: the ``break_minutes`` setting, else the latest self-check's
  ``reminder_minutes``, else 45 minutes. The article behind hiptui advises getting up every 30
  to 60 minutes for at least 5 minutes; 45 is hiptui's own default inside that range.
- **A day** runs from 04:00 to 04:00 local time, so working past midnight does not wipe the
  clock, and a break logged yesterday never makes this morning look overdue.
- **Sitting since**: the last break *taken* today. With none today, the moment the app first
  saw the user (clamped to the start of the day); ``hiptui status`` has no such moment and
  says so instead of guessing.
- **Deadline**: sitting since + interval. A later *skip* restarts the reminder, not the
  sitting time (skipping is not getting up): the next reminder is one interval after the
  skip. A later *snooze* for N minutes puts the deadline N minutes after it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

DEFAULT_INTERVAL_MINUTES = 45  # hiptui's default, inside the article's "every 30 to 60 minutes"
MIN_INTERVAL_MINUTES = 5  # the range settings.toml accepts for break_minutes
MAX_INTERVAL_MINUTES = 240
SNOOZE_CHOICES: tuple[int, ...] = (5, 10)  # what the break screen offers
MAX_SNOOZE_MINUTES = 60  # the longest snooze `hiptui break --snooze N` accepts
DAY_STARTS_AT_HOUR = 4  # local time; breaks before this belong to the previous day

TAKEN, SKIPPED, SNOOZED = "taken", "skipped", "snoozed"

IntervalSource = Literal["settings", "self-check", "default"]


# -- what the schedule reads --------------------------------------------------------------------


class BreakLike(Protocol):
    """A stored break (``hiptui.store.records.BreakRecord`` fits)."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> str: ...
    @property
    def minutes(self) -> int | None: ...


class CheckupLike(Protocol):
    """A stored self-check (``hiptui.store.records.CheckupRecord`` fits)."""

    @property
    def result(self) -> Mapping[str, Any]: ...


class BreakSource(Protocol):
    """Where the history comes from (``hiptui.store.db.Database`` fits)."""

    def last_break(self, kind: str | None = None) -> BreakLike | None: ...
    def latest_checkup(self) -> CheckupLike | None: ...


@dataclass(frozen=True, slots=True)
class BreakMark:
    """One break as the schedule needs it. ``at`` is timezone-aware."""

    at: datetime
    kind: str
    minutes: int | None = None

    @classmethod
    def of(cls, record: BreakLike | None) -> BreakMark | None:
        if record is None:
            return None
        return cls(record.at, record.kind, record.minutes)


@dataclass(frozen=True, slots=True)
class BreakHistory:
    """The little the reminder needs from the database."""

    last_taken: BreakMark | None = None
    latest: BreakMark | None = None  # the latest record of any kind
    checkup_minutes: int | None = None  # the latest self-check's reminder_minutes

    @classmethod
    def read(cls, source: BreakSource) -> BreakHistory:
        """Three small queries; raises whatever ``source`` raises (``StoreError``)."""
        checkup = source.latest_checkup()
        return cls(
            last_taken=BreakMark.of(source.last_break(TAKEN)),
            latest=BreakMark.of(source.last_break()),
            checkup_minutes=None if checkup is None else checkup_minutes(checkup.result),
        )

    @property
    def empty(self) -> bool:
        return self.latest is None and self.last_taken is None


# -- the interval -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    minutes: int
    source: IntervalSource

    @property
    def seconds(self) -> int:
        return self.minutes * 60


def _valid_minutes(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if MIN_INTERVAL_MINUTES <= value <= MAX_INTERVAL_MINUTES else None


def checkup_minutes(result: Mapping[str, Any]) -> int | None:
    """A self-check result's ``reminder_minutes``, or ``None`` if absent or unusable."""
    return _valid_minutes(result.get("reminder_minutes"))


def choose_interval(setting: int | None, from_checkup: int | None) -> Interval:
    """Settings first, then the latest self-check, then hiptui's default of 45 minutes."""
    if _valid_minutes(setting) is not None:
        assert setting is not None
        return Interval(setting, "settings")
    if _valid_minutes(from_checkup) is not None:
        assert from_checkup is not None
        return Interval(from_checkup, "self-check")
    return Interval(DEFAULT_INTERVAL_MINUTES, "default")


# -- the schedule -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schedule:
    """Wall-clock anchors. ``None`` means unknown (no break today, nobody seen yet)."""

    sitting_since: datetime | None
    deadline: datetime | None
    snoozed: bool = False

    def seconds_left(self, now: datetime) -> float | None:
        """Seconds until the deadline; negative once it has passed."""
        return None if self.deadline is None else (self.deadline - now).total_seconds()

    def sitting_seconds(self, now: datetime) -> float | None:
        if self.sitting_since is None:
            return None
        return max((now - self.sitting_since).total_seconds(), 0.0)

    def is_due(self, now: datetime) -> bool:
        left = self.seconds_left(now)
        return left is not None and left <= 0


def local_now() -> datetime:
    """The wall clock as an aware datetime in the computer's time zone."""
    return datetime.now().astimezone()


def require_aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, not {moment!r}")
    return moment


def day_start(now: datetime) -> datetime:
    """04:00 in ``now``'s time zone on the day ``now`` belongs to."""
    require_aware(now, "now")
    start = now.replace(hour=DAY_STARTS_AT_HOUR, minute=0, second=0, microsecond=0)
    return start if now >= start else start - timedelta(days=1)


def schedule_from(
    history: BreakHistory,
    interval_minutes: int,
    now: datetime,
    first_seen: datetime | None = None,
) -> Schedule:
    """Where the sitting clock and the next reminder stand at ``now`` (see the module text).

    ``first_seen``: when the app first saw the user, used only when no break was taken today.
    A record stamped in the future (a clock that was ahead) counts as made ``now``.
    """
    start = day_start(now)
    interval = timedelta(minutes=interval_minutes)

    def today(mark: BreakMark | None) -> datetime | None:
        if mark is None:
            return None
        at = min(require_aware(mark.at, "a break's time"), now)
        return at if at >= start else None

    taken_at = today(history.last_taken)
    sitting = taken_at
    if sitting is None and first_seen is not None:
        sitting = min(max(require_aware(first_seen, "first_seen"), start), now)
    deadline = None if sitting is None else sitting + interval
    snoozed = False
    latest = history.latest
    latest_at = today(latest)
    if latest is not None and latest_at is not None and (sitting is None or latest_at >= sitting):
        if latest.kind == SKIPPED:
            deadline = latest_at + interval
        elif latest.kind == SNOOZED:
            minutes = latest.minutes if latest.minutes else SNOOZE_CHOICES[0]
            deadline, snoozed = latest_at + timedelta(minutes=minutes), True
    return Schedule(sitting, deadline, snoozed)


# -- the words ----------------------------------------------------------------------------------


def format_minutes(seconds: float, *, round_up: bool = False) -> str:
    """``42m``, ``1h05m``; whole minutes, rounded down unless ``round_up``."""
    whole = math.ceil(seconds / 60) if round_up else math.floor(seconds / 60)
    whole = max(whole, 0)
    return f"{whole}m" if whole < 60 else f"{whole // 60}h{whole % 60:02d}m"


def status_text(
    sitting_seconds: float | None,
    seconds_left: float | None,
    *,
    snoozed: bool = False,
    held: bool = False,
    has_history: bool = True,
) -> str:
    """One short line: ``42m sitting - break in 3m``, ``break due``, ``break due 12m ago``.

    ``held``: the break is due but waits for the set in progress to end.
    """
    if seconds_left is None:
        return "no break logged today" if has_history else "no breaks logged yet"
    if seconds_left > 0:
        wait = format_minutes(seconds_left, round_up=True)
        what = f"snoozed, break in {wait}" if snoozed else f"break in {wait}"
        if sitting_seconds is None:
            return what
        return f"{format_minutes(sitting_seconds)} sitting - {what}"
    if held:
        return "break due after this set"
    overdue = -seconds_left
    return "break due" if overdue < 60 else f"break due {format_minutes(overdue)} ago"


def describe_schedule(schedule: Schedule, now: datetime, *, has_history: bool = True) -> str:
    """The status line for a schedule at wall time ``now`` (what ``hiptui status`` prints)."""
    return status_text(
        schedule.sitting_seconds(now),
        schedule.seconds_left(now),
        snoozed=schedule.snoozed,
        has_history=has_history,
    )
