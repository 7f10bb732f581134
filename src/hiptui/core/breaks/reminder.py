"""The sitting-break reminder: a small state machine on an injected clock.

The app builds one :class:`Reminder` from the break history, calls :meth:`Reminder.poll` from
a one-second timer, and shows :meth:`Reminder.status_line` in its break clock. Actions
(:meth:`~Reminder.take`, :meth:`~Reminder.snooze`, :meth:`~Reminder.skip`) return the
:class:`BreakLog` the app saves with ``Database.log_break(log.kind, log.minutes)``.

How it keeps time. The schedule is worked out on the wall clock from the history
(:mod:`hiptui.core.breaks.schedule`), then turned into deadlines on the monotonic ``clock``:
``poll`` compares one reading against one deadline, never adds up ticks, so it cannot drift.

- **Sleep.** A laptop that sleeps past the deadline reports the break once when ``poll`` next
  runs: one :class:`BreakDue` with ``overdue_seconds`` telling how late, never a burst. Use
  :func:`sleep_aware_clock`, which keeps counting through a suspend; :meth:`Reminder.sync`
  (every minute or so) also re-reads the wall clock, so any clock is put right at that point.
- **A set in progress.** While ``set_busy(True)``, a break that comes due waits; after
  ``set_busy(False)`` the next ``poll`` reports it once, with ``held_for_set`` set.
- **Once per deadline.** After a :class:`BreakDue`, nothing more is reported until the user
  takes, skips or snoozes the break (or another hiptui does; see :meth:`Reminder.sync`).
- **Skip** is logged and restarts the reminder like a taken break, but the sitting time keeps
  counting: the user did not get up. **Snooze** (5 or 10 minutes from the break screen) is only
  possible while a break is due.
- **Paused and away.** In meeting mode nothing is reported until the pause ends (then a break
  that fell due meanwhile is reported once). While the user is away the clock stands at 0.
  Both come from the stored timeline, through :meth:`Reminder.sync`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hiptui.core.breaks.report import status_text
from hiptui.core.breaks.schedule import (
    DAY_STARTS_AT_HOUR,
    MAX_SNOOZE_MINUTES,
    SKIPPED,
    SNOOZED,
    TAKEN,
    BreakHistory,
    BreakMark,
    Interval,
    Schedule,
    State,
    Stretch,
    choose_interval,
    local_now,
    require_aware,
    schedule_from,
)

Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def sleep_aware_clock() -> Clock:
    """A monotonic clock that keeps counting while the computer sleeps, where there is one.

    ``time.monotonic`` stops during a suspend on Linux and macOS. Linux has
    ``CLOCK_BOOTTIME``; on macOS ``clock_gettime(CLOCK_MONOTONIC)`` counts sleep (unlike
    ``time.monotonic``, which uses ``mach_absolute_time``). Elsewhere: ``time.monotonic``.
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        boottime = time.CLOCK_BOOTTIME
        return lambda: time.clock_gettime(boottime)
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        monotonic = time.CLOCK_MONOTONIC
        return lambda: time.clock_gettime(monotonic)
    return time.monotonic


# sitting, snoozed, due (see ReminderView.held for a set in progress), paused, away.
Phase = State


@dataclass(frozen=True, slots=True)
class BreakDue:
    """A break is due: notify, ring if enabled, show the break screen."""

    overdue_seconds: float  # how far past the deadline (large after a laptop slept)
    after_snooze: bool  # the deadline was a snooze running out
    held_for_set: bool  # it came due during a set and waited for the set to end


@dataclass(frozen=True, slots=True)
class BreakCleared:
    """A break already reported is no longer due because of a change from outside (a break
    logged by ``hiptui break``, or a longer interval): close the break screen.

    ``kind`` is the break record that cleared it, or ``None`` for an interval change.
    """

    kind: str | None


Event = BreakDue | BreakCleared


@dataclass(frozen=True, slots=True)
class BreakLog:
    """What to save: ``Database.log_break(kind, minutes)``."""

    kind: str
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class ReminderView:
    """Everything a break clock widget shows."""

    phase: Phase
    sitting_seconds: float
    seconds_left: float  # negative once due
    interval: Interval
    held: bool  # due, but waiting for the set in progress
    paused_seconds: float | None = None  # meeting mode: how much longer
    away_seconds: float | None = None  # away now: for how long already

    @property
    def text(self) -> str:
        return status_text(
            self.sitting_seconds,
            self.seconds_left,
            snoozed=self.phase is Phase.SNOOZED,
            held=self.held,
            paused_seconds=self.paused_seconds,
            away_seconds=self.away_seconds,
        )


class ReminderError(ValueError):
    """An action that does not apply now (snoozing a break that is not due)."""


def _newer(known: BreakMark | None, found: BreakMark | None) -> BreakMark | None:
    if found is None:
        return known
    if known is None or found.at > known.at:
        return found
    return known


def _later(known: Stretch | None, found: Stretch | None) -> Stretch | None:
    if found is None:
        return known
    if known is None or found.end >= known.end:
        return found
    return known


class Reminder:
    """The break clock of one running app.

    ``history``: what the database holds (``BreakHistory.read(db, day_start(now))``).
    ``setting_minutes``: the ``break_minutes`` setting, or ``None`` to follow the self-check.
    ``first_seen``: when the app first saw the user (default: now); the sitting clock starts
    there when the history knows of no break and no earlier sighting today.
    ``day_start_hour``: the ``day_start_hour`` setting.
    """

    def __init__(
        self,
        history: BreakHistory,
        *,
        clock: Clock,
        now: WallClock = local_now,
        setting_minutes: int | None = None,
        first_seen: datetime | None = None,
        day_start_hour: int = DAY_STARTS_AT_HOUR,
    ) -> None:
        self._clock = clock
        self._now = now
        self._history = history
        self._setting = setting_minutes
        self.day_start_hour = day_start_hour
        self._first_seen = require_aware(
            self._wall() if first_seen is None else first_seen, "first_seen"
        )
        self._busy = False
        self._held = False
        self._announced = False
        self._schedule = Schedule(None, None)
        self._sitting_at = 0.0  # monotonic
        self._deadline = 0.0  # monotonic
        self._paused = (0.0, 0.0)  # monotonic: meeting mode from, until
        self._away_at: float | None = None  # monotonic: away since (None: not away)
        self._anchor()

    # -- reading --------------------------------------------------------------------------------

    @property
    def interval(self) -> Interval:
        return choose_interval(self._setting, self._history.checkup_minutes)

    @property
    def history(self) -> BreakHistory:
        """The history as this reminder knows it, including its own unsaved actions."""
        return self._history

    @property
    def deadline(self) -> float:
        """When the next break is due, on the monotonic clock."""
        return self._deadline

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def schedule(self) -> Schedule:
        """The schedule on the wall clock, as of the last re-reading (the deadline is its
        ``deadline``: what a notification from another hiptui is keyed on)."""
        return self._schedule

    def phase(self, now: float | None = None) -> Phase:
        t = self._clock() if now is None else now
        if self._away_at is not None:
            return Phase.AWAY
        if self._paused[0] <= t < self._paused[1]:
            return Phase.PAUSED
        if t >= self._deadline:
            return Phase.DUE
        return Phase.SNOOZED if self._schedule.snoozed else Phase.SITTING

    def view(self, now: float | None = None) -> ReminderView:
        t = self._clock() if now is None else now
        phase = self.phase(t)
        away_at = self._away_at
        return ReminderView(
            phase=phase,
            sitting_seconds=0.0 if away_at is not None else max(t - self._sitting_at, 0.0),
            seconds_left=self._deadline - t,
            interval=self.interval,
            held=phase is Phase.DUE and self._busy,
            paused_seconds=self._paused[1] - t if phase is Phase.PAUSED else None,
            away_seconds=None if away_at is None else max(t - away_at, 0.0),
        )

    def status_line(self, now: float | None = None) -> str:
        """``42m sitting - break in 3m``, ``break due``, ``break due 12m ago``, ..."""
        return self.view(now).text

    # -- the timer ------------------------------------------------------------------------------

    def poll(self) -> list[Event]:
        """Call often (every second). Reports a due break once, and not during a set."""
        t = self._clock()
        if self._announced or self.phase(t) is not Phase.DUE:
            return []
        if self._busy:
            self._held = True
            return []
        self._announced = True
        return [
            BreakDue(
                overdue_seconds=t - self._deadline,
                after_snooze=self._schedule.snoozed,
                held_for_set=self._held,
            )
        ]

    def set_busy(self, busy: bool) -> None:
        """A set is in progress (True) or over (False). A due break waits until it is over."""
        self._busy = busy

    # -- actions --------------------------------------------------------------------------------

    def take(self) -> BreakLog:
        """The user got up: the sitting clock and the reminder start again."""
        mark = BreakMark(self._wall(), TAKEN)
        self._history = self._history.replace(last_taken=mark, latest=mark)
        self._anchor()
        return BreakLog(TAKEN)

    def skip(self) -> BreakLog:
        """No break this time: the next reminder is one interval away, sitting keeps counting."""
        self._history = self._history.replace(latest=BreakMark(self._wall(), SKIPPED))
        self._anchor()
        return BreakLog(SKIPPED)

    def snooze(self, minutes: int) -> BreakLog:
        """Put a due break off for ``minutes`` (1 to 60; the break screen offers 5 and 10)."""
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ReminderError(f"snooze minutes must be a whole number, not {minutes!r}")
        if not 1 <= minutes <= MAX_SNOOZE_MINUTES:
            raise ReminderError(f"snooze for 1 to {MAX_SNOOZE_MINUTES} minutes, not {minutes}")
        if self.phase() is not Phase.DUE:
            raise ReminderError("nothing to snooze: no break is due")
        self._history = self._history.replace(latest=BreakMark(self._wall(), SNOOZED, minutes))
        self._anchor()
        return BreakLog(SNOOZED, minutes)

    # -- outside changes ------------------------------------------------------------------------

    def sync(self, history: BreakHistory) -> list[Event]:
        """Take in a fresh read of the database (call every minute or so, in a worker).

        Newer records win; a newer action of this reminder that is not saved yet is kept, so a
        read racing a save never undoes a break. Re-reads the wall clock, which also corrects
        a clock that did not count a suspend. Returns :class:`BreakCleared` if a break this
        reminder had reported was dealt with elsewhere (``hiptui break`` in a shell).
        """
        known = self._history
        merged = BreakHistory(
            last_taken=_newer(known.last_taken, history.last_taken),
            latest=_newer(known.latest, history.latest),
            checkup_minutes=history.checkup_minutes,
            seen=history.seen if history.seen is not None else known.seen,
            movement=_later(known.movement, history.movement),
            # The database is the truth for these two: only its writers change them.
            away=history.away,
            pause=history.pause,
        )
        changed = merged.latest != known.latest
        self._history = merged
        return self._reanchor(merged.latest.kind if changed and merged.latest else None)

    def moved(self, stretch: Stretch) -> list[Event]:
        """A session was completed (from ``stretch.start`` to ``stretch.end``): a break."""
        self._history = self._history.replace(movement=_later(self._history.movement, stretch))
        return self._reanchor(TAKEN)

    def set_setting(self, minutes: int | None) -> list[Event]:
        """The ``break_minutes`` setting changed (``None``: follow the self-check)."""
        self._setting = minutes
        return self._reanchor(None)

    # -- inside ---------------------------------------------------------------------------------

    def _wall(self) -> datetime:
        # Whole seconds, as the database stores them, so a later sync agrees to the second.
        return require_aware(self._now(), "now").replace(microsecond=0)

    def _reanchor(self, kind: str | None) -> list[Event]:
        was_announced = self._announced
        self._anchor()
        return [BreakCleared(kind)] if was_announced and not self._announced else []

    def _anchor(self) -> None:
        """Work the schedule out on the wall clock and pin it to the monotonic clock."""
        wall, t = self._now(), self._clock()
        require_aware(wall, "now")
        schedule = schedule_from(
            self._history,
            self.interval.minutes,
            wall,
            self._first_seen,
            day_start_hour=self.day_start_hour,
        )
        # With first_seen given, both anchors are always known.
        assert schedule.sitting_since is not None and schedule.deadline is not None
        offset = t - wall.timestamp()
        self._schedule = schedule
        self._sitting_at = schedule.sitting_since.timestamp() + offset
        self._deadline = schedule.deadline.timestamp() + offset
        pause = schedule.pause
        self._paused = (
            (pause.start.timestamp() + offset, pause.end.timestamp() + offset)
            if pause is not None
            else (0.0, 0.0)
        )
        away = schedule.away_since
        self._away_at = None if away is None else away.timestamp() + offset
        if self._deadline > t:
            # A deadline ahead: whatever was reported is settled; the next one is new.
            self._announced = False
            self._held = False
