"""Mapping free-exercise-db records onto the content format (pure: no files written)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.content.free_exercise_db import (
    DatasetError,
    RawRecord,
    convert,
    map_record,
    read_dataset,
    split_tips,
)
from hiptui.content.free_exercise_db_vocab import is_one_sided
from hiptui.content.loader import load_library
from hiptui.content.models import CATEGORIES, EQUIPMENT, MUSCLES
from hiptui.store.exercise_files import exercise_toml
from tests.profiles import examples
from tests.unit.fedb_fixtures import (
    THEIR_CATEGORIES,
    THEIR_EQUIPMENT,
    THEIR_MUSCLES,
    record,
    sample_records,
    write_array,
    write_folder,
)

# What each of their muscle names must become: written out here, not read from the code.
EXPECTED_MUSCLE = {
    "abdominals": "abdominals", "abductors": "abductors", "adductors": "adductors",
    "biceps": "biceps", "calves": "calves", "chest": "chest", "forearms": "forearms",
    "glutes": "gluteus maximus", "hamstrings": "hamstrings", "lats": "lats",
    "lower back": "lower back", "middle back": "middle back", "neck": "neck",
    "quadriceps": "quadriceps", "shoulders": "shoulders", "traps": "traps",
    "triceps": "triceps",
}  # fmt: skip
EXPECTED_EQUIPMENT: dict[str | None, list[str]] = {
    None: [], "body only": [], "bands": ["resistance band"], "barbell": ["barbell"],
    "cable": ["cable"], "dumbbell": ["dumbbell"], "e-z curl bar": ["ez bar"],
    "exercise ball": ["stability ball"], "foam roll": ["foam roller"],
    "kettlebells": ["kettlebell"], "machine": ["machine"], "medicine ball": ["medicine ball"],
    "other": ["other"],
}  # fmt: skip


def mapped(**fields: Any) -> dict[str, Any]:
    result = map_record(record("Test_Move", **fields))
    assert not isinstance(result, str), result
    return result[1]


def problem_for(data: Any) -> str:
    result = map_record(data)
    assert isinstance(result, str), result
    return result


def test_fixture_tables_cover_all_seventeen_muscles() -> None:
    assert len(THEIR_MUSCLES) == 17 and set(THEIR_MUSCLES) == set(EXPECTED_MUSCLE)


@pytest.mark.parametrize("theirs", THEIR_MUSCLES)
def test_every_muscle_maps_into_our_vocabulary(theirs: str) -> None:
    data = mapped(primaryMuscles=[theirs], secondaryMuscles=[])
    assert data["muscles"]["primary"] == [EXPECTED_MUSCLE[theirs]]
    assert EXPECTED_MUSCLE[theirs] in MUSCLES


def test_secondary_muscles_map_and_drop_repeats_of_primary() -> None:
    data = mapped(primaryMuscles=["glutes"], secondaryMuscles=["glutes", "lats", "lats"])
    assert data["muscles"] == {"primary": ["gluteus maximus"], "secondary": ["lats"]}


@pytest.mark.parametrize("theirs", THEIR_EQUIPMENT)
def test_every_equipment_maps_into_our_vocabulary(theirs: str | None) -> None:
    data = mapped(equipment=theirs)
    assert data["equipment"] == {"required": EXPECTED_EQUIPMENT[theirs], "optional": []}
    assert set(data["equipment"]["required"]) <= set(EQUIPMENT)


def test_unknown_equipment_becomes_other() -> None:
    assert mapped(equipment="sled")["equipment"]["required"] == ["other"]


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [("beginner", "beginner"), ("intermediate", "intermediate"), ("expert", "advanced")],
)
def test_levels(theirs: str, ours: str) -> None:
    assert mapped(level=theirs)["level"] == ours


@pytest.mark.parametrize("theirs", THEIR_CATEGORIES)
def test_their_categories_are_kept(theirs: str) -> None:
    assert mapped(category=theirs)["category"] == theirs
    assert theirs in CATEGORIES


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [("Stretching", "stretching"), ("stretch", "stretching"), ("juggling", "strength"),
     (None, "strength")],
)  # fmt: skip
def test_unusual_categories(theirs: str | None, ours: str) -> None:
    assert mapped(category=theirs)["category"] == ours


@pytest.mark.parametrize(
    ("category", "sets", "reps", "work"),
    [
        ("strength", 3, [8, 12], None),
        ("plyometrics", 3, [5, 8], None),
        ("stretching", 2, None, 30),
        ("cardio", 1, None, [600, 1200]),
        ("powerlifting", [3, 5], [3, 5], None),
    ],
)
def test_dosage_defaults_by_category(category: str, sets: Any, reps: Any, work: Any) -> None:
    dosage = mapped(category=category)["dosage"]
    assert dosage["sets"] == sets and dosage.get("reps") == reps
    assert dosage.get("work_seconds") == work


@pytest.mark.parametrize("category", THEIR_CATEGORIES)
def test_every_dosage_value_is_marked_as_a_default(category: str) -> None:
    dosage = mapped(category=category)["dosage"]
    assert set(dosage["defaults"]) == set(dosage) - {"defaults"}
    assert "rest_seconds" in dosage["defaults"]


def test_tips_are_split_out_of_steps() -> None:
    steps, tips = split_tips(
        [
            "Lie down. Tip: keep the chin tucked.",
            "Lift the hips (Tip: squeeze at the top)",
            "Tip: only the hips move.",
            "Lower slowly. Tip: count to three. Tip: breathe in.",
            "A step with no tip.",
        ]
    )
    assert steps == ["Lie down.", "Lift the hips", "Lower slowly.", "A step with no tip."]
    assert tips == [
        "Keep the chin tucked.",
        "Squeeze at the top",
        "Only the hips move.",
        "Count to three.",
        "Breathe in.",
    ]


def test_record_without_instructions_still_has_a_step() -> None:
    data = mapped(instructions=[])
    assert len(data["steps"]) == 1 and data["tips"] == []


@pytest.mark.parametrize(
    ("name", "one_sided"),
    [
        ("One-Arm Row", True), ("Single Leg Hop", True), ("single-legged deadlift", True),
        ("Unilateral Press", True), ("Alternating Curl", False), ("Bridge", False),
        ("Someone Armed", False), ("Lunge", False),
    ],
)  # fmt: skip
def test_per_side_only_when_the_name_says_one_limb(name: str, one_sided: bool) -> None:
    assert is_one_sided(name) is one_sided
    assert mapped(name=name)["per_side"] is one_sided


def test_source_tags_and_summary() -> None:
    data = mapped(force="pull", mechanic="isolation", category="strength", equipment="cable")
    assert data["source"] == "free-exercise-db:Test_Move"
    assert data["tags"] == ["pull", "isolation", "strength"]
    summary = data["summary"]
    assert "beginner" in summary and "gluteus maximus" in summary and "cable" in summary
    assert "hamstrings" in summary and len(summary) <= 300
    assert mapped(force=None, mechanic=None)["tags"] == ["strength"]


def test_images_are_ignored() -> None:
    data = mapped(images=["a.jpg"])
    assert "images" not in data and "a.jpg" not in repr(data)


def test_text_is_sanitised_and_truncated() -> None:
    data = mapped(
        name="Evil\x1b[31m \u202eName\u0007 " + "x" * 200,
        instructions=["Step\x00 one\twith\ntabs", "Use {weight} here", "y" * 3000],
    )
    assert "\x1b" not in data["name"] and "\u202e" not in data["name"]
    assert "\x07" not in data["name"] and len(data["name"]) <= 80
    assert data["steps"][0] == "Step one with tabs"
    assert "{" not in data["steps"][1] and "weight" in data["steps"][1]
    assert 0 < len(data["steps"][2]) <= 1000 and data["steps"][2].endswith("…")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([1, 2], "is not a JSON object"),
        ("text", "is not a JSON object"),
        ({"level": "beginner", "primaryMuscles": ["glutes"]}, "missing 'name'"),
        (record("A", name=""), "'name' is empty"),
        (record("A", name=7), "'name' must be text"),
        (record("A", level="legendary"), "unknown level 'legendary'"),
        (record("A", level=None), "missing 'level'"),
        (record("A", primaryMuscles="glutes"), "'primaryMuscles' must be a list of text"),
        (record("A", primaryMuscles=[]), "no primary muscle"),
        (record("A", primaryMuscles=["spleen"]), "unknown muscle 'spleen'"),
        (record("A", instructions=[1, 2]), "'instructions' must be a list of text"),
        (record("A", equipment=["bands"]), "'equipment' must be text"),
        (record("A", force=3), "'force' must be text"),
    ],
)
def test_malformed_records_say_what_is_wrong(data: Any, expected: str) -> None:
    assert expected in problem_for(data)


def test_malformed_records_are_reported_one_line_each_and_the_rest_import() -> None:
    records = [
        RawRecord("set.json", 1, record("Good_One")),
        RawRecord("set.json", 2, ["not", "an", "object"]),
        RawRecord("set.json", 3, record("Bad_Level", level=5, name=None)),
        RawRecord("set.json", 4, record("Good_Two")),
    ]
    result = convert(records)
    assert [e.id for e in result.exercises] == ["good-one", "good-two"]
    lines = [str(p) for p in result.problems]
    assert len(lines) == 2
    assert lines[0].startswith("set.json: record 2 (no id): ")
    assert lines[1].startswith("set.json: record 3 (Bad_Level): ")
    assert "'level' must be text" in lines[1] and "missing 'name'" in lines[1]


def test_ids_are_kebab_case_unique_and_independent_of_order() -> None:
    their_ids = ("Hip_Hinge", "hip-hinge", "HIP HINGE", "Hip_Hinge_2")
    clashing = [record(their_id) for their_id in their_ids]
    forward = convert(RawRecord("f", n, r) for n, r in enumerate(clashing, 1))
    backward = convert(RawRecord("f", n, r) for n, r in enumerate(reversed(clashing), 1))
    ids = {e.their_id: e.id for e in forward.exercises}
    assert ids == {e.their_id: e.id for e in backward.exercises}
    assert len(set(ids.values())) == 4
    assert ids["Hip_Hinge_2"] == "hip-hinge-2"  # its own id wins over a collision suffix
    assert sorted(ids.values()) == ["hip-hinge", "hip-hinge-2", "hip-hinge-3", "hip-hinge-4"]


def test_reserved_ids_are_not_taken() -> None:
    result = convert([RawRecord("f", 1, record("Glute_Bridge"))], reserved={"glute-bridge"})
    assert result.exercises[0].id == "glute-bridge-imported"
    assert result.exercises[0].data["id"] == "glute-bridge-imported"


def test_id_falls_back_to_name_and_handles_odd_text() -> None:
    no_id = {k: v for k, v in record("X").items() if k != "id"}
    no_id["name"] = "Crème Brûlée Squat"
    long_id = record("Very_" * 40 + "Long")
    result = convert([RawRecord("f", 1, no_id), RawRecord("f", 2, long_id)])
    first, second = result.exercises
    assert first.id == "creme-brulee-squat"
    assert first.data["source"] == "free-exercise-db:Crème Brûlée Squat"
    assert len(second.id) <= 60 and not second.id.endswith("-")


def _load_all(folder: Path, exercises: list[dict[str, Any]]) -> Any:
    folder.mkdir(exist_ok=True)
    for data in exercises:
        (folder / f"{data['id']}.toml").write_text(exercise_toml(data), encoding="utf-8")
    return load_library([folder])


def test_every_converted_record_passes_the_loader(tmp_path: Path) -> None:
    records = sample_records(60)
    result = convert(RawRecord("f", n, r) for n, r in enumerate(records, 1))
    assert not result.problems
    library = _load_all(tmp_path / "out", [e.data for e in result.exercises])
    assert library.problems == []
    assert len(library.exercises) == 60
    levels = {e.level for e in library.exercises.values()}
    assert levels == {"beginner", "intermediate", "advanced"}


_text = st.one_of(st.none(), st.text(max_size=120), st.integers(), st.lists(st.text(max_size=30)))
_field_values = {
    "id": _text,
    "name": _text,
    "level": st.sampled_from(["beginner", "expert", "intermediate", "nope", None]),
    "category": st.one_of(st.sampled_from(THEIR_CATEGORIES), _text),
    "equipment": st.one_of(st.sampled_from(THEIR_EQUIPMENT), _text),
    "force": _text,
    "mechanic": _text,
    "primaryMuscles": st.one_of(st.lists(st.sampled_from(THEIR_MUSCLES), max_size=3), _text),
    "secondaryMuscles": st.lists(st.sampled_from(THEIR_MUSCLES), max_size=4),
    "instructions": st.one_of(st.lists(st.text(max_size=300), max_size=6), _text),
}


@settings(max_examples=examples(120))
@given(st.lists(st.fixed_dictionaries({}, optional=_field_values), min_size=1, max_size=6))
def test_any_record_either_loads_or_is_reported(tmp_path_factory: Any, records: list[Any]) -> None:
    result = convert(RawRecord("f.json", n, r) for n, r in enumerate(records, 1))
    assert len(result.exercises) + len(result.problems) == len(records)
    for problem in result.problems:
        assert str(problem).startswith("f.json: record ")
    folder = tmp_path_factory.mktemp("out")
    library = _load_all(folder, [e.data for e in result.exercises])
    assert library.problems == []
    assert len(library.exercises) == len(result.exercises)


def test_read_array_folder_and_single_object(tmp_path: Path) -> None:
    records = sample_records(5)
    from_array = read_dataset(write_array(tmp_path / "all.json", records))
    from_folder = read_dataset(write_folder(tmp_path / "exercises", records))
    assert [r.data for r in from_array] == records
    assert sorted(r.data["id"] for r in from_folder) == sorted(r["id"] for r in records)
    assert all(r.number == 1 for r in from_folder)
    single = read_dataset(write_array(tmp_path / "one.json", records[0]))  # type: ignore[arg-type]
    assert [r.data for r in single] == [records[0]]


def test_a_broken_file_in_a_folder_is_one_malformed_record(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "exercises", sample_records(3))
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    result = convert(read_dataset(folder))
    assert len(result.exercises) == 3
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(f"{folder / 'broken.json'}: record 1 (unreadable)")


@pytest.mark.parametrize(
    ("content", "expected"),
    [("[1, 2", "is not valid JSON"), ("42", "must hold a JSON array"), (b"\xff\xfe", "UTF-8")],
)
def test_unreadable_inputs_raise(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    assert str(caught.value).startswith(f"{path}:") and expected in str(caught.value)


def test_missing_input_and_empty_folder_raise(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="cannot be read"):
        read_dataset(tmp_path / "nope.json")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match=r"no \*\.json files"):
        read_dataset(tmp_path / "empty")


def test_giving_ids_is_linear_in_the_records_sharing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each repeat of an id takes the next free suffix: 2,000 records sharing one id try
    about 2,000 suffixes, not the 2,000,000 of counting up from -2 for every repeat."""
    from hiptui.content import free_exercise_db

    tried: list[str] = []
    real = free_exercise_db._suffixed

    def suffixed(base: str, suffix: str) -> str:
        tried.append(suffix)
        return real(base, suffix)

    monkeypatch.setattr(free_exercise_db, "_suffixed", suffixed)
    raw = [RawRecord("d.json", n, record("Squat")) for n in range(1, 2001)]
    done = convert(raw, reserved={"squat-7"})
    assert len({e.id for e in done.exercises}) == 2000 == len({e.key for e in done.exercises})
    assert len(tried) < 2 * 2000
