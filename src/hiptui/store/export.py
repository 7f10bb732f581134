"""Taking the history out: a JSON document (that :mod:`hiptui.store.history_import` reads back)
and a CSV of sets in the Strong app's layout, which other set-logging apps read
(:mod:`hiptui.store.strong_csv`; :mod:`hiptui.store.csv_import` reads it back). docs/data.md
describes both.

Keys of the JSON document are only ever added, never renamed; ``format_version`` changes only
if a reader of an older version could no longer make sense of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, tzinfo
from typing import Any

from hiptui.content.load import Load
from hiptui.content.text import printable
from hiptui.store.db import Database
from hiptui.store.history_import import ImportSummary, import_history, load_export_file
from hiptui.store.records import (
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetRecord,
    format_timestamp,
)
from hiptui.store.strong_csv import (
    DATE_FORMAT,
    DELIMITER,
    STRONG_COLUMNS,
    join_notes,
    rpe_of,
    workout_notes,
)

FORMAT_VERSION = 2
CSV_COLUMNS = STRONG_COLUMNS

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "ImportSummary",
    "dumps_export",
    "empty_export",
    "export_csv",
    "export_json",
    "import_history",
    "load_export_file",
]

# Characters JSON leaves raw but a terminal would act on: C1 controls, DEL, bidi overrides.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@")


def number(value: float | None) -> int | float | None:
    """Seconds as written: ``2`` rather than ``2.0``."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _set(record: SetRecord) -> dict[str, Any]:
    return {
        "exercise": record.exercise_id,
        "exercise_name": record.exercise_name,
        "set": record.set_number,
        "side": record.side,
        "reps": record.reps,
        "hold_seconds": number(record.hold_seconds),
        "work_seconds": number(record.work_seconds),
        "discomfort": record.discomfort,
        "note": record.note,
        "completed_at": format_timestamp(record.completed_at),
        "load": None if record.load is None else load_object(record.load),
        "rir": record.rir,
        "pain": record.pain,
    }


def load_object(load: Load) -> dict[str, Any]:
    """``{"value": 40.0, "unit": "kg"}``: the value always a float, as written the same way
    every time."""
    return {"value": float(load.value), "unit": load.unit}


def _session(record: SessionRecord) -> dict[str, Any]:
    return {
        "id": record.uid,
        "name": record.name,
        "routine": record.routine_id,
        "started_at": format_timestamp(record.started_at),
        "ended_at": None if record.ended_at is None else format_timestamp(record.ended_at),
        "status": record.status,
        "pain_next_day": record.pain_next_day,
        "sets": [_set(item) for item in record.sets],
    }


def _checkup(record: CheckupRecord) -> dict[str, Any]:
    return {
        "id": record.uid,
        "taken_at": format_timestamp(record.taken_at),
        "answers": record.answers,
        "result": record.result,
    }


def _break(record: BreakRecord) -> dict[str, Any]:
    return {
        "id": record.uid,
        "at": format_timestamp(record.at),
        "kind": record.kind,
        "minutes": record.minutes,
    }


def empty_export() -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "sessions": [], "checkups": [], "breaks": []}


def export_json(db: Database) -> dict[str, Any]:
    """Everything logged, oldest first: sessions with their sets, self-checks and breaks."""
    document = empty_export()
    document["sessions"] = [_session(s) for s in reversed(db.sessions())]
    document["checkups"] = [_checkup(c) for c in db.checkups()]
    document["breaks"] = [_break(b) for b in db.breaks()]
    return document


def dumps_export(document: dict[str, Any]) -> str:
    """The document as JSON text that is safe to print on a terminal and loses nothing: the
    characters a terminal would act on are written as ``\\uXXXX`` escapes."""
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _cell(text: str | None) -> str:
    if not text:
        return ""
    clean = printable(text)
    return "'" + clean if clean.startswith(_FORMULA_START) else clean


def _seconds(record: SetRecord) -> str:
    value = number(record.work_seconds if record.work_seconds is not None else record.hold_seconds)
    return "" if value is None else str(value)


def _weight(load: Load | None) -> tuple[str, str]:
    """The ``Weight`` and ``Weight Unit`` cells: a band's level is not a weight (it goes in
    ``Notes``), and Strong writes pounds as ``lbs``."""
    if load is None or load.unit == "band":
        return "", ""
    return str(number(load.value)), "lbs" if load.unit == "lb" else "kg"


def export_csv(db: Database, *, tz: tzinfo | None = UTC) -> str:
    """One row per set (each side of a per-side set is its own row), oldest first, in the
    Strong app's columns (:data:`CSV_COLUMNS`), separated by ``;``.

    ``Date`` is the session's start in ``tz`` (``None``: the computer's local time zone).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER)
    writer.writerow(CSV_COLUMNS)
    for session in reversed(db.sessions()):
        started = (
            session.started_at.astimezone(tz) if tz is not None else session.started_at.astimezone()
        )
        date = started.strftime(DATE_FORMAT)
        workout = workout_notes(session.pain_next_day)
        for record in session.sets:
            weight, unit = _weight(record.load)
            rpe = rpe_of(record.rir)
            notes = join_notes(record.side, record.note, record.load, record.pain,
                               record.discomfort)  # fmt: skip
            writer.writerow(
                (
                    date,
                    _cell(session.name),
                    _cell(record.exercise_name),
                    record.set_number,
                    weight,
                    unit,
                    record.reps,
                    "" if rpe is None else rpe,
                    "",
                    "",
                    _seconds(record),
                    _cell(notes),
                    workout,
                )
            )
    return buffer.getvalue()
