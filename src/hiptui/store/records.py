"""What the history database hands back: frozen records, and timestamps (from
:mod:`hiptui.store.stamps`: ISO 8601 UTC strings with second precision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from hiptui.content.load import Load
from hiptui.content.text import printable
from hiptui.store.stamps import format_timestamp as format_timestamp
from hiptui.store.stamps import parse_optional_timestamp as parse_optional_timestamp
from hiptui.store.stamps import parse_timestamp as parse_timestamp

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
    # Logged after the set, each optional: the load, reps in reserve (0-5), pain (0-10).
    load: Load | None = None
    rir: int | None = None
    pain: int | None = None


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
    # How the worked area felt the next morning (0-10), asked once; None when not given.
    pain_next_day: int | None = None


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
