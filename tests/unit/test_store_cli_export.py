"""``hiptui export`` and ``hiptui import-history`` run as a user runs them: whole processes."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hiptui.paths import database_path
from hiptui.store.db import Database
from hiptui.store.export import CSV_COLUMNS, empty_export, export_json


def hiptui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        timeout=60,
    )


@pytest.fixture
def history() -> Path:
    path = database_path()
    db = Database.open(path)
    session = db.start_session("Floor", {})
    db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge", set_number=1,
               side=None, reps=12, hold_seconds=2)  # fmt: skip
    db.log_set(session, exercise_id="kickback", exercise_name="Kickback", set_number=1,
               side="left", reps=10, discomfort=True)  # fmt: skip
    db.finish_session(session, "completed")
    db.log_break("taken")
    db.close()
    return path


def test_export_without_a_database_prints_an_empty_document_and_creates_nothing() -> None:
    result = hiptui("export")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == empty_export()
    assert not database_path().parent.exists()
    csv_result = hiptui("export", "--format", "csv")
    assert csv_result.stdout.splitlines() == [";".join(CSV_COLUMNS)]


def test_export_json_and_csv_to_stdout(history: Path) -> None:
    result = hiptui("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    db = Database.open(history, read_only=True)
    assert json.loads(result.stdout) == export_json(db)
    db.close()
    text = hiptui("export", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(CSV_COLUMNS)
    assert [(r[2], r[6], r[11]) for r in rows[1:]] == [
        ("Glute bridge", "12", ""),
        ("Kickback", "10", "left; discomfort"),
    ]


def test_the_csv_export_imports_back_with_the_same_sets(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    assert hiptui("export", "--format", "csv", "--out", str(out)).returncode == 0
    again = hiptui("import-history", str(out))  # into the history it came from: nothing new
    assert again.stdout.strip() == (
        f"{out}: strong CSV: added 0 sessions, 0 sets, 0 self-checks and 0 breaks; 3 already there"
    )
    history.unlink()
    first = hiptui("import-history", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith("added 1 sessions, 2 sets, 0 self-checks and 0 breaks; "
                                         "0 already there")  # fmt: skip
    with Database.open(history, read_only=True) as db:
        (session,) = db.sessions()
        assert [(s.exercise_id, s.reps, s.side, s.discomfort) for s in session.sets] == [
            ("glute-bridge", 12, None, False),
            ("kickback", 10, "left", True),
        ]
    assert hiptui("export", "--format", "csv").stdout == out.read_text()


def test_a_bad_csv_is_reported_by_line_and_creates_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(";".join(CSV_COLUMNS) + "\n2024-05-01 18:30:05;Legs;Hip thrust;1;;;ten;;;;;;\n")
    result = hiptui("import-history", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        f"{bad}:2: Reps: expected a whole number from 0 to 100000, got 'ten'"
    )
    assert not database_path().exists()


def test_export_to_a_file_is_private_and_prints_nothing(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    result = hiptui("export", "--out", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["sessions"][0]["name"] == "Floor"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    folder = hiptui("export", "--out", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stderr.strip() == f"{tmp_path}: is a folder; give a file name"


def test_import_restores_an_export_once(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    hiptui("export", "--out", str(out))
    history.unlink()
    first = hiptui("import-history", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        f"{out}: added 1 sessions, 2 sets, 0 self-checks and 1 breaks; 0 already there"
    )
    second = hiptui("import-history", str(out))
    assert second.stdout.strip().endswith(
        "added 0 sessions, 0 sets, 0 self-checks and 0 breaks; 4 already there"
    )
    assert json.loads(hiptui("export").stdout) == json.loads(out.read_text())


def test_a_per_side_set_is_one_set_in_the_export_and_the_import(tmp_path: Path) -> None:
    db = Database.open(database_path())
    session = db.start_session("Kickbacks", {})
    for side in ("right", "left"):
        db.log_set(session, exercise_id="quadruped-kickback", exercise_name="Quadruped kickback",
                   set_number=1, side=side, reps=12)  # fmt: skip
    db.finish_session(session, "completed")
    db.close()
    out = tmp_path / "backup.json"
    hiptui("export", "--out", str(out))
    [exported] = json.loads(out.read_text())["sessions"]
    assert [(s["set"], s["side"]) for s in exported["sets"]] == [(1, "right"), (1, "left")]
    database_path().unlink()
    first = hiptui("import-history", str(out))
    assert first.stdout.strip().endswith("added 1 sessions, 1 sets, 0 self-checks and 0 breaks; "
                                         "0 already there")  # fmt: skip
    again = hiptui("import-history", str(out))
    assert again.stdout.strip().endswith("2 already there")  # the session and its one set


def test_a_bad_file_is_reported_on_stderr_and_creates_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format_version": 1, "sessions": [{"id": "a", "status": "done"}]}))
    result = hiptui("import-history", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{bad}: sessions[0].started_at: expected an ISO 8601 time with a time zone, "
        "like 2024-05-01T18:30:00Z"
    )
    assert lines[1].startswith(f"{bad}: sessions[0].status: expected one of active")
    assert not database_path().exists()
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "format_version": 1,\n "sessions": [}\n')
    result = hiptui("import-history", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{broken}:3: is not valid JSON")
    missing = hiptui("import-history", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and "cannot be read" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


def test_hostile_text_in_an_import_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    document = empty_export()
    document["sessions"] = [
        {"id": "x", "name": "\x1b]52;c;ZXZpbA==\x07\x1b[2J", "started_at": "2024-01-01T00:00:00Z",
         "ended_at": None, "status": "active", "sets": []}
    ]  # fmt: skip
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document))
    result = hiptui("import-history", str(hostile))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "control character (U+001B)" in result.stderr


def test_a_database_from_a_newer_hiptui_is_refused_by_both_commands(
    history: Path, tmp_path: Path
) -> None:
    connection = sqlite3.connect(history)
    connection.execute("PRAGMA user_version = 42")
    connection.commit()
    connection.close()
    before = history.read_bytes()
    result = hiptui("export")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{history}: was written by a newer hiptui")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(empty_export()))
    restore = hiptui("import-history", str(good))
    assert restore.returncode == 1 and "newer hiptui" in restore.stderr
    assert history.read_bytes() == before
