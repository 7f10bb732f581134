"""The JSON export and import-history with loads, reps in reserve and pain (format_version 2):
the shape, the round trip, an older export (format_version 1) still importing, and values out
of range refused with their place, nothing imported."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hiptui.content.load import Load
from hiptui.store.db import Database
from hiptui.store.export import (
    FORMAT_VERSION,
    ImportSummary,
    dumps_export,
    export_json,
    import_history,
    load_export_file,
)
from hiptui.store.records import SetDetails
from tests.conftest import FIXTURES

# Written by hiptui's export of format_version 1 (main at e20a717): one completed session with
# three hip thrusts (the third with a note) and a per-side single-leg bridge (left marked),
# and a break.
V1_EXPORT = FIXTURES / "history-export-v1.json"


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2025, 4, 7, 17, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=50)
        return self.moment


def loaded_history() -> Database:
    """Hip thrusts in kg with RIR and pain, a per-side set in lb, a band, bodyweight sets, a
    next-morning pain, and an unfinished session."""
    db = Database.in_memory(now=Clock())
    first = db.start_session("Hip thrust day", {}, None)
    for number, (rir, pain) in enumerate([(2, 0), (1, 1), (0, 3)], start=1):
        db.log_set(first, exercise_id="hip-thrust", exercise_name="Hip thrust",
                   set_number=number, side=None, reps=12,
                   details=SetDetails(Load(40.0, "kg"), rir, pain))  # fmt: skip
    for side in ("left", "right"):
        db.log_set(first, exercise_id="split-squat", exercise_name="Split squat",
                   set_number=1, side=side, reps=8,
                   details=SetDetails(Load(22.5, "lb"), 3, None))  # fmt: skip
    db.log_set(first, exercise_id="banded-abduction", exercise_name="Banded abduction",
               set_number=1, side=None, reps=15, details=SetDetails(Load(2, "band")))  # fmt: skip
    db.log_set(first, exercise_id="glute-bridge", exercise_name="Glute bridge", set_number=1,
               side=None, reps=20, hold_seconds=2)  # fmt: skip
    db.finish_session(first, "completed")
    db.set_pain_next_day(first, 2)
    second = db.start_session("Next", {})
    db.log_set(second, exercise_id="hip-thrust", exercise_name="Hip thrust", set_number=1,
               side=None, reps=10, note="-heavy; =1+1",
               details=SetDetails(Load(42.5, "kg"), None, 7))  # fmt: skip
    return db


def test_the_new_fields_are_in_the_documented_shape() -> None:
    document = export_json(loaded_history())
    assert document["format_version"] == FORMAT_VERSION == 2
    first, second = document["sessions"]
    assert list(first) == [
        "id", "name", "routine", "started_at", "ended_at", "status", "pain_next_day", "sets",
    ]  # fmt: skip
    assert first["pain_next_day"] == 2 and second["pain_next_day"] is None
    sets = first["sets"]
    assert list(sets[0])[-3:] == ["load", "rir", "pain"]
    assert [(s["load"], s["rir"], s["pain"]) for s in sets] == [
        ({"value": 40.0, "unit": "kg"}, 2, 0),
        ({"value": 40.0, "unit": "kg"}, 1, 1),
        ({"value": 40.0, "unit": "kg"}, 0, 3),
        ({"value": 22.5, "unit": "lb"}, 3, None),
        ({"value": 22.5, "unit": "lb"}, 3, None),
        ({"value": 2.0, "unit": "band"}, None, None),
        (None, None, None),
    ]
    assert '"load": {\n            "value": 40.0,\n            "unit": "kg"\n          }' in (
        dumps_export(document)
    )


def test_export_import_into_an_empty_history_export_again_is_identical(tmp_path: Path) -> None:
    source = loaded_history()
    text = dumps_export(export_json(source))
    out = tmp_path / "export.json"
    out.write_text(text, encoding="utf-8")
    data = load_export_file(out)
    target = Database.open(tmp_path / "restored.sqlite3")
    summary = import_history(target, data, path=str(out))
    assert summary == ImportSummary(2, 7, 0, 0, 0)  # the per-side set's two rows are one set
    assert dumps_export(export_json(target)) == text
    target.close()
    with Database.open(tmp_path / "restored.sqlite3", read_only=True) as reopened:
        assert dumps_export(export_json(reopened)) == text
        thrust = reopened.last_details("hip-thrust")
        assert thrust is not None and (thrust.load, thrust.pain) == (Load(42.5, "kg"), 7)
    again = Database.open(tmp_path / "restored.sqlite3")
    assert import_history(again, json.loads(text), path="e") == ImportSummary(0, 0, 0, 0, 9)
    again.close()


def test_a_format_version_1_export_still_imports() -> None:
    data = load_export_file(V1_EXPORT)
    assert isinstance(data, dict) and data["format_version"] == 1
    target = Database.in_memory()
    assert import_history(target, data, path="old.json") == ImportSummary(1, 4, 0, 1, 0)
    (session,) = target.sessions()
    assert session.pain_next_day is None
    assert [(s.exercise_id, s.set_number, s.side, s.reps) for s in session.sets] == [
        ("hip-thrust", 1, None, 11), ("hip-thrust", 2, None, 12), ("hip-thrust", 3, None, 13),
        ("single-leg-bridge", 1, "left", 8), ("single-leg-bridge", 1, "right", 8),
    ]  # fmt: skip
    assert all(s.load is None and s.rir is None and s.pain is None for s in session.sets)
    assert session.sets[2].note == "heavy" and session.sets[3].discomfort
    # Exported again, it is the same document with the new fields, empty.
    again = export_json(target)
    old_sessions = data["sessions"]
    for new, old in zip(again["sessions"], old_sessions, strict=True):
        assert new["pain_next_day"] is None
        assert {k: v for k, v in new.items() if k not in ("pain_next_day", "sets")} == {
            k: v for k, v in old.items() if k != "sets"
        }
        for new_set, old_set in zip(new["sets"], old["sets"], strict=True):
            assert (new_set["load"], new_set["rir"], new_set["pain"]) == (None, None, None)
            assert {k: new_set[k] for k in old_set} == old_set
    assert again["breaks"] == data["breaks"]


def problems_for(document: dict[str, Any]) -> list[str]:
    target = Database.in_memory()
    result = import_history(target, document, path="bad.json")
    assert isinstance(result, list), result
    assert target.sessions() == [] and target.breaks() == []
    return [str(problem) for problem in result]


LOAD_EXPECTED = (
    'expected {"value": a number from 0 to 10000, "unit": "kg", "lb" or "band"} or null, got '
)


@pytest.mark.parametrize(
    ("where", "key", "value", "message"),
    [
        ("set", "load", {"value": -2.5, "unit": "kg"}, LOAD_EXPECTED + "an object"),
        ("set", "load", {"value": 40, "unit": "stone"}, LOAD_EXPECTED + "an object"),
        ("set", "load", {"value": "40", "unit": "kg"}, LOAD_EXPECTED + "an object"),
        ("set", "load", {"value": 40, "unit": "kg", "x": 1}, LOAD_EXPECTED + "an object"),
        ("set", "load", {"value": 1e300, "unit": "lb"}, LOAD_EXPECTED + "an object"),
        ("set", "load", 40, LOAD_EXPECTED + "40"),
        ("set", "rir", 6, "expected a whole number from 0 to 5, got 6"),
        ("set", "rir", 2.5, "expected a whole number from 0 to 5, got 2.5"),
        ("set", "rir", True, "expected a whole number from 0 to 5, got true"),
        ("set", "pain", 11, "expected a whole number from 0 to 10, got 11"),
        ("set", "pain", -1, "expected a whole number from 0 to 10, got -1"),
        ("session", "pain_next_day", "3", "expected a whole number from 0 to 10, got text"),
        ("session", "pain_next_day", 12, "expected a whole number from 0 to 10, got 12"),
    ],
)
def test_a_value_out_of_range_is_named_with_its_place_and_nothing_is_imported(
    where: str, key: str, value: object, message: str
) -> None:
    document = copy.deepcopy(export_json(loaded_history()))
    if where == "set":
        document["sessions"][1]["sets"][0][key] = value
        place = f"sessions[1].sets[0].{key}"
    else:
        document["sessions"][1][key] = value
        place = f"sessions[1].{key}"
    assert problems_for(document) == [f"bad.json: {place}: {message}"]


def test_a_newer_format_is_refused() -> None:
    found = problems_for({"format_version": 3, "sessions": []})
    assert found == [
        "bad.json: format_version: 3 is newer than this hiptui reads (2); upgrade hiptui to "
        "import it"
    ]
