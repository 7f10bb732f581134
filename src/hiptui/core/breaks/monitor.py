"""The break clock as one check: read the stored timeline, note who is away, notify if due.

``hiptui status`` only reads (:func:`hiptui.core.breaks.report.read_clock`). ``hiptui remind``
and the app run a :class:`Watcher`, which also writes: it marks the day as seen, records times
away (from the idle source and from suspends) and claims each due break's notification in the
database, so a break is notified once however many hiptuis are running.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from hiptui.core.breaks.away import OpenAway, SuspendWatch, away_change
from hiptui.core.breaks.idle import IdleSource
from hiptui.core.breaks.notify import Notifier, Sent, break_message
from hiptui.core.breaks.report import Reading, read_clock
from hiptui.core.breaks.schedule import DAY_STARTS_AT_HOUR, State, day_start, require_aware

if TYPE_CHECKING:
    from hiptui.core.breaks.schedule import BreakSource

CHECK_EVERY_SECONDS = 30.0  # how often `hiptui remind` looks (sooner when a break is close)
SUSPEND_SOURCE = "suspend"


class TimelineStore(Protocol):
    """The writes a watcher makes (``hiptui.store.timeline.SittingLog`` fits)."""

    def mark_seen(self, since: datetime, at: datetime | None = None) -> datetime: ...
    def open_away(self) -> OpenAway | None: ...
    def save_away(
        self,
        start: datetime,
        end: datetime,
        *,
        still_away: bool,
        source: str,
        row_id: int | None = None,
    ) -> int: ...
    def claim_reminder(self, deadline: datetime) -> bool: ...


if TYPE_CHECKING:

    class WatchedSource(BreakSource, Protocol):
        """A source the watcher also writes to (``hiptui.store.db.Database`` fits)."""

        @property
        def timeline(self) -> TimelineStore: ...


@dataclass(frozen=True, slots=True)
class Check:
    """What one :meth:`Watcher.check` found and did."""

    reading: Reading
    sent: Sent | None = None  # a notification went out (or failed: see its problem)
    suspended: bool = False  # a suspend was found and recorded as time away


class Watcher:
    """The break clock outside the app (``hiptui remind``), or the app's away watch.

    ``wall``: the aware wall clock; ``steady``: a monotonic clock that stops in a suspend
    (``time.monotonic``); ``idle``: the desktop's idle time, if any source answers; ``notifier``:
    how to notify (``None``: never). ``first_seen``: a sighting from before the stored timeline
    (the old ``app-opened`` file), recorded if the day has none.
    """

    def __init__(
        self,
        source: WatchedSource,
        *,
        wall: Callable[[], datetime],
        steady: Callable[[], float],
        idle: IdleSource | None = None,
        notifier: Notifier | None = None,
        setting_minutes: int | None = None,
        day_start_hour: int = DAY_STARTS_AT_HOUR,
        first_seen: datetime | None = None,
    ) -> None:
        self.source = source
        self._wall = wall
        self.idle = idle
        self.notifier = notifier
        self.setting_minutes = setting_minutes
        self.day_start_hour = day_start_hour
        self._suspend = SuspendWatch(steady, wall)
        self._seen_day: datetime | None = None
        self._first_seen = first_seen

    def check(self) -> Check:
        """Look once: mark the day seen, record an absence, read the clock, notify if due.
        Raises what the store raises (``StoreError``)."""
        timeline = self.source.timeline
        now = require_aware(self._wall(), "now")
        start = day_start(now, self.day_start_hour)
        if self._seen_day != start:
            earlier = self._first_seen
            at = earlier if earlier is not None and start <= earlier <= now else now
            timeline.mark_seen(start, at)
            self._seen_day = start
        suspended = self._suspend.check()
        if suspended is not None:
            timeline.save_away(
                suspended.start, suspended.end, still_away=False, source=SUSPEND_SOURCE
            )
        if self.idle is not None:
            change = away_change(timeline.open_away(), self.idle.idle_seconds(), now)
            if change is not None:
                timeline.save_away(
                    change.start,
                    change.end,
                    still_away=change.still_away,
                    source=f"idle:{self.idle.name}",
                    row_id=change.row_id,
                )
        reading = read_clock(
            self.source,
            now,
            setting_minutes=self.setting_minutes,
            day_start_hour=self.day_start_hour,
        )
        sent = self.notify_if_due(reading)
        return Check(reading, sent, suspended is not None)

    def notify_if_due(self, reading: Reading) -> Sent | None:
        """Notify a due break once (across processes: the claim is in the database)."""
        deadline = reading.schedule.deadline
        if self.notifier is None or reading.state is not State.DUE or deadline is None:
            return None
        if not self.source.timeline.claim_reminder(deadline):
            return None
        title, body = break_message(reading.text)
        return self.notifier.send(title, body)

    @staticmethod
    def wait_after(check: Check) -> float:
        """Seconds until the next check: soon after a coming deadline, else every 30 s."""
        left = check.reading.schedule.seconds_left(check.reading.now)
        if left is None or left <= 0:
            return CHECK_EVERY_SECONDS
        return max(1.0, min(CHECK_EVERY_SECONDS, left + 0.5))
