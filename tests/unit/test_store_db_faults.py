"""Faults a user can meet: each one gives a clear StoreError and loses nothing on disk."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hiptui.store.db import Database
from hiptui.store.errors import StoreError

MOMENT = datetime(2024, 3, 4, 18, 0, 5, tzinfo=UTC)


def fixed_now() -> datetime:
    return MOMENT


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def make_history(path: Path, sets: int = 3) -> None:
    db = Database.open(path)
    session = db.start_session("before", {})
    for number in range(1, sets + 1):
        db.log_set(
            session, exercise_id="x", exercise_name="X", set_number=number, side=None, reps=number
        )
    db.close()


def set_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM sets").fetchone()[0])
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log_one(db: Database, session: int, number: int, note: str | None = None) -> int:
    return db.log_set(
        session,
        exercise_id="x",
        exercise_name="X",
        set_number=number,
        side=None,
        reps=number,
        note=note,
    )


# -- another process holds the write lock ------------------------------------------------


@pytest.fixture
def lock_holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    make_history(db_path)
    script = textwrap.dedent(
        f"""
        import sqlite3, sys
        connection = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.readline()
        connection.execute("ROLLBACK")
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield holder
    if holder.poll() is None:
        holder.kill()
    holder.wait(timeout=10)


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=10)


def test_a_locked_database_gives_a_clear_error_then_works(
    db_path: Path, lock_holder: subprocess.Popen[str]
) -> None:
    # Opening an up-to-date database needs no write lock, so it succeeds while locked.
    db = Database.open(db_path, busy_timeout=0.2)
    session = db.sessions()[0].id
    with pytest.raises(StoreError) as caught:
        log_one(db, session, 4)
    message = str(caught.value)
    assert message.startswith(f"{db_path}: ")
    assert "locked by another program" in message and "0.2 s" in message
    release(lock_holder)
    log_one(db, session, 4)
    assert set_count(db_path) == 4
    db.close()


def test_a_new_database_cannot_be_created_while_locked(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            Database.open(path, busy_timeout=0.1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    Database.open(path).close()


# -- read-only -----------------------------------------------------------------------------


def test_writing_through_a_read_only_connection_is_a_clear_error(db_path: Path) -> None:
    make_history(db_path)
    reader = Database.open(db_path, read_only=True)
    before = digest(db_path)
    with pytest.raises(StoreError) as caught:
        reader.start_session("nope", {})
    assert (
        str(caught.value)
        == f"{db_path}: cannot write: the database file or its folder is read-only"
    )
    with pytest.raises(StoreError, match="read-only"):
        reader.log_break("taken")
    reader.close()
    assert digest(db_path) == before
    assert set_count(db_path) == 3


def test_a_read_only_file_is_refused_when_opening_for_writing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(db_path)
    real_access = os.access

    def no_write_to_database(path: object, mode: int) -> bool:
        if Path(str(path)) == db_path and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr("hiptui.store.opening.os.access", no_write_to_database)
    with pytest.raises(StoreError, match="the database file is read-only"):
        Database.open(db_path)
    assert set_count(db_path) == 3


# As root (CI) test_faults_cli.py::test_a_really_read_only_folder_still_exports covers this,
# running hiptui as the user nobody.
@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_is_refused(db_path: Path) -> None:
    make_history(db_path)
    db_path.parent.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            Database.open(db_path)
    finally:
        db_path.parent.chmod(0o700)
    assert set_count(db_path) == 3


def test_a_folder_where_the_database_should_be(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder"):
        Database.open(db_path)
    assert db_path.is_dir()


def test_a_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file, not a folder")
    with pytest.raises(StoreError) as caught:
        Database.open(blocker / "history.sqlite3")
    assert str(caught.value).startswith(f"{blocker}: cannot create the data folder")
    assert blocker.read_text() == "a file, not a folder"


# -- disk full -------------------------------------------------------------------------------


def test_a_full_disk_is_a_clear_error_and_keeps_what_was_saved(db_path: Path) -> None:
    db = Database.open(db_path)
    session = db.start_session("s", {})
    log_one(db, session, 1)
    pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
    db._conn.execute(f"PRAGMA max_page_count = {pages}")
    saved = 1
    with pytest.raises(StoreError) as caught:
        for number in range(2, 200):
            log_one(db, session, number, note="x" * 3000)
            saved += 1
    assert str(caught.value) == (
        f"{db_path}: the disk is full: nothing more can be saved until space is freed"
    )
    # An OSError too, so callers that handle failed file operations handle this one.
    assert isinstance(caught.value, OSError)
    assert caught.value.filename == str(db_path)
    assert caught.value.strerror == caught.value.message
    # The failed set left nothing half-written; everything before it is there.
    assert [s.set_number for s in db.session(session).sets] == list(range(1, saved + 1))
    db._conn.execute("PRAGMA max_page_count = 1073741823")
    log_one(db, session, saved + 1)
    db.close()
    assert set_count(db_path) == saved + 1


# -- damaged files -------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_kept_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not sqlite\n" * 400
    db_path.write_bytes(garbage)
    db = Database.open(db_path, now=fixed_now)
    aside = db_path.with_name("history.sqlite3.corrupt-20240304T180005Z")
    assert aside.read_bytes() == garbage
    assert db.notice is not None
    assert db.notice.startswith(f"{db_path}: the history database was damaged")
    assert aside.name in db.notice and "new, empty history" in db.notice
    assert db.sessions() == []
    db.start_session("fresh", {})
    db.close()
    assert aside.read_bytes() == garbage


def test_a_malformed_database_and_its_wal_are_kept_aside(db_path: Path) -> None:
    make_history(db_path, sets=200)
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    data[page : 3 * page] = b"\xa5" * (2 * page)
    db_path.write_bytes(bytes(data))
    wal = Path(f"{db_path}-wal")
    wal.write_bytes(b"")
    db = Database.open(db_path, now=fixed_now)
    aside = db_path.with_name("history.sqlite3.corrupt-20240304T180005Z")
    assert aside.read_bytes() == bytes(data)
    assert Path(f"{aside}-wal").exists()
    assert db.notice is not None and "damaged" in db.notice
    assert db.sessions() == []
    db.close()


def test_a_second_damaged_file_in_the_same_second_gets_its_own_name(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    first = db_path.with_name("history.sqlite3.corrupt-20240304T180005Z")
    first.write_bytes(b"earlier damaged copy")
    db_path.write_bytes(b"garbage" * 1000)
    Database.open(db_path, now=fixed_now).close()
    assert first.read_bytes() == b"earlier damaged copy"
    second = db_path.with_name("history.sqlite3.corrupt-20240304T180005Z-2")
    assert second.read_bytes() == b"garbage" * 1000


def test_read_only_open_of_a_damaged_file_reports_and_moves_nothing(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreError, match="damaged"):
        Database.open(db_path, read_only=True)
    assert db_path.read_bytes() == b"garbage" * 1000
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]


# -- schema versions -------------------------------------------------------------------------


def test_a_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    make_history(db_path)
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    before = digest(db_path)
    listing = sorted(p.name for p in db_path.parent.iterdir())
    for read_only in (False, True):
        with pytest.raises(StoreError) as caught:
            Database.open(db_path, read_only=read_only)
        assert str(caught.value).startswith(f"{db_path}: was written by a newer hiptui")
        assert "schema version 99" in str(caught.value)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing


def test_read_only_open_needs_an_existing_current_database(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no history database"):
        Database.open(db_path, read_only=True)
    assert not db_path.exists()
    db_path.parent.mkdir(parents=True)
    sqlite3.connect(db_path).close()
    db_path.write_bytes(b"")
    # An empty file (an older hiptui was making it) reads as an empty history, unchanged.
    with Database.open(db_path, read_only=True) as db:
        assert db.sessions() == [] and db.breaks() == []
    assert db_path.read_bytes() == b"" and sorted(db_path.parent.iterdir()) == [db_path]
