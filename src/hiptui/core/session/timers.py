"""The session's timers, all deadlines on the injected monotonic clock.

:class:`Countdown` is the countdown of the phase in progress (the warm-up, a timed set, a top
hold, a side switch, a rest) and the moment a timed half began, both frozen by a pause and
shifted by its length on resuming. :class:`Rest` adds what only a rest has: its total length as
the user lengthens or shortens it, and the warning a few seconds before it ends, given once.
Each follow-on deadline is counted from the one before it, never from when a tick happened to
arrive, so timers cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable

Clock = Callable[[], float]


class Countdown:
    def __init__(self, now: float) -> None:
        self.deadline: float | None = None
        self.paused_at: float | None = None
        self.work_from = now  # when the half in progress began (pauses shift it)

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def reading(self, now: float) -> float:
        """The moment the session shows: ``now``, or while paused the moment it froze."""
        return now if self.paused_at is None else self.paused_at

    def start(self, at: float, seconds: float) -> float:
        self.deadline = at + seconds
        return self.deadline

    def clear(self) -> None:
        self.deadline = None

    def remaining(self, now: float) -> float | None:
        return None if self.deadline is None else max(0.0, float(self.deadline - now))

    def worked(self, until: float) -> float:
        """Seconds worked in the half in progress up to ``until`` (pauses left out)."""
        return until - self.work_from

    def begin_work(self, at: float) -> None:
        self.work_from = at

    def pause(self, now: float) -> None:
        self.paused_at = now

    def resume(self, now: float) -> None:
        """Shift the deadline and the half's start by the time spent paused."""
        if self.paused_at is None:
            return
        shift = now - self.paused_at
        self.paused_at = None
        if self.deadline is not None:
            self.deadline += shift
        self.work_from += shift


class Rest:
    def __init__(self, warn_at: int | None) -> None:
        self.warn_at = warn_at  # seconds before the end to warn (None: never)
        self.total = 0.0
        self._armed = self._warned = False

    def start(self, seconds: int) -> None:
        self.total = float(seconds)
        self._warned = False
        self._armed = self.warn_at is not None and seconds > self.warn_at

    def due(self, deadline: float) -> float:
        """When the rest needs attention next: its warning if one is still to come, else its end."""
        if self._armed and self.warn_at is not None:
            return deadline - self.warn_at
        return deadline

    def warning_due(self) -> bool:
        return self._armed

    def warn(self) -> int:
        """Give the warning (once); the seconds it announces."""
        self._armed, self._warned = False, True
        return self.warn_at or 0

    def moved(self, old_deadline: float, new_deadline: float, now: float) -> None:
        """The user moved the end: count the change, and warn again if there is time for it."""
        self.total += new_deadline - old_deadline
        if not self._warned and self.warn_at is not None and new_deadline - now > self.warn_at:
            self._armed = True
