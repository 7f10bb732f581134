"""Schema version 3 (a set's load, reps in reserve and pain; a session's next-morning pain): a
database the previous hiptui made upgrades keeping every session and set, reads without being
upgraded, and the new columns refuse values out of range."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from hiptui.content.load import Load
from hiptui.store.db import Database
from hiptui.store.records import SessionRecord
from hiptui.store.schema import SCHEMA_VERSION
from tests.conftest import FIXTURES

# Made by the code of main at 376e167 (schema version 2), with a fixed clock:
# a completed session with three glute bridges (a note, holds and work seconds) and a per-side
# single-leg bridge (the right side marked, a note with a line break), an active session with
# a saved runner position and one hip thrust, an ended-early session with no sets, a
# self-check, two breaks and a day seen on the timeline.
V2 = FIXTURES / "history-v2.sqlite3"

OLD_SET_COLUMNS = (
    "id, session_id, exercise_id, exercise_name, set_number, side, reps, hold_seconds, "
    "work_seconds, discomfort, note, started_at, completed_at"
)
OLD_SESSION_COLUMNS = (
    "id, uid, name, routine_id, plan_json, state_json, started_at, ended_at, status"
)


def v2_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old" / "hiptui.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(V2, target)
    return target


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
        return [tuple(row) for row in connection.execute(sql).fetchall()]


def without_new_fields(sessions: list[SessionRecord]) -> list[tuple[Any, ...]]:
    return [
        (
            s.uid, s.name, s.routine_id, s.plan, s.state, s.started_at, s.ended_at, s.status,
            [
                (t.exercise_id, t.exercise_name, t.set_number, t.side, t.reps, t.hold_seconds,
                 t.work_seconds, t.discomfort, t.note, t.started_at, t.completed_at)
                for t in s.sets
            ],
        )
        for s in sessions
    ]  # fmt: skip


def test_the_fixture_is_a_version_2_database_without_the_new_columns() -> None:
    with sqlite3.connect(f"{V2.as_uri()}?mode=ro&immutable=1", uri=True) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        columns = {row[1] for row in connection.execute("PRAGMA table_info(sets)")}
    assert "note" in columns and "rir" not in columns and "load_value" not in columns


def test_opening_a_version_2_database_upgrades_it_keeping_every_session_and_set(
    tmp_path: Path,
) -> None:
    path = v2_copy(tmp_path)
    sets_before = rows(path, f"SELECT {OLD_SET_COLUMNS} FROM sets ORDER BY id")
    sessions_before = rows(path, f"SELECT {OLD_SESSION_COLUMNS} FROM sessions ORDER BY id")
    others_before = [
        rows(path, f"SELECT * FROM {table} ORDER BY id")
        for table in ("checkups", "breaks", "timeline")
    ]
    assert (len(sessions_before), len(sets_before)) == (3, 6)
    with Database.open(path, read_only=True) as old:
        read_before = old.sessions()
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION >= 3
        after = db.sessions()
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    # Every old column of every row is as it was, byte for byte.
    assert rows(path, f"SELECT {OLD_SET_COLUMNS} FROM sets ORDER BY id") == sets_before
    assert rows(path, f"SELECT {OLD_SESSION_COLUMNS} FROM sessions ORDER BY id") == (
        sessions_before
    )
    assert [
        rows(path, f"SELECT * FROM {table} ORDER BY id")
        for table in ("checkups", "breaks", "timeline")
    ] == others_before
    # The records read the same values, and none of the new ones.
    assert without_new_fields(after) == without_new_fields(read_before)
    assert after == read_before
    assert sum(len(s.sets) for s in after) == 6
    assert all(s.pain_next_day is None for s in after)
    assert all(t.load is None and t.rir is None and t.pain is None for s in after for t in s.sets)
    assert rows(path, "SELECT COUNT(*) FROM sets WHERE load_value IS NOT NULL OR rir IS NOT NULL")[
        0
    ] == (0,)


def test_a_version_2_database_reads_without_being_upgraded(tmp_path: Path) -> None:
    path = v2_copy(tmp_path)
    before = path.read_bytes()
    with Database.open(path, read_only=True) as db:
        assert db.schema_version == 2
        sessions = db.sessions()
        assert [s.name for s in sessions][-1] == "Whole hip at home"
        bridges = db.sets_for_exercise("glute-bridge")
        assert [t.reps for t in bridges] == [11, 12, 13]
        assert bridges[1].note == "easy" and bridges[0].load is None
        assert db.unfinished_session() is not None
        assert db.session(1).sets[-1].note == "felt it\nin my back"
        assert not db.unreadable
    assert path.read_bytes() == before


def test_the_upgraded_database_keeps_new_values(tmp_path: Path) -> None:
    path = v2_copy(tmp_path)
    with Database.open(path) as db:
        pass
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE sets SET load_value = 40, load_unit = 'kg', rir = 2, pain = 3 WHERE id = 1"
        )
        connection.execute("UPDATE sessions SET pain_next_day = 1 WHERE id = 1")
    with Database.open(path, read_only=True) as db:
        session = db.session(1)
    assert session.pain_next_day == 1
    first = session.sets[0]
    assert (first.load, first.rir, first.pain) == (Load(40.0, "kg"), 2, 3)
    assert first.load is not None and first.load.label() == "40 kg"


@pytest.mark.parametrize(
    ("columns", "values"),
    [
        ("load_value, load_unit", (40.0, None)),
        ("load_value, load_unit", (None, "kg")),
        ("load_value, load_unit", (40.0, "stone")),
        ("load_value, load_unit", (-2.5, "kg")),
        ("load_value, load_unit", (10_001.0, "lb")),
        ("rir", (6,)),
        ("rir", (-1,)),
        ("pain", (11,)),
        ("pain", (-1,)),
    ],
)
def test_the_new_set_columns_refuse_values_out_of_range(
    tmp_path: Path, columns: str, values: tuple[object, ...]
) -> None:
    path = tmp_path / "hiptui.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO sessions (uid, name, started_at, status) "
            "VALUES ('a', 'n', '2025-01-01T00:00:00Z', 'active')"
        )
        marks = ", ".join("?" * len(values))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute(
                "INSERT INTO sets (session_id, exercise_id, exercise_name, set_number, reps, "
                f"completed_at, {columns}) VALUES (1, 'x', 'X', 1, 1, '2025-01-01T00:00:00Z', "
                f"{marks})",
                values,
            )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("UPDATE sessions SET pain_next_day = 11")


def test_a_row_another_tool_wrote_out_of_range_is_left_out_and_named(tmp_path: Path) -> None:
    path = tmp_path / "hiptui.sqlite3"
    with Database.open(path) as db:
        session = db.start_session("S", {})
        for number in (1, 2, 3):
            db.log_set(session, exercise_id="hip-thrust", exercise_name="Hip thrust",
                       set_number=number, side=None, reps=10)  # fmt: skip
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE sets SET load_value = 40, load_unit = 'stone' WHERE id = 2")
        connection.execute("UPDATE sets SET rir = 'lots' WHERE id = 3")
        connection.execute("UPDATE sessions SET pain_next_day = 3 WHERE id = 1")
    with Database.open(path, read_only=True) as db:
        found = db.session(1)
        assert [t.set_number for t in found.sets] == [1]
        assert found.pain_next_day == 3
        problems = sorted(problem.message for problem in db.unreadable)
    assert problems == [
        "sets row 2: load_unit: expected kg, lb or band, got 'stone'",
        "sets row 3: rir: expected a whole number from 0 to 5 or NULL, got 'lots'",
    ]
