"""Plans built from a list of exercise ids (the self-check's plan), with the warm-up first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.library import Library
from hiptui.content.loader import load_library
from hiptui.content.models import Dosage, Exercise, Range
from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import score
from hiptui.core.session.plan import ExercisePlan
from hiptui.core.session.plan_builders import WARMUP_ID, PlanError, plan_for_exercises
from hiptui.paths import bundled_content_dir
from tests.builders import an_exercise

COUNTED = Dosage(sets=Range(2, 3), reps=Range(8, 12), rest_seconds=45)
TIMED = Dosage(sets=Range(1, 1), work_seconds=Range(300, 600), rest_seconds=0)


def exercise(exercise_id: str, dosage: Dosage = COUNTED, *, per_side: bool = False) -> Exercise:
    name = exercise_id.replace("-", " ").title()
    return an_exercise(exercise_id, name=name, per_side=per_side, dosage=dosage)


def library(*exercises: Exercise) -> Library:
    return Library(exercises={ex.id: ex for ex in exercises})


LIBRARY = library(
    exercise(WARMUP_ID, TIMED),
    exercise("bridge"),
    exercise("kickback", per_side=True),
    exercise("stretch", Dosage(sets=Range(2, 2), work_seconds=Range(30, 60), rest_seconds=15)),
)


def test_exercises_keep_their_order_and_defaults_after_a_timed_warm_up() -> None:
    plan = plan_for_exercises(LIBRARY, ["kickback", "bridge", "stretch"], name="Mine")
    assert plan.name == "Mine"
    assert [item.exercise_id for item in plan.items] == ["kickback", "bridge", "stretch"]
    assert plan.items[0] == ExercisePlan.from_exercise(LIBRARY.exercises["kickback"])
    assert plan.items[2].work_seconds == 30 and plan.items[2].is_timed
    assert plan.warmup is not None
    assert plan.warmup.exercise_id == WARMUP_ID
    assert plan.warmup.sets == 1 and plan.warmup.work_seconds == 300
    assert plan.routine_id is None


def test_the_warm_up_in_the_list_becomes_the_plans_warm_up_not_an_item() -> None:
    plan = plan_for_exercises(LIBRARY, ["bridge", WARMUP_ID, "stretch"], name="Mine")
    assert [item.exercise_id for item in plan.items] == ["bridge", "stretch"]
    assert plan.warmup is not None and plan.warmup.exercise_id == WARMUP_ID


def test_without_a_warm_up_every_id_is_an_item() -> None:
    plan = plan_for_exercises(LIBRARY, [WARMUP_ID, "bridge"], name="Mine", with_warmup_id=None)
    assert plan.warmup is None
    assert [item.exercise_id for item in plan.items] == [WARMUP_ID, "bridge"]


def test_another_exercise_can_be_the_warm_up() -> None:
    plan = plan_for_exercises(LIBRARY, ["bridge"], name="Mine", with_warmup_id="stretch")
    assert plan.warmup is not None and plan.warmup.exercise_id == "stretch"


def test_a_warm_up_that_is_counted_or_per_side_leads_the_items_instead() -> None:
    counted = library(exercise(WARMUP_ID), exercise("bridge"))
    plan = plan_for_exercises(counted, ["bridge"], name="Mine")
    assert plan.warmup is None
    assert [item.exercise_id for item in plan.items] == [WARMUP_ID, "bridge"]
    per_side = library(exercise(WARMUP_ID, TIMED, per_side=True), exercise("bridge"))
    plan = plan_for_exercises(per_side, ["bridge", WARMUP_ID], name="Mine")
    assert plan.warmup is None
    assert [item.exercise_id for item in plan.items] == [WARMUP_ID, "bridge"]


def test_an_id_given_twice_is_planned_once() -> None:
    plan = plan_for_exercises(LIBRARY, ["bridge", "stretch", "bridge"], name="Mine")
    assert [item.exercise_id for item in plan.items] == ["bridge", "stretch"]


def test_an_unknown_exercise_or_warm_up_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="'nope'"):
        plan_for_exercises(LIBRARY, ["bridge", "nope"], name="Mine")
    no_warmup = library(exercise("bridge"))
    with pytest.raises(PlanError, match=f"'{WARMUP_ID}'"):
        plan_for_exercises(no_warmup, ["bridge"], name="Mine")


def test_nothing_but_the_warm_up_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="no exercises"):
        plan_for_exercises(LIBRARY, [WARMUP_ID], name="Mine")
    with pytest.raises(PlanError, match="no exercises"):
        plan_for_exercises(LIBRARY, [], name="Mine", with_warmup_id=None)


@given(st.lists(st.sampled_from(sorted(LIBRARY.exercises)), min_size=1))
def test_any_list_plans_each_id_once_in_first_seen_order(ids: list[str]) -> None:
    wanted = [i for i in dict.fromkeys(ids) if i != WARMUP_ID]
    if not wanted:
        with pytest.raises(PlanError):
            plan_for_exercises(LIBRARY, ids, name="Mine")
        return
    plan = plan_for_exercises(LIBRARY, ids, name="Mine")
    assert [item.exercise_id for item in plan.items] == wanted
    assert plan.warmup is not None and plan.warmup.exercise_id == WARMUP_ID


@pytest.mark.parametrize("bridge_hold", ["A", "B", "C", "D", "E"])
@pytest.mark.parametrize(("thigh", "knee"), [("N", "N"), ("Y", "Y"), ("U", "Y")])
def test_every_self_check_plan_builds_from_the_bundled_exercises(
    bridge_hold: str, thigh: str, knee: str
) -> None:
    bundled = load_library([bundled_content_dir()])
    values: dict[str, int | str] = {f"{day}.{kind}": 60 for day in ("weekday", "weekend")
              for kind in ("desk", "screens", "travel", "other")}  # fmt: skip
    values |= {"breaks": "B", "strength_days": 1, "thigh_check": thigh, "knee_check": knee,
               "wall_gap": "none", "bridge_hold": bridge_hold}  # fmt: skip
    result = score(Answers.from_values(values))
    plan = plan_for_exercises(bundled, result.exercise_ids, name="Self-check plan")
    assert plan.warmup is not None and plan.warmup.exercise_id == WARMUP_ID
    expected = [i for i in result.exercise_ids if i != WARMUP_ID]
    assert [item.exercise_id for item in plan.items] == expected
    assert len(expected) >= 2
