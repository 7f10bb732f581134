"""The session machine's lead-in before a timed set, the side each per-side exercise starts
with, and the rule that a set of 0 reps is never saved."""

from __future__ import annotations

import json

import pytest

from hiptui.core.session.events import LeadInStarted, RestEnded, SetStarted
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import first_sides
from hiptui.core.session.view import Action
from tests.unit.test_session_support import (
    completed,
    counted,
    machine,
    of_type,
    phase_of,
    plan,
    timed,
)

# -- the lead-in ------------------------------------------------------------------------------


def test_the_rep_key_starts_a_lead_in_then_the_hold_counts_from_its_end() -> None:
    m, clock = machine(timed(sets=2, work=30, rest=15), lead_in=5)
    assert phase_of(m) is Phase.READY
    events = m.rep()
    assert events == [LeadInStarted(5, 1005.0)]
    view = m.view
    assert (view.phase, view.lead_in_remaining, view.work_remaining) == (Phase.LEAD_IN, 5, 30)
    clock.advance(5.5)  # a late tick: the hold started at the lead-in's end, not now
    [started] = of_type(m.tick(), SetStarted)
    assert started == SetStarted("stretch", 1, None, 1005.0, timed=True)
    assert phase_of(m) is Phase.WORK and m.view.work_remaining == pytest.approx(29.5)
    clock.advance(29.5)
    [done] = completed(m.tick())
    assert done.record.work_seconds == 30 and done.record.started_at == 1005.0


def test_after_a_rest_a_timed_set_gets_its_lead_in_by_itself() -> None:
    m, clock = machine(timed(sets=2, work=20, rest=15), lead_in=4)
    m.rep()
    clock.advance(4 + 20 + 15)  # lead-in, the hold, the rest
    events = m.tick()
    assert RestEnded(skipped=False) in events
    assert of_type(events, LeadInStarted) == [LeadInStarted(4, 1000.0 + 39 + 4)]
    assert phase_of(m) is Phase.LEAD_IN and m.view.set_number == 2


def test_the_rep_key_in_the_lead_in_starts_the_hold_at_once() -> None:
    m, clock = machine(timed(work=20), lead_in=5)
    m.rep()
    clock.advance(2)
    assert of_type(m.rep(), SetStarted) == [SetStarted("stretch", 1, None, 1002.0, timed=True)]
    assert phase_of(m) is Phase.WORK and m.view.work_remaining == 20


def test_no_lead_in_counts_at_once_and_a_pause_freezes_the_lead_in() -> None:
    m, _ = machine(timed(work=20), lead_in=0)
    m.rep()
    assert phase_of(m) is Phase.WORK
    n, clock = machine(timed(work=20), lead_in=5)
    n.rep()
    clock.advance(2)
    n.toggle_pause()
    clock.advance(60)
    assert n.tick() == [] and n.view.lead_in_remaining == 3
    n.toggle_pause()
    clock.advance(3)
    assert of_type(n.tick(), SetStarted)


def test_a_lead_in_is_not_resumed_the_set_waits_in_ready() -> None:
    m, _ = machine(timed(work=20), lead_in=5)
    m.rep()
    snapshot = json.loads(json.dumps(m.snapshot()))
    again = SessionMachine.resume(m.plan, snapshot, m._clock, lead_in=5)
    assert again.phase is Phase.READY


def test_counted_sets_have_no_lead_in() -> None:
    m, _ = machine(counted(), lead_in=5)
    assert phase_of(m) is Phase.SET
    assert of_type(m.rep(), LeadInStarted) == []


def test_a_negative_lead_in_is_refused() -> None:
    with pytest.raises(ValueError, match="lead_in"):
        machine(timed(), lead_in=-1)


# -- which side goes first --------------------------------------------------------------------


def test_each_exercise_starts_with_the_side_its_steps_work_first() -> None:
    items = (
        counted("kick", per_side=True, first_side="right", sets=1, reps=(1, 1)),
        counted("bridge", per_side=True, sets=1, reps=(1, 1)),
    )
    m, _ = machine(*items)
    assert m.view.side == "right"
    assert m.first_sides == {"kick": "right", "bridge": "left"}
    [done] = completed(m.rep())
    assert done.record.side == "right" and m.view.side == "left"


def test_the_users_side_beats_the_steps_and_a_chosen_side_beats_both() -> None:
    kick = counted("kick", per_side=True, first_side="right")
    other = counted("other", per_side=True, first_side="right")
    session = plan(kick, other)
    assert first_sides(session) == {"kick": "right", "other": "right"}
    assert first_sides(session, "left") == {"kick": "left", "other": "left"}
    assert first_sides(session, "left", {"other": "right"}) == {"kick": "left", "other": "right"}
    m = SessionMachine(session, lambda: 0.0, start_side="left", first_sides={"kick": "right"})
    assert m.first_sides == {"kick": "right", "other": "left"}


def test_the_sides_survive_a_resume() -> None:
    m, clock = machine(counted("kick", per_side=True, first_side="right", reps=(1, 1)))
    m.rep()  # the right half of set 1
    snapshot = json.loads(json.dumps(m.snapshot()))
    again = SessionMachine.resume(m.plan, snapshot, clock)
    assert again.first_sides == {"kick": "right"} and again.view.side == "left"
    old = {k: v for k, v in snapshot.items() if k != "first_sides"}  # an older snapshot
    older = SessionMachine.resume(m.plan, old, clock)
    assert older.first_sides == {"kick": snapshot["start_side"]}


def test_a_snapshot_with_a_bad_side_is_refused() -> None:
    m, clock = machine(counted("kick", per_side=True))
    snapshot = m.snapshot()
    snapshot["first_sides"] = {"kick": "middle"}
    with pytest.raises(ValueError, match="first_sides"):
        SessionMachine.resume(m.plan, snapshot, clock)


# -- no set of 0 reps -------------------------------------------------------------------------


def test_finishing_with_no_rep_counted_saves_nothing() -> None:
    m, _ = machine(counted(hold=2))
    assert Action.FINISH_SET not in m.view.available
    assert m.finish_set() == [] and phase_of(m) is Phase.SET and m.records == ()
    m.rep()  # the first rep's hold
    assert phase_of(m) is Phase.HOLD and Action.FINISH_SET not in m.view.available
    assert m.finish_set() == [] and phase_of(m) is Phase.HOLD


def test_finishing_during_a_later_hold_keeps_the_reps_done() -> None:
    m, clock = machine(counted(hold=2))
    m.rep()
    clock.advance(2)
    m.tick()
    m.rep()  # rep 2 in its hold
    assert Action.FINISH_SET in m.view.available
    [done] = completed(m.finish_set())
    assert done.record.reps == 1
