"""Away from the computer, with fake clocks and a fake idle source: idle time of 5 minutes or
more and a suspend count as a break; a quiet keyboard alone does not. And one watcher check
as `hiptui remind` and the app run it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui.core.breaks.away import AwayChange, SuspendWatch, away_change
from hiptui.core.breaks.monitor import Watcher
from hiptui.core.breaks.notify import Notifier
from hiptui.core.breaks.schedule import State
from hiptui.store.db import Database
from hiptui.store.timeline import Span
from tests.unit.break_clock import MORNING, FakeTime

MINUTE = 60.0


class FakeIdle:
    """An idle source that says what the test sets (``None``: cannot tell)."""

    name = "fake"

    def __init__(self) -> None:
        self.seconds: float | None = 0.0
        self.closed = False

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        self.closed = True


# -- away_change --------------------------------------------------------------------------------


def test_a_short_quiet_spell_is_not_away() -> None:
    assert away_change(None, 4 * MINUTE + 59, MORNING) is None
    assert away_change(None, None, MORNING) is None  # the source cannot tell: nothing known


def test_five_minutes_idle_starts_an_absence_at_the_last_input() -> None:
    change = away_change(None, 5 * MINUTE, MORNING)
    assert change == AwayChange(MORNING - timedelta(minutes=5), MORNING, True, None)


def test_an_absence_grows_while_idle_goes_on_and_ends_where_last_seen() -> None:
    start = MORNING - timedelta(minutes=6)
    going_on = Span(7, start, MORNING, open=True)
    later = MORNING + timedelta(seconds=30)
    grown = away_change(going_on, 6 * MINUTE + 31, later)  # the same absence, a second off
    assert grown == AwayChange(start, later, True, 7)
    back = away_change(going_on, 2.0, later)
    assert back == AwayChange(start, MORNING, False, 7)  # ends at the last check, not later


def test_input_between_two_checks_closes_one_absence() -> None:
    """Away 6 minutes, back briefly, away again: the first absence is closed where it was
    last confirmed; the next check starts the new one."""
    going_on = Span(3, MORNING - timedelta(minutes=6), MORNING, open=True)
    later = MORNING + timedelta(minutes=10)
    change = away_change(going_on, 5 * MINUTE, later)  # last input 5 minutes after MORNING
    assert change == AwayChange(going_on.start, MORNING, False, 3)
    assert away_change(None, 5 * MINUTE, later) == AwayChange(
        later - timedelta(minutes=5), later, True, None
    )


# -- suspend ------------------------------------------------------------------------------------


def test_a_suspend_is_the_wall_clock_running_ahead_of_the_monotonic_one() -> None:
    time = FakeTime()
    watch = SuspendWatch(time.clock, time.now)
    time.advance(30)
    assert watch.check() is None  # both clocks moved together
    time.suspend(40 * MINUTE)
    time.advance(1)
    slept = watch.check()
    assert slept is not None
    assert slept.end == time.now()
    assert slept.end - slept.start == timedelta(minutes=40)
    assert watch.check() is None  # reported once


def test_a_short_sleep_is_not_away() -> None:
    time = FakeTime()
    watch = SuspendWatch(time.clock, time.now)
    time.suspend(4 * MINUTE)
    assert watch.check() is None


# -- the watcher --------------------------------------------------------------------------------


class Sink:
    def __init__(self) -> None:
        self.text = ""

    def __call__(self, text: str) -> None:
        self.text += text


@pytest.fixture
def time() -> FakeTime:
    return FakeTime(datetime(2024, 5, 6, 9, 0, tzinfo=UTC))


def make_watcher(
    time: FakeTime, tmp_path: Path, idle: FakeIdle | None = None, sink: Sink | None = None
) -> Watcher:
    db = Database.open(tmp_path / "hiptui.sqlite3", now=time.now)
    notifier = None
    if sink is not None:
        notifier = Notifier("bell", env={"TERM": "xterm"}, write=sink, is_tty=True)
    return Watcher(db, wall=time.now, steady=time.clock, idle=idle, notifier=notifier)


def test_idle_for_five_minutes_counts_as_a_break(time: FakeTime, tmp_path: Path) -> None:
    idle = FakeIdle()
    watcher = make_watcher(time, tmp_path, idle)
    assert watcher.check().reading.text == "0m sitting - break in 45m"  # the day is seen
    time.advance(30 * MINUTE)
    idle.seconds = 4 * MINUTE
    assert watcher.check().reading.state is State.SITTING
    time.advance(2 * MINUTE)
    idle.seconds = 6 * MINUTE
    away = watcher.check().reading
    assert away.state is State.AWAY
    assert away.text == "away 6m - counts as a break"
    time.advance(10 * MINUTE)
    idle.seconds = 1.0  # back
    back = watcher.check().reading
    assert back.state is State.SITTING
    # The absence ran from the last input (9:26) to the last check that saw it (9:32).
    assert back.schedule.sitting_since == datetime(2024, 5, 6, 9, 32, tzinfo=UTC)
    assert back.text == "10m sitting - break in 35m"


def test_reading_without_input_is_not_away_without_an_idle_source(
    time: FakeTime, tmp_path: Path
) -> None:
    watcher = make_watcher(time, tmp_path, idle=None)
    watcher.check()
    time.advance(50 * MINUTE)
    reading = watcher.check().reading
    assert reading.state is State.DUE and reading.text == "break due 5m ago"


def test_a_source_that_stops_answering_leaves_the_absence_to_go_stale(
    time: FakeTime, tmp_path: Path
) -> None:
    idle = FakeIdle()
    watcher = make_watcher(time, tmp_path, idle)
    idle.seconds = 10 * MINUTE
    assert watcher.check().reading.state is State.AWAY
    idle.seconds = None
    time.advance(2 * MINUTE)
    assert watcher.check().reading.state is State.AWAY  # recently confirmed
    time.advance(5 * MINUTE)
    after = watcher.check().reading
    assert after.state is State.SITTING
    assert after.schedule.sitting_since == datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


def test_a_suspend_counts_as_away_and_the_break_is_not_notified(
    time: FakeTime, tmp_path: Path
) -> None:
    sink = Sink()
    watcher = make_watcher(time, tmp_path, sink=sink)
    watcher.check()
    time.advance(20 * MINUTE)
    watcher.check()
    time.suspend(60 * MINUTE)  # the lid closed over the deadline
    time.advance(1)
    check = watcher.check()
    assert check.suspended
    assert check.reading.state is State.SITTING
    assert check.reading.text == "0m sitting - break in 45m"
    assert check.sent is None and sink.text == ""


def test_a_due_break_is_notified_once(time: FakeTime, tmp_path: Path) -> None:
    sink = Sink()
    watcher = make_watcher(time, tmp_path, sink=sink)
    watcher.check()
    time.advance(45 * MINUTE)
    first = watcher.check()
    assert first.sent is not None and first.sent.method == "bell"
    assert sink.text == "\a"
    time.advance(MINUTE)
    assert watcher.check().sent is None  # the same deadline
    other = make_watcher(time, tmp_path, sink=sink)  # a second hiptui on the same database
    assert other.check().sent is None
    assert sink.text == "\a"


def test_the_wait_follows_the_deadline(time: FakeTime, tmp_path: Path) -> None:
    watcher = make_watcher(time, tmp_path)
    check = watcher.check()
    assert watcher.wait_after(check) == 30.0
    time.advance(45 * MINUTE - 10)
    assert watcher.wait_after(watcher.check()) == 10.5
