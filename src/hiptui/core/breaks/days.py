"""Sitting breaks per day, for the history screen: how many were taken, snoozed and skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol


class BreakLike(Protocol):
    @property
    def at(self) -> datetime: ...

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True, slots=True)
class BreakDay:
    day: date
    taken: int
    snoozed: int
    skipped: int


def break_days(breaks: Iterable[BreakLike], tz: tzinfo | None = None) -> list[BreakDay]:
    """One row per local day that has a break logged, newest first."""
    counts: dict[date, Counter[str]] = {}
    for entry in breaks:
        day = entry.at.astimezone(tz).date()
        counts.setdefault(day, Counter())[entry.kind] += 1
    return [
        BreakDay(day, c["taken"], c["snoozed"], c["skipped"])
        for day, c in sorted(counts.items(), reverse=True)
    ]
