"""What the history database hands back: frozen records, and timestamps (from
:mod:`hiptui.store.stamps`: ISO 8601 UTC strings with second precision).

The records are :class:`hiptui.content.frozen.Frozen` classes rather than dataclasses, so
``hiptui today`` does not import ``dataclasses`` (benchmarks/frozen_gain.py)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hiptui.content.frozen import Frozen, _set
from hiptui.content.load import LOAD_UNITS, Load
from hiptui.content.text import printable
from hiptui.store.stamps import format_timestamp as format_timestamp
from hiptui.store.stamps import parse_optional_timestamp as parse_optional_timestamp
from hiptui.store.stamps import parse_timestamp as parse_timestamp

TYPE_CHECKING = False
if TYPE_CHECKING:  # (``typing`` is not imported at run time: see Load)
    from typing import Any, Literal

    SessionStatus = Literal["active", "completed", "ended-early", "abandoned"]
    BreakKind = Literal["taken", "snoozed", "skipped"]

SESSION_STATUSES: tuple[str, ...] = ("active", "completed", "ended-early", "abandoned")
FINISHED_STATUSES: tuple[str, ...] = ("completed", "ended-early", "abandoned")

BREAK_KINDS: tuple[str, ...] = ("taken", "snoozed", "skipped")

SIDES: tuple[str, ...] = ("left", "right")

# The longest name or note the store keeps (an import refuses longer ones too).
MAX_TEXT = 10_000

# The ranges of what is logged after a set (the schema's CHECK constraints hold the same).
MAX_LOAD = 10_000.0  # kg, lb or band level
MAX_RIR = 5  # reps in reserve
MAX_PAIN = 10  # pain, 0 (none) to 10


class SetRecord(Frozen):
    """One completed set (or one side of a per-side set)."""

    __slots__ = FIELDS = COMPARED = (
        "id", "session_id", "exercise_id", "exercise_name", "set_number", "side", "reps",
        "hold_seconds", "work_seconds", "discomfort", "note", "started_at", "completed_at",
        "load", "rir", "pain",
    )  # fmt: skip
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
    load: Load | None
    rir: int | None
    pain: int | None

    def __init__(
        self,
        id: int,
        session_id: int,
        exercise_id: str,
        exercise_name: str,
        set_number: int,
        side: str | None,
        reps: int,
        hold_seconds: float | None,
        work_seconds: float | None,
        discomfort: bool,
        note: str | None,
        started_at: datetime | None,
        completed_at: datetime,
        load: Load | None = None,
        rir: int | None = None,
        pain: int | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "session_id", session_id)
        _set(self, "exercise_id", exercise_id)
        _set(self, "exercise_name", exercise_name)
        _set(self, "set_number", set_number)
        _set(self, "side", side)
        _set(self, "reps", reps)
        _set(self, "hold_seconds", hold_seconds)
        _set(self, "work_seconds", work_seconds)
        _set(self, "discomfort", discomfort)
        _set(self, "note", note)
        _set(self, "started_at", started_at)
        _set(self, "completed_at", completed_at)
        _set(self, "load", load)
        _set(self, "rir", rir)
        _set(self, "pain", pain)


class SetDetails(tuple[Load | None, int | None, int | None]):
    """What is logged about a set after it is done, each part optional: ``(load, rir,
    pain)``, a triple written out by hand as :class:`hiptui.content.load.Load` is."""

    __slots__ = ()

    def __new__(
        cls, load: Load | None = None, rir: int | None = None, pain: int | None = None
    ) -> SetDetails:
        return tuple.__new__(cls, (load, rir, pain))

    def __getnewargs__(self) -> tuple[Load | None, int | None, int | None]:
        return (self[0], self[1], self[2])

    @property
    def load(self) -> Load | None:
        return self[0]

    @property
    def rir(self) -> int | None:
        return self[1]

    @property
    def pain(self) -> int | None:
        return self[2]

    def __repr__(self) -> str:
        return f"SetDetails(load={self[0]!r}, rir={self[1]!r}, pain={self[2]!r})"


NO_DETAILS = SetDetails()


def check_details(load: Load | None, rir: int | None, pain: int | None) -> None:
    """``ValueError`` naming the first value out of range (what the database would refuse)."""
    if load is not None:
        value = load.value
        if load.unit not in LOAD_UNITS:
            raise ValueError(f"load unit must be kg, lb or band, not {load.unit!r}")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= MAX_LOAD
        ):
            raise ValueError(f"load must be a number from 0 to {MAX_LOAD:g}, not {value!r}")
    for name, found, high in (("rir", rir, MAX_RIR), ("pain", pain, MAX_PAIN)):
        if found is None:
            continue
        if isinstance(found, bool) or not isinstance(found, int) or not 0 <= found <= high:
            raise ValueError(f"{name} must be a whole number from 0 to {high}, not {found!r}")


class SessionRecord(Frozen):
    """A workout session; ``sets`` in the order they were completed."""

    __slots__ = FIELDS = COMPARED = (
        "id", "uid", "name", "routine_id", "plan", "state", "started_at", "ended_at", "status",
        "sets", "pain_next_day",
    )  # fmt: skip
    id: int
    uid: str
    name: str
    routine_id: str | None
    plan: dict[str, Any]
    state: dict[str, Any] | None
    started_at: datetime
    ended_at: datetime | None
    status: str
    sets: tuple[SetRecord, ...]
    # How the worked area felt the next morning (0-10), asked once; None when not given.
    pain_next_day: int | None

    def __init__(
        self,
        id: int,
        uid: str,
        name: str,
        routine_id: str | None,
        plan: dict[str, Any],
        state: dict[str, Any] | None,
        started_at: datetime,
        ended_at: datetime | None,
        status: str,
        sets: tuple[SetRecord, ...] = (),
        pain_next_day: int | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "uid", uid)
        _set(self, "name", name)
        _set(self, "routine_id", routine_id)
        _set(self, "plan", plan)
        _set(self, "state", state)
        _set(self, "started_at", started_at)
        _set(self, "ended_at", ended_at)
        _set(self, "status", status)
        _set(self, "sets", sets)
        _set(self, "pain_next_day", pain_next_day)


class CheckupRecord(Frozen):
    """A saved self-check: the answers given and the scored result."""

    __slots__ = FIELDS = ("id", "uid", "taken_at", "answers", "result")
    id: int
    uid: str
    taken_at: datetime
    answers: dict[str, Any]
    result: dict[str, Any]

    def __init__(
        self,
        id: int,
        uid: str,
        taken_at: datetime,
        answers: dict[str, Any],
        result: dict[str, Any],
    ) -> None:
        _set(self, "id", id)
        _set(self, "uid", uid)
        _set(self, "taken_at", taken_at)
        _set(self, "answers", answers)
        _set(self, "result", result)


class BreakRecord(Frozen):
    """A sitting break taken, snoozed (for ``minutes``) or skipped."""

    __slots__ = FIELDS = ("id", "uid", "at", "kind", "minutes")
    id: int
    uid: str
    at: datetime
    kind: str
    minutes: int | None

    def __init__(self, id: int, uid: str, at: datetime, kind: str, minutes: int | None) -> None:
        _set(self, "id", id)
        _set(self, "uid", uid)
        _set(self, "at", at)
        _set(self, "kind", kind)
        _set(self, "minutes", minutes)


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
