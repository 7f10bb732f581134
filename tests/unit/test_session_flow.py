"""The session machine: tempo mode, discomfort, ending early, the summary, snapshot and resume."""

from __future__ import annotations

import json

import pytest

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.events import (
    DiscomfortChanged,
    RepCounted,
    SessionDone,
    TempoChanged,
    TempoStepChanged,
)
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import SessionPlan
from hiptui.core.session.summary import ASSUMED_MOVE_SECONDS
from hiptui.core.session.tempo import TempoStep
from tests.unit.test_session_support import (
    FakeClock,
    completed,
    counted,
    machine,
    of_type,
    plan,
    reps_to,
    timed,
    warmup,
)

# -- tempo -----------------------------------------------------------------------------------


def tempo_step(m: SessionMachine) -> TempoStep | None:
    """The beat the machine is on now (a call, read afresh after every tick)."""
    tempo = m.view.tempo
    return None if tempo is None else tempo.step


def test_tempo_counts_reps_on_the_beat() -> None:
    m, clock = machine(counted(reps=(8, 12), hold=2))
    assert m.start_tempo(1, 1.5) == [TempoChanged(active=True)]
    tempo = m.view.tempo
    assert tempo is not None and (tempo.step, tempo.remaining) == (TempoStep.LIFT, 1.0)
    assert "stop_tempo" in m.view.available and "start_tempo" not in m.view.available
    clock.advance(1)
    assert m.tick() == [TempoStepChanged(TempoStep.HOLD)]
    assert tempo_step(m) is TempoStep.HOLD
    assert m.view.tempo is not None and m.view.tempo.tempo.hold == 2  # the exercise's own
    clock.advance(2)
    assert m.tick() == [TempoStepChanged(TempoStep.LOWER)]
    assert tempo_step(m) is TempoStep.LOWER
    assert m.view.reps == 0
    clock.advance(1.5)
    assert m.tick() == [RepCounted(1), TempoStepChanged(TempoStep.LIFT)]
    assert m.view.reps == 1
    assert tempo_step(m) is TempoStep.LIFT


def test_tempo_without_a_hold_has_no_hold_step_and_the_set_records_the_hold_done() -> None:
    m, clock = machine(counted(sets=1, reps=(1, 1)))
    m.start_tempo(1, 1)
    clock.advance(1)
    assert m.tick() == [TempoStepChanged(TempoStep.LOWER)]
    clock.advance(1)
    [done] = completed(m.tick())
    assert done.record.hold_seconds is None and done.record.reps == 1
    n, clock = machine(counted(sets=1, reps=(1, 1), hold=3))
    n.start_tempo(1, 1)
    clock.advance(5)
    [held] = completed(n.tick())
    assert held.record.hold_seconds == 3  # the hold the beat kept, as history records it


def test_a_late_tick_counts_only_the_beats_that_were_due() -> None:
    m, clock = machine(counted(reps=(20, 20)))
    m.start_tempo(1, 1)  # one rep every 2 s, no hold step
    clock.advance(9.5)
    m.tick()
    view = m.view
    assert view.reps == 4  # reps at 2, 4, 6 and 8 s; the fifth is lowering
    assert view.tempo is not None and view.tempo.step is TempoStep.LOWER
    assert view.tempo.remaining == pytest.approx(0.5)


def test_tempo_completes_the_set_at_the_target_on_the_exact_beat() -> None:
    m, clock = machine(counted(sets=2, reps=(2, 3), rest=60, hold=1))
    m.start_tempo(1, 1)
    clock.advance(20)
    events = m.tick()
    [done] = completed(events)
    assert done.record.reps == 3 and done.record.ended_at == 1009.0
    assert TempoChanged(active=False) in events
    assert m.view.phase is Phase.REST and m.view.tempo is None


@pytest.mark.parametrize("action", ["rep", "undo", "finish_set", "toggle_pause", "stop_tempo"])
def test_any_manual_action_takes_back_control(action: str) -> None:
    m, clock = machine(counted(reps=(8, 12)))
    m.start_tempo(1, 1)
    clock.advance(4)  # two reps counted on the beat
    events = getattr(m, action)()
    assert TempoChanged(active=False) in events
    assert m.view.tempo is None
    expected = {"rep": 3, "undo": 1, "finish_set": 0, "toggle_pause": 2, "stop_tempo": 2}
    assert m.view.reps == expected[action]
    clock.advance(10)
    m.tick()
    assert m.view.reps == expected[action]  # no more beats


def test_tempo_only_starts_while_counting_reps() -> None:
    m, _ = machine(timed())
    assert m.start_tempo(1, 1) == [] and m.view.tempo is None
    n, _ = machine(counted(hold=2))
    n.rep()  # in a hold
    assert n.start_tempo(1, 1) == []
    with pytest.raises(ValueError, match="tempo"):
        n.start_tempo(0, 1)


# -- discomfort ------------------------------------------------------------------------------


def test_discomfort_flags_the_set_in_progress() -> None:
    m, _ = machine(counted(sets=2, reps=(2, 2)))
    m.rep()
    assert m.mark_discomfort() == [DiscomfortChanged("bridge", 1, None, True, None)]
    assert m.view.discomfort
    [done] = completed(m.rep())
    assert done.record.discomfort is True
    assert m.summary().flagged == ("bridge",)
    assert m.summary().exercises[0].discomfort_sets == ((1, None),)


def test_discomfort_toggles_off_again() -> None:
    m, _ = machine(counted(sets=1, reps=(1, 1)))
    m.mark_discomfort()
    m.mark_discomfort()
    [done] = completed(m.rep())
    assert done.record.discomfort is False and m.summary().flagged == ()


def test_discomfort_during_rest_flags_the_last_completed_half() -> None:
    m, _ = machine(counted("a", sets=2, reps=(1, 1), per_side=True), counted("b"))
    m.rep()  # left half done, switching sides
    [change] = m.mark_discomfort()
    assert isinstance(change, DiscomfortChanged) and change.record is not None
    assert (change.side, change.discomfort, change.record.reps) == ("left", True, 1)
    assert m.records[0].discomfort and m.view.discomfort
    m.skip_rest()
    assert not m.view.discomfort  # the right half starts unflagged
    assert m.summary().exercises[0].discomfort_sets == ((1, "left"),)


# -- ending ----------------------------------------------------------------------------------


def test_end_keeps_the_reps_of_the_half_in_progress() -> None:
    m, clock = machine(counted(sets=3))
    reps_to(m, 5)
    clock.advance(20)
    events = m.end()
    [done] = completed(events)
    assert done.record.reps == 5 and done.record.ended_at == 1020.0
    assert SessionDone(ended_early=True) in events
    summary = m.summary()
    assert summary.ended_early and not summary.complete and m.ended_early


def test_end_with_nothing_counted_saves_nothing() -> None:
    m, _ = machine(counted())
    events = m.end()
    assert completed(events) == [] and SessionDone(ended_early=True) in events


def test_end_while_paused_in_a_timed_set_keeps_the_time_worked_before_the_pause() -> None:
    m, clock = machine(timed(work=60))
    m.rep()
    clock.advance(20)
    m.toggle_pause()
    clock.advance(100)
    [done] = completed(m.end())
    assert done.record.work_seconds == 20.0 and m.phase is Phase.DONE


# -- summary ---------------------------------------------------------------------------------


def test_summary_counts_sets_reps_per_side_and_time_under_tension() -> None:
    m, clock = machine(
        counted("a", sets=2, reps=(2, 2), hold=2, per_side=True, rest=10),
        timed("s", sets=1, work=30),
        warn_at=None,
    )
    for _ in range(4):  # each half: two reps with 2 s holds
        m.rep()
        clock.advance(2)
        m.rep()
        clock.advance(2)
        m.tick()
        clock.advance(60)
        m.tick()
    # the stretch started itself when the last rest ended and ran its 30 s in the last wait
    assert m.phase is Phase.DONE
    summary = m.summary()
    a, s = summary.exercises
    assert (a.sets_done, a.reps, a.reps_left, a.reps_right) == (2, 8, 4, 4)
    assert a.tut_seconds == 8 * (2 + ASSUMED_MOVE_SECONDS)
    assert (s.sets_done, s.work_seconds, s.tut_seconds) == (1, 30.0, 30.0)
    assert summary.total_reps == 8 and summary.total_sets == 3 and summary.complete


# -- snapshot and resume ---------------------------------------------------------------------


def saved_snapshot(m: SessionMachine) -> dict[str, object]:
    data: dict[str, object] = json.loads(json.dumps(m.snapshot()))
    return data


def test_resume_starts_at_the_first_half_not_completed() -> None:
    items = (counted("a", sets=2, reps=(1, 1), per_side=True), counted("b", sets=2))
    m, clock = machine(*items)
    m.rep()  # a 1 left
    clock.advance(5)
    m.tick()
    m.rep()  # a 1 right, then rest
    clock.advance(60)
    m.tick()
    m.rep()  # a 2 left, switching
    resumed = SessionMachine.resume(plan(*items), saved_snapshot(m), FakeClock(50.0))
    view = resumed.view
    assert (view.phase, view.exercise_id, view.set_number, view.side) == (
        Phase.SET,
        "a",
        2,
        "right",
    )
    assert resumed.records == m.records
    resumed.rep()
    assert resumed.view.phase is Phase.REST and resumed.view.exercise_id == "b"


def test_resume_restores_the_reps_of_the_half_in_progress() -> None:
    m, _ = machine(counted(sets=2))
    reps_to(m, 4)
    m.mark_discomfort()
    resumed = SessionMachine.resume(m.plan, saved_snapshot(m), FakeClock())
    assert resumed.view.reps == 4 and resumed.view.discomfort


def test_resume_does_not_rerun_the_warm_up_and_keeps_skips() -> None:
    p = plan(counted("a"), counted("b"), timed("c"), warm=warmup())
    m = SessionMachine(p, FakeClock())
    m.skip_exercise()  # warm-up
    m.skip_exercise()  # a
    m.skip_exercise()  # b
    resumed = SessionMachine.resume(p, saved_snapshot(m), FakeClock())
    assert (resumed.view.phase, resumed.view.exercise_id) == (Phase.READY, "c")
    assert resumed.skipped == ("a", "b")


def test_resume_from_a_snapshot_taken_during_the_warm_up() -> None:
    p = plan(counted("a"), warm=warmup())
    m = SessionMachine(p, FakeClock())
    resumed = SessionMachine.resume(p, saved_snapshot(m), FakeClock())
    assert (resumed.view.phase, resumed.view.exercise_id, resumed.view.reps) == (Phase.SET, "a", 0)


def test_saved_sets_fill_in_what_a_late_snapshot_missed() -> None:
    items = (counted("a", sets=2, reps=(1, 1)),)
    m, _ = machine(*items)
    early = saved_snapshot(m)  # taken before the first set completed
    [done] = completed(m.rep())
    resumed = SessionMachine.resume(plan(*items), early, FakeClock(), saved=[done.record])
    assert resumed.view.set_number == 2 and resumed.records == (done.record,)
    assert resumed.view.reps == 0  # the snapshot's position is no longer the open half


def test_resuming_a_finished_session_is_done() -> None:
    m, _ = machine(counted(sets=1, reps=(1, 1)))
    m.rep()
    resumed = SessionMachine.resume(m.plan, saved_snapshot(m), FakeClock())
    assert resumed.phase is Phase.DONE and resumed.summary().complete


def test_resume_keeps_the_starting_side_unless_told_otherwise() -> None:
    items = (counted("a", reps=(1, 1), per_side=True),)
    m, _ = machine(*items, start_side="right")
    snap = saved_snapshot(m)
    assert SessionMachine.resume(plan(*items), snap, FakeClock()).view.side == "right"
    other = SessionMachine.resume(plan(*items), snap, FakeClock(), start_side="left")
    assert other.view.side == "left"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "snapshot: version 2"),
        (lambda d: d.update(completed="x"), "completed and skipped must be lists"),
        (lambda d: d.update(skipped=[1]), "skipped must list exercise ids"),
        (lambda d: d.update(start_side="up"), "start_side 'up'"),
        (lambda d: d.update(reps=-1), "reps must be a whole number"),
        (lambda d: d["completed"][0].update(exercise_id="zzz"), "not in the plan"),
        (lambda d: d["completed"][0].update(set_number=9), "the plan has only 2 sets"),
        (lambda d: d["completed"][0].update(side="left"), "does not fit the plan"),
        (lambda d: d["completed"][0].update(reps="3"), "reps 0 or more"),
        (lambda d: d["completed"][0].update(discomfort="no"), "discomfort must be true"),
        (lambda d: d["completed"][0].update(side="up"), "side 'up'"),
    ],
)
def test_a_snapshot_that_does_not_fit_is_refused(change: object, message: str) -> None:
    m, _ = machine(counted("a", sets=2, reps=(1, 1)))
    m.rep()
    data = saved_snapshot(m)
    change(data)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message):
        SessionMachine.resume(m.plan, data, FakeClock())


def test_completed_sets_round_trip() -> None:
    record = CompletedSet("a", "A", 2, "left", 7, 2, None, True, 10.5, 40.25)
    assert CompletedSet.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    assert record.key == ("a", 2, "left")


def test_the_plan_in_a_snapshot_session_can_come_back_from_storage() -> None:
    p = plan(counted("a", sets=2, reps=(1, 1)))
    m = SessionMachine(p, FakeClock())
    m.rep()
    stored_plan = SessionPlan.from_dict(json.loads(json.dumps(p.to_dict())))
    resumed = SessionMachine.resume(stored_plan, saved_snapshot(m), FakeClock())
    assert resumed.view.set_number == 2 and of_type(resumed.rep(), SessionDone) != []
