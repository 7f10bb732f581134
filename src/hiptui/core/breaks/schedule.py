"""When the next sitting break is due, worked out from the break history on the wall clock.

Pure functions and frozen values, shared by the app's reminder (:mod:`hiptui.core.breaks.reminder`)
and by ``hiptui status``, so the shell and the app read the same history the same way.

The rules, in one place:

- **Interval**: the ``break_minutes`` setting, else the latest self-check's
  ``reminder_minutes``, else 45 minutes. The article behind hiptui advises getting up every 30
  to 60 minutes for at least 5 minutes; 45 is hiptui's own default inside that range.
- **A day** runs from 04:00 to 04:00 local time (the ``day_start_hour`` setting), so working
  past midnight does not wipe the clock, and a break logged yesterday never makes this morning
  look overdue.
- **Moving counts**: a break *taken* (the break screen, ``hiptui break``, a movement snack), a
  completed session (a break from its start to its end) and a time away from the computer of
  5 minutes or more (the desktop's idle time, or a suspend) all end the sitting.
- **Sitting since**: the end of the latest of those today. With none today, the moment hiptui
  first saw the user today (stored, so every hiptui counts from the same moment); with neither,
  ``hiptui status`` says so instead of guessing.
- **Deadline**: sitting since + interval. A later *skip* restarts the reminder, not the
  sitting time (skipping is not getting up): the next reminder is one interval after the
  skip. A later *snooze* for N minutes puts the deadline N minutes after it.
- **Meeting mode**: a pause holds the reminder until it ends (the deadline is never before the
  pause's end) and is not a break: the sitting time keeps counting.
- **Away now**: while the user is away (an absence still going on), the sitting time is 0 and
  the next break is a whole interval after they come back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from hiptui.content.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Only for the type checker: `hiptui status` imports this module, and typing costs it time.
    from collections.abc import Mapping
    from typing import Any, Literal, Protocol

    IntervalSource = Literal["settings", "self-check", "default"]

    class ClockRowsLike(Protocol):
        """What one reading of the database gives (``hiptui.store.clock_rows.ClockRows``
        fits): breaks as (when, kind, minutes), stretches as (from, to), an absence as (from,
        to, still going on)."""

        @property
        def last_taken(self) -> tuple[datetime, str, int | None] | None: ...
        @property
        def latest(self) -> tuple[datetime, str, int | None] | None: ...
        @property
        def reminder_minutes(self) -> object: ...
        @property
        def seen(self) -> datetime | None: ...
        @property
        def movement(self) -> tuple[datetime, datetime] | None: ...
        @property
        def away(self) -> tuple[datetime, datetime, bool] | None: ...
        @property
        def pause(self) -> tuple[datetime, datetime] | None: ...

    class BreakSource(Protocol):
        """Where the history comes from (``hiptui.store.db.Database`` fits)."""

        def break_clock(self, since: datetime | None) -> ClockRowsLike: ...


DEFAULT_INTERVAL_MINUTES = 45  # hiptui's default, inside the article's "every 30 to 60 minutes"
MIN_INTERVAL_MINUTES = 5  # the range settings.toml accepts for break_minutes
MAX_INTERVAL_MINUTES = 240
SNOOZE_CHOICES: tuple[int, ...] = (5, 10)  # what the break screen offers
MAX_SNOOZE_MINUTES = 60  # the longest snooze `hiptui break --snooze N` accepts
DAY_STARTS_AT_HOUR = 4  # local time; breaks before this belong to the previous day
AWAY_MINUTES = 5  # an absence at least this long counts as a break
# An absence still "going on" that its watcher has not confirmed for this long is over: the
# watcher (the app or `hiptui remind`) stopped, and the absence ends where it was last seen.
AWAY_FRESH_SECONDS = 180

TAKEN, SKIPPED, SNOOZED = "taken", "skipped", "snoozed"


# -- what the schedule reads --------------------------------------------------------------------


class BreakMark(Frozen):
    """One break as the schedule needs it. ``at`` is timezone-aware."""

    __slots__ = ("at", "kind", "minutes")
    at: datetime
    kind: str
    minutes: int | None

    def __init__(self, at: datetime, kind: str, minutes: int | None = None) -> None:
        self._set(at=at, kind=kind, minutes=minutes)

    @classmethod
    def of(cls, row: tuple[datetime, str, int | None] | None) -> BreakMark | None:
        return None if row is None else cls(row[0], row[1], row[2])


class Stretch(Frozen):
    """From ``start`` to ``end`` (aware). ``open``: an absence still going on at ``end``."""

    __slots__ = FIELDS = ("start", "end", "open")
    start: datetime
    end: datetime
    open: bool

    def __init__(self, start: datetime, end: datetime, open: bool = False) -> None:
        self._set(start=start, end=end, open=open)

    @classmethod
    def of(cls, row: tuple[datetime, datetime] | None, still_going: bool = False) -> Stretch | None:
        return None if row is None else cls(row[0], row[1], still_going)

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


class BreakHistory(Frozen):
    """The little the reminder needs from the database.

    ``latest``: the latest break record of any kind; ``checkup_minutes``: the latest
    self-check's reminder_minutes. From the stored timeline, for the day read (see
    :meth:`read`): ``seen``, when hiptui first saw the user that day; ``movement``, the latest
    completed session; ``away``, the latest time away (``open``: still going on); ``pause``,
    the latest pause (meeting mode).
    """

    __slots__ = FIELDS = (
        "last_taken", "latest", "checkup_minutes", "seen", "movement", "away", "pause",
    )  # fmt: skip
    last_taken: BreakMark | None
    latest: BreakMark | None
    checkup_minutes: int | None
    seen: datetime | None
    movement: Stretch | None
    away: Stretch | None
    pause: Stretch | None

    def __init__(
        self,
        last_taken: BreakMark | None = None,
        latest: BreakMark | None = None,
        checkup_minutes: int | None = None,
        seen: datetime | None = None,
        movement: Stretch | None = None,
        away: Stretch | None = None,
        pause: Stretch | None = None,
    ) -> None:
        self._set(
            last_taken=last_taken,
            latest=latest,
            checkup_minutes=checkup_minutes,
            seen=seen,
            movement=movement,
            away=away,
            pause=pause,
        )

    @classmethod
    def read(cls, source: BreakSource, since: datetime | None = None) -> BreakHistory:
        """A few small queries; raises whatever ``source`` raises (``StoreError``).

        ``since``: the start of the day (:func:`day_start`) whose timeline to read as well
        (when hiptui first saw the user, sessions, times away, pauses); ``None``: breaks only.
        """
        rows = source.break_clock(since)
        away = rows.away
        return cls(
            last_taken=BreakMark.of(rows.last_taken),
            latest=BreakMark.of(rows.latest),
            checkup_minutes=_valid_minutes(rows.reminder_minutes),
            seen=rows.seen,
            movement=Stretch.of(rows.movement),
            away=None if away is None else Stretch(away[0], away[1], away[2]),
            pause=Stretch.of(rows.pause),
        )

    @property
    def empty(self) -> bool:
        """Nothing at all to go on (no break ever, nothing on today's timeline)."""
        return (
            self.latest is None
            and self.last_taken is None
            and self.seen is None
            and self.movement is None
            and self.away is None
            and self.pause is None
        )


# -- the interval -------------------------------------------------------------------------------


class Interval(Frozen):
    __slots__ = ("minutes", "source")
    minutes: int
    source: IntervalSource

    def __init__(self, minutes: int, source: IntervalSource) -> None:
        self._set(minutes=minutes, source=source)

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


class State(StrEnum):
    SITTING = "sitting"  # counting towards the next break
    DUE = "due"  # the deadline has passed
    SNOOZED = "snoozed"  # a due break was put off for a few minutes
    PAUSED = "paused"  # meeting mode: reminders held, the sitting time keeps counting
    AWAY = "away"  # away from the computer now: that counts as a break


class Schedule(Frozen):
    """Wall-clock anchors. ``None`` means unknown (no break today, nobody seen yet).

    ``pause``: a pause that holds this deadline (running or ended); ``away_since``: the user is
    away (since then) as of the schedule; ``last_break``: the end of the latest break today.
    """

    __slots__ = FIELDS = (
        "sitting_since", "deadline", "snoozed", "pause", "away_since", "last_break",
    )  # fmt: skip
    sitting_since: datetime | None
    deadline: datetime | None
    snoozed: bool
    pause: Stretch | None
    away_since: datetime | None
    last_break: datetime | None

    def __init__(
        self,
        sitting_since: datetime | None,
        deadline: datetime | None,
        snoozed: bool = False,
        *,
        pause: Stretch | None = None,
        away_since: datetime | None = None,
        last_break: datetime | None = None,
    ) -> None:
        self._set(
            sitting_since=sitting_since,
            deadline=deadline,
            snoozed=snoozed,
            pause=pause,
            away_since=away_since,
            last_break=last_break,
        )

    def seconds_left(self, now: datetime) -> float | None:
        """Seconds until the deadline; negative once it has passed."""
        return None if self.deadline is None else (self.deadline - now).total_seconds()

    def sitting_seconds(self, now: datetime) -> float | None:
        if self.sitting_since is None:
            return None
        return max((now - self.sitting_since).total_seconds(), 0.0)

    def is_due(self, now: datetime) -> bool:
        left = self.seconds_left(now)
        return left is not None and left <= 0 and not self.paused(now)

    def paused(self, now: datetime) -> bool:
        return self.pause is not None and self.pause.start <= now < self.pause.end

    def state(self, now: datetime) -> State:
        if self.away_since is not None:
            return State.AWAY
        if self.paused(now):
            return State.PAUSED
        if self.is_due(now):
            return State.DUE
        return State.SNOOZED if self.snoozed else State.SITTING


def local_now() -> datetime:
    """The wall clock as an aware datetime in the computer's time zone."""
    return datetime.now().astimezone()


def require_aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, not {moment!r}")
    return moment


def day_start(now: datetime, hour: int = DAY_STARTS_AT_HOUR) -> datetime:
    """``hour`` o'clock (04:00 unless told) in ``now``'s time zone on the day ``now`` belongs
    to."""
    require_aware(now, "now")
    if not 0 <= hour <= 23:
        raise ValueError(f"a day starts at an hour from 0 to 23, not {hour!r}")
    start = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return start if now >= start else start - timedelta(days=1)


def away_now(away: Stretch | None, now: datetime) -> bool:
    """Whether ``away`` is an absence still going on at ``now`` (confirmed recently)."""
    if away is None or not away.open:
        return False
    return (now - away.end).total_seconds() <= AWAY_FRESH_SECONDS


def schedule_from(
    history: BreakHistory,
    interval_minutes: int,
    now: datetime,
    first_seen: datetime | None = None,
    *,
    day_start_hour: int = DAY_STARTS_AT_HOUR,
) -> Schedule:
    """Where the sitting clock and the next reminder stand at ``now`` (see the module text).

    ``first_seen``: when this process first saw the user, used when the history has no such
    moment for today. A record stamped in the future (a clock that was ahead) counts as made
    ``now``.
    """
    start = day_start(now, day_start_hour)
    interval = timedelta(minutes=interval_minutes)
    away_length = timedelta(minutes=AWAY_MINUTES)

    def today(moment: datetime | None, what: str) -> datetime | None:
        if moment is None:
            return None
        at = min(require_aware(moment, what), now)
        return at if at >= start else None

    ends: list[datetime] = []
    for moment in (
        history.last_taken.at if history.last_taken else None,
        history.movement.end if history.movement else None,
    ):
        end = today(moment, "a break's time")
        if end is not None:
            ends.append(end)
    away = history.away
    away_since = None
    if away is not None and away.end - away.start >= away_length:
        if away_now(away, now):
            away_since = max(away.start, start)
        end = today(away.end, "an absence's end")
        if end is not None:
            ends.append(end)
    last_break = max(ends) if ends else None
    if away_since is not None:
        # Away now: the sitting starts again when the user is back.
        return Schedule(now, now + interval, away_since=away_since, last_break=last_break)

    sitting = last_break
    seen = history.seen if history.seen is not None else first_seen
    if sitting is None and seen is not None:
        sitting = min(max(require_aware(seen, "first_seen"), start), now)
    deadline = None if sitting is None else sitting + interval
    snoozed = False
    latest = history.latest
    latest_at = today(latest.at if latest else None, "a break's time")
    if latest is not None and latest_at is not None and (sitting is None or latest_at >= sitting):
        if latest.kind == SKIPPED:
            deadline = latest_at + interval
        elif latest.kind == SNOOZED:
            minutes = latest.minutes if latest.minutes else SNOOZE_CHOICES[0]
            deadline, snoozed = latest_at + timedelta(minutes=minutes), True
    pause = history.pause
    holding = None
    if pause is not None and pause.end > start and (sitting is None or pause.end > sitting):
        holding = pause
        if deadline is not None:
            deadline = max(deadline, pause.end)
    return Schedule(sitting, deadline, snoozed, pause=holding, last_break=last_break)
