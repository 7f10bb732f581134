"""Export to JSON and CSV, and importing the JSON back: round trips, idempotence, bad files."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.content.models import Problem
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.export import (
    CSV_COLUMNS,
    ImportSummary,
    dumps_export,
    empty_export,
    export_csv,
    export_json,
    import_history,
    load_export_file,
)
from tests.profiles import examples


class Clock:
    def __init__(self, start: datetime = datetime(2024, 3, 4, 18, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        current = self.moment
        self.moment += timedelta(seconds=45)
        return current


def build_history(db: Database) -> None:
    first = db.start_session("Beginner floor", {"plan": 1}, "beginner-floor")
    for number in (1, 2):
        for side in ("left", "right"):
            db.log_set(
                first,
                exercise_id="single-leg-bridge",
                exercise_name="Single-leg bridge",
                set_number=number,
                side=side,
                reps=8 + number,
                hold_seconds=2,
                work_seconds=31.5,
            )
    db.log_set(
        first,
        exercise_id="glute-bridge",
        exercise_name="Glute bridge",
        set_number=1,
        side=None,
        reps=12,
        discomfort=True,
        note="felt it in my lower back",
    )
    db.finish_session(first, "completed")
    db.save_checkup({"weekday_hours": 8, "breaks": "D"}, {"band": "high", "break_minutes": 30})
    db.log_break("taken")
    db.log_break("snoozed", 10)
    second = db.start_session("Quick bridges", {})
    db.log_set(
        second, exercise_id="glute-bridge", exercise_name="Glute bridge", set_number=1,
        side=None, reps=15,
    )  # fmt: skip


@pytest.fixture
def source() -> Database:
    db = Database.in_memory(now=Clock())
    build_history(db)
    return db


def counts(db: Database) -> tuple[int, int, int, int]:
    sessions = db.sessions()
    return (
        len(sessions),
        sum(len(s.sets) for s in sessions),
        len(db.checkups()),
        len(db.breaks()),
    )


# -- JSON shape -----------------------------------------------------------------------------


def test_json_has_exactly_the_documented_shape(source: Database) -> None:
    document = export_json(source)
    assert list(document) == ["format_version", "sessions", "checkups", "breaks"]
    assert document["format_version"] == 2
    first, second = document["sessions"]
    assert list(first) == [
        "id", "name", "routine", "started_at", "ended_at", "status", "pain_next_day", "sets",
    ]  # fmt: skip
    assert (first["name"], first["routine"], first["status"]) == (
        "Beginner floor",
        "beginner-floor",
        "completed",
    )
    assert first["started_at"] == "2024-03-04T18:00:00Z"
    assert second["ended_at"] is None and second["status"] == "active"
    assert list(first["sets"][0]) == [
        "exercise", "exercise_name", "set", "side", "reps", "hold_seconds", "work_seconds",
        "discomfort", "note", "completed_at", "load", "rir", "pain",
    ]  # fmt: skip
    assert [(s["set"], s["side"]) for s in first["sets"]] == [
        (1, "left"), (1, "right"), (2, "left"), (2, "right"), (1, None),
    ]  # fmt: skip
    assert first["sets"][0]["hold_seconds"] == 2 and isinstance(
        first["sets"][0]["hold_seconds"], int
    )
    assert first["sets"][0]["work_seconds"] == 31.5
    assert first["sets"][4]["discomfort"] is True and first["sets"][0]["discomfort"] is False
    assert first["sets"][4]["note"] == "felt it in my lower back"
    (checkup,) = document["checkups"]
    assert list(checkup) == ["id", "taken_at", "answers", "result"]
    assert checkup["result"] == {"band": "high", "break_minutes": 30}
    assert [(b["kind"], b["minutes"]) for b in document["breaks"]] == [
        ("taken", None),
        ("snoozed", 10),
    ]
    assert list(document["breaks"][0]) == ["id", "at", "kind", "minutes"]


def test_empty_database_exports_an_empty_document() -> None:
    assert export_json(Database.in_memory()) == empty_export()
    assert export_csv(Database.in_memory()) == ";".join(CSV_COLUMNS) + "\r\n"


def test_export_is_deterministic(source: Database) -> None:
    assert dumps_export(export_json(source)) == dumps_export(export_json(source))
    assert export_csv(source) == export_csv(source)


def test_dumped_json_escapes_what_a_terminal_would_act_on_and_loses_nothing() -> None:
    db = Database.in_memory()
    hostile = "\u202eevil\x9b31m\x7f"
    db.save_checkup({"note": hostile}, {})
    text = dumps_export(export_json(db))
    assert "\u202e" not in text and "\x9b" not in text and "\x7f" not in text
    assert "\\u202e" in text
    assert json.loads(text)["checkups"][0]["answers"]["note"] == hostile


def test_control_characters_never_reach_the_database() -> None:
    db = Database.in_memory()
    session = db.start_session("Evil\x1b]0;title\x07 routine", {})
    db.log_set(
        session, exercise_id="x", exercise_name="X\u202e", set_number=1, side=None, reps=1,
        note="line one\nline\x1b[2J two",
    )  # fmt: skip
    stored = db.session(session)
    assert stored.name == "Evil]0;title routine"
    assert stored.sets[0].exercise_name == "X"
    assert stored.sets[0].note == "line one\nline[2J two"
    # ...so an export always imports back.
    assert isinstance(
        import_history(Database.in_memory(), export_json(db), path="e"), ImportSummary
    )


# -- round trips and idempotence ------------------------------------------------------------


def test_export_import_export_is_identical(source: Database, tmp_path: Path) -> None:
    document = export_json(source)
    target = Database.open(tmp_path / "restored.sqlite3")
    summary = import_history(target, document, path="export.json")
    assert summary == ImportSummary(2, 4, 1, 2, 0)  # 6 rows, 4 sets: a set's two sides are one
    assert export_json(target) == document
    assert dumps_export(export_json(target)) == dumps_export(document)
    assert export_csv(target) == export_csv(source)
    target.close()
    reopened = Database.open(tmp_path / "restored.sqlite3")
    assert export_json(reopened) == document
    reopened.close()


def test_importing_the_same_file_twice_changes_nothing(source: Database) -> None:
    document = export_json(source)
    target = Database.in_memory()
    import_history(target, document, path="e.json")
    before = export_json(target)
    again = import_history(target, copy.deepcopy(document), path="e.json")
    assert again == ImportSummary(0, 0, 0, 0, 2 + 4 + 1 + 2)
    assert export_json(target) == before
    assert counts(target) == (2, 6, 1, 2)


def test_importing_into_a_database_with_its_own_history_keeps_both(source: Database) -> None:
    target = Database.in_memory(now=Clock(datetime(2023, 1, 1, tzinfo=UTC)))
    own = target.start_session("Mine", {})
    target.log_set(
        own, exercise_id="kickback", exercise_name="Kickback", set_number=1, side="left", reps=10
    )
    target.finish_session(own, "completed")
    mine = export_json(target)["sessions"]
    import_history(target, export_json(source), path="e.json")
    merged = export_json(target)
    assert merged["sessions"][0] == mine[0]
    assert merged["sessions"][1:] == export_json(source)["sessions"]
    assert counts(target) == (3, 7, 1, 2)


def test_a_later_export_adds_only_what_is_new(source: Database) -> None:
    early = export_json(source)
    active = source.unfinished_session()
    assert active is not None
    source.log_set(
        active.id,
        exercise_id="glute-bridge",
        exercise_name="Glute bridge",
        set_number=2,
        side=None,
        reps=14,
    )
    source.log_break("skipped")
    later = export_json(source)
    target = Database.in_memory()
    import_history(target, early, path="early.json")
    summary = import_history(target, later, path="later.json")
    assert summary == ImportSummary(0, 1, 0, 1, 2 + 4 + 1 + 2)


# -- bad documents ----------------------------------------------------------------------------


def problems_for(data: Any) -> list[str]:
    target = Database.in_memory()
    result = import_history(target, data, path="bad.json")
    assert isinstance(result, list), result
    assert counts(target) == (0, 0, 0, 0)
    return [str(problem) for problem in result]


def test_a_bad_field_anywhere_writes_nothing_and_names_the_place(source: Database) -> None:
    document = export_json(source)
    document["breaks"][1]["kind"] = "napped"
    document["sessions"][0]["sets"][2]["reps"] = "ten"
    document["sessions"][1]["started_at"] = "2024-03-04 18:00"
    assert problems_for(document) == [
        "bad.json: sessions[0].sets[2].reps: expected a whole number from 0 to 100000, got text",
        "bad.json: sessions[1].started_at: expected an ISO 8601 time with a time zone, like "
        "2024-05-01T18:30:00Z",
        "bad.json: breaks[1].kind: expected one of taken, snoozed, skipped, got text",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "bad.json: expected a hiptui export (a JSON object), got a list"),
        ({"sessions": []}, "bad.json: format_version: missing or not a hiptui export version"),
        ({"format_version": True, "sessions": []}, "bad.json: format_version: missing or not"),
        ({"format_version": 3, "sessions": []}, "bad.json: format_version: 3 is newer than"),
        ({"format_version": 1}, "bad.json: sessions: missing"),
        (
            {"format_version": 1, "sessions": {}},
            "bad.json: sessions: expected a list, got an object",
        ),
        (
            {"format_version": 1, "sessions": [7]},
            "bad.json: sessions[0]: expected an object, got 7",
        ),
    ],
)
def test_wrong_shapes(data: Any, expected: str) -> None:
    found = problems_for(data)
    assert found[0].startswith(expected), found


def test_hostile_and_oversized_values_are_refused(source: Database) -> None:
    document = export_json(source)
    first = document["sessions"][0]
    first["name"] = "Evil \x1b]52;c;ZXZpbA==\x07"
    first["sets"][0]["side"] = "middle"
    first["sets"][1]["discomfort"] = "yes"
    first["sets"][2]["note"] = "x" * 10_001
    first["sets"][3]["hold_seconds"] = float("inf")
    first["id"] = "../../etc"
    found = problems_for(document)
    assert found == [
        "bad.json: sessions[0].id: expected an id of 1 to 64 letters, digits, '-' or '_'",
        "bad.json: sessions[0].name: contains a control character (U+001B)",
        "bad.json: sessions[0].sets[0].side: expected one of left, right or null, got text",
        "bad.json: sessions[0].sets[1].discomfort: expected true or false, got text",
        "bad.json: sessions[0].sets[2].note: is longer than 10000 characters",
        "bad.json: sessions[0].sets[3].hold_seconds: expected a number of seconds or null, got inf",
    ]


def test_problems_stop_after_fifty() -> None:
    sessions = [{"id": "", "status": "active"} for _ in range(100)]
    found = problems_for({"format_version": 1, "sessions": sessions})
    assert len(found) == 51
    assert found[-1] == "bad.json: stopped after 50 problems"


def test_a_failing_database_writes_none_of_the_import(source: Database, tmp_path: Path) -> None:
    document = export_json(source)
    for number in range(3, 400):
        document["sessions"][0]["sets"].append(
            {**document["sessions"][0]["sets"][4], "set": number, "note": "n" * 2000}
        )
    target = Database.open(tmp_path / "small.sqlite3")
    pages = target._conn.execute("PRAGMA page_count").fetchone()[0]
    target._conn.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(StoreError, match="disk is full"):
        import_history(target, document, path="big.json")
    assert counts(target) == (0, 0, 0, 0)
    target.close()


# -- files --------------------------------------------------------------------------------------


def test_load_export_file_reports_lines_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(empty_export()))
    assert load_export_file(good) == empty_export()
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format_version": 1,\n  "sessions": [,]\n}\n')
    problem = load_export_file(broken)
    assert isinstance(problem, Problem) and problem.line == 3
    assert str(problem).startswith(f"{broken}:3: is not valid JSON")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{\n"a": "\xff"}')
    problem = load_export_file(binary)
    assert isinstance(problem, Problem) and problem.line == 2 and "UTF-8" in problem.message
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    problem = load_export_file(deep)
    assert isinstance(problem, Problem) and "nested too deeply" in problem.message
    problem = load_export_file(tmp_path)
    assert isinstance(problem, Problem) and "is a folder" in problem.message
    problem = load_export_file(tmp_path / "missing.json")
    assert isinstance(problem, Problem) and "cannot be read" in problem.message


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_rows_and_columns(source: Database) -> None:
    rows = list(csv.reader(io.StringIO(export_csv(source)), delimiter=";"))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == [
        "2024-03-04 18:00:00", "Beginner floor", "Single-leg bridge", "1", "", "", "9", "", "",
        "", "31.5", "left", "",
    ]  # fmt: skip
    assert rows[5] == [
        "2024-03-04 18:00:00", "Beginner floor", "Glute bridge", "1", "", "", "12", "", "", "",
        "", "felt it in my lower back; discomfort", "",
    ]  # fmt: skip
    assert rows[6][:7] == [
        "2024-03-04 18:07:30", "Quick bridges", "Glute bridge", "1", "", "", "15",
    ]  # fmt: skip
    assert len(rows) == 1 + 6


def test_csv_seconds_fall_back_to_hold_and_dates_follow_the_time_zone() -> None:
    db = Database.in_memory(now=Clock(datetime(2024, 3, 4, 2, 30, tzinfo=UTC)))
    session = db.start_session("Late", {})
    db.log_set(
        session,
        exercise_id="b",
        exercise_name="B",
        set_number=1,
        side=None,
        reps=5,
        hold_seconds=2.5,
    )
    eastern = timezone(timedelta(hours=-5))
    row = list(csv.reader(io.StringIO(export_csv(db, tz=eastern)), delimiter=";"))[1]
    assert row[0] == "2024-03-03 21:30:00"
    assert row[10] == "2.5"


def test_csv_cells_cannot_start_a_spreadsheet_formula() -> None:
    db = Database.in_memory()
    session = db.start_session('=HYPERLINK("http://x")', {})
    db.log_set(
        session, exercise_id="b", exercise_name="+B", set_number=1, side=None, reps=5, note="@me"
    )
    row = list(csv.reader(io.StringIO(export_csv(db)), delimiter=";"))[1]
    assert row[1] == '\'=HYPERLINK("http://x")'
    assert row[2] == "'+B"
    assert row[11] == "'@me"


# -- property: any history logged through the API survives the round trip -------------------

names = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "Sm"]), max_size=20)
set_calls = st.lists(
    st.tuples(
        st.sampled_from(["glute-bridge", "hip-thrust"]),
        st.integers(1, 4),
        st.sampled_from([None, "left", "right"]),
        st.integers(0, 40),
        st.none() | st.floats(0, 120, allow_nan=False),
        st.booleans(),
        st.none() | names,
    ),
    max_size=12,
)


@settings(max_examples=examples(80))
@given(
    st.lists(
        st.tuples(names, set_calls, st.sampled_from(["completed", "ended-early", None])), max_size=4
    ),
    st.lists(st.sampled_from(["taken", "snoozed", "skipped"]), max_size=4),
)
def test_any_logged_history_round_trips(
    sessions: list[tuple[str, list[tuple[Any, ...]], str | None]], breaks: list[str]
) -> None:
    db = Database.in_memory(now=Clock())
    for name, calls, ending in sessions:
        session = db.start_session(name, {})
        for exercise, number, side, reps, hold, discomfort, note in calls:
            db.log_set(
                session, exercise_id=exercise, exercise_name=exercise.title(), set_number=number,
                side=side, reps=reps, hold_seconds=hold, discomfort=discomfort, note=note,
            )  # fmt: skip
        if ending is not None:
            db.finish_session(session, ending)
    for kind in breaks:
        db.log_break(kind, 5 if kind == "snoozed" else None)
    document = export_json(db)
    text = dumps_export(document)
    target = Database.in_memory()
    first = import_history(target, json.loads(text), path="p.json")
    assert isinstance(first, ImportSummary)
    assert dumps_export(export_json(target)) == text
    second = import_history(target, json.loads(text), path="p.json")
    assert isinstance(second, ImportSummary)
    assert (second.sessions_added, second.sets_added, second.breaks_added) == (0, 0, 0)
    assert dumps_export(export_json(target)) == text
