"""The session machine's actions as a typed table: ``Action``, ``perform`` and ``available``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.view import Action, available_actions
from tests.unit.test_session_support import FakeClock, counted, plan, timed, warmup

# For each action: a way to reach a moment where it applies, and the arguments it takes.
SETUPS: dict[Action, tuple[Callable[[SessionMachine, FakeClock], object], tuple[float, ...]]] = {
    Action.REP: (lambda m, c: None, ()),
    Action.UNDO: (lambda m, c: m.rep(), ()),
    Action.FINISH_SET: (lambda m, c: m.rep(), ()),
    Action.TOGGLE_PAUSE: (lambda m, c: None, ()),
    Action.SKIP_EXERCISE: (lambda m, c: None, ()),
    Action.SKIP_REST: (lambda m, c: (m.rep(), m.finish_set()), ()),
    Action.ADJUST_REST: (lambda m, c: (m.rep(), m.finish_set()), (15.0,)),
    Action.MARK_DISCOMFORT: (lambda m, c: m.rep(), ()),
    Action.END: (lambda m, c: m.rep(), ()),
    Action.START_TEMPO: (lambda m, c: None, (1.0, 1.0)),
    Action.STOP_TEMPO: (lambda m, c: m.start_tempo(1.0, 1.0), ()),
}


def fresh() -> tuple[SessionMachine, FakeClock]:
    clock = FakeClock()
    session = plan(counted(sets=2, reps=(3, 5)), timed(sets=1, work=20))
    return SessionMachine(session, clock), clock


def test_every_action_has_a_setup_here() -> None:
    assert set(SETUPS) == set(Action)


@pytest.mark.parametrize("action", list(Action))
def test_perform_does_what_the_method_of_the_same_name_does(action: Action) -> None:
    setup, args = SETUPS[action]
    by_table, clock_a = fresh()
    by_name, clock_b = fresh()
    for m, clock in ((by_table, clock_a), (by_name, clock_b)):
        setup(m, clock)
        clock.advance(0.5)
    before = by_table.view
    assert action in before.available, (action, before.phase)
    events = by_table.perform(action, *args)
    assert events == getattr(by_name, action.value)(*args)
    assert by_table.view == by_name.view
    assert by_table.records == by_name.records
    assert events or by_table.view != before  # it applied, so it did something


def test_available_holds_actions_and_matches_their_names() -> None:
    m, _ = fresh()
    available = m.view.available
    assert available and all(isinstance(a, Action) for a in available)
    assert Action.REP in available and "rep" in available
    assert Action.SKIP_REST not in available


def test_what_is_available_while_paused_done_and_in_each_phase() -> None:
    calm = {Action.TOGGLE_PAUSE, Action.END, Action.MARK_DISCOMFORT}
    for phase in Phase:
        assert available_actions(phase, paused=True, reps=3, tempo=False) == (
            frozenset() if phase is Phase.DONE else calm
        )
    assert available_actions(Phase.DONE, paused=False, reps=0, tempo=False) == frozenset()
    counting = available_actions(Phase.SET, paused=False, reps=0, tempo=False)
    assert Action.START_TEMPO in counting and Action.UNDO not in counting
    on_beat = available_actions(Phase.SET, paused=False, reps=0, tempo=True)
    assert {Action.STOP_TEMPO, Action.UNDO} <= on_beat and Action.START_TEMPO not in on_beat
    resting = available_actions(Phase.REST, paused=False, reps=0, tempo=False)
    assert {Action.SKIP_REST, Action.ADJUST_REST, Action.SKIP_EXERCISE} <= resting
    assert Action.REP not in resting


def test_a_warm_up_can_be_finished_or_skipped_through_perform() -> None:
    clock = FakeClock()
    m = SessionMachine(plan(counted(), warm=warmup(work=60)), clock)
    assert m.view.available == {
        Action.TOGGLE_PAUSE,
        Action.END,
        Action.MARK_DISCOMFORT,
        Action.SKIP_EXERCISE,
        Action.FINISH_SET,
    }
    clock.advance(30)
    m.perform(Action.FINISH_SET)
    [record] = m.records
    assert (record.exercise_id, record.work_seconds) == ("warm-up", 30.0)
    assert m.view.phase is Phase.SET
