"""The history database: what it stores, in what order, and that each write is on disk."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.store.db import Database
from hiptui.store.records import SessionRecord
from hiptui.store.schema import SCHEMA_VERSION
from tests.profiles import examples


class Clock:
    """Wall-clock stand-in: starts at a fixed moment and moves one minute per reading."""

    def __init__(self, start: datetime = datetime(2024, 3, 4, 18, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        current = self.moment
        self.moment += timedelta(minutes=1)
        return current


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path, now=Clock())
    yield database
    database.close()


def log(db: Database, session: int, number: int, side: str | None = None, **extra: object) -> int:
    values: dict[str, object] = {
        "exercise_id": "glute-bridge",
        "exercise_name": "Glute bridge",
        "set_number": number,
        "side": side,
        "reps": 10,
    }
    values.update(extra)
    return db.log_set(session, **values)  # type: ignore[arg-type]


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_open_creates_private_folder_and_file_in_wal_mode(db: Database, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert raw(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert db.notice is None
    tables = {row[0] for row in raw(db_path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "sets", "checkups", "breaks"} <= tables


def test_reopening_keeps_data_and_does_not_migrate_again(db: Database, db_path: Path) -> None:
    session = db.start_session("Floor", {"steps": []})
    log(db, session, 1)
    db.close()
    again = Database.open(db_path)
    assert [s.id for s in again.sessions()] == [session]
    assert again.session(session).sets[0].reps == 10
    again.close()


def test_session_lifecycle_with_injected_time(db: Database) -> None:
    session = db.start_session("Beginner floor", {"exercises": ["glute-bridge"]}, "beginner")
    record = db.session(session)
    assert record.status == "active"
    assert record.started_at == datetime(2024, 3, 4, 18, 0, tzinfo=UTC)
    assert record.ended_at is None
    assert record.plan == {"exercises": ["glute-bridge"]}
    assert record.routine_id == "beginner"
    assert len(record.uid) == 32
    log(db, session, 1, hold_seconds=2, work_seconds=31.23456, discomfort=True, note="low back")
    db.finish_session(session, "completed")
    done = db.session(session)
    assert done.status == "completed"
    assert done.ended_at == datetime(2024, 3, 4, 18, 2, tzinfo=UTC)
    only = done.sets[0]
    assert (only.hold_seconds, only.work_seconds) == (2.0, 31.235)
    assert only.discomfort is True and only.note == "low back"
    assert only.completed_at == datetime(2024, 3, 4, 18, 1, tzinfo=UTC)


def test_logging_the_same_set_twice_keeps_one_row_with_the_latest_values(db: Database) -> None:
    session = db.start_session("s", {})
    first = log(db, session, 1, reps=8)
    second = log(db, session, 1, reps=11)
    assert first == second
    sets = db.session(session).sets
    assert [(s.set_number, s.reps) for s in sets] == [(1, 11)]


def test_sides_are_separate_sets_and_a_sideless_set_is_not_duplicated(db: Database) -> None:
    session = db.start_session("s", {})
    log(db, session, 1, "left")
    log(db, session, 1, "right")
    log(db, session, 2)
    log(db, session, 2)
    sides = [(s.set_number, s.side) for s in db.session(session).sets]
    assert sides == [(1, "left"), (1, "right"), (2, None)]


def test_bad_arguments_are_refused(db: Database) -> None:
    session = db.start_session("s", {})
    with pytest.raises(ValueError):
        log(db, session, 1, "middle")
    with pytest.raises(ValueError):
        log(db, session, 0)
    with pytest.raises(ValueError):
        db.finish_session(session, "active")
    with pytest.raises(KeyError):
        log(db, session + 100, 1)
    with pytest.raises(KeyError):
        db.save_state(session + 100, {})
    with pytest.raises(KeyError):
        db.session(session + 100)
    with pytest.raises(ValueError):
        db.log_break("napped")
    assert db.session(session).sets == ()


def test_unfinished_session_is_the_latest_active_one_with_its_state(db: Database) -> None:
    assert db.unfinished_session() is None
    older = db.start_session("older", {})
    newer = db.start_session("newer", {})
    log(db, newer, 1)
    db.save_state(newer, {"exercise": 0, "set": 2})
    found = db.unfinished_session()
    assert isinstance(found, SessionRecord)
    assert (found.id, found.state, len(found.sets)) == (newer, {"exercise": 0, "set": 2}, 1)
    db.finish_session(newer, "abandoned")
    assert db.session(newer).state is None
    remaining = db.unfinished_session()
    assert remaining is not None and remaining.id == older


def test_finishing_twice_keeps_the_first_ending(db: Database) -> None:
    session = db.start_session("s", {})
    db.finish_session(session, "ended-early")
    first = db.session(session)
    db.finish_session(session, "completed")
    assert db.session(session) == first


def test_sessions_are_newest_first_with_limit_and_sets(db: Database) -> None:
    ids = [db.start_session(f"s{i}", {}) for i in range(4)]
    for number, session in enumerate(ids, start=1):
        log(db, session, 1, reps=number)
    listed = db.sessions()
    assert [s.id for s in listed] == ids[::-1]
    assert [s.sets[0].reps for s in listed] == [4, 3, 2, 1]
    limited = db.sessions(2)
    assert [s.id for s in limited] == ids[:1:-1]
    assert [len(s.sets) for s in limited] == [1, 1]
    assert all(s.sets == () for s in db.sessions(with_sets=False))
    assert db.sessions(0) == []


def test_sets_for_exercise_spans_sessions_oldest_first(db: Database) -> None:
    first = db.start_session("a", {})
    log(db, first, 1, reps=5)
    log(db, first, 1, exercise_id="hip-thrust", exercise_name="Hip thrust")
    second = db.start_session("b", {})
    log(db, second, 1, reps=7)
    found = db.sets_for_exercise("glute-bridge")
    assert [(s.session_id, s.reps) for s in found] == [(first, 5), (second, 7)]
    assert db.sets_for_exercise("nothing") == []


def test_sessions_since_and_when_each_exercise_was_last_done(db: Database) -> None:
    # The clock starts at 18:00 and moves a minute per reading (session start, then each set).
    first = db.start_session("a", {})  # 18:00
    log(db, first, 1)  # 18:01
    second = db.start_session("b", {})  # 18:02
    log(db, second, 1, exercise_id="hip-thrust", exercise_name="Hip thrust")  # 18:03
    log(db, second, 2)  # 18:04
    since = db.sessions_since(datetime(2024, 3, 4, 18, 2, tzinfo=UTC))
    assert [(s.id, len(s.sets)) for s in since] == [(second, 2)]
    assert [s.id for s in db.sessions_since(datetime(2024, 3, 4, tzinfo=UTC))] == [first, second]
    last = db.last_done(["glute-bridge", "hip-thrust", "never-done", "glute-bridge"])
    assert last == {
        "glute-bridge": datetime(2024, 3, 4, 18, 4, tzinfo=UTC),
        "hip-thrust": datetime(2024, 3, 4, 18, 3, tzinfo=UTC),
    }
    assert db.last_done([]) == {}


def test_checkups_and_breaks(db: Database) -> None:
    assert db.latest_checkup() is None and db.last_break() is None
    db.save_checkup({"q1": "A"}, {"band": "low", "break_minutes": 60})
    db.save_checkup({"q1": "D"}, {"band": "high", "break_minutes": 30})
    assert [c.result["band"] for c in db.checkups()] == ["low", "high"]
    latest = db.latest_checkup()
    assert latest is not None and latest.answers == {"q1": "D"}
    db.log_break("taken")
    db.log_break("snoozed", 10)
    last = db.last_break()
    assert last is not None and (last.kind, last.minutes) == ("snoozed", 10)
    taken = db.last_break("taken")
    assert taken is not None and taken.kind == "taken" and taken.minutes is None
    assert [b.kind for b in db.breaks()] == ["taken", "snoozed"]
    assert db.breaks()[0].at < db.breaks()[1].at


def test_every_write_is_visible_to_another_connection_at_once(db: Database, db_path: Path) -> None:
    session = db.start_session("s", {})
    log(db, session, 1)
    assert raw(db_path, "SELECT count(*) FROM sets") == [(1,)]
    db.log_break("taken")
    assert raw(db_path, "SELECT kind FROM breaks") == [("taken",)]


def test_sets_survive_a_process_killed_without_closing(db_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from hiptui.store.db import Database
        db = Database.open(Path({str(db_path)!r}))
        s = db.start_session("killed", {{}})
        for n in range(1, 6):
            db.log_set(s, exercise_id="x", exercise_name="X", set_number=n, side=None, reps=n)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert result.returncode == -9
    after = Database.open(db_path)
    unfinished = after.unfinished_session()
    assert unfinished is not None
    assert [s.reps for s in unfinished.sets] == [1, 2, 3, 4, 5]
    after.close()


def test_read_only_open_sees_data_and_changes_nothing(db: Database, db_path: Path) -> None:
    session = db.start_session("s", {})
    log(db, session, 1)
    reader = Database.open(db_path, read_only=True)
    assert reader.read_only
    assert [len(s.sets) for s in reader.sessions()] == [1]
    reader.close()


def test_in_memory_database_is_empty_and_usable() -> None:
    memory = Database.in_memory()
    assert memory.sessions() == [] and memory.checkups() == [] and memory.breaks() == []
    session = memory.start_session("m", {})
    assert memory.session(session).name == "m"
    memory.close()


key = st.tuples(st.sampled_from(["a", "b"]), st.integers(1, 3), st.sampled_from([None, "left"]))


@settings(max_examples=examples(120))
@given(st.lists(st.tuples(key, st.integers(0, 30)), max_size=25))
def test_logged_sets_equal_the_last_value_logged_per_key(
    calls: list[tuple[tuple[str, int, str | None], int]],
) -> None:
    memory = Database.in_memory(now=Clock())
    session = memory.start_session("p", {})
    expected: dict[tuple[str, int, str | None], int] = {}
    for (exercise, number, side), reps in calls:
        memory.log_set(
            session,
            exercise_id=exercise,
            exercise_name=exercise.upper(),
            set_number=number,
            side=side,
            reps=reps,
        )
        expected[(exercise, number, side)] = reps
    stored = {(s.exercise_id, s.set_number, s.side): s.reps for s in memory.session(session).sets}
    assert stored == expected
    memory.close()


def test_file_mode_is_kept_private_even_with_a_loose_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "loose" / "h.sqlite3"
        Database.open(path).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
