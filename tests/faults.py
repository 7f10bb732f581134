"""Database faults for the CLI and TUI fault tests: a lock held by another process, a damaged
file, a newer schema, a history to protect. The store's own fault tests (test_store_db_faults)
prove the store; these helpers let the app and the commands meet the same faults."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from hiptui.store.db import Database

GARBAGE = b"this is not a database, but someone's data all the same\n" * 200


class WriteLock:
    """Another process holding ``BEGIN IMMEDIATE`` on ``path`` until released."""

    def __init__(self, path: Path) -> None:
        script = textwrap.dedent(
            f"""
            import sqlite3, sys
            connection = sqlite3.connect({str(path)!r}, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.readline()
            connection.execute("ROLLBACK")
            """
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
        self.process.wait(timeout=30)

    def __enter__(self) -> WriteLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


def make_history(path: Path, sets: int = 2) -> int:
    """A finished session with ``sets`` sets of fixture-curl; returns its id."""
    with Database.open(path) as db:
        session = db.start_session("Before the fault", {})
        for number in range(1, sets + 1):
            db.log_set(
                session,
                exercise_id="fixture-curl",
                exercise_name="Fixture ball curl",
                set_number=number,
                side=None,
                reps=10 + number,
            )
        db.finish_session(session, "completed")
    return session


def saved_sets(path: Path) -> list[tuple[str, str, int, int]]:
    """(session name, exercise, set number, reps) of every set, read without changing the file."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT s.name, t.exercise_id, t.set_number, t.reps FROM sets t "
            "JOIN sessions s ON s.id = t.session_id ORDER BY t.id"
        ).fetchall()
    finally:
        connection.close()
    return [(str(a), str(b), int(c), int(d)) for a, b, c, d in rows]


def make_newer(path: Path, version: int = 99) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def make_corrupt(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GARBAGE)
    return GARBAGE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` and its hash: proof that nothing was added, moved or changed."""
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}
