"""The schedule on the stored timeline: sessions, times away, pauses, the stored first
sighting and the hour a day starts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.core.breaks.report import describe_schedule, read_clock
from hiptui.core.breaks.schedule import (
    AWAY_FRESH_SECONDS,
    BreakHistory,
    State,
    Stretch,
    day_start,
    schedule_from,
)
from hiptui.store.db import Database
from tests.unit.break_clock import LOCAL, history_of, mark


def at(hour: int, minute: int = 0, day: int = 6) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=LOCAL)


def line(history: BreakHistory, now: datetime, minutes: int = 45) -> str:
    schedule = schedule_from(history, minutes, now)
    return describe_schedule(schedule, now, has_history=not history.empty)


def state(history: BreakHistory, now: datetime, minutes: int = 45) -> State:
    return schedule_from(history, minutes, now).state(now)


def seen_at(moment: datetime, *marks: object) -> BreakHistory:
    return history_of(*marks).replace(seen=moment)  # type: ignore[arg-type]


# -- the first sighting, stored -----------------------------------------------------------------


def test_the_stored_first_sighting_wins_over_this_process_start() -> None:
    """Reopening the app at 9:40 does not restart the clock counted since 9:00."""
    history = seen_at(at(9))
    schedule = schedule_from(history, 45, at(9, 40), first_seen=at(9, 40))
    assert describe_schedule(schedule, at(9, 40)) == "40m sitting - break in 5m"


def test_a_snooze_survives_a_restart() -> None:
    history = seen_at(at(9), mark(at(9, 46), "snoozed", 10))
    restarted = schedule_from(history, 45, at(9, 50), first_seen=at(9, 50))
    assert describe_schedule(restarted, at(9, 50)) == "50m sitting - snoozed, break in 6m"
    assert restarted.state(at(9, 50)) is State.SNOOZED


def test_the_day_start_hour_is_a_setting() -> None:
    assert day_start(at(5, 30), 6) == at(6, day=5)
    assert day_start(at(6), 6) == at(6)
    assert day_start(at(0, 10), 0) == at(0)
    with pytest.raises(ValueError, match="0 to 23"):
        day_start(at(9), 24)
    evening = history_of(mark(at(23, 50, day=5)))
    # With days starting at midnight, last night's break is yesterday's.
    late = schedule_from(evening, 45, at(0, 30), day_start_hour=0)
    assert describe_schedule(late, at(0, 30)) == "no break logged today"
    assert line(evening, at(0, 30)) == "40m sitting - break in 5m"


# -- moving counts ------------------------------------------------------------------------------


def test_a_completed_session_is_a_break_from_its_start_to_its_end() -> None:
    history = seen_at(at(8), mark(at(8, 10))).replace(movement=Stretch(at(9, 0), at(9, 25)))
    schedule = schedule_from(history, 45, at(9, 40))
    assert schedule.sitting_since == at(9, 25)
    assert schedule.last_break == at(9, 25)
    assert describe_schedule(schedule, at(9, 40)) == "15m sitting - break in 30m"


def test_a_later_taken_break_wins_over_an_earlier_session() -> None:
    history = history_of(mark(at(9, 30))).replace(movement=Stretch(at(9), at(9, 20)))
    assert schedule_from(history, 45, at(9, 40)).sitting_since == at(9, 30)


def test_being_away_five_minutes_or_more_is_a_break() -> None:
    five = seen_at(at(8)).replace(away=Stretch(at(9), at(9, 5)))
    assert line(five, at(9, 20)) == "15m sitting - break in 30m"
    four = seen_at(at(8)).replace(away=Stretch(at(9), at(9, 4)))
    assert line(four, at(9, 20)) == "break due 35m ago"


def test_while_away_the_clock_stands_at_zero() -> None:
    history = seen_at(at(8)).replace(away=Stretch(at(9), at(9, 10), open=True))
    now = at(9, 11)
    schedule = schedule_from(history, 45, now)
    assert schedule.state(now) is State.AWAY
    assert schedule.sitting_seconds(now) == 0
    assert schedule.seconds_left(now) == 45 * 60
    assert describe_schedule(schedule, now) == "away 11m - counts as a break"


def test_an_absence_nobody_confirms_any_more_ends_where_it_was_last_seen() -> None:
    """The watcher stopped while the user was away: the absence is over at its last check."""
    history = seen_at(at(8)).replace(away=Stretch(at(9), at(9, 10), open=True))
    stale = at(9, 10) + timedelta(seconds=AWAY_FRESH_SECONDS + 1)
    schedule = schedule_from(history, 45, stale)
    assert schedule.state(stale) is State.SITTING
    assert schedule.sitting_since == at(9, 10)


# -- meeting mode -------------------------------------------------------------------------------


def test_a_pause_holds_the_reminder_and_is_not_a_break() -> None:
    history = seen_at(at(9)).replace(pause=Stretch(at(9, 30), at(10, 30)))
    assert state(history, at(9, 50)) is State.PAUSED
    assert line(history, at(9, 50)) == "50m sitting - paused for 40m"
    schedule = schedule_from(history, 45, at(9, 50))
    assert schedule.deadline == at(10, 30)  # held until the pause ends
    assert not schedule.is_due(at(10, 29))
    # After it: due at once, and the sitting time has kept counting.
    assert line(history, at(10, 31)) == "break due 1m ago"
    assert schedule_from(history, 45, at(10, 31)).sitting_since == at(9)


def test_a_pause_ended_early_lets_the_break_fall_due() -> None:
    resumed = seen_at(at(9)).replace(pause=Stretch(at(9, 30), at(9, 50)))
    assert state(resumed, at(9, 51)) is State.DUE
    assert line(resumed, at(9, 51)) == "break due 1m ago"  # since 9:50, the pause's end


def test_a_pause_over_before_the_last_break_changes_nothing() -> None:
    history = seen_at(at(8), mark(at(9, 40))).replace(pause=Stretch(at(9), at(9, 30)))
    schedule = schedule_from(history, 45, at(9, 50))
    assert schedule.pause is None
    assert schedule.deadline == at(10, 25)


def test_away_wins_over_a_pause() -> None:
    history = seen_at(at(9)).replace(
        pause=Stretch(at(9, 30), at(10, 30)),
        away=Stretch(at(9, 40), at(9, 50), open=True),
    )
    assert state(history, at(9, 51)) is State.AWAY


# -- one reading for every process --------------------------------------------------------------


def test_the_clock_is_read_from_the_database() -> None:
    moments = iter([at(8), at(8, 30), at(9), at(9, 20), at(9, 25)])
    db = Database.in_memory(now=lambda: next(moments))
    db.timeline.mark_seen(day_start(at(8)))  # 8:00
    db.log_break("taken")  # 8:30
    session = db.start_session("Desk break", {}, "desk-break")  # 9:00
    db.finish_session(session, "completed")  # 9:20
    db.timeline.pause(at(10))  # 9:25 until 10:00
    reading = read_clock(db, at(9, 40), setting_minutes=30)
    assert reading.history.seen == at(8).astimezone(UTC)
    assert reading.history.movement == Stretch(at(9).astimezone(UTC), at(9, 20).astimezone(UTC))
    assert reading.state is State.PAUSED
    assert reading.text == "20m sitting - paused for 20m"
    assert reading.interval.minutes == 30
    # Due at 9:50, held by the pause until 10:00.
    assert read_clock(db, at(10, 1), setting_minutes=30).text == "break due 1m ago"
    assert read_clock(db, at(10, 1), setting_minutes=60).text == "41m sitting - break in 19m"


@given(
    st.integers(0, 23),
    st.integers(0, 24 * 60 - 1),
    st.integers(0, 600),
    st.integers(5, 240),
)
def test_sitting_never_starts_before_the_day_or_after_now(
    hour: int, minute_of_day: int, ago: int, interval: int
) -> None:
    now = at(0) + timedelta(minutes=minute_of_day)
    history = seen_at(now - timedelta(minutes=ago), mark(now - timedelta(minutes=ago // 2)))
    schedule = schedule_from(history, interval, now, day_start_hour=hour)
    if schedule.sitting_since is not None:
        assert day_start(now, hour) <= schedule.sitting_since <= now
        assert schedule.deadline is not None
        assert schedule.deadline >= schedule.sitting_since
