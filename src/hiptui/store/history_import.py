"""Reading a JSON export back in: check every field first, then add it all in one transaction.

Nothing is written unless the whole document is valid. Records already in the database
(sessions, self-checks and breaks by ``id``; sets by session, exercise, set number and side)
are skipped, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hiptui.content.files import read_json
from hiptui.content.models import Problem
from hiptui.store.db import Database
from hiptui.store.export_fields import MAX_PROBLEMS, ExportFieldReader, TooManyProblems, kind_of
from hiptui.store.records import (
    BREAK_KINDS,
    MAX_PAIN,
    MAX_RIR,
    SESSION_STATUSES,
    SIDES,
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetRecord,
)

# Version 1 has no load, rir, pain or pain_next_day: it reads as if none were logged.
READABLE_FORMAT_VERSION = 2
MAX_FILE_BYTES = 64 * 1024 * 1024  # with at most 500,000 values: some 45,000 sets


@dataclass(frozen=True)
class ImportSummary:
    sessions_added: int
    sets_added: int
    checkups_added: int
    breaks_added: int
    skipped: int

    def __str__(self) -> str:
        return (
            f"added {self.sessions_added} sessions, {self.sets_added} sets, "
            f"{self.checkups_added} self-checks and {self.breaks_added} breaks; "
            f"{self.skipped} already there"
        )


def _parse_set(reader: ExportFieldReader, value: object, where: str) -> SetRecord | None:
    data = reader.table(value, where)
    if data is None:
        return None
    before = len(reader.problems)
    exercise = reader.text(data, "exercise", where) or ""
    if data.get("exercise") == "":
        reader.fail(f"{where}.exercise", "is empty")
    name = reader.text(data, "exercise_name", where, required=False, default=exercise)
    number = reader.whole(data, "set", where, 1, 10_000)
    side = reader.choice(data, "side", where, SIDES, nullable=True)
    reps = reader.whole(data, "reps", where, 0, 100_000)
    hold = reader.seconds(data, "hold_seconds", where)
    work = reader.seconds(data, "work_seconds", where)
    discomfort = data.get("discomfort", False)
    if not isinstance(discomfort, bool):
        reader.fail(f"{where}.discomfort", f"expected true or false, got {kind_of(discomfort)}")
    note = reader.text(data, "note", where, required=False, nullable=True, newlines=True)
    completed = reader.moment(data, "completed_at", where)
    load = reader.load(data, "load", where)
    rir = reader.whole(data, "rir", where, 0, MAX_RIR, nullable=True)
    pain = reader.whole(data, "pain", where, 0, MAX_PAIN, nullable=True)
    if len(reader.problems) > before or number is None or reps is None or completed is None:
        return None
    return SetRecord(
        id=0,
        session_id=0,
        exercise_id=exercise,
        exercise_name=name or exercise,
        set_number=number,
        side=side,
        reps=reps,
        hold_seconds=hold,
        work_seconds=work,
        discomfort=bool(discomfort),
        note=note,
        started_at=None,
        completed_at=completed,
        load=load,
        rir=rir,
        pain=pain,
    )


def _parse_session(reader: ExportFieldReader, value: object, where: str) -> SessionRecord | None:
    data = reader.table(value, where)
    if data is None:
        return None
    before = len(reader.problems)
    uid = reader.uid(data, where)
    name = reader.text(data, "name", where, required=False, default="") or ""
    routine = reader.text(data, "routine", where, required=False, nullable=True)
    started = reader.moment(data, "started_at", where)
    ended = reader.moment(data, "ended_at", where, nullable=True)
    status = reader.choice(data, "status", where, SESSION_STATUSES)
    pain_next_day = reader.whole(data, "pain_next_day", where, 0, MAX_PAIN, nullable=True)
    sets = [
        _parse_set(reader, item, f"{where}.sets[{index}]")
        for index, item in enumerate(reader.items(data, "sets", required=False, where=where))
    ]
    if len(reader.problems) > before or started is None or status is None:
        return None
    return SessionRecord(
        id=0,
        uid=uid,
        name=name,
        routine_id=routine,
        plan={},
        state=None,
        started_at=started,
        ended_at=ended,
        status=status,
        sets=tuple(s for s in sets if s is not None),
        pain_next_day=pain_next_day,
    )


def _parse_checkup(reader: ExportFieldReader, value: object, where: str) -> CheckupRecord | None:
    data = reader.table(value, where)
    if data is None:
        return None
    before = len(reader.problems)
    uid = reader.uid(data, where)
    taken = reader.moment(data, "taken_at", where)
    answers = reader.json_object(data, "answers", where)
    result = reader.json_object(data, "result", where)
    if len(reader.problems) > before or taken is None:
        return None
    return CheckupRecord(id=0, uid=uid, taken_at=taken, answers=answers, result=result)


def _parse_break(reader: ExportFieldReader, value: object, where: str) -> BreakRecord | None:
    data = reader.table(value, where)
    if data is None:
        return None
    before = len(reader.problems)
    uid = reader.uid(data, where)
    at = reader.moment(data, "at", where)
    kind = reader.choice(data, "kind", where, BREAK_KINDS)
    minutes = reader.whole(data, "minutes", where, 0, 24 * 60, nullable=True)
    if len(reader.problems) > before or at is None or kind is None:
        return None
    return BreakRecord(id=0, uid=uid, at=at, kind=kind, minutes=minutes)


@dataclass(frozen=True)
class ParsedExport:
    sessions: list[SessionRecord]
    checkups: list[CheckupRecord]
    breaks: list[BreakRecord]


def parse_export(data: object, *, path: str) -> ParsedExport | list[Problem]:
    """Check a parsed JSON export; returns its records, or every problem found (up to 50)."""
    reader = ExportFieldReader(path)
    if not isinstance(data, dict):
        return [
            Problem(path, None, f"expected a hiptui export (a JSON object), got {kind_of(data)}")
        ]
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return [Problem(path, None, "format_version: missing or not a hiptui export version")]
    if version > READABLE_FORMAT_VERSION:
        return [
            Problem(
                path,
                None,
                f"format_version: {version} is newer than this hiptui reads "
                f"({READABLE_FORMAT_VERSION}); upgrade hiptui to import it",
            )
        ]
    try:
        sessions = [
            _parse_session(reader, item, f"sessions[{index}]")
            for index, item in enumerate(reader.items(data, "sessions", required=True))
        ]
        checkups = [
            _parse_checkup(reader, item, f"checkups[{index}]")
            for index, item in enumerate(reader.items(data, "checkups", required=False))
        ]
        breaks = [
            _parse_break(reader, item, f"breaks[{index}]")
            for index, item in enumerate(reader.items(data, "breaks", required=False))
        ]
    except TooManyProblems:
        reader.problems.append(Problem(path, None, f"stopped after {MAX_PROBLEMS} problems"))
    if reader.problems:
        return reader.problems
    return ParsedExport(
        sessions=[s for s in sessions if s is not None],
        checkups=[c for c in checkups if c is not None],
        breaks=[b for b in breaks if b is not None],
    )


def import_history(db: Database, data: object, *, path: str) -> ImportSummary | list[Problem]:
    """Add an export's records to ``db`` in one transaction, skipping what is already there.

    A document with any problem writes nothing and returns the problems. Database failures
    raise :class:`hiptui.store.errors.StoreError` (and also write nothing).
    """
    parsed = parse_export(data, path=path)
    if isinstance(parsed, list):
        return parsed
    counts = db.merge(parsed.sessions, parsed.checkups, parsed.breaks)
    return ImportSummary(
        sessions_added=counts.sessions_added,
        sets_added=counts.sets_added,
        checkups_added=counts.checkups_added,
        breaks_added=counts.breaks_added,
        skipped=counts.skipped,
    )


def load_export_file(path: Path, display: str | None = None) -> object | Problem:
    """Read and parse a JSON export file; any failure is one :class:`Problem` with its line."""
    name = display if display is not None else str(path)
    return read_json(
        path,
        name,
        kind="an export file",
        limit=MAX_FILE_BYTES,
        too_large=f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
    )
