"""Adding records from elsewhere without duplicating what is already there.

Runs inside the caller's transaction (see :meth:`hiptui.store.db.Database.merge`): either the
whole import lands or none of it does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from hiptui.store.records import (
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetRecord,
    format_timestamp,
    tidy_seconds,
)
from hiptui.store.rows import dump_json


def merge_records(
    db: sqlite3.Connection,
    sessions: Sequence[SessionRecord],
    checkups: Sequence[CheckupRecord],
    breaks: Sequence[BreakRecord],
) -> dict[str, int]:
    counts = {
        "sessions_added": 0,
        "sets_added": 0,
        "checkups_added": 0,
        "breaks_added": 0,
        "skipped": 0,
    }
    for session in sessions:
        row = db.execute("SELECT id FROM sessions WHERE uid = ?", (session.uid,)).fetchone()
        if row is None:
            cursor = db.execute(
                "INSERT INTO sessions (uid, name, routine_id, plan_json, state_json, "
                "started_at, ended_at, status, pain_next_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session.uid,
                    session.name,
                    session.routine_id,
                    dump_json(session.plan),
                    None if session.state is None else dump_json(session.state),
                    format_timestamp(session.started_at),
                    None if session.ended_at is None else format_timestamp(session.ended_at),
                    session.status,
                    session.pain_next_day,
                ),
            )
            session_id = int(cursor.lastrowid or 0)
            counts["sessions_added"] += 1
        else:
            session_id = int(row[0])
            counts["skipped"] += 1
        # A set of a per-side exercise is one set in two rows (a row per side): counted once.
        added: set[tuple[str, int]] = set()
        there: set[tuple[str, int]] = set()
        for record in session.sets:
            key = (record.exercise_id, record.set_number)
            (added if _insert_set(db, session_id, record) else there).add(key)
        counts["sets_added"] += len(added)
        counts["skipped"] += len(there - added)
    for checkup in checkups:
        cursor = db.execute(
            "INSERT INTO checkups (uid, taken_at, answers_json, result_json) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING",
            (
                checkup.uid,
                format_timestamp(checkup.taken_at),
                dump_json(checkup.answers),
                dump_json(checkup.result),
            ),
        )
        counts["checkups_added" if cursor.rowcount == 1 else "skipped"] += 1
    for entry in breaks:
        cursor = db.execute(
            "INSERT INTO breaks (uid, at, kind, minutes) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (uid) DO NOTHING",
            (entry.uid, format_timestamp(entry.at), entry.kind, entry.minutes),
        )
        counts["breaks_added" if cursor.rowcount == 1 else "skipped"] += 1
    return counts


def _insert_set(db: sqlite3.Connection, session_id: int, record: SetRecord) -> bool:
    cursor = db.execute(
        "INSERT INTO sets (session_id, exercise_id, exercise_name, set_number, side, reps, "
        "hold_seconds, work_seconds, discomfort, note, started_at, completed_at, load_value, "
        "load_unit, rir, pain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (session_id, exercise_id, set_number, side) DO NOTHING",
        (
            session_id,
            record.exercise_id,
            record.exercise_name,
            record.set_number,
            record.side or "",
            record.reps,
            tidy_seconds(record.hold_seconds),
            tidy_seconds(record.work_seconds),
            int(record.discomfort),
            record.note,
            None if record.started_at is None else format_timestamp(record.started_at),
            format_timestamp(record.completed_at),
            None if record.load is None else float(record.load.value),
            None if record.load is None else record.load.unit,
            record.rir,
            record.pain,
        ),
    )
    return cursor.rowcount == 1
