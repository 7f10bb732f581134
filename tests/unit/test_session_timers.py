"""The session machine's timers: rest, warning, adjusting, pausing, timed sets, the warm-up and
skipping. Every timer is a deadline on the fake clock; ticks may arrive late."""

from __future__ import annotations

import pytest

from hiptui.core.session.events import (
    CueChanged,
    ExerciseSkipped,
    PauseChanged,
    RestAdjusted,
    RestEnded,
    RestStarted,
    RestWarning,
    SessionDone,
    SetStarted,
)
from hiptui.core.session.phase import Phase
from tests.unit.test_session_support import (
    completed,
    counted,
    machine,
    of_type,
    reps_to,
    timed,
    warmup,
)

# -- rest ------------------------------------------------------------------------------------


def test_rest_starts_by_itself_and_shows_the_next_target() -> None:
    m, _ = machine(counted(sets=3, reps=(1, 2), rest=45, hold=None))
    events = reps_to(m, 2)
    [rest] = of_type(events, RestStarted)
    assert isinstance(rest, RestStarted)
    assert (rest.seconds, rest.ends_at) == (45, 1045.0)
    assert (rest.next.set_number, rest.next.sets, rest.next.exercise_id) == (2, 3, "bridge")
    view = m.view
    assert (view.phase, view.rest_remaining, view.rest_total) == (Phase.REST, 45.0, 45.0)
    assert view.next_target == rest.next
    assert {"skip_rest", "adjust_rest"} <= view.available and "rep" not in view.available


def test_rest_warns_once_at_ten_seconds_left_and_ends_exactly_on_its_deadline() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=30))
    m.rep()
    clock.advance(19.5)
    assert m.tick() == []
    clock.advance(0.5)
    assert m.tick() == [RestWarning(seconds_left=10)]
    clock.advance(5)
    assert m.tick() == []
    clock.advance(4.999)
    assert m.tick() == []
    resting = m.view  # the view before the tick below
    assert resting.phase is Phase.REST
    clock.advance(0.001)
    events = m.tick()
    assert events[:2] == [RestEnded(skipped=False), SetStarted("bridge", 2, None, 1030.0)]
    assert m.view.phase is Phase.SET and m.view.set_number == 2


def test_a_late_tick_fires_what_was_due_in_order_and_the_next_set_starts_at_the_deadline() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=30))
    m.rep()
    clock.advance(500)
    events = m.tick()
    assert events[:3] == [
        RestWarning(seconds_left=10),
        RestEnded(skipped=False),
        SetStarted("bridge", 2, None, 1030.0),
    ]
    clock.advance(1)
    [done] = completed(m.rep())
    assert done.record.started_at == 1030.0  # not the time of the late tick


def test_a_short_rest_does_not_warn_and_warnings_can_be_off() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=10))
    m.rep()
    clock.advance(10)
    assert of_type(m.tick(), RestWarning) == []
    n, clock = machine(counted(sets=2, reps=(1, 1), rest=60), warn_at=None)
    n.rep()
    clock.advance(60)
    assert of_type(n.tick(), RestWarning) == []


def test_adjusting_rest_moves_the_deadline() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=60))
    m.rep()
    clock.advance(10)
    assert m.adjust_rest(15) == [RestAdjusted(remaining=65.0, total=75.0)]
    assert m.view.rest_remaining == 65.0 and m.view.rest_total == 75.0
    m.adjust_rest(-15)
    m.adjust_rest(-15)
    assert m.view.rest_remaining == 35.0 and m.view.rest_total == 45.0
    clock.advance(34.9)
    m.tick()
    assert m.view.phase is Phase.REST
    clock.advance(0.1)
    assert RestEnded(skipped=False) in m.tick()


def test_the_warning_fires_only_once_even_when_rest_is_lengthened() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=30))
    m.rep()
    clock.advance(20)
    assert m.tick() == [RestWarning(seconds_left=10)]
    m.adjust_rest(15)
    clock.advance(25)
    events = m.tick()
    assert of_type(events, RestWarning) == [] and RestEnded(skipped=False) in events


def test_shortening_into_the_warning_window_warns_at_once() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=30))
    m.rep()
    clock.advance(5)
    events = m.adjust_rest(-15)  # 10 s left
    assert events == [RestAdjusted(remaining=10.0, total=15.0), RestWarning(seconds_left=10)]


def test_lengthening_a_short_rest_arms_the_warning() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=10))
    m.rep()
    m.adjust_rest(15)  # 25 s left
    clock.advance(15)
    assert m.tick() == [RestWarning(seconds_left=10)]


def test_shortening_past_zero_ends_the_rest_now() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=20))
    m.rep()
    clock.advance(12)
    events = m.adjust_rest(-15)
    assert RestAdjusted(remaining=0.0, total=12.0) in events
    assert RestEnded(skipped=False) in events
    assert SetStarted("bridge", 2, None, 1012.0) in events


def test_skip_rest_starts_the_next_set_now() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=60))
    m.rep()
    clock.advance(7)
    events = m.skip_rest()
    assert events[:2] == [RestEnded(skipped=True), SetStarted("bridge", 2, None, 1007.0)]
    assert m.skip_rest() == [] and m.adjust_rest(15) == []


def test_zero_rest_goes_straight_on() -> None:
    m, _ = machine(counted("a", sets=1, reps=(1, 1), rest=0), counted("b"))
    events = m.rep()
    assert of_type(events, RestStarted) == []
    assert (m.view.phase, m.view.exercise_id) == (Phase.SET, "b")


def test_rest_after_an_exercise_leads_to_the_next_one() -> None:
    m, _ = machine(counted("a", sets=1, reps=(1, 1), rest=40), counted("b", sets=3))
    [rest] = of_type(m.rep(), RestStarted)
    assert isinstance(rest, RestStarted)
    assert (rest.next.exercise_id, rest.next.set_number, rest.next.sets) == ("b", 1, 3)
    assert m.view.exercise_id == "b" and m.view.item_number == 2


# -- pause -----------------------------------------------------------------------------------


def test_pause_freezes_the_rest_and_shifts_its_deadline() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), rest=30), warn_at=None)
    m.rep()
    clock.advance(10)
    assert m.toggle_pause() == [PauseChanged(paused=True)]
    assert m.phase is Phase.PAUSED and m.view.phase is Phase.REST and m.view.paused
    clock.advance(300)
    assert m.tick() == []
    assert m.view.rest_remaining == 20.0
    assert m.toggle_pause() == [PauseChanged(paused=False)]
    clock.advance(19.9)
    assert m.tick() == []
    clock.advance(0.1)
    assert m.tick()[0] == RestEnded(skipped=False)


def test_only_pause_end_and_discomfort_act_while_paused() -> None:
    m, _ = machine(counted())
    m.rep()
    m.toggle_pause()
    assert m.view.available == frozenset({"toggle_pause", "end", "mark_discomfort"})
    for act in (m.rep, m.undo, m.finish_set, m.skip_exercise, m.skip_rest):
        assert act() == []
    assert m.view.reps == 1 and m.records == ()
    assert len(m.mark_discomfort()) == 1


def test_pause_during_a_hold_delays_the_rep() -> None:
    m, clock = machine(counted(hold=2))
    m.rep()
    clock.advance(1)
    m.toggle_pause()
    clock.advance(60)
    m.toggle_pause()
    assert m.view.hold_remaining == 1.0
    clock.advance(1)
    m.tick()
    assert m.view.reps == 1


def test_paused_time_is_not_counted_as_work() -> None:
    m, clock = machine(timed(sets=1, work=30))
    m.rep()
    clock.advance(10)
    m.toggle_pause()
    clock.advance(100)
    m.toggle_pause()
    clock.advance(5)
    [done] = completed(m.finish_set())
    assert done.record.work_seconds == 15.0


# -- timed sets ------------------------------------------------------------------------------


def test_a_timed_set_waits_in_ready_then_counts_down_and_completes_itself() -> None:
    m, clock = machine(timed(sets=2, work=30, rest=15))
    assert m.view.phase is Phase.READY and m.view.work_remaining == 30.0
    assert m.view.available >= {"rep"} and "finish_set" not in m.view.available
    assert m.finish_set() == []
    clock.advance(3)
    assert of_type(m.rep(), SetStarted) == [SetStarted("stretch", 1, None, 1003.0, timed=True)]
    clock.advance(12)
    assert m.view.work_remaining == 18.0
    clock.advance(18)
    events = m.tick()
    [done] = completed(events)
    assert done.record.work_seconds == 30.0 and done.record.reps == 0
    assert (done.record.started_at, done.record.ended_at) == (1003.0, 1033.0)
    assert of_type(events, RestStarted) != []


def test_a_timed_set_after_rest_starts_itself_counted_from_the_rest_deadline() -> None:
    m, clock = machine(timed(sets=2, work=30, rest=15))
    m.rep()
    clock.advance(30)
    m.tick()  # set 1 done at 1030, rest until 1045
    clock.advance(22)  # tick arrives 7 s after the rest ended
    events = m.tick()
    assert SetStarted("stretch", 2, None, 1045.0, timed=True) in events
    assert m.view.phase is Phase.WORK and m.view.work_remaining == 23.0


def test_a_long_gap_completes_every_timed_set_that_was_due() -> None:
    m, clock = machine(timed(sets=3, work=30, rest=15), warn_at=None)
    m.rep()
    clock.advance(10_000)
    events = m.tick()
    ends = [e.record.ended_at for e in completed(events)]
    assert ends == [1030.0, 1075.0, 1120.0]
    assert events[-1] == SessionDone(ended_early=False)


def test_per_side_timed_sets_start_the_second_side_after_the_switch() -> None:
    m, clock = machine(timed(sets=1, work=20, per_side=True))
    m.rep()
    clock.advance(20)
    m.tick()
    assert m.view.phase is Phase.SWITCH_SIDES
    clock.advance(5)
    m.tick()
    assert (m.view.phase, m.view.side, m.view.work_remaining) == (Phase.WORK, "right", 20.0)


def test_finish_set_ends_a_timed_set_early_with_the_time_worked() -> None:
    m, clock = machine(timed(sets=1, work=30))
    m.rep()
    clock.advance(12.5)
    [done] = completed(m.finish_set())
    assert done.record.work_seconds == 12.5


def test_timed_cues_rotate_with_time() -> None:
    m, clock = machine(timed(sets=1, work=60, cues=("A", "B", "C")), cue_every_seconds=10)
    m.rep()
    assert m.view.cue == "A"
    clock.advance(10)
    assert m.tick() == [CueChanged("B")]
    clock.advance(25)
    assert m.tick() == [CueChanged("A")]


# -- the warm-up -----------------------------------------------------------------------------


def test_the_warm_up_counts_down_and_is_saved() -> None:
    m, clock = machine(counted(), warm=warmup(300))
    view = m.view
    assert (view.phase, view.is_warmup, view.item_number, view.work_remaining) == (
        Phase.WARMUP,
        True,
        0,
        300.0,
    )
    clock.advance(300)
    events = m.tick()
    [done] = completed(events)
    assert (done.record.exercise_id, done.record.work_seconds, done.record.reps) == (
        "warm-up",
        300.0,
        0,
    )
    assert m.view.phase is Phase.SET and m.view.exercise_id == "bridge"
    assert m.summary().warmup_seconds == 300.0


def test_the_warm_up_can_be_skipped() -> None:
    m, _ = machine(counted(), timed("s"), warm=warmup())
    events = m.skip_exercise()
    assert of_type(events, ExerciseSkipped) == [ExerciseSkipped("warm-up", "Warm-up")]
    assert completed(events) == [] and m.view.phase is Phase.SET
    assert m.summary().warmup_seconds is None
    assert not any(e.skipped for e in m.summary().exercises)


def test_the_warm_up_can_be_cut_short_and_keeps_its_time() -> None:
    m, clock = machine(timed(), warm=warmup())
    clock.advance(200)
    [done] = completed(m.finish_set())
    assert done.record.work_seconds == 200.0
    assert m.view.phase is Phase.READY  # a timed first exercise waits for the user


# -- skipping an exercise --------------------------------------------------------------------


def test_skipping_mid_set_drops_the_half_and_moves_to_the_next_exercise() -> None:
    m, _ = machine(counted("a", sets=3), counted("b"))
    reps_to(m, 4)
    events = m.skip_exercise()
    assert completed(events) == []
    assert of_type(events, ExerciseSkipped) == [ExerciseSkipped("a", "A")]
    assert (m.view.exercise_id, m.view.set_number, m.view.reps) == ("b", 1, 0)
    summary = m.summary()
    assert [e.skipped for e in summary.exercises] == [True, False]


def test_skipping_during_a_rest_skips_what_the_rest_leads_to() -> None:
    m, _ = machine(counted("a", sets=1, reps=(1, 1)), counted("b"), counted("c"))
    m.rep()  # rest before b
    m.skip_exercise()
    assert m.view.exercise_id == "c" and m.view.phase is Phase.SET
    assert m.skipped == ("b",)
    n, _ = machine(counted("a", sets=3, reps=(1, 1)), counted("b"))
    n.rep()  # rest before a's set 2
    n.skip_exercise()
    assert n.view.exercise_id == "b"


def test_skipping_the_last_exercise_ends_the_session() -> None:
    m, _ = machine(counted("a"))
    events = m.skip_exercise()
    assert SessionDone(ended_early=False) in events
    assert m.phase is Phase.DONE and m.summary().complete


@pytest.mark.parametrize("start", ["rest", "switch"])
def test_skip_rest_does_nothing_outside_a_pause_between_sets(start: str) -> None:
    m, _ = machine(counted(per_side=start == "switch", reps=(1, 1)))
    assert m.skip_rest() == []
    m.rep()
    assert m.skip_rest() != []
