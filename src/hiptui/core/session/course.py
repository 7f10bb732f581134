"""The course of a session: its phase, the half in progress, the sets completed, and what
follows what.

A half completes (the rep target reached, a timed set run out, or by hand), is recorded, and is
followed by the other side, a rest, the next set or the end. Deadlines that have passed fire in
deadline order, each follow-on deadline counted from the one before it, so a late tick completes
exactly what was due. :class:`~hiptui.core.session.machine.SessionMachine` drives a course: it
checks that an action applies, asks the course to do it, and shows the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.events import (
    DiscomfortChanged,
    Event,
    ExerciseSkipped,
    HoldDone,
    HoldStarted,
    LeadInStarted,
    RepCounted,
    RestAdjusted,
    RestEnded,
    RestStarted,
    RestWarning,
    SessionDone,
    SetCompleted,
    SetStarted,
    SidesSwitched,
    TempoChanged,
    TempoStepChanged,
)
from hiptui.core.session.phase import LEGAL_TRANSITIONS, IllegalTransition, Phase
from hiptui.core.session.plan import SessionPlan
from hiptui.core.session.snapshot import ResumePoint
from hiptui.core.session.tempo import TempoBeat
from hiptui.core.session.timers import Countdown, Rest
from hiptui.core.session.view import NextTarget
from hiptui.core.session.walk import HalfWalk, Position

_COUNTDOWNS = (
    Phase.WARMUP, Phase.LEAD_IN, Phase.WORK, Phase.HOLD, Phase.SWITCH_SIDES, Phase.REST,
)  # fmt: skip


class SessionCourse:
    """A session under way, from its first half (or its warm-up) at ``now``."""

    def __init__(
        self,
        plan: SessionPlan,
        now: float,
        *,
        first_sides: Mapping[str, str],
        switch_seconds: int,
        warn_at: int | None,
        auto_finish: bool,
        lead_in: int = 0,
    ) -> None:
        self.switch_seconds = switch_seconds
        self.auto_finish = auto_finish
        self.lead_in = lead_in  # seconds to get into position before a timed set counts
        self.walk = HalfWalk(plan, first_sides)
        self.timer = Countdown(now)
        self.rest = Rest(warn_at)
        self.beat = TempoBeat()
        self.records: list[CompletedSet] = []
        self.reps, self.discomfort = 0, False  # of the half in progress
        self.ended_early = False
        self.phase = Phase.SET
        self._started_at = now
        if plan.warmup is not None and plan.warmup.work_seconds is not None:
            self.walk.start_warmup()
            self.phase = Phase.WARMUP
            self.timer.start(now, plan.warmup.work_seconds)
        else:
            self.enter_half(now, auto=False, events=[])

    def go(self, phase: Phase) -> None:
        """Change phase, as :data:`~hiptui.core.session.phase.LEGAL_TRANSITIONS` allows."""
        if phase is not Phase.DONE and phase not in LEGAL_TRANSITIONS[self.phase]:
            raise IllegalTransition(f"{self.phase.value} -> {phase.value}")
        if self.phase is Phase.DONE:
            raise IllegalTransition("done is terminal")
        self.phase = phase

    def restore(self, point: ResumePoint, now: float) -> None:
        """Go to the first half not completed at ``point`` (the warm-up is not run again); the
        half in progress at ``point`` keeps its reps and its discomfort flag."""
        self.records = list(point.completed)
        self.walk.done = {record.key for record in self.records}
        self.walk.skipped = list(point.skipped)
        self.timer.clear()
        self.go_to(self.walk.next_open(0, 1, 0), now, auto=False, events=[])
        if self.phase is not Phase.DONE and point.at == self.walk.key:
            self.reps = point.reps if self.phase is Phase.SET else 0
            self.discomfort = point.discomfort

    def next_target(self) -> NextTarget:
        item = self.walk.current
        return NextTarget(
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            set_number=self.walk.set_number,
            sets=item.sets,
            side=self.walk.side,
            target_reps=item.target_reps,
            hold_seconds=item.hold_seconds,
            work_seconds=item.work_seconds,
        )

    # -- time passing -----------------------------------------------------------------------

    def advance(self, now: float, events: list[Event]) -> None:
        """Fire every deadline up to ``now``, in order (none while paused)."""
        while not self.timer.paused:
            due = self._due()
            if due is None or due > now:
                return
            self._fire(due, events)

    def _due(self) -> float | None:
        if self.phase is Phase.SET and self.beat.active:
            return self.beat.deadline
        deadline = self.timer.deadline
        if self.phase not in _COUNTDOWNS or deadline is None:
            return None
        return self.rest.due(deadline) if self.phase is Phase.REST else deadline

    def _fire(self, at: float, events: list[Event]) -> None:
        phase = self.phase
        if phase is Phase.SET:
            if self.beat.beat(at):
                self.reps += 1
                events.append(RepCounted(self.reps))
                self._check_target(at, events)
            if self.phase is Phase.SET and self.beat.active:
                events.append(TempoStepChanged(self.beat.step))
        elif phase is Phase.REST and self.rest.warning_due():
            events.append(RestWarning(seconds_left=self.rest.warn()))
        elif phase is Phase.REST:
            events.append(RestEnded(skipped=False))
            self.enter_half(at, auto=True, events=events)
        elif phase is Phase.SWITCH_SIDES:
            self.enter_half(at, auto=True, events=events)
        elif phase is Phase.LEAD_IN:
            self.start_work(at, events)
        elif phase is Phase.HOLD:
            self.reps += 1
            self.go(Phase.SET)
            self.timer.clear()
            events.append(HoldDone(reps=self.reps))
            events.append(RepCounted(self.reps))
            self._check_target(at, events)
        else:  # WORK or WARMUP ran its full time
            self.complete(at, events, work=float(self.walk.current.work_seconds or 0))

    def _check_target(self, at: float, events: list[Event]) -> None:
        target = self.walk.current.target_reps
        if self.auto_finish and target is not None and self.reps >= target.high:
            self.complete(at, events)

    # -- within a half ----------------------------------------------------------------------

    def count_rep(self, now: float, events: list[Event]) -> None:
        """A rep counts now, or its top hold starts (it counts when the hold completes)."""
        hold = self.walk.current.hold_seconds
        if hold:
            self.go(Phase.HOLD)
            ends_at = self.timer.start(now, hold)
            events.append(HoldStarted(rep=self.reps + 1, seconds=hold, ends_at=ends_at))
        else:
            self.reps += 1
            events.append(RepCounted(self.reps))
            self._check_target(now, events)

    def cancel_hold(self) -> None:
        self.go(Phase.SET)
        self.timer.clear()

    def start_lead_in(self, now: float, events: list[Event]) -> None:
        """A timed half gets its lead-in (time to get into position), or starts counting now
        when there is none."""
        if self.lead_in <= 0:
            self.start_work(now, events)
            return
        self.go(Phase.LEAD_IN)
        ends_at = self.timer.start(now, self.lead_in)
        events.append(LeadInStarted(self.lead_in, ends_at))

    def start_work(self, now: float, events: list[Event]) -> None:
        """A timed half (waiting in READY, or at the end of its lead-in) starts counting down."""
        self.go(Phase.WORK)
        self._started_at = now
        self.timer.begin_work(now)
        self.timer.start(now, self.walk.current.work_seconds or 0)
        events.append(SetStarted(*self.walk.key, now, timed=True))

    def stop_tempo(self, events: list[Event]) -> None:
        if self.beat.stop():
            events.append(TempoChanged(active=False))

    def flag_last_record(self, events: list[Event]) -> None:
        """Toggle the discomfort flag of the last completed half and hand its record out again."""
        last = self.records[-1]
        record = self.records[-1] = replace(last, discomfort=not last.discomfort)
        events.append(
            DiscomfortChanged(
                record.exercise_id, record.set_number, record.side, record.discomfort, record
            )
        )

    def move_rest_end(self, now: float, delta_seconds: float, events: list[Event]) -> None:
        """Lengthen (or, negative, shorten) the rest; shortening past ``now`` ends it now."""
        deadline = self.timer.deadline
        if deadline is None:
            return
        moved = max(now, deadline + delta_seconds)
        self.rest.moved(deadline, moved, now)
        self.timer.deadline = moved
        events.append(RestAdjusted(remaining=moved - now, total=self.rest.total))
        self.advance(now, events)

    # -- from one half to the next ----------------------------------------------------------

    def record(self, at: float, events: list[Event], work: float | None = None) -> None:
        """Hand out the half in progress as completed at ``at``, without moving on."""
        item = self.walk.current
        record = CompletedSet(
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            set_number=self.walk.set_number,
            side=self.walk.side,
            reps=0 if item.is_timed else self.reps,
            hold_seconds=item.hold_seconds,
            work_seconds=work,
            discomfort=self.discomfort,
            started_at=self._started_at,
            ended_at=at,
        )
        self.records.append(record)
        self.walk.done.add(record.key)
        events.append(SetCompleted(record))

    def complete(self, at: float, events: list[Event], work: float | None = None) -> None:
        """Record the half in progress, then move on: other side, rest, next set or done."""
        self.record(at, events, work)
        self.stop_tempo(events)
        self.timer.clear()
        walk = self.walk
        if walk.in_warmup:
            self.go_to(walk.next_open(0, 1, 0), at, auto=False, events=events)
            return
        item = walk.current
        upcoming = walk.next_after_here()
        if upcoming is None:
            self.finish(at, events, ended_early=False)
            return
        self.reps, self.discomfort = 0, False
        if upcoming[:2] == (walk.item, walk.set_number):  # the other side of the same set
            walk.move_to(upcoming)
            events.append(SidesSwitched(side=walk.side or "", seconds=self.switch_seconds))
            if self.switch_seconds > 0:
                self.go(Phase.SWITCH_SIDES)
                self.timer.start(at, self.switch_seconds)
            else:
                self.enter_half(at, auto=True, events=events)
            return
        walk.move_to(upcoming)
        if item.rest_seconds <= 0:
            self.enter_half(at, auto=False, events=events)
            return
        self.go(Phase.REST)
        ends_at = self.timer.start(at, item.rest_seconds)
        self.rest.start(item.rest_seconds)
        events.append(RestStarted(item.rest_seconds, ends_at, self.next_target()))

    def skip_exercise(self, now: float, events: list[Event]) -> None:
        """Drop what is left of the current exercise (the half in progress is not recorded)."""
        item = self.walk.current
        self.walk.skipped.append(item.exercise_id)
        events.append(ExerciseSkipped(item.exercise_id, item.name))
        self.timer.clear()
        self.go_to(self.walk.next_open(self.walk.item + 1, 1, 0), now, auto=False, events=events)

    def go_to(
        self, position: Position | None, at: float, *, auto: bool, events: list[Event]
    ) -> None:
        """Start the half at ``position``, or end the session when there is none."""
        if position is None:
            self.finish(at, events, ended_early=False)
        else:
            self.walk.move_to(position)
            self.enter_half(at, auto=auto, events=events)

    def enter_half(self, at: float, *, auto: bool, events: list[Event]) -> None:
        """Start the half at the current position: SET for counted reps; a timed half gets its
        lead-in at once after a rest or a side switch (``auto``), else waits in READY."""
        item = self.walk.current
        self.reps, self.discomfort = 0, False
        self.timer.clear()
        self._started_at = at
        self.timer.begin_work(at)
        if not item.is_timed:
            self.go(Phase.SET)
            events.append(SetStarted(*self.walk.key, at))
        elif auto:
            self.start_lead_in(at, events)
        else:
            self.go(Phase.READY)

    def finish(self, at: float, events: list[Event], *, ended_early: bool) -> None:
        self.stop_tempo(events)
        self.go(Phase.DONE)
        self.timer.clear()
        self.ended_early = ended_early
        events.append(SessionDone(ended_early=ended_early))
