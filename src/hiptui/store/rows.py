"""Turning database rows into records, and JSON columns to and from dicts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hiptui.store.records import (
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetRecord,
    parse_optional_timestamp,
    parse_timestamp,
)

SESSION_COLUMNS = "id, uid, name, routine_id, plan_json, state_json, started_at, ended_at, status"
SET_COLUMNS = (
    "id, session_id, exercise_id, exercise_name, set_number, side, reps, hold_seconds, "
    "work_seconds, discomfort, note, started_at, completed_at"
)
CHECKUP_COLUMNS = "id, uid, taken_at, answers_json, result_json"
BREAK_COLUMNS = "id, uid, at, kind, minutes"


def dump_json(value: dict[str, Any]) -> str:
    """A dict as stable JSON text (sorted keys, no NaN)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def load_json(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def set_record(row: Sequence[Any]) -> SetRecord:
    return SetRecord(
        id=row[0],
        session_id=row[1],
        exercise_id=row[2],
        exercise_name=row[3],
        set_number=row[4],
        side=row[5] or None,
        reps=row[6],
        hold_seconds=row[7],
        work_seconds=row[8],
        discomfort=bool(row[9]),
        note=row[10],
        started_at=parse_optional_timestamp(row[11]),
        completed_at=parse_timestamp(row[12]),
    )


def session_record(row: Sequence[Any], sets: tuple[SetRecord, ...]) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        uid=row[1],
        name=row[2],
        routine_id=row[3],
        plan=load_json(row[4]) or {},
        state=load_json(row[5]),
        started_at=parse_timestamp(row[6]),
        ended_at=parse_optional_timestamp(row[7]),
        status=row[8],
        sets=sets,
    )


def checkup_record(row: Sequence[Any]) -> CheckupRecord:
    return CheckupRecord(
        id=row[0],
        uid=row[1],
        taken_at=parse_timestamp(row[2]),
        answers=load_json(row[3]) or {},
        result=load_json(row[4]) or {},
    )


def break_record(row: Sequence[Any]) -> BreakRecord:
    return BreakRecord(
        id=row[0], uid=row[1], at=parse_timestamp(row[2]), kind=row[3], minutes=row[4]
    )
