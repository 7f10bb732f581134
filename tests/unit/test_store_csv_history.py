"""The history as a CSV of sets in the Strong app's layout, and reading Strong and Hevy CSV
exports back: the columns, the round trip, idempotence, names mapped to ids, bad cells."""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiptui.content.load import Load
from hiptui.content.models import Problem
from hiptui.store.csv_import import (
    exercise_id_for,
    import_csv_history,
    load_csv_file,
    normal_name,
    parse_csv,
)
from hiptui.store.db import Database
from hiptui.store.export import CSV_COLUMNS, ImportSummary, export_csv
from hiptui.store.records import SetDetails, SetRecord
from hiptui.store.strong_csv import join_notes, rir_of, split_notes
from tests.hostile import ALL_ESCAPES, assert_terminal_safe
from tests.unit.test_store_export_load import loaded_history

KNOWN = {
    normal_name(name): exercise_id
    for exercise_id, name in [
        ("hip-thrust", "Hip thrust"),
        ("glute-bridge", "Glute bridge"),
        ("split-squat", "Split squat"),
    ]
} | {"hip-thrust": "hip-thrust", "glute-bridge": "glute-bridge", "split-squat": "split-squat"}


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def same_sets(db: Database) -> list[tuple[object, ...]]:
    return [
        (s.exercise_id, s.exercise_name, s.set_number, s.side, s.reps, s.load, s.rir, s.pain,
         s.discomfort, s.note)
        for session in reversed(db.sessions())
        for s in session.sets
    ]  # fmt: skip


# -- the Strong layout ------------------------------------------------------------------------


def test_the_csv_export_has_the_strong_columns_and_rows() -> None:
    table = rows(export_csv(loaded_history()))
    assert table[0] == list(CSV_COLUMNS) == [
        "Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
        "RPE", "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes",
    ]  # fmt: skip
    assert table[1] == [
        "2025-04-07 17:00:50", "Hip thrust day", "Hip thrust", "1", "40", "kg", "12", "8", "",
        "", "", "pain 0/10", "next-morning pain 2/10",
    ]  # fmt: skip
    assert table[3][7] == "10"  # RIR 0 is RPE 10
    assert table[4][2:8] == ["Split squat", "1", "22.5", "lbs", "8", "7"]
    assert (table[4][11], table[5][11]) == ("left", "right")
    assert table[6][4:6] == ["", ""] and table[6][11] == "band 2"
    assert table[7][4:8] == ["", "", "20", ""] and table[7][10] == "2"  # the hold, no load
    assert table[8][11:] == ["'-heavy; =1+1; pain 7/10", ""]
    assert len(table) == 1 + 8


def test_the_strong_csv_imports_back_with_the_same_sets(tmp_path: Path) -> None:
    source = loaded_history()
    text = export_csv(source, tz=UTC)
    target = Database.open(tmp_path / "restored.sqlite3")
    summary = import_csv_history(target, text, path="h.csv", known=KNOWN, tz=UTC)
    assert summary == ImportSummary(2, 7, 0, 0, 0)
    assert same_sets(target) == same_sets(source)
    assert [s.pain_next_day for s in target.sessions()] == [None, 2]
    assert export_csv(target, tz=UTC) == text
    # Once more: nothing is added.
    again = import_csv_history(target, text, path="h.csv", known=KNOWN, tz=UTC)
    assert again == ImportSummary(0, 0, 0, 0, 9)
    assert export_csv(target, tz=UTC) == text
    target.close()


def test_a_history_s_own_csv_imported_into_it_adds_nothing() -> None:
    db = loaded_history()
    before = same_sets(db)
    eastern = timezone(timedelta(hours=-5))
    summary = import_csv_history(db, export_csv(db, tz=eastern), path="h.csv", known=KNOWN,
                                 tz=eastern)  # fmt: skip
    assert summary == ImportSummary(0, 0, 0, 0, 9)
    assert same_sets(db) == before and len(db.sessions()) == 2


def test_notes_keep_what_strong_has_no_column_for() -> None:
    text = join_notes("left", "felt it; low", Load(3, "band"), 4, True)
    assert text == "left; felt it; low; band 3; pain 4/10; discomfort"
    assert split_notes(text) == ("left", "felt it; low", 3.0, 4, True)
    assert split_notes("") == (None, None, None, None, False)
    assert split_notes("pain 12/10") == (None, "pain 12/10", None, None, False)
    assert split_notes("went left") == (None, "went left", None, None, False)


@pytest.mark.parametrize(("rpe", "rir"), [(10, 0), (9.5, 0), (8.5, 1), (8, 2), (6, 4), (5, 5),
                                          (1, 5)])  # fmt: skip
def test_rpe_is_ten_less_the_reps_in_reserve_rounded_down(rpe: float, rir: int) -> None:
    assert rir_of(rpe) == rir


def test_names_map_to_known_ids_and_the_rest_keep_their_own() -> None:
    assert exercise_id_for("Hip Thrust (Barbell)", KNOWN) == "hip-thrust"
    assert exercise_id_for("hip-thrust", KNOWN) == "hip-thrust"
    assert exercise_id_for("GLUTE  BRIDGE", KNOWN) == "glute-bridge"
    assert exercise_id_for("Deadlift (Barbell)", KNOWN) == "deadlift-barbell"
    assert exercise_id_for("Приседания", KNOWN) == "приседания"
    assert exercise_id_for("???", KNOWN) == "exercise"
    # An id made of a name that hiptui knows under another name is kept apart.
    assert exercise_id_for("Split-Squat!", {"bulgarian split squat": "split-squat"}) == (
        "imported-split-squat"
    )


# -- other apps' files ------------------------------------------------------------------------

STRONG_APP = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
    '2024-05-01 18:30:05;"Legs";"Hip Thrust (Barbell)";1;60;kg;10;8.5;;;0;"";"";1h 5m\n'
    '2024-05-01 18:30:05;"Legs";"Hip Thrust (Barbell)";2;60;kg;9;10;;;0;"grindy";"";1h 5m\n'
    '2024-05-01 18:30:05;"Legs";"Hip Thrust (Barbell)";Rest Timer;;;;;;;90;;;1h 5m\n'
    '2024-05-01 18:30:05;"Legs";"Deadlift (Barbell)";1;135;lbs;5;;;;0;;;1h 5m\n'
    '2024-05-03 07:00:00;"Core";"Plank";1;0;kg;0;;;;45;"multi\nline";"";20m\n'
)


def test_a_strong_app_export_imports_with_names_mapped_and_rpe_as_reps_in_reserve() -> None:
    parsed = parse_csv(STRONG_APP, path="strong.csv", known=KNOWN, tz=UTC)
    assert not isinstance(parsed, list), parsed
    assert parsed.layout == "strong"
    legs, core = parsed.sessions
    assert (legs.name, legs.started_at, legs.ended_at, legs.status) == (
        "Legs",
        datetime(2024, 5, 1, 18, 30, 5, tzinfo=UTC),
        datetime(2024, 5, 1, 19, 35, 5, tzinfo=UTC),
        "completed",
    )
    assert [(s.exercise_id, s.exercise_name, s.set_number, s.reps, s.load, s.rir, s.note)
            for s in legs.sets] == [
        ("hip-thrust", "Hip Thrust (Barbell)", 1, 10, Load(60.0, "kg"), 1, None),
        ("hip-thrust", "Hip Thrust (Barbell)", 2, 9, Load(60.0, "kg"), 0, "grindy"),
        ("deadlift-barbell", "Deadlift (Barbell)", 1, 5, Load(135.0, "lb"), None, None),
    ]  # fmt: skip
    (plank,) = core.sets
    assert (plank.load, plank.work_seconds, plank.note) == (None, 45.0, "multi\nline")
    db = Database.in_memory()
    assert import_csv_history(db, STRONG_APP, path="s.csv", known=KNOWN, tz=UTC) == (
        ImportSummary(2, 4, 0, 0, 0)
    )
    assert import_csv_history(db, STRONG_APP, path="s.csv", known=KNOWN, tz=UTC) == (
        ImportSummary(0, 0, 0, 0, 6)
    )


def test_an_older_strong_export_with_commas_imports() -> None:
    text = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        "2021-02-03 10:00:00,Morning,45m,Glute Bridge,1,20,12,0,0,,,\n"
        "2021-02-03 10:00:00,Morning,45m,Glute Bridge,2,20,12,0,0,,,9\n"
    )
    parsed = parse_csv(text, path="old.csv", known=KNOWN, tz=UTC)
    assert not isinstance(parsed, list), parsed
    (session,) = parsed.sessions
    assert session.ended_at == datetime(2021, 2, 3, 10, 45, tzinfo=UTC)
    assert [(s.exercise_id, s.load, s.rir) for s in session.sets] == [
        ("glute-bridge", Load(20.0, "kg"), None),
        ("glute-bridge", Load(20.0, "kg"), 1),
    ]


HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Hip Thrust (Barbell)",,'
    '"bar pad",0,"warmup",40,10,,,\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Hip Thrust (Barbell)",,'
    '"bar pad",1,"normal",80,8,,,8\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Side Plank",,"",0,"normal",,,,30,\n'
)


def test_a_hevy_export_imports() -> None:
    parsed = parse_csv(HEVY, path="hevy.csv", known=KNOWN, tz=UTC)
    assert not isinstance(parsed, list), parsed
    assert parsed.layout == "hevy"
    (session,) = parsed.sessions
    assert (session.started_at, session.ended_at) == (
        datetime(2025, 7, 26, 7, 6, tzinfo=UTC),
        datetime(2025, 7, 26, 8, 11, tzinfo=UTC),
    )
    assert [(s.exercise_id, s.set_number, s.reps, s.load, s.rir, s.work_seconds, s.note)
            for s in session.sets] == [
        ("hip-thrust", 1, 10, Load(40.0, "kg"), None, None, "bar pad; warmup"),
        ("hip-thrust", 2, 8, Load(80.0, "kg"), 2, None, None),
        ("side-plank", 1, 0, None, None, 30.0, None),
    ]  # fmt: skip
    pounds = HEVY.replace('"weight_kg"', '"weight_lbs"')
    parsed = parse_csv(pounds, path="hevy.csv", known=KNOWN, tz=UTC)
    assert not isinstance(parsed, list)
    assert parsed.sessions[0].sets[1].load == Load(80.0, "lb")


def test_times_are_read_in_the_given_time_zone() -> None:
    eastern = timezone(timedelta(hours=-5))
    parsed = parse_csv(HEVY, path="hevy.csv", known=KNOWN, tz=eastern)
    assert not isinstance(parsed, list)
    assert parsed.sessions[0].started_at == datetime(2025, 7, 26, 12, 6, tzinfo=UTC)


# -- bad files --------------------------------------------------------------------------------


def problems(text: str) -> list[str]:
    db = Database.in_memory()
    found = import_csv_history(db, text, path="bad.csv", known=KNOWN, tz=UTC)
    assert isinstance(found, list), found
    assert db.sessions() == []
    return [str(problem) for problem in found]


HEADER = ";".join(CSV_COLUMNS) + "\n"
GOOD = "2024-05-01 18:30:05;Legs;Hip thrust;1;60;kg;10;8;;;;;\n"


def test_bad_cells_are_named_with_line_and_column_and_nothing_is_imported() -> None:
    text = (
        HEADER
        + GOOD
        + "yesterday;Legs;Hip thrust;1;60;kg;10;;;;;;\n"
        + "2024-05-01 18:30:05;Legs;Hip thrust;0;60;kg;ten;11;;;;;\n"
        + "2024-05-01 18:30:05;Legs;;2;-5;stone;10;;;;99999999;;\n"
        + "2024-05-01 18:30:05;Le\x1b[2Jgs;Hip thrust;3;60;kg;10;0;;;;;\n"
    )
    assert problems(text) == [
        "bad.csv:3: Date: expected a date and time like '2024-05-01 18:30:00', got 'yesterday'",
        "bad.csv:4: Set Order: expected a whole number from 1 to 10000, got '0'",
        "bad.csv:4: Reps: expected a whole number from 0 to 100000, got 'ten'",
        "bad.csv:4: RPE: expected a number from 0 to 10, got '11'",
        "bad.csv:5: Exercise Name: is empty",
        "bad.csv:5: Weight: expected a number from 0 to 10000, got '-5'",
        "bad.csv:5: Weight Unit: expected kg or lbs, got 'stone'",
        "bad.csv:5: Seconds: expected a number from 0 to 86400, got '99999999'",
        "bad.csv:6: Workout Name: contains a control character (U+001B)",
        "bad.csv:6: RPE: expected an RPE from 1 to 10, got '0'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "bad.csv:1: is not a Strong or Hevy CSV export"),
        ("a,b,c\n1,2,3\n", "bad.csv:1: is not a Strong or Hevy CSV export"),
        (HEADER.replace("Notes;Workout", "Reps;Workout"), "bad.csv:1: the header names a column"),
        (HEADER + GOOD + GOOD.replace("\n", ";extra\n"), "bad.csv:3: CSV: the row has more cells"),
        (HEADER + '2024-05-01 18:30:05;"Legs\n', "bad.csv:2: CSV: unexpected end of data"),
        (
            HEADER + "2024-05-01 18:30:05;Le\x00gs;Hip thrust;1;;;1;;;;;;\n",
            "bad.csv:2: Workout Name: contains a control character (U+0000)",
        ),
    ],
)
def test_files_that_are_not_an_export_are_refused(text: str, expected: str) -> None:
    found = problems(text)
    assert found[0].startswith(expected), found


def test_problems_stop_after_fifty() -> None:
    text = HEADER + "nope;Legs;Hip thrust;1;;;1;;;;;;\n" * 200
    found = problems(text)
    assert len(found) == 51 and found[-1] == "bad.csv: stopped after 50 problems"


def test_the_file_is_read_bounded_and_only_if_regular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD).encode())
    assert load_csv_file(good) == HEADER + GOOD  # a spreadsheet's byte order mark is dropped
    folder = load_csv_file(tmp_path)
    assert isinstance(folder, Problem) and "is a folder, not a CSV file" in folder.message
    binary = tmp_path / "binary.csv"
    binary.write_bytes(HEADER.encode() + b"\xff\n")
    bad = load_csv_file(binary)
    assert isinstance(bad, Problem) and bad.line == 2 and "UTF-8" in bad.message
    monkeypatch.setattr("hiptui.store.csv_import.MAX_CSV_BYTES", 10)
    large = load_csv_file(good)
    assert isinstance(large, Problem) and "is larger than" in large.message


def test_an_imported_set_is_a_plain_record() -> None:
    parsed = parse_csv(HEADER + GOOD, path="g.csv", known=KNOWN, tz=UTC)
    assert not isinstance(parsed, list)
    (record,) = parsed.sessions[0].sets
    assert isinstance(record, SetRecord) and record.completed_at == parsed.sessions[0].started_at
    assert SetDetails(record.load, record.rir, record.pain) == SetDetails(Load(60.0, "kg"), 2)


def test_hostile_cells_are_refused_in_lines_safe_for_a_terminal() -> None:
    cells = [ALL_ESCAPES, ALL_ESCAPES, ALL_ESCAPES, ALL_ESCAPES, "", "", ALL_ESCAPES, "", "", "",
             "", ALL_ESCAPES, ALL_ESCAPES]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(cells)
    found = problems(HEADER + buffer.getvalue())
    assert found and all(line.startswith("bad.csv:2: ") for line in found)
    assert_terminal_safe("\n".join(found))


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "history.csv"
    os.mkfifo(pipe)
    found = load_csv_file(pipe)
    assert isinstance(found, Problem) and "is a named pipe, not a CSV file" in found.message
