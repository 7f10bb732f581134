"""Turning database rows into records, and JSON columns to and from dicts.

The database is outside input too: another tool (the ``sqlite3`` shell, a sync program, a
script) may have written any value of any type into any column. Every value is checked on the
way out; a row that cannot be a record raises :class:`RowError` (``sets row 5: completed_at:
'yesterday' is not an ISO 8601 time``), and the database leaves that row out and says so
(:attr:`hiptui.store.db.Database.unreadable`), so one bad row never hides the others.
"""

from __future__ import annotations

import json
import math
from _thread import allocate_lock  # threading's own lock, without importing threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from hiptui.content.load import LOAD_UNITS, Load
from hiptui.content.models import Problem
from hiptui.content.text import printable
from hiptui.store.records import (
    BREAK_KINDS,
    MAX_LOAD,
    MAX_PAIN,
    MAX_RIR,
    SESSION_STATUSES,
    SIDES,
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetRecord,
    parse_timestamp,
)

SESSION_COLUMNS = (
    "id, uid, name, routine_id, plan_json, state_json, started_at, ended_at, status, pain_next_day"
)
SET_COLUMNS = (
    "id, session_id, exercise_id, exercise_name, set_number, side, reps, hold_seconds, "
    "work_seconds, discomfort, note, started_at, completed_at, load_value, load_unit, rir, pain"
)
# Schema version 3 added these columns; an older file (read without upgrading it) has none,
# and reads as if none were logged.
LOAD_SINCE_VERSION = 3
_ADDED_IN_3 = ("pain_next_day", "load_value", "load_unit", "rir", "pain")


def _as_of(columns: str, version: int) -> str:
    if version >= LOAD_SINCE_VERSION:
        return columns
    return ", ".join(f"NULL AS {name}" if name in _ADDED_IN_3 else name for name in _names(columns))


def session_columns(version: int) -> str:
    """The sessions columns to select from a database of schema ``version``."""
    return _as_of(SESSION_COLUMNS, version)


def set_columns(version: int) -> str:
    """The sets columns to select from a database of schema ``version``."""
    return _as_of(SET_COLUMNS, version)


CHECKUP_COLUMNS = "id, uid, taken_at, answers_json, result_json"
BREAK_COLUMNS = "id, uid, at, kind, minutes"


def _names(columns: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in columns.split(","))


_SESSION_NAMES, _SET_NAMES = _names(SESSION_COLUMNS), _names(SET_COLUMNS)
_CHECKUP_NAMES, _BREAK_NAMES = _names(CHECKUP_COLUMNS), _names(BREAK_COLUMNS)


class RowError(ValueError):
    """A row that cannot be read as a record: ``table row id: column: what is wrong``."""

    def __init__(self, table: str, row_id: object, column: str, message: str) -> None:
        shown = row_id if isinstance(row_id, int) else "?"
        super().__init__(f"{table} row {shown}: {column}: {message}")
        self.table = table
        self.row_id = row_id


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")


class RowReader:
    """Converts rows to records, leaving out (and remembering, each once) every row that
    cannot be one. Thread-safe: the app reads the history from worker threads."""

    def __init__(self, where: str) -> None:
        self.where = where
        self._lock = allocate_lock()
        self._unreadable: dict[tuple[str, object], Problem] = {}

    @property
    def unreadable(self) -> list[Problem]:
        with self._lock:
            return list(self._unreadable.values())

    def read(self, rows: Iterable[Sequence[Any]], convert: Callable[[Any], T]) -> list[T]:
        """``convert`` applied to each row; a row it refuses is noted in :attr:`unreadable`."""
        out: list[T] = []
        for row in rows:
            try:
                out.append(convert(row))
            except RowError as error:
                with self._lock:
                    problem = Problem(self.where, None, str(error))
                    self._unreadable.setdefault((error.table, error.row_id), problem)
        return out

    def first(self, rows: Iterable[Sequence[Any]], convert: Callable[[Any], T]) -> T | None:
        """The first row ``convert`` accepts (the others before it are noted)."""
        for row in rows:
            found = self.read([row], convert)
            if found:
                return found[0]
        return None


def dump_json(value: dict[str, Any]) -> str:
    """A dict as stable JSON text (sorted keys, no NaN)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def load_json(text: object) -> dict[str, Any] | None:
    """The object in a JSON column; ``None`` for NULL or anything that is not one."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class _Row:
    """One row being read: each getter checks its column or raises :class:`RowError`."""

    def __init__(self, table: str, names: tuple[str, ...], row: Sequence[Any]) -> None:
        self.table = table
        self.values = dict(zip(names, row, strict=True))

    def fail(self, column: str, message: str) -> RowError:
        return RowError(self.table, self.values.get("id"), column, message)

    def whole(self, column: str, low: int = 0) -> int:
        value = self.values[column]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.fail(
                column, f"expected a whole number of {low} or more, got {_shown(value)}"
            )
        return value

    def text(self, column: str) -> str:
        value = self.values[column]
        if not isinstance(value, str):
            raise self.fail(column, f"expected text, got {_shown(value)}")
        return value

    def optional_text(self, column: str) -> str | None:
        return None if self.values[column] is None else self.text(column)

    def seconds(self, column: str) -> float | None:
        value = self.values[column]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(column, f"expected a number of seconds, got {_shown(value)}")
        if not math.isfinite(value) or value < 0:
            raise self.fail(column, f"expected a number of seconds, got {_shown(value)}")
        return float(value)

    def choice(self, column: str, options: tuple[str, ...]) -> str:
        value = self.values[column]
        if value not in options:
            raise self.fail(column, f"expected one of {', '.join(options)}, got {_shown(value)}")
        return str(value)

    def moment(self, column: str) -> datetime:
        try:
            return parse_timestamp(self.values[column])
        except ValueError as error:
            raise self.fail(column, str(error)) from None

    def json_object(self, column: str) -> dict[str, Any]:
        value = self.values[column]
        if not isinstance(value, str):
            raise self.fail(column, f"expected JSON text, got {_shown(value)}")
        found = load_json(value)
        if found is None:
            raise self.fail(column, "is not a JSON object")
        return found

    def optional_moment(self, column: str) -> datetime | None:
        return None if self.values[column] is None else self.moment(column)

    def scale(self, column: str, high: int) -> int | None:
        """A whole number from 0 to ``high``, or NULL."""
        value = self.values[column]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
            raise self.fail(
                column, f"expected a whole number from 0 to {high} or NULL, got {_shown(value)}"
            )
        return value

    def load(self) -> Load | None:
        """The load in ``load_value`` and ``load_unit``: both NULL (no load) or both set."""
        value, unit = self.values["load_value"], self.values["load_unit"]
        if value is None and unit is None:
            return None
        if unit not in LOAD_UNITS:
            raise self.fail("load_unit", f"expected kg, lb or band, got {_shown(unit)}")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= MAX_LOAD
        ):
            raise self.fail(
                "load_value", f"expected a number from 0 to {MAX_LOAD:g}, got {_shown(value)}"
            )
        return Load(float(value), unit)


def _shown(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return "a blob"
    text = printable(str(value), keep_newlines=False)
    return repr(text if len(text) <= 40 else text[:40] + "...")


def set_record(row: Sequence[Any]) -> SetRecord:
    read = _Row("sets", _SET_NAMES, row)
    discomfort = read.values["discomfort"]
    if discomfort not in (0, 1):
        raise read.fail("discomfort", f"expected 0 or 1, got {_shown(discomfort)}")
    side = read.values["side"]
    if side not in ("", None, *SIDES):
        raise read.fail("side", f"expected '', left or right, got {_shown(side)}")
    return SetRecord(
        id=read.whole("id"),
        session_id=read.whole("session_id"),
        exercise_id=read.text("exercise_id"),
        exercise_name=read.text("exercise_name"),
        set_number=read.whole("set_number", 1),
        side=side or None,
        reps=read.whole("reps"),
        hold_seconds=read.seconds("hold_seconds"),
        work_seconds=read.seconds("work_seconds"),
        discomfort=bool(discomfort),
        note=read.optional_text("note"),
        started_at=read.optional_moment("started_at"),
        completed_at=read.moment("completed_at"),
        load=read.load(),
        rir=read.scale("rir", MAX_RIR),
        pain=read.scale("pain", MAX_PAIN),
    )


def session_record(row: Sequence[Any], sets: tuple[SetRecord, ...]) -> SessionRecord:
    read = _Row("sessions", _SESSION_NAMES, row)
    return SessionRecord(
        id=read.whole("id"),
        uid=read.text("uid"),
        name=read.text("name"),
        routine_id=read.optional_text("routine_id"),
        plan=load_json(read.values["plan_json"]) or {},
        state=load_json(read.values["state_json"]),
        started_at=read.moment("started_at"),
        ended_at=read.optional_moment("ended_at"),
        status=read.choice("status", SESSION_STATUSES),
        sets=sets,
        pain_next_day=read.scale("pain_next_day", MAX_PAIN),
    )


def checkup_record(row: Sequence[Any]) -> CheckupRecord:
    read = _Row("checkups", _CHECKUP_NAMES, row)
    return CheckupRecord(
        id=read.whole("id"),
        uid=read.text("uid"),
        taken_at=read.moment("taken_at"),
        answers=read.json_object("answers_json"),
        result=read.json_object("result_json"),
    )


def break_record(row: Sequence[Any]) -> BreakRecord:
    read = _Row("breaks", _BREAK_NAMES, row)
    minutes = read.values["minutes"]
    return BreakRecord(
        id=read.whole("id"),
        uid=read.text("uid"),
        at=read.moment("at"),
        kind=read.choice("kind", BREAK_KINDS),
        minutes=None if minutes is None else read.whole("minutes"),
    )
