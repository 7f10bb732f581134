"""One truth for the numbers: the rest an exercise gives is the rest the card shows, the start
dialog offers and the runner counts; hiptui's defaults are labelled; per-side exercises start
with the side their steps work first; the warm-up's steps share out its time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptui.content.card import dosage_line
from hiptui.content.loader import load_exercise_file, load_library
from hiptui.content.models import Problem
from hiptui.content.routines import load_routines
from hiptui.core.session.plan import ExercisePlan, SessionPlan
from hiptui.core.session.plan_builders import plan_for_exercise, plan_for_routine
from tests.unit.content_files import CONTENT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exercises"


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library([CONTENT])


def card_rest(line: str) -> int:
    match = re.search(r"rest (\d+) s", line)
    assert match, line
    return int(match.group(1))


@pytest.mark.parametrize("exercise_id", ["hip-thrust", "quadruped-kickback", "glute-bridge"])
def test_the_exercises_own_rest_comes_before_the_users_default(library, exercise_id: str) -> None:  # type: ignore[no-untyped-def]
    exercise = library.exercises[exercise_id]
    for users_default in (30, 60, 200):
        [item] = plan_for_exercise(library, exercise_id, rest_default=users_default).items
        assert item.rest_seconds == exercise.dosage.rest_seconds
        assert card_rest(dosage_line(exercise, rest_default=users_default)) == item.rest_seconds
    assert plan_for_exercise(library, "hip-thrust").items[0].rest_seconds == 90


def test_a_file_with_no_rest_takes_the_users_default() -> None:
    library = load_library([FIXTURES])
    exercise = library.exercises["fixture-curl"]
    assert exercise.dosage.rest_seconds is None
    [item] = plan_for_exercise(library, "fixture-curl", rest_default=75).items
    assert item.rest_seconds == 75
    assert dosage_line(exercise, rest_default=75).endswith("rest 75 s (your default rest)")
    assert dosage_line(exercise).endswith("rest as in your settings")


def test_a_routine_entry_sets_the_rest_for_that_routine(library) -> None:  # type: ignore[no-untyped-def]
    routines, problems = load_routines([CONTENT])
    assert problems == []
    gym = plan_for_routine(library, routines["gym"], rest_default=30)
    rests = {item.exercise_id: item.rest_seconds for item in gym.items}
    assert rests["hip-thrust"] == 120  # the routine's own
    assert rests["step-up"] == library.exercises["step-up"].dosage.rest_seconds


def test_hiptui_defaults_are_labelled_on_the_card_and_in_the_plan(library) -> None:  # type: ignore[no-untyped-def]
    step_up = library.exercises["step-up"]
    line = dosage_line(step_up)
    assert line.startswith("2-3 sets (hiptui default) x 15-20 reps per side;")
    assert "rest 60 s (hiptui default)" in line and line.endswith("right side first")
    [item] = plan_for_exercise(library, "step-up").items
    assert item.defaults == ("sets", "rest_seconds")
    [changed] = plan_for_exercise(library, "step-up", sets=2, rest=60).items
    assert changed.defaults == ("rest_seconds",)  # the same rest as ours is still ours
    assert "(hiptui default)" not in dosage_line(library.exercises["hip-thrust"]).split(";")[0]


def test_the_plan_keeps_its_labels_and_first_side_through_json(library) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for_exercise(library, "quadruped-kickback")
    again = SessionPlan.from_dict(plan.to_dict())
    assert again == plan and again.items[0].first_side == "right"
    old = plan.to_dict()
    for key in ("defaults", "first_side"):
        del old["items"][0][key]  # a plan saved by an older hiptui
    assert SessionPlan.from_dict(old).items[0].first_side is None
    with pytest.raises(ValueError, match="first_side"):
        ExercisePlan("x", "X", 1, first_side="up")


def test_every_per_side_exercise_names_the_side_its_steps_work_first(library) -> None:  # type: ignore[no-untyped-def]
    per_side = [e for e in library.exercises.values() if e.per_side]
    assert per_side
    for exercise in per_side:
        assert exercise.first_side in ("left", "right"), exercise.id
        text = " ".join(exercise.steps).lower()
        assert exercise.first_side in text, exercise.id
    assert library.exercises["quadruped-kickback"].first_side == "right"


def test_the_warm_up_gives_every_step_its_seconds(library) -> None:  # type: ignore[no-untyped-def]
    warm = library.exercises["warm-up"]
    assert len(warm.step_seconds) == len(warm.steps)
    assert warm.dosage.work_seconds is not None
    assert sum(warm.step_seconds) == warm.dosage.work_seconds.low


def bad_file(tmp_path: Path, extra: str) -> list[Problem]:
    text = (FIXTURES / "fixture-curl.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(extra + "\n" + text, encoding="utf-8")
    result = load_exercise_file(path)
    assert isinstance(result, list), result
    return result


def test_first_side_and_step_seconds_are_checked_with_their_line(tmp_path: Path) -> None:
    [problem] = bad_file(tmp_path, 'first_side = "right"')
    assert problem.line == 1 and "only a per-side exercise" in problem.message
    [problem] = bad_file(tmp_path, 'first_side = "up"')
    assert "'up' is not one of: left, right" in problem.message
    [problem] = bad_file(tmp_path, "step_seconds = [30]")
    assert problem.line == 1 and "1 entries for" in problem.message
    [problem] = bad_file(tmp_path, "step_seconds = [0, 30]")
    assert "whole numbers from 1 to 3600" in problem.message
