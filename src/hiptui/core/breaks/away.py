"""Away from the computer: the desktop's idle time and a suspend, turned into times away.

Only two things count as away, never a quiet keyboard alone (reading or watching is sitting):

- **Idle**: the desktop says there has been no input for :data:`AWAY_MINUTES` or more
  (:mod:`hiptui.core.breaks.idle`). The absence started at the last input; while it goes on,
  each check moves its end to the moment of the check; once input comes back it ends where it
  was last confirmed (a little early rather than late: the sitting clock errs towards
  reminding).
- **Suspend**: the wall clock ran ahead of a monotonic clock that stops while the machine
  sleeps (``time.monotonic`` on Linux and macOS): the difference is time spent asleep.

Pure: the clocks and the idle readings are parameters, so tests drive them with fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from hiptui.core.breaks.schedule import AWAY_MINUTES, require_aware

AWAY_SECONDS = AWAY_MINUTES * 60
# Two idle readings belong to the same absence when their starts are this close (the desktop
# reports whole milliseconds or seconds, and each check reads the clock a little later).
SAME_ABSENCE_SECONDS = 5.0


class OpenAway(Protocol):
    """What an absence still going on looks like to :func:`away_change` (a stored row fits:
    ``hiptui.store.timeline.Span``)."""

    @property
    def id(self) -> int: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class AwayChange:
    """What to store: an absence from ``start`` to ``end``; ``row_id`` is the row to update
    (``None``: a new row). ``still_away``: it goes on."""

    start: datetime
    end: datetime
    still_away: bool
    row_id: int | None = None


def away_change(
    going_on: OpenAway | None,
    idle_seconds: float | None,
    now: datetime,
    *,
    threshold: float = AWAY_SECONDS,
) -> AwayChange | None:
    """How one idle reading changes the stored absences.

    ``going_on``: the absence stored as still going on, if any. ``idle_seconds``: seconds since
    the last input, or ``None`` when the desktop cannot say (then nothing changes: a source that
    stops answering leaves an open absence to go stale, see ``AWAY_FRESH_SECONDS``).
    """
    require_aware(now, "now")
    if idle_seconds is None or idle_seconds < 0:
        return None
    if idle_seconds >= threshold:
        start = now - timedelta(seconds=idle_seconds)
        if going_on is not None:
            same = abs((start - going_on.start).total_seconds()) <= SAME_ABSENCE_SECONDS
            if same or (going_on.end is not None and start <= going_on.end):
                return AwayChange(going_on.start, now, True, going_on.id)
            # Input came and went between two checks: that absence is over, a new one began.
            end = going_on.end or going_on.start
            return AwayChange(going_on.start, end, False, going_on.id)
        return AwayChange(start, now, True)
    if going_on is None:
        return None
    return AwayChange(going_on.start, going_on.end or going_on.start, False, going_on.id)


@dataclass(frozen=True, slots=True)
class Suspended:
    """The machine slept from ``start`` to ``end`` (wall clock)."""

    start: datetime
    end: datetime


class SuspendWatch:
    """Spots a suspend between two checks: the wall clock moved further than ``steady``.

    ``steady``: a monotonic clock that stops during a suspend (``time.monotonic``); ``wall``: the
    aware wall clock. A jump shorter than ``threshold`` seconds is ignored (it is not an absence
    that counts, and small differences are the two clocks' own drift).
    """

    def __init__(
        self,
        steady: Callable[[], float],
        wall: Callable[[], datetime],
        *,
        threshold: float = AWAY_SECONDS,
    ) -> None:
        self._steady = steady
        self._wall = wall
        self._threshold = threshold
        self._last = (steady(), require_aware(wall(), "now"))

    def check(self) -> Suspended | None:
        """A suspend since the previous check (or the start), if there was one."""
        steady, wall = self._steady(), require_aware(self._wall(), "now")
        last_steady, last_wall = self._last
        self._last = (steady, wall)
        slept = (wall - last_wall).total_seconds() - (steady - last_steady)
        if slept < self._threshold:
            return None
        return Suspended(wall - timedelta(seconds=slept), wall)
