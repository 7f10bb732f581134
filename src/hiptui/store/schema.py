"""The database schema as a list of migrations, and sqlite3 errors told in plain words.

``MIGRATIONS[n]`` takes a database from schema version ``n`` to ``n + 1``; the version lives in
``PRAGMA user_version``. Migrations are only ever appended: a released one never changes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# Each migration is a tuple of single SQL statements (no executescript: it would commit the
# surrounding transaction).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: sessions, sets, self-checks and breaks.
    (
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            routine_id TEXT,
            plan_json TEXT NOT NULL DEFAULT '{}',
            state_json TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('active', 'completed', 'ended-early', 'abandoned'))
        )
        """,
        "CREATE INDEX sessions_by_start ON sessions (started_at)",
        "CREATE INDEX sessions_active ON sessions (started_at) WHERE status = 'active'",
        # ``side`` is '' for a set done with both legs: SQLite treats NULLs as distinct in a
        # UNIQUE constraint, which would let the same set be logged twice.
        """
        CREATE TABLE sets (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            exercise_id TEXT NOT NULL,
            exercise_name TEXT NOT NULL,
            set_number INTEGER NOT NULL CHECK (set_number >= 1),
            side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
            reps INTEGER NOT NULL CHECK (reps >= 0),
            hold_seconds REAL CHECK (hold_seconds IS NULL OR hold_seconds >= 0),
            work_seconds REAL CHECK (work_seconds IS NULL OR work_seconds >= 0),
            discomfort INTEGER NOT NULL DEFAULT 0 CHECK (discomfort IN (0, 1)),
            note TEXT,
            started_at TEXT,
            completed_at TEXT NOT NULL,
            UNIQUE (session_id, exercise_id, set_number, side)
        )
        """,
        "CREATE INDEX sets_by_exercise ON sets (exercise_id, completed_at)",
        """
        CREATE TABLE checkups (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            taken_at TEXT NOT NULL,
            answers_json TEXT NOT NULL,
            result_json TEXT NOT NULL
        )
        """,
        "CREATE INDEX checkups_by_time ON checkups (taken_at)",
        """
        CREATE TABLE breaks (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('taken', 'snoozed', 'skipped')),
            minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0)
        )
        """,
        "CREATE INDEX breaks_by_time ON breaks (at)",
    ),
    # 2: the sitting timeline (hiptui.store.timeline): when hiptui first saw the user each day,
    # times away from the computer, meeting pauses, and which break deadlines were notified.
    # Not history: none of it is exported. Finished sessions are found by their end.
    (
        """
        CREATE TABLE timeline (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('seen', 'away', 'pause', 'reminded')),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
            source TEXT
        )
        """,
        "CREATE INDEX timeline_by_kind ON timeline (kind, started_at)",
        "CREATE UNIQUE INDEX timeline_reminded ON timeline (started_at) WHERE kind = 'reminded'",
        "CREATE INDEX sessions_by_end ON sessions (ended_at) WHERE status = 'completed'",
    ),
    # 3: load, effort and pain. Per set the load (a weight in kg or lb, or a band level; both
    # columns NULL for bodyweight), reps in reserve (0-5) and pain during the set (0-10); per
    # session how the worked area felt the next morning (0-10). All optional: NULL when not
    # logged, which every row of an older database is.
    (
        """
        ALTER TABLE sets ADD COLUMN load_value REAL
            CHECK (load_value IS NULL OR (load_value >= 0 AND load_value <= 10000))
        """,
        """
        ALTER TABLE sets ADD COLUMN load_unit TEXT
            CHECK ((load_unit IS NULL) = (load_value IS NULL)
                AND (load_unit IS NULL OR load_unit IN ('kg', 'lb', 'band')))
        """,
        "ALTER TABLE sets ADD COLUMN rir INTEGER CHECK (rir IS NULL OR rir BETWEEN 0 AND 5)",
        "ALTER TABLE sets ADD COLUMN pain INTEGER CHECK (pain IS NULL OR pain BETWEEN 0 AND 10)",
        """
        ALTER TABLE sessions ADD COLUMN pain_next_day INTEGER
            CHECK (pain_next_day IS NULL OR pain_next_day BETWEEN 0 AND 10)
        """,
    ),
    # 4: when the app asked how the worked area felt the morning after a session (answered or
    # skipped), so it asks once. The app's working state, not history: not exported.
    ("ALTER TABLE sessions ADD COLUMN pain_asked_at TEXT",),
)

SCHEMA_VERSION = len(MIGRATIONS)

# Primary result codes (the low byte of an extended code), from sqlite3.h.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_corruption(error: sqlite3.Error) -> bool:
    """True when the file is not a database or is damaged (as opposed to busy or unwritable)."""
    code = primary_code(error)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


# Less free space than this where the database lives, and an I/O error is a full disk: SQLite
# says "disk I/O error" when it cannot grow its shared-memory index (SQLITE_IOERR_SHMSIZE) or
# write its journal, and "database or disk is full" only when the database file itself cannot.
NEARLY_FULL_BYTES = 1024 * 1024


def disk_is_full(folder: Path | None) -> bool:
    """Whether the disk holding ``folder`` has (nearly) no room left for this user."""
    if folder is None:
        return False
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < NEARLY_FULL_BYTES


def describe(error: sqlite3.Error, busy_seconds: float, folder: Path | None = None) -> str:
    """A one-line explanation of ``error`` that a user can act on; ``folder`` (where the
    database lives) tells a full disk from other I/O errors."""
    code = primary_code(error)
    text = str(error).lower()
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return (
            f"the database is locked by another program (waited {busy_seconds:g} s); "
            "close the other hiptui and try again"
        )
    if code == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return "cannot write: the database file or its folder is read-only"
    io_error = code in (SQLITE_IOERR, SQLITE_CANTOPEN) or "i/o error" in text
    if code == SQLITE_FULL or "disk is full" in text or (io_error and disk_is_full(folder)):
        return "the disk is full: nothing more can be saved until space is freed"
    if code == SQLITE_CANTOPEN or "unable to open" in text:
        return "cannot open the database file (check that its folder exists and is writable)"
    if is_corruption(error):
        return "the database file is damaged (not a database, or malformed)"
    if code == SQLITE_IOERR or "i/o error" in text:
        return f"the disk reported an error while reading or writing ({error})"
    return f"database error: {error}"
