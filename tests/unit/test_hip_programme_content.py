"""hiptui's own abduction, adduction, rotation and pelvic-control exercises against their sources.

The article asks for hip abduction, adduction and rotation work and names weak abdominals as a
cause of anterior pelvic tilt, but describes no exercise for them. hiptui's own exercises fill
that gap; each cites, in its ``source`` field, the published sources its facts and dosage come
from. The tables below are those sources' numbers written out by hand, so a file that drifts
from its source fails here. Files are read with tomllib, independent of the loader, except
where a test checks what the loader and the CLI make of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.cli_process import hiptui
from tests.unit.content_files import CONTENT, Span, exercise, load, span


@dataclass(frozen=True)
class Source:
    cite: str  # the text the exercise's ``source`` field must contain
    sets: Span | None = None  # the dosage the source gives, when it gives one
    reps: Span | None = None


SOURCES = {
    # ACSM position stand 2009 (Ratamess et al.): novices, 1-3 sets of an 8-12 RM load.
    "acsm": Source(
        "ACSM position stand 2009 (Ratamess NA et al.), Med Sci Sports Exerc 41(3):687-708",
        sets=(1, 3), reps=(8, 12),
    ),
    # Ishøi et al. 2016: 8 weeks, 2 sessions a week, 2-3 sets of 6-15 reps per side.
    "ishoi": Source("Ishøi L et al. 2016, Scand J Med Sci Sports 26(11):1334-1342",
                    sets=(2, 3), reps=(6, 15)),
    "distefano": Source("Distefano LJ et al. 2009, J Orthop Sports Phys Ther 39(7):532-540"),
    "selkowitz": Source("Selkowitz DM et al. 2013, J Orthop Sports Phys Ther 43(2):54-64"),
    "lewis": Source("Lewis CL et al. 2018, J Athl Train 53(11):1071-1081"),
    "serner": Source("Serner A et al. 2014, Br J Sports Med 48(14):1108-1114"),
    "haroy": Source("Harøy J et al. 2019, Br J Sports Med 53(3):150-157"),
    "lindblom": Source("Lindblom H et al. 2023, Br J Sports Med 57(2):83-90"),
    "drysdale": Source("Drysdale CL et al. 2004, J Athl Train 39(1):32-36"),
    "emami": Source("Emami F et al. 2015, Zahedan J Res Med Sci 17(4), doi:10.17795/zjrms963"),
}  # fmt: skip


@dataclass(frozen=True)
class Expected:
    movement: str  # abduction, adduction, rotation or pelvic control
    cites: tuple[str, ...]  # keys of SOURCES, in the order the source field names them
    dosage_from: str  # the key of the source the sets and reps come from
    per_side: bool
    level: str
    primary: frozenset[str]
    required: frozenset[str] = frozenset()
    # numbers the tips must quote from the sources (facts, not dosage)
    facts: tuple[str, ...] = ()


HIP_PROGRAMME = {
    "side-lying-hip-abduction": Expected(
        "abduction", ("distefano", "acsm"), "acsm", True, "beginner",
        frozenset({"gluteus medius", "gluteus minimus"}), facts=("81%",),
    ),
    "clamshell": Expected(
        "rotation", ("selkowitz", "distefano", "acsm"), "acsm", True, "beginner",
        frozenset({"gluteus medius", "deep rotators"}), facts=("eleven",),
    ),
    "banded-lateral-walk": Expected(
        "abduction", ("selkowitz", "lewis", "acsm"), "acsm", True, "intermediate",
        frozenset({"gluteus medius"}), required=frozenset({"mini band"}),
    ),
    "side-lying-hip-adduction": Expected(
        "adduction", ("serner", "acsm"), "acsm", True, "beginner",
        frozenset({"adductors"}), facts=("64%", "108%"),
    ),
    "copenhagen-adduction-short-lever": Expected(
        "adduction", ("ishoi", "lindblom", "serner"), "ishoi", True, "intermediate",
        frozenset({"adductors"}), required=frozenset({"bench"}), facts=("6 to 15",),
    ),
    "copenhagen-adduction": Expected(
        "adduction", ("ishoi", "haroy", "serner"), "ishoi", True, "advanced",
        frozenset({"adductors"}), required=frozenset({"bench"}),
        facts=("108%", "36%", "41%", "6 to 15"),
    ),
    "posterior-pelvic-tilt": Expected(
        "pelvic control", ("drysdale", "acsm"), "acsm", False, "beginner",
        frozenset({"abdominals"}),
    ),
    "dead-bug": Expected(
        "pelvic control", ("emami", "acsm"), "acsm", True, "intermediate",
        frozenset({"abdominals"}),
    ),
}  # fmt: skip

# Muscles that abduct, adduct or rotate the hip, or hold the pelvis from the front.
HIP_PROGRAMME_MUSCLES = {
    "gluteus medius", "gluteus minimus", "abductors", "adductors", "deep rotators",
    "abdominals", "obliques",
}  # fmt: skip


def cited(source: str) -> list[str]:
    head, _, rest = source.partition(":")
    assert head == "hiptui", source
    return [part.strip() for part in rest.split(";")]


def test_every_bundled_file_citing_sources_is_in_the_table() -> None:
    citing = {
        data["id"]
        for data in map(load, CONTENT.glob("*.toml"))
        if data["source"].startswith("hiptui:")
    }
    assert citing == set(HIP_PROGRAMME)


@pytest.mark.parametrize("exercise_id", sorted(HIP_PROGRAMME))
def test_marked_as_hiptuis_own_and_cites_its_sources(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), HIP_PROGRAMME[exercise_id]
    assert data["id"] == exercise_id
    assert data["source"] != "article" and "article" not in data["source"].lower()
    assert data["summary"].startswith("hiptui's own addition (not from the article)")
    assert cited(data["source"]) == [SOURCES[key].cite for key in expected.cites]
    for variation in data.get("variations", []):
        assert variation.get("source") == "hiptui"


@pytest.mark.parametrize("exercise_id", sorted(HIP_PROGRAMME))
def test_dosage_matches_its_source(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), HIP_PROGRAMME[exercise_id]
    source = SOURCES[expected.dosage_from]
    assert expected.dosage_from in expected.cites
    dosage = data["dosage"]
    assert span(dosage["sets"]) == source.sets
    assert span(dosage["reps"]) == source.reps
    defaults = set(dosage["defaults"])
    assert not {"sets", "reps"} & defaults
    assert {"rest_seconds"} <= defaults
    if "hold_seconds" in dosage:
        assert "hold_seconds" in defaults  # no source here gives a hold time
    assert data["per_side"] is expected.per_side
    assert data["level"] == expected.level
    tips = " ".join(data["tips"])
    low, high = source.reps
    assert f"{low} to {high}" in tips
    for fact in expected.facts:
        assert fact in tips, fact


@pytest.mark.parametrize("exercise_id", sorted(HIP_PROGRAMME))
def test_muscles_equipment_and_shape(exercise_id: str) -> None:
    data, expected = exercise(exercise_id), HIP_PROGRAMME[exercise_id]
    assert set(data["muscles"]["primary"]) == expected.primary
    assert expected.primary <= HIP_PROGRAMME_MUSCLES
    assert frozenset(data.get("equipment", {}).get("required", [])) == expected.required
    assert data["category"] == "strength"
    assert set(data["art"]) == {"start", "top"}
    assert len(data["steps"]) >= 4 and data["faults"] and data["cautions"]
    if expected.per_side:
        assert any("then" in step and ("left" in step or "right" in step)
                   for step in data["steps"][-2:])  # fmt: skip


def test_every_movement_the_article_names_is_covered() -> None:
    movements = {expected.movement for expected in HIP_PROGRAMME.values()}
    assert movements == {"abduction", "adduction", "rotation", "pelvic control"}


def test_each_one_has_a_place_on_a_ladder_easiest_first() -> None:
    found = load(CONTENT / "progression" / "ladders.toml")["ladders"]
    ladders = {ladder["id"]: ladder["steps"] for ladder in found}
    assert ladders["abduction"] == ["clamshell", "side-lying-hip-abduction", "banded-lateral-walk"]
    assert ladders["adduction"] == [
        "side-lying-hip-adduction", "copenhagen-adduction-short-lever", "copenhagen-adduction",
    ]  # fmt: skip
    assert ladders["pelvic-control"] == ["posterior-pelvic-tilt", "dead-bug"]
    on_a_ladder = {step for steps in ladders.values() for step in steps}
    assert set(HIP_PROGRAMME) <= on_a_ladder


def test_the_step_up_names_the_bench_as_well_as_the_box() -> None:
    kit = exercise("step-up")["equipment"]
    assert kit.get("required", []) == [] and kit["one_of"] == ["box", "bench"]


# -- routines in the article's shape -------------------------------------------------------

WHOLE_HIP = {"whole-hip-home": "home", "whole-hip-gym": "gym"}


@pytest.mark.parametrize("routine_id", sorted(WHOLE_HIP))
def test_whole_hip_routines_follow_the_articles_shape(routine_id: str) -> None:
    routine = load(CONTENT / "routines" / f"{routine_id}.toml")
    assert routine["id"] == routine_id and routine["source"] == "hiptui"
    assert exercise(routine["warmup"])["category"] == "warm-up"
    ids = [item["exercise"] for item in routine["items"]]
    extension = [i for i in ids if exercise(i)["source"] == "article"]
    block = [i for i in ids if i in HIP_PROGRAMME]
    stretch = [i for i in ids if exercise(i)["category"] == "stretching"]
    assert 2 <= len(extension) <= 3
    assert block and ids == [*extension, *block, *stretch]  # in that order, nothing else
    assert [i for i in stretch if "hip flexors" in exercise(i)["muscles"]["primary"]] == stretch
    assert len(stretch) == 1


def test_the_home_routine_needs_no_more_than_a_mat_and_the_gym_one_uses_gym_kit() -> None:
    def kit(routine_id: str) -> set[str]:
        routine = load(CONTENT / "routines" / f"{routine_id}.toml")
        return {
            item for entry in routine["items"]
            for item in exercise(entry["exercise"]).get("equipment", {}).get("required", [])
        }  # fmt: skip

    assert kit("whole-hip-home") <= {"mat"}
    assert {"barbell", "bench"} <= kit("whole-hip-gym")


# -- through the loader and the CLI --------------------------------------------------------


def test_the_new_files_pass_hiptui_check() -> None:
    paths = [str(CONTENT / f"{exercise_id}.toml") for exercise_id in sorted(HIP_PROGRAMME)]
    result = hiptui("check", *paths, str(CONTENT / "step-up.toml"))
    assert result.returncode == 0, result.stdout
    assert f"{len(paths) + 1} files checked, 0 problems" in result.stderr


def test_list_json_has_six_or_more_hip_programme_exercises_none_from_the_article() -> None:
    result = hiptui("list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    programme = [r for r in rows if set(r["primary_muscles"]) & HIP_PROGRAMME_MUSCLES]
    assert len(programme) >= 6
    assert {r["id"] for r in programme} == set(HIP_PROGRAMME)
    assert all(r["source"] != "article" and r["group"] == "hiptui extras" for r in programme)
    [step_up] = [r for r in rows if r["id"] == "step-up"]
    assert step_up["equipment"] == [] and step_up["equipment_one_of"] == ["box", "bench"]


def test_the_catalog_muscle_filter_offers_the_new_muscles() -> None:
    from hiptui.content.loader import load_library
    from hiptui.core.catalog.filter import CatalogFilter, facet_values

    library = load_library([CONTENT])
    assert library.problems == []
    muscles = facet_values(library.exercises.values())["muscle"]
    assert {"gluteus medius", "gluteus minimus", "adductors", "deep rotators", "abdominals"} <= set(
        muscles
    )
    deep = [e.id for e in library.ordered() if CatalogFilter(muscle="deep rotators").matches(e)]
    assert deep == ["clamshell"]


def test_the_card_lists_each_cited_source_on_its_own_line() -> None:
    from hiptui.content.card import card_sections
    from hiptui.content.loader import load_library

    library = load_library([CONTENT])
    for exercise_id, expected in HIP_PROGRAMME.items():
        card = card_sections(library.exercises[exercise_id], "metric")
        sections = {section.title: section.lines for section in card}
        first, *rest = sections["Source"]
        assert first.startswith("hiptui's own content (not from the article)")
        assert rest == [SOURCES[key].cite for key in expected.cites]
    step_up = {s.title: s.lines for s in card_sections(library.exercises["step-up"], "metric")}
    assert step_up["Equipment"] == ("box or bench",)
