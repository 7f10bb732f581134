"""What the history database hands back: frozen records and timestamps.

Timestamps are stored as ISO 8601 UTC strings with second precision (``2024-05-01T18:30:05Z``),
so they sort as text and read the same in the database, the JSON export and the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from hiptui.content.text import printable

SessionStatus = Literal["active", "completed", "ended-early", "abandoned"]
SESSION_STATUSES: tuple[str, ...] = ("active", "completed", "ended-early", "abandoned")
FINISHED_STATUSES: tuple[str, ...] = ("completed", "ended-early", "abandoned")

BreakKind = Literal["taken", "snoozed", "skipped"]
BREAK_KINDS: tuple[str, ...] = ("taken", "snoozed", "skipped")

SIDES: tuple[str, ...] = ("left", "right")

# The longest name or note the store keeps (an import refuses longer ones too).
MAX_TEXT = 10_000


@dataclass(frozen=True)
class SetRecord:
    """One completed set (or one side of a per-side set)."""

    id: int
    session_id: int
    exercise_id: str
    exercise_name: str
    set_number: int
    side: str | None
    reps: int
    hold_seconds: float | None
    work_seconds: float | None
    discomfort: bool
    note: str | None
    started_at: datetime | None
    completed_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    """A workout session; ``sets`` in the order they were completed."""

    id: int
    uid: str
    name: str
    routine_id: str | None
    plan: dict[str, Any]
    state: dict[str, Any] | None
    started_at: datetime
    ended_at: datetime | None
    status: str
    sets: tuple[SetRecord, ...] = ()


@dataclass(frozen=True)
class CheckupRecord:
    """A saved self-check: the answers given and the scored result."""

    id: int
    uid: str
    taken_at: datetime
    answers: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True)
class BreakRecord:
    """A sitting break taken, snoozed (for ``minutes``) or skipped."""

    id: int
    uid: str
    at: datetime
    kind: str
    minutes: int | None


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_timestamp(moment: datetime) -> str:
    """``moment`` as stored: UTC, whole seconds, ``Z`` suffix. Naive times are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    """A stored timestamp back as an aware UTC ``datetime``."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_optional_timestamp(text: str | None) -> datetime | None:
    return None if text is None else parse_timestamp(text)


def tidy_seconds(value: float | None) -> float | None:
    """Seconds kept to the millisecond, so exports do not carry float noise."""
    return None if value is None else round(float(value), 3)


def clean_text(text: str, *, newlines: bool = False) -> str:
    """Text as the store keeps it: no control or bidi characters (a note may keep newlines),
    so nothing in the database can act on a terminal, and every export imports back."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"text longer than {MAX_TEXT} characters")
    return printable(text, keep_newlines=newlines)


def clean_optional(text: str | None, *, newlines: bool = False) -> str | None:
    return None if text is None else clean_text(text, newlines=newlines)
