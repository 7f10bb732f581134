"""The training history: one SQLite file, written one small transaction at a time.

Every write commits before the method returns, so a set is on disk the moment it is logged and
a crash, ``kill -9`` or closed terminal loses nothing that was completed. Writers take the
write lock up front (``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` for another hiptui, so
two processes logging at once lose and duplicate nothing. Every sqlite3 error a user can meet
becomes a :class:`StoreError` that names the file and what is wrong.
"""

from __future__ import annotations

import sqlite3
from _thread import RLock  # threading's own lock, without importing threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from hiptui.content.frozen import Frozen, _set
from hiptui.content.models import Problem
from hiptui.store import opening
from hiptui.store.clock_rows import TIMELINE_SINCE_VERSION, ClockRows, read_clock_rows
from hiptui.store.errors import StoreError
from hiptui.store.records import (
    BREAK_KINDS,
    FINISHED_STATUSES,
    NO_DETAILS,
    SIDES,
    BreakRecord,
    CheckupRecord,
    SessionRecord,
    SetDetails,
    SetRecord,
    check_details,
    clean_optional,
    clean_text,
    format_timestamp,
    parse_timestamp,
    tidy_seconds,
    utc_now,
)
from hiptui.store.rows import (
    BREAK_COLUMNS,
    CHECKUP_COLUMNS,
    LOAD_SINCE_VERSION,
    RowReader,
    break_record,
    checkup_record,
    dump_json,
    session_columns,
    session_record,
    set_columns,
    set_record,
)
from hiptui.store.schema import describe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hiptui.store.timeline import SittingLog

DEFAULT_BUSY_TIMEOUT = 5.0
# The schema version from which sessions remember that the next-morning pain was asked.
PAIN_ASKED_SINCE_VERSION = 4

_NEWEST_FIRST = "ORDER BY started_at DESC, id DESC"


def _new_uid() -> str:
    # uuid imports platform (a few ms): only writes need it, so read-only commands
    # (`hiptui status`, `hiptui today`) never pay for it.
    import uuid

    return uuid.uuid4().hex


def _detail_values(details: SetDetails) -> tuple[float | None, str | None, int | None, int | None]:
    """``details`` as the columns load_value, load_unit, rir and pain."""
    load = details.load
    return (
        None if load is None else float(load.value),
        None if load is None else load.unit,
        details.rir,
        details.pain,
    )


class MergeCounts(Frozen):
    """What :meth:`Database.merge` added, and how many records were already there."""

    __slots__ = FIELDS = (
        "sessions_added", "sets_added", "checkups_added", "breaks_added", "skipped",
    )  # fmt: skip
    sessions_added: int
    sets_added: int
    checkups_added: int
    breaks_added: int
    skipped: int

    def __init__(
        self,
        sessions_added: int = 0,
        sets_added: int = 0,
        checkups_added: int = 0,
        breaks_added: int = 0,
        skipped: int = 0,
    ) -> None:
        _set(self, "sessions_added", sessions_added)
        _set(self, "sets_added", sets_added)
        _set(self, "checkups_added", checkups_added)
        _set(self, "breaks_added", breaks_added)
        _set(self, "skipped", skipped)


class Database:
    """The history database. Use :meth:`open` (or :meth:`in_memory` for an empty one)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        *,
        now: Callable[[], datetime],
        busy_timeout: float,
        read_only: bool = False,
        notice: str | None = None,
    ) -> None:
        self._conn = connection
        self.path = path
        self._now = now
        self._busy_timeout = busy_timeout
        self.read_only = read_only
        # Something the user should be told about opening (a damaged file kept aside).
        self.notice = notice
        self._lock = RLock()
        self._version: int | None = None
        self._timeline: SittingLog | None = None
        self._rows = RowReader(self._where)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        read_only: bool = False,
    ) -> Database:
        """Open the database at ``path``, creating it (and a private folder) if needed.

        ``read_only`` opens an existing file without creating, migrating or repairing anything.
        """
        if read_only:
            connection = opening.open_read_only(path, busy_timeout)
            return cls(connection, path, now=now, busy_timeout=busy_timeout, read_only=True)
        connection, notice = opening.open_read_write(path, now, busy_timeout)
        return cls(connection, path, now=now, busy_timeout=busy_timeout, notice=notice)

    @classmethod
    def in_memory(cls, *, now: Callable[[], datetime] = utc_now) -> Database:
        """An empty database that lives in memory (exports of a missing file, tests)."""
        return cls(opening.open_memory(), None, now=now, busy_timeout=0.0)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    def _error(self, error: sqlite3.Error) -> StoreError:
        folder = None if self.path is None else self.path.parent
        return StoreError(self._where, describe(error, self._busy_timeout, folder))

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise self._error(error) from error

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction; any failure rolls it back entirely."""
        with self._lock:
            connection = self._conn
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    with suppress(sqlite3.Error):
                        connection.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise self._error(error) from error
                raise

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes inside wait at most ``seconds`` for another program's lock (instead of
        ``busy_timeout``), then fail with a :class:`StoreError` as usual. Other threads'
        calls wait meanwhile, as they do for any write."""
        with self._lock:
            before = self._busy_timeout
            self._set_busy_timeout(min(seconds, before))
            try:
                yield
            finally:
                self._set_busy_timeout(before)

    def _set_busy_timeout(self, seconds: float) -> None:
        with suppress(sqlite3.Error):  # a closed connection: its writes fail on their own
            self._conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        self._busy_timeout = seconds

    def _stamp(self, moment: datetime | None = None) -> str:
        return format_timestamp(self._now() if moment is None else moment)

    # For the store's other modules (hiptui.store.timeline): the same lock and transactions.
    reading = _reading
    writing = _writing

    def now(self) -> datetime:
        """The clock this database stamps records with."""
        return self._now()

    @property
    def schema_version(self) -> int:
        """The file's schema version (older than the current one only when opened read-only)."""
        if self._version is None:
            with self._reading() as db:
                self._version = int(db.execute("PRAGMA user_version").fetchone()[0])
        return self._version

    @property
    def _set_columns(self) -> str:
        return set_columns(self.schema_version)

    @property
    def _session_columns(self) -> str:
        return session_columns(self.schema_version)

    @property
    def timeline(self) -> SittingLog:
        """The sitting timeline: days seen, times away, pauses (hiptui.store.timeline)."""
        if self._timeline is None:
            from hiptui.store.timeline import SittingLog  # not needed by a read-only command

            self._timeline = SittingLog(self)
        return self._timeline

    # -- sessions and sets ------------------------------------------------------------------

    def start_session(self, name: str, plan: dict[str, Any], routine_id: str | None = None) -> int:
        """Record a new active session; returns its id."""
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO sessions (uid, name, routine_id, plan_json, started_at, status) "
                "VALUES (?, ?, ?, ?, ?, 'active')",
                (
                    _new_uid(),
                    clean_text(name),
                    clean_optional(routine_id),
                    dump_json(plan),
                    self._stamp(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def log_set(
        self,
        session_id: int,
        *,
        exercise_id: str,
        exercise_name: str,
        set_number: int,
        side: str | None,
        reps: int,
        hold_seconds: float | None = None,
        work_seconds: float | None = None,
        discomfort: bool = False,
        note: str | None = None,
        started_at: datetime | None = None,
        details: SetDetails = NO_DETAILS,
    ) -> int:
        """Save one completed set (or one side of it) and commit; returns the set's id.

        The set is identified by (session, exercise, set number, side): logging it again
        replaces the earlier values instead of adding a second row, except that ``details``
        (the load, reps in reserve and pain) not given now keep what was logged before
        (:meth:`set_details` changes those). Names and the note are kept without control
        characters (see :func:`clean_text`); details out of range are a ``ValueError``.
        """
        check_details(*details)
        if side is not None and side not in SIDES:
            raise ValueError(f"side must be None, 'left' or 'right', not {side!r}")
        if not exercise_id.strip():
            raise ValueError("exercise_id must not be empty")
        if set_number < 1 or reps < 0:
            raise ValueError("set_number must be 1 or more and reps 0 or more")
        values = (
            session_id,
            clean_text(exercise_id),
            clean_text(exercise_name),
            set_number,
            side or "",
            reps,
            tidy_seconds(hold_seconds),
            tidy_seconds(work_seconds),
            int(bool(discomfort)),
            clean_optional(note, newlines=True),
            None if started_at is None else self._stamp(started_at),
            self._stamp(),
            *_detail_values(details),
        )
        with self._writing() as db:
            self._require_session(db, session_id)
            db.execute(
                "INSERT INTO sets (session_id, exercise_id, exercise_name, set_number, side, "
                "reps, hold_seconds, work_seconds, discomfort, note, started_at, completed_at, "
                "load_value, load_unit, rir, pain) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, exercise_id, set_number, side) DO UPDATE SET "
                "exercise_name = excluded.exercise_name, reps = excluded.reps, "
                "hold_seconds = excluded.hold_seconds, work_seconds = excluded.work_seconds, "
                "discomfort = excluded.discomfort, note = excluded.note, "
                "started_at = excluded.started_at, completed_at = excluded.completed_at, "
                "load_value = COALESCE(excluded.load_value, load_value), "
                "load_unit = COALESCE(excluded.load_unit, load_unit), "
                "rir = COALESCE(excluded.rir, rir), pain = COALESCE(excluded.pain, pain)",
                values,
            )
            row = db.execute(
                "SELECT id FROM sets WHERE session_id = ? AND exercise_id = ? "
                "AND set_number = ? AND side = ?",
                (session_id, values[1], set_number, side or ""),
            ).fetchone()
            return int(row[0])

    def flag_set(
        self,
        session_id: int,
        *,
        exercise_id: str,
        set_number: int,
        side: str | None,
        discomfort: bool,
    ) -> None:
        """Set or clear the discomfort flag of a set already saved (nothing else changes);
        ``KeyError`` when there is no such set."""
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE sets SET discomfort = ? WHERE session_id = ? AND exercise_id = ? "
                "AND set_number = ? AND side = ?",
                (int(bool(discomfort)), session_id, clean_text(exercise_id), set_number,
                 side or ""),
            )  # fmt: skip
            if cursor.rowcount == 0:
                raise KeyError(f"no set {set_number} {side or ''} of {exercise_id!r}")

    def set_details(
        self,
        session_id: int,
        *,
        exercise_id: str,
        set_number: int,
        side: str | None,
        details: SetDetails,
    ) -> None:
        """Log the load, reps in reserve and pain of a set already saved (``None`` clears
        one; nothing else changes); ``KeyError`` when there is no such set, ``ValueError``
        for a value out of range."""
        check_details(*details)
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE sets SET load_value = ?, load_unit = ?, rir = ?, pain = ? "
                "WHERE session_id = ? AND exercise_id = ? AND set_number = ? AND side = ?",
                (*_detail_values(details), session_id, clean_text(exercise_id), set_number,
                 side or ""),
            )  # fmt: skip
            if cursor.rowcount == 0:
                raise KeyError(f"no set {set_number} {side or ''} of {exercise_id!r}")

    def set_pain_next_day(self, session_id: int, pain: int | None) -> None:
        """How the worked area felt the morning after ``session_id`` (0-10; ``None``: not
        given); ``KeyError`` when there is no such session."""
        check_details(None, None, pain)
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE sessions SET pain_next_day = ? WHERE id = ?", (pain, session_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no session {session_id}")

    def session_uid(self, started_at: datetime, name: str) -> str | None:
        """The id of the session that started at ``started_at`` (to the second) under ``name``
        (the oldest, if several), or ``None``: how a CSV import finds a session it holds."""
        with self._reading() as db:
            row = db.execute(
                "SELECT uid FROM sessions WHERE started_at = ? AND name = ? ORDER BY id LIMIT 1",
                (format_timestamp(started_at), name),
            ).fetchone()
        return None if row is None else str(row[0])

    def pain_question(self, since: datetime, before: datetime) -> SessionRecord | None:
        """The newest session that ended (completed or ended early, with a set saved) from
        ``since`` to before ``before`` whose next-morning pain was neither given nor asked
        for yet; ``None`` when there is none (or the file is older than version 4)."""
        if self.schema_version < PAIN_ASKED_SINCE_VERSION:
            return None
        with self._reading() as db:
            row = db.execute(
                "SELECT id FROM sessions WHERE status IN ('completed', 'ended-early') "
                "AND ended_at >= ? AND ended_at < ? AND pain_next_day IS NULL "
                "AND pain_asked_at IS NULL AND EXISTS (SELECT 1 FROM sets WHERE session_id = "
                "sessions.id) ORDER BY ended_at DESC, id DESC LIMIT 1",
                (format_timestamp(since), format_timestamp(before)),
            ).fetchone()
        if row is None:
            return None
        try:
            return self.session(int(row[0]))
        except KeyError:  # a row another tool wrote that does not read
            return None

    def answer_pain_question(self, session_id: int, pain: int | None) -> None:
        """The next-morning pain question of ``session_id`` answered (0-10) or skipped
        (``None``): it is not asked again."""
        check_details(None, None, pain)
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE sessions SET pain_asked_at = ?, "
                "pain_next_day = COALESCE(?, pain_next_day) WHERE id = ?",
                (self._stamp(), pain, session_id),
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no session {session_id}")

    def last_details(self, exercise_id: str) -> SetRecord | None:
        """The latest set of ``exercise_id`` logged with a load, reps in reserve or pain
        (what the next set's details start from), or ``None``."""
        if self.schema_version < LOAD_SINCE_VERSION:
            return None
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {self._set_columns} FROM sets WHERE exercise_id = ? AND "
                "(load_value IS NOT NULL OR rir IS NOT NULL OR pain IS NOT NULL) "
                "ORDER BY completed_at DESC, id DESC",
                (exercise_id,),
            )
            return self._rows.first(rows, set_record)

    def save_state(self, session_id: int, state: dict[str, Any]) -> None:
        """Remember where the runner is, so an interrupted session can resume there."""
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE sessions SET state_json = ? WHERE id = ?", (dump_json(state), session_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no session {session_id}")

    def finish_session(self, session_id: int, status: str) -> None:
        """Close an active session as completed, ended-early or abandoned (once: closing it
        again changes nothing)."""
        if status not in FINISHED_STATUSES:
            raise ValueError(f"status must be one of {', '.join(FINISHED_STATUSES)}")
        with self._writing() as db:
            self._require_session(db, session_id)
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, state_json = NULL "
                "WHERE id = ? AND status = 'active'",
                (status, self._stamp(), session_id),
            )

    def unfinished_sessions(self) -> list[SessionRecord]:
        """The sessions still marked active (a crash or kill left them open), newest first."""
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {self._session_columns} FROM sessions WHERE status = 'active' "
                f"{_NEWEST_FIRST}"
            ).fetchall()
            found = (self._with_sets(db, row) for row in rows)
            return [session for session in found if session is not None]

    def unfinished_session(self) -> SessionRecord | None:
        """The session left open (a crash, a kill, a closed terminal) to offer for resuming:
        the newest with a set saved, else the newest. A session started and killed before its
        first set (``hiptui run`` again after a crash) must not hide an older one with sets."""
        found = self.unfinished_sessions()
        return next((record for record in found if record.sets), found[0] if found else None)

    def session(self, session_id: int) -> SessionRecord:
        """One session with its sets; ``KeyError`` if there is no such session (or its row
        cannot be read: see :attr:`unreadable`)."""
        with self._reading() as db:
            row = db.execute(
                f"SELECT {self._session_columns} FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            found = None if row is None else self._with_sets(db, row)
            if found is None:
                raise KeyError(f"no session {session_id}")
            return found

    def sessions(self, limit: int | None = None, *, with_sets: bool = True) -> list[SessionRecord]:
        """Sessions newest first (at most ``limit``), each with its sets unless told not to."""
        count = -1 if limit is None else max(int(limit), 0)
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {self._session_columns} FROM sessions {_NEWEST_FIRST} LIMIT ?", (count,)
            ).fetchall()
            by_session: dict[int, list[SetRecord]] = {}
            if with_sets and rows:
                within = (
                    ""
                    if limit is None
                    else "WHERE session_id IN "
                    f"(SELECT id FROM sessions {_NEWEST_FIRST} LIMIT {count}) "
                )
                set_rows = db.execute(
                    f"SELECT {self._set_columns} FROM sets {within}ORDER BY completed_at, id"
                ).fetchall()
                for item in self._rows.read(set_rows, set_record):
                    by_session.setdefault(item.session_id, []).append(item)
            return self._rows.read(
                rows, lambda row: session_record(row, tuple(by_session.get(row[0], ())))
            )

    def sessions_since(self, moment: datetime) -> list[SessionRecord]:
        """Sessions started at or after ``moment``, oldest first, each with its sets."""
        since = format_timestamp(moment)
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {self._session_columns} FROM sessions WHERE started_at >= ? "
                "ORDER BY started_at, id",
                (since,),
            ).fetchall()
            found = (self._with_sets(db, row) for row in rows)
            return [session for session in found if session is not None]

    def last_done(self, exercise_ids: Sequence[str]) -> dict[str, datetime]:
        """When each of ``exercise_ids`` last had a set logged (ids never done are left out)."""
        wanted = list(dict.fromkeys(exercise_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        with self._reading() as db:
            rows = db.execute(
                f"SELECT exercise_id, MAX(completed_at) FROM sets WHERE exercise_id IN ({marks}) "
                "GROUP BY exercise_id",
                wanted,
            ).fetchall()
        done: dict[str, datetime] = {}
        for exercise_id, last in rows:
            try:
                done[exercise_id] = parse_timestamp(last)
            except ValueError:  # another tool's value: the sets themselves name the row
                continue
        return done

    def sets_for_exercise(self, exercise_id: str) -> list[SetRecord]:
        """Every set of one exercise across all sessions, oldest first."""
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {self._set_columns} FROM sets WHERE exercise_id = ? "
                "ORDER BY completed_at, id",
                (exercise_id,),
            ).fetchall()
            return self._rows.read(rows, set_record)

    def _with_sets(self, db: sqlite3.Connection, row: Sequence[Any]) -> SessionRecord | None:
        set_rows = db.execute(
            f"SELECT {self._set_columns} FROM sets WHERE session_id = ? ORDER BY completed_at, id",
            (row[0],),
        ).fetchall()
        sets = tuple(self._rows.read(set_rows, set_record))
        found = self._rows.read([row], lambda r: session_record(r, sets))
        return found[0] if found else None

    @property
    def unreadable(self) -> list[Problem]:
        """Every row left out so far because it cannot be a record (another tool wrote a value
        hiptui never writes there), each once: ``path: sets row 5: completed_at: ...``."""
        return self._rows.unreadable

    @staticmethod
    def _require_session(db: sqlite3.Connection, session_id: int) -> None:
        if db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise KeyError(f"no session {session_id}")

    # -- self-checks and breaks -------------------------------------------------------------

    def save_checkup(self, answers: dict[str, Any], result: dict[str, Any]) -> int:
        """Save a self-check's answers and scored result; returns its id."""
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO checkups (uid, taken_at, answers_json, result_json) "
                "VALUES (?, ?, ?, ?)",
                (_new_uid(), self._stamp(), dump_json(answers), dump_json(result)),
            )
            return int(cursor.lastrowid or 0)

    def checkups(self) -> list[CheckupRecord]:
        """Every self-check, oldest first."""
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {CHECKUP_COLUMNS} FROM checkups ORDER BY taken_at, id"
            ).fetchall()
            return self._rows.read(rows, checkup_record)

    def latest_checkup(self) -> CheckupRecord | None:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {CHECKUP_COLUMNS} FROM checkups ORDER BY taken_at DESC, id DESC"
            )
            return self._rows.first(rows, checkup_record)

    def log_break(self, kind: str, minutes: int | None = None) -> int:
        """Record a break taken, snoozed (for ``minutes``) or skipped; returns its id."""
        if kind not in BREAK_KINDS:
            raise ValueError(f"kind must be one of {', '.join(BREAK_KINDS)}")
        if minutes is not None and minutes < 0:
            raise ValueError("minutes must be 0 or more")
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO breaks (uid, at, kind, minutes) VALUES (?, ?, ?, ?)",
                (_new_uid(), self._stamp(), kind, minutes),
            )
            return int(cursor.lastrowid or 0)

    def last_break(self, kind: str | None = None) -> BreakRecord | None:
        """The latest break record, or the latest of one ``kind``."""
        where, params = ("WHERE kind = ?", (kind,)) if kind is not None else ("", ())
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {BREAK_COLUMNS} FROM breaks {where} ORDER BY at DESC, id DESC", params
            )
            return self._rows.first(rows, break_record)

    def break_clock(self, since: datetime | None) -> ClockRows:
        """What the break clock reads (:mod:`hiptui.store.clock_rows`): the latest breaks and
        self-check, and from ``since`` on the sessions and the sitting timeline."""
        timeline = self.schema_version >= TIMELINE_SINCE_VERSION
        with self._reading() as db:
            return read_clock_rows(db, since, timeline=timeline)

    def breaks(self) -> list[BreakRecord]:
        """Every break record, oldest first."""
        with self._reading() as db:
            rows = db.execute(f"SELECT {BREAK_COLUMNS} FROM breaks ORDER BY at, id").fetchall()
            return self._rows.read(rows, break_record)

    # -- bulk -------------------------------------------------------------------------------

    def merge(
        self,
        sessions: Sequence[SessionRecord],
        checkups: Sequence[CheckupRecord] = (),
        breaks: Sequence[BreakRecord] = (),
    ) -> MergeCounts:
        """Add records from elsewhere (an import) in one transaction, keeping what is here.

        Sessions, self-checks and breaks are matched by ``uid``; sets by (session, exercise,
        set number, side). Anything already present is counted as skipped, never changed.
        The records' ``id`` and ``session_id`` fields are ignored.
        """
        from hiptui.store.merging import merge_records

        with self._writing() as db:
            counts = merge_records(db, sessions, checkups, breaks)
        return MergeCounts(**counts)
