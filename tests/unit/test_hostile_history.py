"""History another program wrote: rows edited by another tool, times at the ends of the calendar,
control characters inside imported self-checks, and seconds read back as REAL.

Every reader of the history (the records, ``export`` in JSON and CSV, ``status``, an import)
either reads a value or names the row and the column it cannot read, in one line; nothing is
changed and the other rows still read.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hiptui.core.session.completed_set import CompletedSet
from hiptui.paths import database_path
from hiptui.store.app_opened import read_app_opened
from hiptui.store.db import Database
from hiptui.store.export import export_json
from hiptui.store.history_import import parse_export
from hiptui.store.records import parse_timestamp
from tests.faults import digest, make_history
from tests.hostile import CSI, OSC52, assert_terminal_safe
from tests.unit.test_hostile_text import export

# (table, column, value another tool wrote): each makes its row unreadable.
EDITS = [
    ("sets", "completed_at", "yesterday", "completed_at: 'yesterday' is not an ISO 8601 time"),
    ("sets", "reps", "ten", "reps: expected a whole number of 0 or more, got 'ten'"),
    ("sets", "hold_seconds", -3.5, "hold_seconds: expected a number of seconds, got '-3.5'"),
    ("sets", "side", "up", "side: expected '', left or right, got 'up'"),
    ("sets", "discomfort", 7, "discomfort: expected 0 or 1, got '7'"),
    ("sets", "exercise_name", b"\x00\x01", "exercise_name: expected text, got a blob"),
    ("sessions", "started_at", "9999-12-31T23:00:00-05:00",
     "started_at: 9999-12-31T23:00:00-05:00 is outside the years 1900 to 8999"),
    ("sessions", "status", "paused",
     "status: expected one of active, completed, ended-early, abandoned, got 'paused'"),
    ("checkups", "taken_at", 12, "taken_at: '12' is not an ISO 8601 time"),  # TEXT affinity
    ("checkups", "answers_json", b"\xff", "answers_json: expected JSON text, got a blob"),
    ("breaks", "kind", "lunch", "kind: expected one of taken, snoozed, skipped, got 'lunch'"),
    ("breaks", "minutes", "five", "minutes: expected a whole number of 0 or more, got 'five'"),
]  # fmt: skip


def history_with_everything(path: Path) -> None:
    make_history(path, sets=3)
    with Database.open(path) as db:
        db.save_checkup({"breaks": "A"}, {"band": "low"})
        db.log_break("taken")
        db.log_break("snoozed", 10)


def edit(path: Path, table: str, column: str, value: object) -> None:
    """What another tool does: one value changed in the first row of ``table`` (the checks
    that would stop it are switched off, as a careless script or schema change would)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute(f"UPDATE {table} SET {column} = ? WHERE id = 1", (value,))
    connection.commit()
    connection.close()


def hiptui(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert_terminal_safe(result.stdout + result.stderr)
    return result


@pytest.mark.parametrize(("table", "column", "value", "message"), EDITS)
def test_a_row_another_tool_edited_is_left_out_and_named(
    table: str, column: str, value: object, message: str
) -> None:
    path = database_path()
    history_with_everything(path)
    edit(path, table, column, value)
    before = digest(path)
    with Database.open(path, read_only=True) as db:
        document = export_json(db)
        assert [str(p) for p in db.unreadable] == [f"{path}: {table} row 1: {message}"]
    sets = sum(len(session["sets"]) for session in document["sessions"])
    assert sets == (2 if table == "sets" else 0 if table == "sessions" else 3)
    assert len(document["checkups"]) == (0 if table == "checkups" else 1)
    assert len(document["breaks"]) == (1 if table == "breaks" else 2)
    for args in (["export"], ["export", "--format", "csv"]):
        result = hiptui(*args)
        assert result.returncode == 0 and "Traceback" not in result.stderr
        also = " with its sets" if table == "sessions" else ""
        read = "csv" not in args or table in ("sets", "sessions")  # CSV holds only sets
        assert (
            result.stderr.splitlines()
            == [f"{path}: {table} row 1: {message}; left out of the export{also}"] * read
        )
    assert hiptui("status").returncode == 0
    assert digest(path) == before


def test_a_session_with_an_edited_set_still_resumes_the_others() -> None:
    path = database_path()
    with Database.open(path) as db:
        session = db.start_session("Crashed", {})
        for number in (1, 2):
            db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
                       set_number=number, side=None, reps=10)  # fmt: skip
    edit(path, "sets", "completed_at", "soon")
    with Database.open(path) as db:
        unfinished = db.unfinished_session()
        assert unfinished is not None and [s.set_number for s in unfinished.sets] == [2]
        assert "sets row 1: completed_at" in str(db.unreadable[0])


# -- times at the ends of the calendar -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00", "9000-01-01T00:00:00Z",
     "1899-12-31T23:59:59Z", "9999-12-31T23:59:59.999999"],
)  # fmt: skip
def test_times_near_the_ends_of_the_calendar_are_refused_not_overflowed(text: str) -> None:
    with pytest.raises(ValueError, match="outside the years 1900 to 8999"):
        parse_timestamp(text)
    assert parse_timestamp("8999-12-31T23:59:59Z").year == 8999


def test_an_import_with_a_time_at_the_end_of_the_calendar_is_refused(tmp_path: Path) -> None:
    document = export(started_at="9999-12-31T23:00:00-05:00")
    problems = parse_export(document, path="backup.json")
    assert [str(p) for p in problems] == [  # type: ignore[union-attr]
        "backup.json: sessions[0].started_at: expected a time from the years 1900 to 8999"
    ]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = hiptui("import-history", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not database_path().exists()


def test_an_app_opened_file_far_in_the_future_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "app-opened"
    path.write_text("9999-12-31T23:00:00-05:00\n", encoding="ascii")
    assert read_app_opened(path) is None


# -- self-checks in an import --------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "result", "where"),
    [
        ({"breaks": "D" + CSI}, {}, "checkups[0].answers.breaks: contains a control character"),
        ({OSC52: 1}, {}, "checkups[0].answers (a key): contains a control character (U+001B"),
        ({}, {"notes": ["fine", "\u202eevil"]}, "checkups[0].result.notes[1]: contains a control"),
    ],
)
def test_control_characters_in_imported_self_checks_are_refused(
    answers: dict[str, object], result: dict[str, object], where: str
) -> None:
    document = export()
    document["checkups"] = [
        {"id": "c1", "taken_at": "2024-05-01T10:00:00Z", "answers": answers, "result": result}
    ]
    problems = parse_export(document, path="backup.json")
    assert isinstance(problems, list) and any(where in str(p) for p in problems), problems


def test_line_breaks_in_self_check_texts_are_kept() -> None:
    document = export()
    document["checkups"] = [
        {"id": "c1", "taken_at": "2024-05-01T10:00:00Z", "answers": {}, "result": {"t": "a\nb"}}
    ]
    parsed = parse_export(document, path="backup.json")
    assert not isinstance(parsed, list) and parsed.checkups[0].result == {"t": "a\nb"}


# -- seconds that come back as REAL --------------------------------------------------------


def saved_set(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "exercise_id": "glute-bridge", "exercise_name": "Glute bridge", "set_number": 1,
        "side": None, "reps": 10, "hold_seconds": 2, "work_seconds": None, "discomfort": False,
        "started_at": 0.0, "ended_at": 0.0,
    }  # fmt: skip
    return {**data, **changes}


def test_a_hold_read_back_as_real_is_whole_seconds_again() -> None:
    """SQLite keeps hold_seconds as REAL: a set saved with 2 reads back as 2.0, goes into the
    next snapshot as 2.0, and must read as 2 however many times the session is resumed."""
    path = database_path()
    with Database.open(path) as db:
        session = db.start_session("Hold", {})
        db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
                   set_number=1, side=None, reps=10, hold_seconds=2)  # fmt: skip
        (record,) = db.session(session).sets
    assert record.hold_seconds == 2.0 and isinstance(record.hold_seconds, float)
    snapshot = saved_set(hold_seconds=record.hold_seconds)
    for _resume in range(3):
        restored = CompletedSet.from_dict(json.loads(json.dumps(snapshot)))
        assert restored.hold_seconds == 2 and isinstance(restored.hold_seconds, int)
        snapshot = restored.to_dict()
    with pytest.raises(ValueError, match="hold_seconds must be whole seconds"):
        CompletedSet.from_dict(saved_set(hold_seconds=2.5))


def test_every_unreadable_row_is_named_once() -> None:
    """Every break row edited away: each is named once, however often the history is read,
    and the sessions still export whole."""
    path = database_path()
    history_with_everything(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE breaks SET at = 'never'")
    connection.commit()
    connection.close()
    with Database.open(path, read_only=True) as db:
        document = export_json(db)
        assert db.breaks() == [] and db.last_break() is None
        assert [str(p).split(": ", 1)[1] for p in db.unreadable] == [
            "breaks row 1: at: 'never' is not an ISO 8601 time",
            "breaks row 2: at: 'never' is not an ISO 8601 time",
        ]
    assert document["breaks"] == [] and len(document["sessions"][0]["sets"]) == 3


def test_hiptui_status_passes_over_break_rows_it_cannot_read() -> None:
    """hiptui status reads the latest break on its own quick path: an edited row is passed
    over for the one before it, never the end of the status line."""
    path = database_path()
    history_with_everything(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE breaks SET at = 'later', minutes = 'x' WHERE id = 2")
    connection.commit()
    connection.close()
    for args in ([], ["--json"]):
        result = hiptui("status", *args)
        assert result.returncode == 0 and result.stderr == "", result
    assert "sitting" in hiptui("status").stdout
