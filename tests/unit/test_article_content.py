"""The bundled content against the hip-extension article it is based on.

The expected values below are the article's numbers, written out by hand: sets, reps, holds,
sides, equipment and every distance and angle for each of its eight exercises. The files are
parsed with tomllib directly, so these checks do not depend on the loader. One check compares
the wording with the article itself and only runs when the article is present next to the
repository (it is not part of the repository).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.unit.content_files import CONTENT, REPO, Span, exercise, load, span

ARTICLE = REPO.parent / "shared" / "source" / "hip-extension-article.txt"


@dataclass(frozen=True)
class Expected:
    sets: Span | None  # None: the article gives no sets (the file must mark them a default)
    reps: Span
    per_side: bool
    required: frozenset[str]
    optional: frozenset[str] = frozenset()
    one_of: tuple[str, ...] = ()
    hold: int | None = None
    quantities: dict[str, tuple[float, float, str]] = field(default_factory=dict)
    level: str | None = None  # only where the article states it


ARTICLE_EXERCISES: dict[str, Expected] = {
    "glute-bridge": Expected(
        sets=(2, 3), reps=(8, 12), per_side=False, hold=2, level="beginner",
        required=frozenset(), optional=frozenset({"dumbbell", "mini band"}),
        quantities={"foot_to_glutes": (12, 16, "in")},
    ),
    "hip-thrust": Expected(
        sets=(2, 3), reps=(8, 12), per_side=False,
        required=frozenset({"bench", "barbell", "barbell pad"}),
        optional=frozenset({"dumbbell"}),
        quantities={"knee_angle_top": (90, 90, "deg")},
    ),
    "quadruped-kickback": Expected(
        sets=(2, 3), reps=(8, 12), per_side=True, level="beginner",
        required=frozenset({"mat"}),
    ),
    "step-up": Expected(
        # The article allows a box or a bench: either will do (``one_of``).
        sets=None, reps=(15, 20), per_side=True, required=frozenset(),
        one_of=("box", "bench"),
        quantities={"distance_behind_box": (6, 12, "in"), "joint_angle_start": (90, 90, "deg")},
    ),
    "standing-kickback": Expected(
        # The article lists no equipment; the mini band is hiptui's banded variation.
        sets=(2, 3), reps=(8, 12), per_side=True, level="beginner",
        required=frozenset(), optional=frozenset({"mini band"}),
        quantities={"distance_from_support": (1, 2, "ft"), "kick_angle": (60, 90, "deg")},
    ),
    "upright-hip-thrust": Expected(
        sets=(2, 3), reps=(8, 12), per_side=False, required=frozenset({"mat"}),
        optional=frozenset({"resistance band", "stable pole"}),
    ),
    "ball-bridge-hamstring-curl": Expected(
        sets=(3, 3), reps=(10, 10), per_side=False, level="advanced",
        required=frozenset({"stability ball"}),
    ),
    "prone-ball-hip-extension": Expected(
        sets=(3, 3), reps=(10, 10), per_side=False, required=frozenset({"stability ball"}),
    ),
}  # fmt: skip

# Variations the article describes, by a word their name or text must contain.
ARTICLE_VARIATIONS = {
    "glute-bridge": ["dumbbell"],
    "hip-thrust": ["dumbbell"],
    "standing-kickback": ["straight"],
    "upright-hip-thrust": ["pole"],
    "ball-bridge-hamstring-curl": ["curl"],
}

OURS = ("warm-up", "kneeling-hip-flexor-stretch", "couch-stretch", "single-leg-glute-bridge")
ROUTINES = ("beginner-floor", "gym", "stability-ball", "desk-break")
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
LEVELS = ("beginner", "intermediate", "advanced")


def texts(data: dict[str, Any]) -> list[str]:
    """Every piece of prose in an exercise file."""
    out = [data["summary"]]
    for key in ("steps", "cues", "faults", "cautions", "tips"):
        out.extend(data.get(key, []))
    out.extend(v["text"] for v in data.get("variations", []))
    return out


def all_exercise_ids() -> set[str]:
    return {load(p)["id"] for p in CONTENT.glob("*.toml")}


# -- the article's eight ------------------------------------------------------------------


def test_the_eight_article_exercises_ship_and_nothing_else_claims_the_article() -> None:
    article_ids = {d["id"] for d in map(load, CONTENT.glob("*.toml")) if d["source"] == "article"}
    assert article_ids == set(ARTICLE_EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(ARTICLE_EXERCISES))
def test_dosage_matches_the_article(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), ARTICLE_EXERCISES[exercise_id]
    dosage = data["dosage"]
    assert data["id"] == exercise_id
    assert data["per_side"] is expected.per_side
    assert span(dosage["reps"]) == expected.reps
    assert dosage.get("hold_seconds") == expected.hold
    defaults = set(dosage.get("defaults", []))
    assert "reps" not in defaults and "hold_seconds" not in defaults
    assert "rest_seconds" in dosage and "rest_seconds" in defaults
    if expected.sets is None:
        assert "sets" in defaults
    else:
        assert span(dosage["sets"]) == expected.sets
        assert "sets" not in defaults


@pytest.mark.parametrize("exercise_id", sorted(ARTICLE_EXERCISES))
def test_equipment_matches_the_article(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), ARTICLE_EXERCISES[exercise_id]
    kit = data.get("equipment", {})
    assert frozenset(kit.get("required", [])) == expected.required
    assert frozenset(kit.get("optional", [])) == expected.optional
    assert tuple(kit.get("one_of", ())) == expected.one_of


@pytest.mark.parametrize("exercise_id", sorted(ARTICLE_EXERCISES))
def test_every_distance_and_angle_is_a_quantity_used_in_the_text(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), ARTICLE_EXERCISES[exercise_id]
    quantities = {
        name: (q["low"], q.get("high", q["low"]), q["unit"])
        for name, q in data.get("quantities", {}).items()
    }
    assert quantities == expected.quantities
    used = {name for text in texts(data) for name in PLACEHOLDER.findall(text)}
    assert used == set(quantities)


@pytest.mark.parametrize("exercise_id", sorted(ARTICLE_EXERCISES))
def test_stated_levels_and_article_variations(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), ARTICLE_EXERCISES[exercise_id]
    assert data["level"] in LEVELS
    if expected.level is not None:
        assert data["level"] == expected.level
    article_variations = [
        f"{v['name']} {v['text']}".lower()
        for v in data.get("variations", [])
        if v.get("source") == "article"
    ]
    for word in ARTICLE_VARIATIONS.get(exercise_id, []):
        assert any(word in v for v in article_variations), word


def test_step_up_text_carries_the_rep_range_and_switching_feet() -> None:
    steps = " ".join(exercise("step-up")["steps"])
    assert "15-20" in steps and "left" in steps


def test_the_article_muscles_reach_the_exercises() -> None:
    primary = {m for i in ARTICLE_EXERCISES for m in exercise(i)["muscles"]["primary"]}
    secondary = {m for i in ARTICLE_EXERCISES for m in exercise(i)["muscles"].get("secondary", [])}
    assert {"gluteus maximus", "hamstrings"} <= primary
    assert "adductor magnus" in secondary
    for prone in ("prone-ball-hip-extension", "ball-bridge-hamstring-curl"):
        assert set(exercise(prone)["muscles"]["primary"]) == {"hamstrings", "gluteus maximus"}


# -- every exercise file ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.toml")), ids=lambda p: p.stem)
def test_file_shape_cues_placeholders_and_art(path: Path) -> None:
    data = load(path)
    assert data["id"] == path.stem
    assert 3 <= len(data["cues"]) <= 6
    assert all(len(cue) <= 40 for cue in data["cues"])
    defined = set(data.get("quantities", {}))
    for text in texts(data):
        assert set(PLACEHOLDER.findall(text)) <= defined, text
        assert not any(ord(c) < 32 or ord(c) == 127 for c in text), text
    for drawing in data.get("art", {}).values():
        lines = drawing.strip("\n").splitlines()
        assert len(lines) <= 8 and max(len(line) for line in lines) <= 30
        assert "\t" not in drawing
    if data["source"] == "article":
        assert set(data["art"]) == {"start", "top"}


@pytest.mark.parametrize("exercise_id", OURS)
def test_our_own_content_says_it_is_ours(exercise_id: str) -> None:
    data = exercise(exercise_id)
    assert data["source"] == "hiptui"
    assert "not the article" in data["summary"] or "not from the article" in data["summary"]
    assert "rest_seconds" in data["dosage"]["defaults"]


def test_warm_up_is_five_to_ten_minutes() -> None:
    data = exercise("warm-up")
    assert data["category"] == "warm-up"
    assert span(data["dosage"]["work_seconds"]) == (5 * 60, 10 * 60)
    assert "work_seconds" not in data["dosage"]["defaults"]
    assert any("walk" in step.lower() for step in data["steps"])


@pytest.mark.parametrize("exercise_id", ["kneeling-hip-flexor-stretch", "couch-stretch"])
def test_stretches_are_timed_per_side_holds_marked_as_ours(exercise_id: str) -> None:
    data = exercise(exercise_id)
    dosage = data["dosage"]
    assert data["category"] == "stretching" and data["per_side"] is True
    assert "reps" not in dosage and "work_seconds" in dosage
    assert {"sets", "work_seconds"} <= set(dosage["defaults"])
    assert "hip flexors" in data["muscles"]["primary"]


def test_couch_stretch_offers_an_easier_variation() -> None:
    names = [v["name"].lower() for v in exercise("couch-stretch").get("variations", [])]
    assert any("easier" in name for name in names)


# -- guide, routines, ladders -------------------------------------------------------------

GUIDE_FACTS = {
    "what": ["chair", "stairs", "kick", "flexion", "squat", "desk"],
    "muscles": [
        "gluteus maximus", "gluteus medius", "biceps femoris", "semitendinosus",
        "semimembranosus", "posterior head", "adductor magnus",
    ],
    "why": ["lower back", "hip flexors", "sprint", "jump"],
    "anterior-pelvic-tilt": ["iliacus", "psoas major", "rectus femoris", "hamstrings", "abdominal"],
    "sitting": ["30 to 60 minutes", "5 minutes"],
    "safety": ["5 to 10 minutes", "walking", "dynamic", "squeeze", "neutral", "arch"],
    "routine": ["2 or 3", "abduction", "adduction", "rotation", "nine", "eight", "stretch"],
    "disclaimer": ["not", "medical", "stop", "numbness", "injury", "pregnant"],
}  # fmt: skip


def test_guide_covers_every_topic_and_fact() -> None:
    guide = load(CONTENT / "guide" / "hip-extension.toml")
    sections = {s["id"]: s for s in guide["sections"]}
    assert set(sections) == set(GUIDE_FACTS)
    known = all_exercise_ids()
    for section_id, facts in GUIDE_FACTS.items():
        body = " ".join(sections[section_id]["body"].lower().split())
        for fact in facts:
            assert fact in body, (section_id, fact)
        assert set(sections[section_id].get("exercises", [])) <= known
    assert sections["disclaimer"]["source"] == "hiptui"


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_routines_hold_two_or_three_hip_extension_exercises(routine_id: str) -> None:
    routine = load(CONTENT / "routines" / f"{routine_id}.toml")
    assert routine["id"] == routine_id and routine["source"] == "hiptui"
    assert set(routine) <= {"id", "name", "summary", "source", "warmup", "items"}
    known = all_exercise_ids()
    ids = [item["exercise"] for item in routine["items"]]
    assert set(ids) <= known
    for item in routine["items"]:
        assert set(item) <= {"exercise", "sets", "reps", "hold_seconds", "rest_seconds"}
    strength = [i for i in ids if exercise(i)["category"] == "strength"]
    assert 2 <= len(strength) <= 3
    assert all(exercise(i)["category"] == "stretching" for i in ids if i not in strength)
    if routine_id == "desk-break":
        assert "warmup" not in routine
    else:
        assert exercise(routine["warmup"])["category"] == "warm-up"


@pytest.mark.parametrize("routine_id", ["beginner-floor", "desk-break"])
def test_home_routines_need_at_most_a_mat(routine_id: str) -> None:
    routine = load(CONTENT / "routines" / f"{routine_id}.toml")
    for item in routine["items"]:
        assert set(exercise(item["exercise"]).get("equipment", {}).get("required", [])) <= {"mat"}


def test_ladders_climb_from_easy_to_hard_through_known_exercises() -> None:
    ladders = load(CONTENT / "progression" / "ladders.toml")["ladders"]
    by_id = {ladder["id"]: ladder["steps"] for ladder in ladders}
    assert len(by_id) == len(ladders)
    assert by_id["bridge"] == ["glute-bridge", "single-leg-glute-bridge", "hip-thrust"]
    assert by_id["kickback"] == ["quadruped-kickback", "standing-kickback"]
    known = all_exercise_ids()
    for steps in by_id.values():
        assert len(steps) >= 2 and len(set(steps)) == len(steps) and set(steps) <= known
        levels = [LEVELS.index(exercise(s)["level"]) for s in steps]
        assert levels == sorted(levels)


# -- against the loader and the article itself --------------------------------------------


def test_the_loader_accepts_every_bundled_file() -> None:
    # Imported here, so that a broken loader fails this test and the tomllib checks above
    # still run; never skipped.
    from hiptui.content.guide import load_guide
    from hiptui.content.loader import load_library

    library = load_library([CONTENT])
    assert [str(p) for p in library.problems] == []
    assert set(library.exercises) == all_exercise_ids() >= set(ARTICLE_EXERCISES) | set(OURS)
    guide, problems = load_guide(CONTENT)
    assert problems == [] and guide is not None


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + size]) for i in range(len(found) - size + 1)}


def test_shingles_catch_a_copied_run() -> None:
    source = "one two three four five six seven eight nine"
    assert shingles("x " + source) & shingles(source)
    assert not shingles("one two three four five six seven nine") & shingles(source)


def test_no_file_copies_eight_words_in_a_row_from_the_article() -> None:
    if not ARTICLE.is_file():
        pytest.skip("the source article is not next to this checkout")
    article = shingles(ARTICLE.read_text(encoding="utf-8"))
    files = [*CONTENT.rglob("*.toml"), REPO / "docs" / "content-format.md"]
    copied = {
        str(path.relative_to(REPO)): sorted(
            " ".join(s) for s in shingles(path.read_text()) & article
        )
        for path in files
    }
    assert {path: runs for path, runs in copied.items() if runs} == {}
