"""Random key presses on random plans, with a fake clock that jumps by random amounts, never
break the session machine's invariants: reps never negative, set numbers within the plan, no
half completed twice, saved reps equal the summary, DONE terminal, `available` honest, and no
illegal phase change (the machine raises IllegalTransition on one)."""

from __future__ import annotations

import json
from typing import TypedDict

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from hiptui.core.session.events import DiscomfortChanged, Event, SessionDone, SetCompleted
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import ExercisePlan, SessionPlan
from tests.profiles import examples
from tests.unit.test_session_support import FakeClock, counted, timed, warmup

ACTIONS = (
    "rep",
    "undo",
    "finish_set",
    "toggle_pause",
    "skip_exercise",
    "skip_rest",
    "mark_discomfort",
    "end",
    "stop_tempo",
)


@st.composite
def plan_items(draw: st.DrawFn, index: int) -> ExercisePlan:
    rest = draw(st.sampled_from([0, 5, 12, 30, 60]))
    per_side = draw(st.booleans())
    first_side = draw(st.sampled_from([None, "left", "right"])) if per_side else None
    cues = tuple(draw(st.lists(st.sampled_from(["A", "B", "Squeeze", "D"]), max_size=3)))
    sets = draw(st.integers(1, 3))
    if draw(st.integers(0, 3)) == 0:
        work = draw(st.integers(5, 40))
        return timed(f"t{index}", sets=sets, work=work, rest=rest, per_side=per_side, cues=cues,
                     first_side=first_side)  # fmt: skip
    low = draw(st.integers(1, 4))
    return counted(
        f"c{index}",
        sets=sets,
        reps=(low, low + draw(st.integers(0, 2))),
        hold=draw(st.none() | st.integers(1, 3)),
        rest=rest,
        per_side=per_side,
        cues=cues,
        first_side=first_side,
    )


@st.composite
def plans(draw: st.DrawFn) -> SessionPlan:
    count = draw(st.integers(1, 3))
    items = tuple(draw(plan_items(i)) for i in range(count))
    warm = warmup(draw(st.integers(10, 60))) if draw(st.booleans()) else None
    return SessionPlan("random", items, warm)


steps = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 15.0, 30.0, 61.0, 400.0]) | st.floats(
    0, 120, allow_nan=False
)


class MachineOptions(TypedDict):
    switch_seconds: int
    warn_at: int | None
    auto_finish: bool
    lead_in: int


class SessionRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.saved: dict[tuple[str, int, str | None], int] = {}
        self.flags: dict[tuple[str, int, str | None], bool] = {}
        self.last_end = 0.0
        self.done = False

    @initialize(
        plan=plans(),
        start_side=st.sampled_from([None, "left", "right"]),
        switch=st.sampled_from([0, 3, 5]),
        warn_at=st.sampled_from([None, 10]),
        auto_finish=st.booleans(),
        lead_in=st.sampled_from([0, 5]),
    )
    def start(
        self,
        plan: SessionPlan,
        start_side: str | None,
        switch: int,
        warn_at: int | None,
        auto_finish: bool,
        lead_in: int,
    ) -> None:
        self.options: MachineOptions = {
            "switch_seconds": switch,
            "warn_at": warn_at,
            "auto_finish": auto_finish,
            "lead_in": lead_in,
        }
        self.m = SessionMachine(plan, self.clock, start_side=start_side, **self.options)

    def take(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, SetCompleted):
                record = event.record
                assert record.key not in self.saved, f"{record.key} completed twice"
                counted = record.work_seconds is None
                assert record.reps > 0 or not counted, "a counted set of 0 reps was saved"
                assert record.started_at <= record.ended_at <= self.clock.now
                assert record.ended_at >= self.last_end  # completions come in time order
                self.last_end = record.ended_at
                self.saved[record.key] = record.reps
                self.flags[record.key] = record.discomfort
            elif isinstance(event, DiscomfortChanged) and event.record is not None:
                assert event.record.key in self.saved
                self.flags[event.record.key] = event.record.discomfort
            elif isinstance(event, SessionDone):
                assert not self.done
                self.done = True

    @rule(seconds=steps)
    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.take(self.m.tick())

    @rule(action=st.sampled_from(ACTIONS))
    def press(self, action: str) -> None:
        self.take(self.m.tick())  # the same moment: `available` must match what the press does
        before = self.m.view
        events = getattr(self.m, action)()
        self.take(events)
        changed = bool(events) or self.m.view != before
        assert changed == (action in before.available), (action, before.phase, events)

    @rule(delta=st.sampled_from([-15, 15, -100]))
    def adjust(self, delta: int) -> None:
        self.take(self.m.tick())
        before = self.m.view
        self.take(self.m.adjust_rest(delta))
        if "adjust_rest" not in before.available:
            assert self.m.view == before

    @rule(lift=st.sampled_from([0.5, 1.0, 2.0]))
    def tempo(self, lift: float) -> None:
        self.take(self.m.start_tempo(lift, 1.0))

    @precondition(lambda self: not self.done)
    @rule()
    def crash_and_resume(self) -> None:
        snapshot = json.loads(json.dumps(self.m.snapshot()))
        records = self.m.records
        plan = SessionPlan.from_dict(json.loads(json.dumps(self.m.plan.to_dict())))
        sides = self.m.first_sides
        self.m = SessionMachine.resume(plan, snapshot, self.clock, **self.options)
        assert self.m.records == records
        assert self.m.first_sides == sides  # each exercise keeps the side it started with
        self.done = self.m.phase is Phase.DONE
        if self.m.phase is not Phase.DONE:
            assert self.m.phase in (Phase.SET, Phase.READY)

    @invariant()
    def counts_stay_within_the_plan(self) -> None:
        view = self.m.view
        assert view.reps >= 0
        assert 1 <= view.set_number <= view.sets
        for record in self.m.records:
            if record.exercise_id != "warm-up":
                index = self.m.plan.item_index(record.exercise_id)
                assert index is not None
                assert 1 <= record.set_number <= self.m.plan.items[index].sets

    @invariant()
    def saved_sets_match_the_machine_and_the_summary(self) -> None:
        keys = [r.key for r in self.m.records]
        assert len(keys) == len(set(keys)) == len(self.saved)
        assert set(keys) == set(self.saved)
        assert {r.key: r.discomfort for r in self.m.records} == self.flags
        summary = self.m.summary()
        assert summary.total_reps == sum(self.saved.values())
        flagged = {key[0] for key, flag in self.flags.items() if flag}
        assert set(summary.flagged) == flagged - {"warm-up"}

    @invariant()
    def timers_are_sane(self) -> None:
        view = self.m.view
        for remaining, total in (
            (view.rest_remaining, view.rest_total),
            (view.hold_remaining, view.hold_seconds),
            (view.work_remaining, view.work_seconds),
        ):
            if remaining is not None:
                assert total is not None and 0 <= remaining <= total + 1e-9
        if view.tempo is not None:
            assert view.phase is Phase.SET

    @invariant()
    def paused_and_done_are_reported(self) -> None:
        view = self.m.view
        assert (self.m.phase is Phase.PAUSED) == view.paused
        assert (self.m.phase is Phase.DONE) == self.done
        if self.done:
            assert view.available == frozenset()


SessionRules.TestCase.settings = settings(max_examples=examples(300), stateful_step_count=40)
test_random_sessions_keep_their_invariants = SessionRules.TestCase


class LongSessionRules(SessionRules):
    pass


LongSessionRules.TestCase.settings = settings(max_examples=examples(1500), stateful_step_count=80)
test_many_long_random_sessions = pytest.mark.slow(LongSessionRules.TestCase)
