"""A fake pair of clocks for the break reminder tests: a monotonic reading and a wall clock
that move together (or apart, to play a clock that stops while a laptop sleeps)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hiptui.core.breaks.reminder import Reminder
from hiptui.core.breaks.schedule import BreakHistory, BreakMark

# A local time zone that is not UTC, so the 04:00 day boundary is tested in local time.
LOCAL = timezone(timedelta(hours=2))
MORNING = datetime(2024, 5, 6, 9, 0, tzinfo=LOCAL)
MINUTE = 60.0


class FakeTime:
    def __init__(self, start: datetime = MORNING) -> None:
        self.mono = 5000.0
        self.wall = start

    def clock(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)

    def suspend(self, seconds: float) -> None:
        """A sleep that a plain ``time.monotonic`` does not see: only the wall clock moves."""
        self.wall += timedelta(seconds=seconds)


def make_reminder(
    time: FakeTime, history: BreakHistory | None = None, setting: int | None = None
) -> Reminder:
    return Reminder(
        history or BreakHistory(), clock=time.clock, now=time.now, setting_minutes=setting
    )


def mark(at: datetime, kind: str = "taken", minutes: int | None = None) -> BreakMark:
    return BreakMark(at.astimezone(UTC), kind, minutes)


def history_of(*marks: BreakMark, checkup: int | None = None) -> BreakHistory:
    """The history a database holding ``marks`` (oldest first) would give."""
    taken = [m for m in marks if m.kind == "taken"]
    return BreakHistory(
        last_taken=taken[-1] if taken else None,
        latest=marks[-1] if marks else None,
        checkup_minutes=checkup,
    )
