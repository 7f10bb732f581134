"""The session machine, counting: reps, undo, finishing a set, top holds, sides, cues."""

from __future__ import annotations

import pytest

from hiptui.content.models import Range
from hiptui.core.session.events import (
    CueChanged,
    HoldDone,
    HoldStarted,
    RestStarted,
    SessionDone,
    SetStarted,
    SidesSwitched,
)
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import IllegalTransition, Phase
from hiptui.core.session.plan import SQUEEZE_CUE, SessionPlan
from tests.unit.test_session_support import (
    FakeClock,
    completed,
    counted,
    machine,
    of_type,
    plan,
    reps_to,
    warmup,
)

# -- reps and undo ---------------------------------------------------------------------------


def test_a_plain_plan_starts_counting_the_first_set() -> None:
    m, _ = machine(counted(sets=3, reps=(8, 12)))
    view = m.view
    assert (view.phase, view.set_number, view.sets, view.reps) == (Phase.SET, 1, 3, 0)
    assert view.target_reps == Range(8, 12) and view.side is None and not view.paused
    assert (view.item_number, view.item_count, view.is_warmup) == (1, 1, False)


def test_rep_counts_and_undo_takes_back() -> None:
    m, _ = machine(counted())
    reps_to(m, 3)
    assert m.view.reps == 3
    m.undo()
    assert m.view.reps == 2
    assert "undo" in m.view.available


def test_undo_never_goes_below_zero() -> None:
    m, _ = machine(counted())
    assert "undo" not in m.view.available
    assert m.undo() == []
    m.rep()
    m.undo()
    m.undo()
    assert m.view.reps == 0


def test_reaching_the_top_of_the_range_completes_the_set() -> None:
    m, clock = machine(counted(sets=2, reps=(2, 4), rest=60))
    reps_to(m, 3)
    clock.advance(5)
    events = m.rep()
    [done] = completed(events)
    record = done.record
    assert (record.exercise_id, record.set_number, record.side, record.reps) == (
        "bridge",
        1,
        None,
        4,
    )
    assert record.started_at == 1000.0 and record.ended_at == 1005.0
    assert record.work_seconds is None and record.discomfort is False
    assert m.view.phase is Phase.REST


def test_auto_finish_off_keeps_counting_past_the_target() -> None:
    m, _ = machine(counted(reps=(2, 3)), auto_finish=False)
    assert completed(reps_to(m, 5)) == []
    assert m.view.reps == 5
    [done] = completed(m.finish_set())
    assert done.record.reps == 5


def test_finish_set_saves_the_reps_so_far() -> None:
    m, clock = machine(counted(sets=2))
    reps_to(m, 6)
    clock.advance(30)
    [done] = completed(m.finish_set())
    assert done.record.reps == 6 and done.record.ended_at == 1030.0


def test_last_set_completes_the_session() -> None:
    m, _ = machine(counted(sets=1, reps=(1, 2)))
    events = reps_to(m, 2)
    assert len(completed(events)) == 1
    assert of_type(events, SessionDone) == [SessionDone(ended_early=False)]
    assert m.phase is Phase.DONE and m.view.available == frozenset()


def test_done_is_terminal() -> None:
    m, clock = machine(counted(sets=1, reps=(1, 1)))
    m.rep()
    assert m.phase is Phase.DONE
    for act in (
        m.rep,
        m.undo,
        m.finish_set,
        m.toggle_pause,
        m.skip_exercise,
        m.skip_rest,
        m.mark_discomfort,
        m.end,
        m.tick,
        m.stop_tempo,
    ):
        clock.advance(100)
        assert act() == []
        assert m.phase is Phase.DONE
    assert m.adjust_rest(15) == [] and m.start_tempo(1, 1) == []
    assert len(m.records) == 1


def test_illegal_transitions_are_refused() -> None:
    m, _ = machine(counted(), warm=warmup())
    with pytest.raises(IllegalTransition):
        m._course.go(Phase.REST)  # the guard every phase change goes through


# -- holds -----------------------------------------------------------------------------------


def test_a_rep_with_a_top_hold_counts_when_the_hold_completes() -> None:
    m, clock = machine(counted(hold=2, cues=("Heels down", "Squeeze the glutes")))
    events = m.rep()
    assert of_type(events, HoldStarted) == [HoldStarted(rep=1, seconds=2, ends_at=1002.0)]
    view = m.view
    assert (view.phase, view.reps, view.hold_remaining) == (Phase.HOLD, 0, 2.0)
    assert view.cue == "Squeeze the glutes"
    clock.advance(1.999)
    assert m.tick() == [] and m.view.reps == 0
    clock.advance(0.001)
    events = m.tick()
    assert of_type(events, HoldDone) == [HoldDone(reps=1)]
    assert m.view.phase is Phase.SET and m.view.reps == 1 and m.view.hold_remaining is None


def test_the_squeeze_cue_falls_back_to_a_default() -> None:
    m, _ = machine(counted(hold=2, cues=("Heels down",)))
    m.rep()
    assert m.view.cue == SQUEEZE_CUE


def test_rep_key_during_a_hold_does_not_double_count() -> None:
    m, clock = machine(counted(hold=3))
    m.rep()
    clock.advance(1)
    assert m.rep() == []
    assert m.rep() == []
    clock.advance(2)
    m.tick()
    assert m.view.reps == 1


def test_undo_during_a_hold_cancels_that_rep() -> None:
    m, clock = machine(counted(hold=2))
    m.rep()
    clock.advance(2)
    m.rep()
    clock.advance(1)
    m.undo()
    assert (m.view.phase, m.view.reps) == (Phase.SET, 1)
    clock.advance(10)
    assert of_type(m.tick(), HoldDone) == []
    assert m.view.reps == 1


def test_finishing_during_a_hold_does_not_count_the_held_rep() -> None:
    m, clock = machine(counted(hold=2))
    m.rep()
    clock.advance(2)
    m.rep()
    clock.advance(1)
    [done] = completed(m.finish_set())
    assert done.record.reps == 1 and done.record.hold_seconds == 2


def test_the_last_hold_completes_the_set_at_its_deadline_even_when_ticked_late() -> None:
    m, clock = machine(counted(reps=(1, 2), hold=2, rest=60))
    m.rep()
    clock.advance(2)
    m.rep()  # second rep's hold ends at 1004
    clock.advance(50)
    events = m.tick()
    [done] = completed(events)
    assert done.record.reps == 2 and done.record.ended_at == 1004.0
    [rest] = of_type(events, RestStarted)
    assert isinstance(rest, RestStarted) and rest.ends_at == 1064.0
    assert m.view.rest_remaining == pytest.approx(12.0)  # now is 1052


# -- per side --------------------------------------------------------------------------------


def test_a_per_side_set_runs_two_halves_with_a_switch_between() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 2), per_side=True, rest=30))
    assert m.view.side == "left"
    events = reps_to(m, 2)
    [left] = completed(events)
    assert (left.record.side, left.record.set_number, left.record.reps) == ("left", 1, 2)
    assert of_type(events, SidesSwitched) == [SidesSwitched(side="right", seconds=5)]
    view = m.view
    assert (view.phase, view.side, view.reps, view.switch_remaining) == (
        Phase.SWITCH_SIDES,
        "right",
        0,
        5.0,
    )
    assert view.next_target is not None and view.next_target.side == "right"
    clock.advance(5)
    events = m.tick()
    assert of_type(events, SetStarted) == [SetStarted("bridge", 1, "right", 1005.0)]
    assert (m.view.phase, m.view.side, m.view.set_number) == (Phase.SET, "right", 1)
    events = reps_to(m, 2)
    [right] = completed(events)
    assert (right.record.side, right.record.set_number) == ("right", 1)
    assert m.view.phase is Phase.REST and m.view.side == "left" and m.view.set_number == 2


def test_starting_side_can_be_right() -> None:
    m, clock = machine(counted(reps=(1, 1), per_side=True), start_side="right")
    assert m.view.side == "right"
    m.rep()
    clock.advance(5)
    m.tick()
    assert m.view.side == "left"


def test_switch_pause_can_be_skipped_or_left_out() -> None:
    m, clock = machine(counted(reps=(1, 1), per_side=True))
    m.rep()
    clock.advance(1)
    events = m.skip_rest()
    assert of_type(events, SetStarted) == [SetStarted("bridge", 1, "right", 1001.0)]
    n, _ = machine(counted(reps=(1, 1), per_side=True), switch_seconds=0)
    events = n.rep()
    assert of_type(events, SidesSwitched) == [SidesSwitched(side="right", seconds=0)]
    assert (n.view.phase, n.view.side) == (Phase.SET, "right")


def test_a_bad_start_side_is_refused() -> None:
    with pytest.raises(ValueError, match="start_side"):
        SessionMachine(plan(counted()), FakeClock(), start_side="middle")


# -- cues ------------------------------------------------------------------------------------


def test_cues_rotate_every_n_reps_and_move_on_each_set() -> None:
    cues = ("A", "B", "C")
    m, clock = machine(counted(sets=2, reps=(5, 5), cues=cues, rest=10), cue_every_reps=2)
    seen = [m.view.cue]
    for _ in range(4):
        m.rep()
        seen.append(m.view.cue)
    assert seen == ["A", "A", "B", "B", "C"]
    m.rep()  # completes set 1
    assert m.view.cue == "B"  # set 2 starts one cue further on
    clock.advance(10)
    m.tick()
    m.rep()
    m.rep()
    assert m.view.cue == "C"


def test_cue_changes_are_reported_once_each() -> None:
    m, _ = machine(counted(reps=(9, 9), cues=("A", "B")), cue_every_reps=2)
    changes = [e for _ in range(4) for e in m.rep() if isinstance(e, CueChanged)]
    assert changes == [CueChanged("B"), CueChanged("A")]


def test_cues_are_deterministic() -> None:
    cues = ("A", "B", "C", "D")

    def run() -> list[str | None]:
        m, clock = machine(counted(sets=2, reps=(3, 3), cues=cues, hold=1, rest=5))
        out = []
        for _ in range(8):
            m.rep()
            clock.advance(1)
            m.tick()
            out.append(m.view.cue)
            clock.advance(3)
        return out

    assert run() == run()
    assert len(set(run())) > 1


def test_no_cues_gives_none() -> None:
    m, _ = machine(counted())
    assert m.view.cue is None


def test_the_machine_runs_a_plan_read_back_from_its_json() -> None:
    original = plan(counted("a", reps=(1, 1), sets=1))
    m = SessionMachine(SessionPlan.from_dict(original.to_dict()), FakeClock())
    assert completed(m.rep())[0].record.exercise_id == "a"
