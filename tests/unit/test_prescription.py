"""The progression rules on the worked cases of docs/progression.md, and their properties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.ladders import Ladder, Ladders
from hiptui.content.load import Load, LoadUnit
from hiptui.content.models import Dosage, Exercise, Range
from hiptui.core.history.load_step import added, cut, step_for
from hiptui.core.history.pain_light import light_of, pain_light
from hiptui.core.history.prescription import Prescription, prescribe
from hiptui.store.records import SessionRecord, SetRecord
from tests.builders import a_set_record, an_exercise

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def exercise(
    exercise_id: str,
    *,
    reps: tuple[int, int] | None = (8, 12),
    sets: tuple[int, int] = (2, 3),
    per_side: bool = False,
    work: tuple[int, int] | None = None,
    hold_cap: int | None = None,
    step_kg: float | None = None,
) -> Exercise:
    return an_exercise(
        exercise_id,
        per_side=per_side,
        dosage=Dosage(
            sets=Range(*sets),
            reps=None if reps is None else Range(*reps),
            work_seconds=None if work is None else Range(*work),
            load_step_kg=step_kg,
            hold_cap_seconds=hold_cap,
        ),
    )


LIBRARY = {
    e.id: e
    for e in (
        exercise("glute-bridge"),
        exercise("single-leg-glute-bridge", per_side=True),
        exercise("hip-thrust"),
        exercise("step-up", reps=(15, 20), per_side=True),
        exercise("banded-walk", per_side=True),
        exercise("heavy-thrust", step_kg=5.0),
        exercise("side-plank", reps=None, work=(20, 30), hold_cap=45, per_side=True),
        exercise("wall-sit", reps=None, work=(30, 30)),
    )
}
LADDERS = Ladders(
    (Ladder("bridge", "Bridge ladder", ("glute-bridge", "single-leg-glute-bridge", "hip-thrust")),)
)

Rep = tuple[int, int | None, int | None]  # reps, rir, pain


def session(
    exercise_id: str,
    sets: Sequence[int | Rep],
    *,
    load: Load | None = None,
    day: int = 0,
    next_day: int | None = None,
    planned: int | None = None,
    per_side: bool = False,
    sides: Sequence[str] = ("left", "right"),
    seconds: Sequence[float] = (),
    work: int | None = None,
    discomfort: bool = False,
) -> SessionRecord:
    """A session of ``exercise_id``: one entry per set, reps or (reps, rir, pain)."""
    started = MONDAY + timedelta(days=day)
    records: list[SetRecord] = []
    for number, entry in enumerate(sets, start=1):
        reps, rir, pain = (entry, None, None) if isinstance(entry, int) else entry
        for side in sides if per_side else (None,):
            records.append(
                a_set_record(
                    exercise_id,
                    reps,
                    id=len(records) + 1,
                    session_id=day + 1,
                    set_number=number,
                    side=side,
                    work_seconds=seconds[number - 1] if seconds else None,
                    discomfort=discomfort,
                    completed_at=started + timedelta(minutes=number),
                    load=load,
                    rir=rir,
                    pain=pain,
                )
            )
    item: dict[str, Any] = {"exercise_id": exercise_id, "sets": planned or len(sets)}
    if work is not None:
        item["work_seconds"] = work
    return SessionRecord(
        id=day + 1,
        uid=f"u{day}",
        name="s",
        routine_id=None,
        plan={"items": [item]},
        state=None,
        started_at=started,
        ended_at=started + timedelta(minutes=30),
        status="completed",
        sets=tuple(records),
        pain_next_day=next_day,
    )


def nxt(exercise_id: str, *sessions: SessionRecord, **steps: float) -> Prescription:
    return prescribe(sessions, exercise_id, library=LIBRARY, ladders=LADDERS, **steps)


KG40 = Load(40.0, "kg")


# -- the traffic light ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highest", "next_day", "light"),
    [
        (None, None, "green"),
        (0, None, "green"),
        (2, 2, "green"),
        (3, None, "amber"),
        (5, 0, "amber"),
        (1, 3, "amber"),
        (6, None, "red"),
        (0, 6, "red"),
        (5, 6, "red"),
        (10, 10, "red"),
    ],
)
def test_light(highest: int | None, next_day: int | None, light: str) -> None:
    assert light_of(highest, next_day) == light


def test_light_reads_the_last_session_only() -> None:
    old = session("hip-thrust", [(12, 2, 8)], load=KG40, day=0)
    new = session("hip-thrust", [(12, 2, 1), (12, 2, 2)], load=KG40, day=3)
    reading = pain_light([new, old], "hip-thrust")
    assert (reading.light, reading.highest, reading.next_day) == ("green", 2, None)
    assert pain_light([], "hip-thrust").light == "none"


def test_a_discomfort_mark_without_a_number_is_amber() -> None:
    marked = session("glute-bridge", [10, 10], discomfort=True)
    assert pain_light([marked], "glute-bridge").light == "amber"


# -- load steps -------------------------------------------------------------------------------


def test_cut_rounds_down_to_a_whole_step() -> None:
    assert cut(KG40, 2.5) == Load(35.0, "kg")  # 36 -> 35
    assert cut(Load(25.0, "kg"), 2.5) == Load(22.5, "kg")  # exactly 22.5 stays
    assert cut(Load(100.0, "lb"), 5.0) == Load(90.0, "lb")
    assert cut(Load(3.0, "band"), 1.0) == Load(2.0, "band")
    assert cut(Load(1.0, "band"), 1.0) is None  # no band left
    assert cut(Load(2.5, "kg"), 2.5) is None
    assert added(KG40, 2.5) == Load(42.5, "kg")


def test_step_for_prefers_the_exercise_then_the_settings() -> None:
    own = LIBRARY["heavy-thrust"].dosage
    assert step_for("kg", own, step_kg=1.0) == 5.0
    assert step_for("lb", own, step_lb=2.5) == 2.5  # no lb step of its own
    assert step_for("kg") == 2.5 and step_for("lb") == 5.0 and step_for("band") == 1.0


# -- double progression: the worked cases -----------------------------------------------------


def test_green_every_set_at_the_top_adds_a_step() -> None:
    last = session("hip-thrust", [(12, 2, 1), (12, 2, 0), (12, 1, 1)], load=KG40)
    p = nxt("hip-thrust", last)
    assert p.to_json() == {
        "exercise": "hip-thrust",
        "light": "green",
        "sets": 3,
        "reps": [8, 12],
        "target_reps": 8,
        "load": {"value": 42.5, "unit": "kg"},
        "variation": None,
        "reason": "all 3 sets reached 12, pain 1/10 -> 42.5 kg (was 40 kg)",
    }


def test_green_in_pounds_adds_five_pounds_or_the_setting() -> None:
    last = session("hip-thrust", [12, 12, 12], load=Load(100.0, "lb"))
    p = nxt("hip-thrust", last)
    assert (p.load, p.target_reps) == (Load(105.0, "lb"), 8)
    assert p.reason == "all 3 sets reached 12, no pain logged -> 105 lb (was 100 lb)"
    assert nxt("hip-thrust", last, load_step_lb=2.5).load == Load(102.5, "lb")


def test_the_exercises_own_step_wins() -> None:
    last = session("heavy-thrust", [12, 12], load=KG40)
    assert nxt("heavy-thrust", last, load_step_kg=1.0).load == Load(45.0, "kg")


def test_a_set_at_rir_0_holds_the_load() -> None:
    last = session("hip-thrust", [(12, 2, 1), (12, 1, 1), (12, 0, 1)], load=KG40)
    p = nxt("hip-thrust", last)
    assert (p.light, p.load, p.target_reps) == ("green", KG40, 12)
    assert p.reason == (
        "all 3 sets reached 12 but set 3 had no reps in reserve (RIR 0), pain 1/10 "
        "-> 40 kg x 12 again"
    )


def test_green_short_of_the_top_aims_one_rep_more() -> None:
    last = session("hip-thrust", [(12, 2, 1), (12, 2, 1), (10, 1, 1)], load=KG40)
    p = nxt("hip-thrust", last)
    assert (p.load, p.target_reps) == (KG40, 11)
    assert p.reason == "2 of 3 sets reached 12 (fewest 10), pain 1/10 -> 40 kg, aim for 11 reps"


def test_a_missed_planned_set_is_not_the_top() -> None:
    last = session("hip-thrust", [12, 12], load=KG40, planned=3)
    p = nxt("hip-thrust", last)
    assert (p.load, p.sets, p.target_reps) == (KG40, 3, 12)
    assert p.reason.startswith("2 of 3 sets done")


def test_amber_repeats_the_prescription() -> None:
    last = session("hip-thrust", [(12, 2, 1), (11, 2, 4), (10, 1, 2)], load=KG40)
    p = nxt("hip-thrust", last)
    assert (p.light, p.load, p.target_reps, p.sets) == ("amber", KG40, 10, 3)
    assert p.reason == "pain 4/10: amber (3-5) -> 40 kg x 10 again, as last time"


def test_red_takes_ten_percent_off_rounded_down_and_reps_back_to_low() -> None:
    last = session("hip-thrust", [(12, 2, 1), (12, 2, 6)], load=KG40)
    p = nxt("hip-thrust", last)
    assert (p.light, p.load, p.target_reps) == ("red", Load(35.0, "kg"), 8)
    assert p.reason == "pain 6/10: red (over 5) -> 35 kg (was 40 kg), back to 8 reps"


def test_next_morning_pain_turns_the_light() -> None:
    red = session("hip-thrust", [(12, 2, 1)] * 3, load=KG40, next_day=7)
    p = nxt("hip-thrust", red)
    assert (p.light, p.load, p.target_reps) == ("red", Load(35.0, "kg"), 8)
    assert p.reason == (
        "pain 1/10, next morning 7/10: red (over 5) -> 35 kg (was 40 kg), back to 8 reps"
    )
    amber = session("hip-thrust", [(12, 2, 1)] * 3, load=KG40, next_day=3)
    assert nxt("hip-thrust", amber).to_json()["load"] == {"value": 40.0, "unit": "kg"}
    assert nxt("hip-thrust", amber).light == "amber"


def test_per_side_needs_both_sides_at_the_top() -> None:
    ten = Load(10.0, "kg")
    both = session("step-up", [20, 20, 20], load=ten, per_side=True)
    p = nxt("step-up", both)
    assert (p.load, p.target_reps) == (Load(12.5, "kg"), 15)
    assert p.reason == "all 3 sets reached 20 on both sides, no pain logged -> 12.5 kg (was 10 kg)"
    one_side = session("step-up", [20, 20, 20], load=ten, per_side=True, sides=("left",))
    p = nxt("step-up", one_side)
    assert (p.load, p.target_reps) == (ten, 20)
    assert p.reason.startswith("a set was done on one side only")


def test_per_side_one_side_short_is_not_the_top() -> None:
    ten = Load(10.0, "kg")
    last = session("step-up", [20, 20], load=ten, per_side=True)
    short = last.sets[-1].replace(id=99, reps=18)
    last = last.replace(sets=(*last.sets[:-1], short))
    p = nxt("step-up", last)
    assert (p.load, p.target_reps) == (ten, 19)
    assert (
        p.reason == "1 of 2 sets reached 20 (fewest 18), no pain logged -> 10 kg, aim for 19 reps"
    )


def test_bands_move_one_level() -> None:
    two = Load(2.0, "band")
    up = nxt("banded-walk", session("banded-walk", [12, 12], load=two, per_side=True))
    assert up.load == Load(3.0, "band")
    assert up.reason.endswith("-> band 3 (was band 2)")
    one = Load(1.0, "band")
    down = nxt("banded-walk", session("banded-walk", [(12, 2, 7)], load=one, per_side=True))
    assert (down.light, down.load, down.target_reps) == ("red", None, 8)
    assert down.reason == "pain 7/10: red (over 5) -> no weight (was band 1), back to 8 reps"


# -- bodyweight and holds ---------------------------------------------------------------------


def test_bodyweight_next_rung_after_two_sessions_at_the_top() -> None:
    first = session("glute-bridge", [12, 12, 12], day=0)
    once = nxt("glute-bridge", first)
    assert (once.variation, once.target_reps) == (None, 12)
    assert (
        once.reason
        == "all 3 sets reached 12, no pain logged -> 12 reps again; once more and the next rung"
    )
    second = session("glute-bridge", [(12, None, 1)] * 3, day=2)
    p = nxt("glute-bridge", first, second)
    assert (p.variation, p.load, p.target_reps, p.reps) == (
        "single-leg-glute-bridge", None, 8, Range(8, 12),
    )  # fmt: skip
    assert p.reason == (
        "all 3 sets reached 12 in your last two sessions, pain 1/10 -> Single leg glute bridge,"
        " the next rung on the Bridge ladder"
    )


def test_bodyweight_amber_holds_even_at_the_top() -> None:
    first = session("glute-bridge", [12, 12, 12], day=0)
    second = session("glute-bridge", [(12, None, 4)] * 3, day=2)
    p = nxt("glute-bridge", first, second)
    assert (p.light, p.variation, p.target_reps) == ("amber", None, 12)


def test_bodyweight_red_goes_a_rung_down_never_up() -> None:
    first = session("single-leg-glute-bridge", [12, 12], day=0, per_side=True)
    second = session("single-leg-glute-bridge", [(12, None, 6)] * 2, day=2, per_side=True)
    p = nxt("single-leg-glute-bridge", first, second)
    assert (p.light, p.variation, p.target_reps) == ("red", "glute-bridge", 8)
    assert (
        p.reason == "pain 6/10: red (over 5) -> Glute bridge instead, a rung down the Bridge ladder"
    )
    bottom = nxt("glute-bridge", session("glute-bridge", [(12, None, 8)] * 3))
    assert (bottom.variation, bottom.target_reps) == (None, 8)
    assert bottom.reason == "pain 8/10: red (over 5) -> back to 8 reps"


def test_holds_grow_by_five_seconds_up_to_the_cap() -> None:
    held = session("side-plank", [0, 0], per_side=True, seconds=(40, 40), work=40)
    p = nxt("side-plank", held)
    assert (p.work_seconds, p.reps, p.target_reps) == (45, None, None)
    assert p.reason == "all 2 sets lasted 40 s on both sides, no pain logged -> 45 s (was 40 s)"
    at_cap = session("side-plank", [0, 0], per_side=True, seconds=(45, 45), work=45)
    assert nxt("side-plank", at_cap).work_seconds == 45
    short = session("side-plank", [0, 0], per_side=True, seconds=(40, 30), work=40)
    assert nxt("side-plank", short).work_seconds == 40
    red = session("side-plank", [(0, None, 6)], per_side=True, seconds=(40,), work=40)
    assert nxt("side-plank", red).work_seconds == 20


def test_nothing_logged() -> None:
    p = nxt("hip-thrust")
    assert p.to_json() == {
        "exercise": "hip-thrust",
        "light": "none",
        "sets": 3,
        "reps": [8, 12],
        "target_reps": 8,
        "load": None,
        "variation": None,
        "reason": "nothing logged yet -> 3 sets of 8-12 reps",
    }


# -- properties -------------------------------------------------------------------------------

units: st.SearchStrategy[LoadUnit] = st.sampled_from(["kg", "lb", "band"])
pains = st.one_of(st.none(), st.integers(0, 10))
set_entries = st.tuples(st.integers(0, 20), st.one_of(st.none(), st.integers(0, 5)), pains)


@given(
    value=st.floats(0.5, 400, allow_nan=False).map(lambda v: round(v * 2) / 2),
    unit=units,
    entries=st.lists(set_entries, min_size=1, max_size=5),
    next_day=pains,
)
def test_red_never_adds_load_and_green_amber_never_take_it(
    value: float, unit: LoadUnit, entries: list[Rep], next_day: int | None
) -> None:
    load = Load(value, unit)
    p = nxt("hip-thrust", session("hip-thrust", entries, load=load, next_day=next_day))
    if p.light == "red":
        assert p.load is None or p.load.value < value
        assert p.target_reps == 8
    else:
        assert p.load is not None and p.load.value >= value
    if p.light == "amber":
        assert p.load == load


@given(
    exercise_id=st.sampled_from(["glute-bridge", "single-leg-glute-bridge", "hip-thrust"]),
    first=st.lists(set_entries, min_size=1, max_size=4),
    second=st.lists(set_entries, min_size=1, max_size=4),
)
def test_red_is_never_harder(exercise_id: str, first: list[Rep], second: list[Rep]) -> None:
    per_side = LIBRARY[exercise_id].per_side
    sessions = (
        session(exercise_id, first, day=0, per_side=per_side),
        session(exercise_id, second, day=2, per_side=per_side),
    )
    p = nxt(exercise_id, *sessions)
    steps = LADDERS.ladders[0].steps
    if p.light == "red":
        done = steps.index(exercise_id)
        now = steps.index(p.variation) if p.variation else done
        assert now <= done
        assert p.target_reps == 8
    if p.light == "amber":
        assert p.variation is None
