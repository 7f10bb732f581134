"""The wall-clock schedule that the app's reminder and `hiptui status` share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.core.breaks.report import describe_schedule, format_minutes, status_text
from hiptui.core.breaks.schedule import (
    BreakHistory,
    BreakMark,
    day_start,
    schedule_from,
)
from hiptui.store.db import Database
from tests.unit.break_clock import LOCAL, MORNING, history_of, mark


def at(hour: int, minute: int = 0, day: int = 6) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=LOCAL)


def line(history: BreakHistory, now: datetime, minutes: int = 45) -> str:
    return describe_schedule(
        schedule_from(history, minutes, now), now, has_history=not history.empty
    )


def test_a_day_starts_at_four_in_the_morning_local_time() -> None:
    assert day_start(at(9)) == at(4)
    assert day_start(at(4)) == at(4)
    assert day_start(at(3, 59)) == at(4, day=5)
    assert day_start(at(0, 30)) == at(4, day=5)
    with pytest.raises(ValueError, match="timezone-aware"):
        day_start(datetime(2024, 5, 6, 9))


def test_working_past_midnight_keeps_the_evening_break() -> None:
    evening = history_of(mark(at(23, 50, day=5)))
    assert line(evening, at(0, 30)) == "40m sitting - break in 5m"


def test_a_break_before_the_day_began_is_not_counted() -> None:
    yesterday = history_of(mark(at(18, 0, day=5)))
    assert line(yesterday, at(9)) == "no break logged today"
    assert line(BreakHistory(), at(9)) == "no breaks logged yet"


def test_without_breaks_today_the_first_sighting_starts_the_clock() -> None:
    schedule = schedule_from(BreakHistory(), 45, at(9, 30), first_seen=at(9))
    assert describe_schedule(schedule, at(9, 30)) == "30m sitting - break in 15m"
    # A sighting from before the day began counts from the start of the day.
    overnight = schedule_from(BreakHistory(), 45, at(5), first_seen=at(22, day=5))
    assert overnight.sitting_since == at(4)


def test_the_last_break_today_wins_over_the_first_sighting() -> None:
    history = history_of(mark(at(8)))
    schedule = schedule_from(history, 45, at(9, 30), first_seen=at(9))
    assert schedule.sitting_since == at(8)
    assert schedule.is_due(at(9, 30))


def test_skip_moves_the_deadline_and_keeps_the_sitting_time() -> None:
    history = history_of(mark(at(8)), mark(at(8, 50), "skipped"))
    assert line(history, at(9, 30)) == "1h30m sitting - break in 5m"


def test_a_skip_with_no_break_taken_today_still_sets_the_deadline() -> None:
    history = history_of(mark(at(8, 50), "skipped"))
    assert line(history, at(9, 30)) == "break in 5m"


def test_snooze_moves_the_deadline_by_its_minutes() -> None:
    history = history_of(mark(at(8)), mark(at(8, 46), "snoozed", 10))
    assert line(history, at(8, 50)) == "50m sitting - snoozed, break in 6m"
    assert line(history, at(8, 56)) == "break due"
    assert line(history, at(9, 10)) == "break due 14m ago"


def test_a_snooze_before_the_last_break_is_over() -> None:
    history = history_of(mark(at(8), "snoozed", 10), mark(at(8, 5)))
    assert line(history, at(8, 20)) == "15m sitting - break in 30m"


def test_a_break_stamped_in_the_future_counts_as_now() -> None:
    history = history_of(mark(at(10)))
    assert line(history, at(9)) == "0m sitting - break in 45m"


def test_the_interval_sets_the_deadline() -> None:
    history = history_of(mark(at(8)))
    assert line(history, at(8, 20), minutes=30) == "20m sitting - break in 10m"
    assert line(history, at(8, 20), minutes=60) == "20m sitting - break in 40m"


def test_history_is_read_from_the_database() -> None:
    moments = iter([at(8), at(8, 30), at(8, 46), at(8, 47)])
    db = Database.in_memory(now=lambda: next(moments))
    db.log_break("taken")
    db.log_break("skipped")
    db.log_break("snoozed", 5)
    db.save_checkup({}, {"reminder_minutes": 30})
    history = BreakHistory.read(db)
    assert history.last_taken == BreakMark(at(8).astimezone(UTC), "taken", None)
    assert history.latest == BreakMark(at(8, 46).astimezone(UTC), "snoozed", 5)
    assert history.checkup_minutes == 30
    assert not history.empty
    assert BreakHistory.read(Database.in_memory()).empty


@pytest.mark.parametrize(
    ("seconds", "down", "up"),
    [(0, "0m", "0m"), (59, "0m", "1m"), (60, "1m", "1m"), (3599, "59m", "1h00m"),
     (3600, "1h00m", "1h00m"), (3900, "1h05m", "1h05m"), (-30, "0m", "0m")],
)  # fmt: skip
def test_format_minutes(seconds: float, down: str, up: str) -> None:
    assert format_minutes(seconds) == down
    assert format_minutes(seconds, round_up=True) == up


@given(
    st.floats(0, 86400, allow_nan=False),
    st.floats(-86400, 86400, allow_nan=False),
    st.booleans(),
    st.booleans(),
)
def test_status_text_is_one_short_plain_line(
    sitting: float, left: float, snoozed: bool, held: bool
) -> None:
    text = status_text(sitting, left, snoozed=snoozed, held=held)
    assert text.isprintable() and text.isascii()
    assert len(text) <= 48
    assert ("due" in text) == (left <= 0)


def test_the_morning_fixture_is_after_the_day_start() -> None:
    assert day_start(MORNING) < MORNING
    assert day_start(MORNING + timedelta(hours=20)) == day_start(MORNING) + timedelta(days=1)
