from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from hiptui.core.breaks.days import BreakDay, break_days


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str


def test_counts_each_kind_per_local_day_newest_first() -> None:
    base = datetime(2024, 5, 20, 9, 0, tzinfo=UTC)
    entries = [
        Entry(base, "taken"),
        Entry(base + timedelta(hours=1), "snoozed"),
        Entry(base + timedelta(hours=2), "taken"),
        Entry(base + timedelta(days=1), "skipped"),
    ]
    assert break_days(entries, UTC) == [
        BreakDay(date(2024, 5, 21), 0, 0, 1),
        BreakDay(date(2024, 5, 20), 2, 1, 0),
    ]


def test_days_follow_the_given_time_zone() -> None:
    late = datetime(2024, 5, 20, 23, 30, tzinfo=UTC)
    east = timezone(timedelta(hours=2))
    assert break_days([Entry(late, "taken")], east) == [BreakDay(date(2024, 5, 21), 1, 0, 0)]
    assert break_days([], UTC) == []
