"""Session plans: defaults taken from an exercise's dosage, overrides, checks, JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.loader import load_exercise_file
from hiptui.content.models import Dosage, Exercise, Range
from hiptui.core.session.plan import ExercisePlan, SessionPlan
from tests.builders import an_exercise
from tests.unit.test_session_support import counted, plan, timed, warmup


def exercise(dosage: Dosage, *, per_side: bool = False, cues: tuple[str, ...] = ()) -> Exercise:
    return an_exercise("ex", name="Example", per_side=per_side, dosage=dosage, cues=cues)


def test_defaults_come_from_the_dosage_with_the_top_of_the_sets_range() -> None:
    ex = exercise(
        Dosage(sets=Range(2, 3), reps=Range(8, 12), hold_seconds=2, rest_seconds=45),
        per_side=True,
        cues=("One", "Two"),
    )
    item = ExercisePlan.from_exercise(ex)
    assert item == ExercisePlan(
        exercise_id="ex",
        name="Example",
        sets=3,
        target_reps=Range(8, 12),
        hold_seconds=2,
        work_seconds=None,
        rest_seconds=45,
        per_side=True,
        cues=("One", "Two"),
    )
    assert not item.is_timed and item.halves == 2


def test_a_timed_exercise_takes_the_low_end_of_its_work_range() -> None:
    ex = exercise(Dosage(sets=Range(1, 1), work_seconds=Range(300, 600), rest_seconds=0))
    item = ExercisePlan.from_exercise(ex)
    assert item.is_timed and item.work_seconds == 300 and item.target_reps is None
    assert item.halves == 1


def test_overrides_replace_each_part_of_the_dosage() -> None:
    ex = exercise(Dosage(sets=Range(2, 3), reps=Range(8, 12), hold_seconds=2, rest_seconds=60))
    item = ExercisePlan.from_exercise(ex, sets=1, reps=10, hold=0, rest=20)
    assert (item.sets, item.target_reps, item.hold_seconds, item.rest_seconds) == (
        1,
        Range(10, 10),
        None,
        20,
    )
    assert ExercisePlan.from_exercise(ex, reps=Range(5, 6), hold=4).hold_seconds == 4
    as_timed = ExercisePlan.from_exercise(ex, work=40)
    assert as_timed.is_timed and as_timed.target_reps is None and as_timed.hold_seconds is None


def test_reps_override_turns_a_timed_exercise_into_a_counted_one() -> None:
    ex = exercise(Dosage(sets=Range(2, 2), work_seconds=Range(30, 30), rest_seconds=15))
    item = ExercisePlan.from_exercise(ex, reps=Range(5, 8))
    assert not item.is_timed and item.target_reps == Range(5, 8)


def test_plan_from_a_loaded_fixture_exercise(fixtures_dir: Path) -> None:
    ex = load_exercise_file(fixtures_dir / "exercises" / "fixture-bridge.toml")
    assert isinstance(ex, Exercise)
    item = ExercisePlan.from_exercise(ex)
    assert item.sets == ex.dosage.sets.high
    assert item.target_reps == ex.dosage.reps
    assert item.hold_seconds == ex.dosage.hold_seconds
    assert item.per_side is ex.per_side and item.cues == ex.cues


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sets": 0}, "sets must be 1 or more"),
        ({"rest_seconds": -1}, "rest_seconds must be 0 or more"),
        ({"hold_seconds": 0}, "hold_seconds must be 1 or more"),
        ({"target_reps": Range(0, 3)}, "is not a range from 1 up"),
        ({"target_reps": Range(5, 3)}, "is not a range from 1 up"),
        ({"work_seconds": 0}, "work_seconds must be 1 or more"),
        ({"work_seconds": 30, "target_reps": Range(5, 8)}, "a timed item"),
        ({"work_seconds": 30, "hold_seconds": 2}, "a timed item"),
    ],
)
def test_bad_items_are_refused_with_a_message(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"exercise_id": "ex", "name": "Ex", "sets": 2, **kwargs}
    with pytest.raises(ValueError, match=message):
        ExercisePlan(**fields)  # type: ignore[arg-type]


def test_session_plans_are_checked() -> None:
    with pytest.raises(ValueError, match="has no exercises"):
        SessionPlan("empty", ())
    with pytest.raises(ValueError, match="appears twice"):
        plan(counted("a"), counted("a"))
    with pytest.raises(ValueError, match="appears twice"):
        plan(timed("warm-up"), warm=warmup())
    with pytest.raises(ValueError, match="warm-up must be timed"):
        plan(counted("a"), warm=counted("b"))
    assert plan(counted("a"), counted("b")).item_index("b") == 1
    assert plan(counted("a")).item_index("zzz") is None


def test_plan_round_trips_through_json() -> None:
    original = SessionPlan(
        name="Floor",
        items=(counted("a", hold=2, per_side=True, cues=("x", "y")), timed("b", work=45)),
        warmup=warmup(cues=("Easy",)),
        routine_id="beginner-floor",
    )
    data = json.loads(json.dumps(original.to_dict()))
    assert SessionPlan.from_dict(data) == original


items = st.builds(
    lambda i, sets, low, extra, hold, rest, side, cues, is_timed, work: (
        timed(f"t{i}", sets=sets, work=work, rest=rest, per_side=side, cues=cues)
        if is_timed
        else counted(
            f"c{i}", sets=sets, reps=(low, low + extra), hold=hold, rest=rest, per_side=side
        )
    ),
    st.integers(0, 99),
    st.integers(1, 5),
    st.integers(1, 20),
    st.integers(0, 5),
    st.none() | st.integers(1, 5),
    st.integers(0, 180),
    st.booleans(),
    st.lists(st.text(max_size=12), max_size=3).map(tuple),
    st.booleans(),
    st.integers(1, 600),
)


@given(st.lists(items, min_size=1, max_size=4, unique_by=lambda i: i.exercise_id))
def test_any_plan_round_trips(chosen: list[ExercisePlan]) -> None:
    original = plan(*chosen)
    assert SessionPlan.from_dict(json.loads(json.dumps(original.to_dict()))) == original


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=99), "format version 99"),
        (lambda d: d.update(items="no"), "items must be a list"),
        (lambda d: d.update(name=3), "name must be text"),
        (lambda d: d.update(routine_id=5), "routine_id must be text or null"),
        (lambda d: d["items"][0].update(sets="3"), "plan item 1: sets must be a whole number"),
        (lambda d: d["items"][0].update(sets=True), "sets must be a whole number"),
        (lambda d: d["items"][0].update(target_reps=[1]), "target_reps must be"),
        (lambda d: d["items"][0].update(cues="abc"), "cues must be a list of text"),
        (lambda d: d["items"][0].update(per_side="yes"), "per_side must be true or false"),
        (lambda d: d["items"][0].update(sets=0), "sets must be 1 or more"),
        (lambda d: d.update(warmup=[]), "plan warm-up: expected an object"),
        (lambda d: d.update(items=[]), "has no exercises"),
    ],
)
def test_damaged_plan_data_gives_a_one_line_error(change: object, message: str) -> None:
    data = plan(counted("a"), warm=warmup()).to_dict()
    change(data)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message) as caught:
        SessionPlan.from_dict(data)
    assert "\n" not in str(caught.value)


def test_plan_data_must_be_an_object() -> None:
    with pytest.raises(ValueError, match="plan: expected an object, got list"):
        SessionPlan.from_dict([])


def test_a_plan_items_load_round_trips_and_a_bad_one_is_one_line() -> None:
    from dataclasses import replace

    from hiptui.content.load import Load
    from hiptui.core.session.plan import ExercisePlan

    plain = ExercisePlan("hip-thrust", "Hip thrust", 3)
    assert "load" not in plain.to_dict()  # plans without a load are written as before
    loaded = replace(plain, load=Load(42.5, "kg"))
    assert loaded.to_dict()["load"] == [42.5, "kg"]
    assert ExercisePlan.from_dict(loaded.to_dict()) == loaded
    with pytest.raises(ValueError, match="load must be"):
        ExercisePlan.from_dict({**loaded.to_dict(), "load": [1, "stone"]})
