"""The inside of the session runner: its state and how it moves on.

:class:`SessionEngine` holds the position (exercise, set, side), the counters and every
deadline, and knows how a half completes and what follows it: the other side, a rest, the next
set or the end. Each follow-on deadline is counted from the one before it, never from when a
tick happened to arrive, so timers cannot drift and a late tick completes exactly what was due,
in order. :class:`hiptui.core.session.machine.SessionMachine` adds the public actions and the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.events import (
    CueChanged,
    Event,
    HoldDone,
    HoldStarted,
    RestEnded,
    RestStarted,
    RestWarning,
    SessionDone,
    SetCompleted,
    SetStarted,
    SidesSwitched,
    TempoChanged,
)
from hiptui.core.session.phase import LEGAL_TRANSITIONS, IllegalTransition, Phase
from hiptui.core.session.plan import SIDES, ExercisePlan, SessionPlan, other_side, squeeze_cue
from hiptui.core.session.summary import SessionSummary, summarize
from hiptui.core.session.tempo import Tempo, TempoStep
from hiptui.core.session.view import NextTarget

Clock = Callable[[], float]
SetKey = tuple[str, int, str | None]

_COUNTDOWNS = (Phase.WARMUP, Phase.WORK, Phase.HOLD, Phase.SWITCH_SIDES, Phase.REST)


class SessionEngine:
    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        *,
        start_side: str = "left",
        switch_seconds: int = 5,
        warn_at: int | None = 10,
        auto_finish: bool = True,
        cue_every_reps: int = 3,
        cue_every_seconds: int = 10,
    ) -> None:
        if start_side not in SIDES:
            raise ValueError(f"start_side must be 'left' or 'right', not {start_side!r}")
        if switch_seconds < 0 or (warn_at is not None and warn_at < 1):
            raise ValueError("switch_seconds must be 0 or more and warn_at 1 or more")
        if cue_every_reps < 1 or cue_every_seconds < 1:
            raise ValueError("cue_every_reps and cue_every_seconds must be 1 or more")
        self._plan = plan
        self._clock = clock
        self.start_side = start_side
        self.switch_seconds = switch_seconds
        self.warn_at = warn_at
        self.auto_finish = auto_finish
        self.cue_every_reps = cue_every_reps
        self.cue_every_seconds = cue_every_seconds
        now = clock()
        self._records: list[CompletedSet] = []
        self._done: set[SetKey] = set()
        self._skipped: list[str] = []
        self._item, self._set, self._half = 0, 1, 0  # item -1 is the warm-up
        self._reps, self._discomfort = 0, False
        self._started_at = self._work_from = now
        self._deadline: float | None = None
        self._paused_at: float | None = None
        self._tempo: Tempo | None = None
        self._tempo_step, self._tempo_deadline = TempoStep.LIFT, 0.0
        self._rest_total, self._warn_armed, self._warned = 0.0, False, False
        self._ended_early = False
        self._phase = Phase.SET
        if plan.warmup is not None and plan.warmup.work_seconds is not None:
            self._item, self._phase = -1, Phase.WARMUP
            self._deadline = now + plan.warmup.work_seconds
        else:
            self._enter_half(now, auto=False, events=[])
        self._last_cue = self._cue(now)

    # -- reading ----------------------------------------------------------------------------

    @property
    def plan(self) -> SessionPlan:
        return self._plan

    @property
    def phase(self) -> Phase:
        """The current phase; PAUSED while paused (``view.phase`` gives the frozen one)."""
        return Phase.PAUSED if self._paused_at is not None else self._phase

    @property
    def records(self) -> tuple[CompletedSet, ...]:
        """Every completed set and half, in the order completed (warm-up included)."""
        return tuple(self._records)

    @property
    def skipped(self) -> tuple[str, ...]:
        return tuple(self._skipped)

    @property
    def ended_early(self) -> bool:
        return self._ended_early

    def summary(self) -> SessionSummary:
        return summarize(
            self._plan, self._records, skipped=self._skipped, ended_early=self._ended_early
        )

    def _next_target(self) -> NextTarget:
        item = self._current()
        return NextTarget(
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            set_number=self._set,
            sets=item.sets,
            side=self._side(),
            target_reps=item.target_reps,
            hold_seconds=item.hold_seconds,
            work_seconds=item.work_seconds,
        )

    def _cue(self, now: float) -> str | None:
        if self._phase is Phase.DONE:
            return None
        item = self._current()
        if self._phase is Phase.HOLD:
            return squeeze_cue(item.cues)
        if not item.cues:
            return None
        step = (self._set - 1) * item.halves + self._half
        if self._phase in (Phase.WORK, Phase.WARMUP):
            step += int((now - self._work_from) // self.cue_every_seconds)
        elif self._phase is Phase.SET:
            step += self._reps // self.cue_every_reps
        return item.cues[step % len(item.cues)]

    # -- inside -----------------------------------------------------------------------------

    def _begin(self) -> tuple[float, list[Event]]:
        now = self._clock()
        events: list[Event] = []
        self._advance(now, events)
        return now, events

    def _end(self, now: float, events: list[Event]) -> list[Event]:
        cue = self._cue(now if self._paused_at is None else self._paused_at)
        if cue != self._last_cue:
            self._last_cue = cue
            events.append(CueChanged(cue))
        return events

    def _go(self, phase: Phase) -> None:
        if phase is not Phase.DONE and phase not in LEGAL_TRANSITIONS[self._phase]:
            raise IllegalTransition(f"{self._phase.value} -> {phase.value}")
        if self._phase is Phase.DONE:
            raise IllegalTransition("done is terminal")
        self._phase = phase

    def _current(self) -> ExercisePlan:
        if self._item < 0 and self._plan.warmup is not None:
            return self._plan.warmup
        return self._plan.items[self._item]

    def _side_of(self, item: ExercisePlan, half: int) -> str | None:
        if not item.per_side:
            return None
        return self.start_side if half == 0 else other_side(self.start_side)

    def _side(self) -> str | None:
        return self._side_of(self._current(), self._half)

    def _key(self, item: int, set_number: int, half: int) -> SetKey:
        plan_item = self._plan.items[item]
        return (plan_item.exercise_id, set_number, self._side_of(plan_item, half))

    def _key_here(self) -> SetKey:
        item = self._current()
        return (item.exercise_id, self._set, self._side())

    def _open_halves(self, item: int, set_number: int, half: int) -> Iterator[tuple[int, int, int]]:
        """Halves not completed, in plan order, from the given position on (skipped exercises
        left out)."""
        for index in range(max(item, 0), len(self._plan.items)):
            plan_item = self._plan.items[index]
            if plan_item.exercise_id in self._skipped:
                continue
            first_set = set_number if index == item else 1
            for number in range(first_set, plan_item.sets + 1):
                first_half = half if (index == item and number == first_set) else 0
                for h in range(first_half, plan_item.halves):
                    if self._key(index, number, h) not in self._done:
                        yield index, number, h

    def _advance(self, now: float, events: list[Event]) -> None:
        while self._paused_at is None:
            due = self._due()
            if due is None or due > now:
                return
            self._fire(due, events)

    def _due(self) -> float | None:
        if self._phase is Phase.SET and self._tempo is not None:
            return self._tempo_deadline
        if self._phase not in _COUNTDOWNS or self._deadline is None:
            return None
        if self._phase is Phase.REST and self._warn_armed and self.warn_at is not None:
            return self._deadline - self.warn_at
        return self._deadline

    def _fire(self, at: float, events: list[Event]) -> None:
        phase, item = self._phase, self._current()
        if phase is Phase.SET:
            self._beat(at, events)
        elif phase is Phase.REST and self._warn_armed:
            self._warn_armed, self._warned = False, True
            events.append(RestWarning(seconds_left=self.warn_at or 0))
        elif phase is Phase.REST:
            events.append(RestEnded(skipped=False))
            self._enter_half(at, auto=True, events=events)
        elif phase is Phase.SWITCH_SIDES:
            self._enter_half(at, auto=True, events=events)
        elif phase is Phase.HOLD:
            self._reps += 1
            self._go(Phase.SET)
            self._deadline = None
            events.append(HoldDone(reps=self._reps))
            self._check_target(at, events)
        else:  # WORK or WARMUP ran its full time
            self._complete(at, events, work=float(item.work_seconds or 0))

    def _beat(self, at: float, events: list[Event]) -> None:
        tempo = self._tempo
        assert tempo is not None
        if self._tempo_step is TempoStep.LIFT and tempo.hold > 0:
            self._tempo_step, self._tempo_deadline = TempoStep.HOLD, at + tempo.hold
        elif self._tempo_step is not TempoStep.LOWER:
            self._tempo_step, self._tempo_deadline = TempoStep.LOWER, at + tempo.lower
        else:
            self._reps += 1
            self._tempo_step, self._tempo_deadline = TempoStep.LIFT, at + tempo.lift
            self._check_target(at, events)

    def _check_target(self, at: float, events: list[Event]) -> None:
        target = self._current().target_reps
        if self.auto_finish and target is not None and self._reps >= target.high:
            self._complete(at, events)

    def _count_rep(self, now: float, events: list[Event]) -> None:
        hold = self._current().hold_seconds
        if hold:
            self._go(Phase.HOLD)
            self._deadline = now + hold
            events.append(HoldStarted(rep=self._reps + 1, seconds=hold, ends_at=self._deadline))
        else:
            self._reps += 1
            self._check_target(now, events)

    def _cancel_hold(self) -> None:
        self._go(Phase.SET)
        self._deadline = None

    def _start_work(self, now: float, events: list[Event]) -> None:
        self._go(Phase.WORK)
        self._started_at = self._work_from = now
        self._deadline = now + (self._current().work_seconds or 0)
        events.append(SetStarted(self._current().exercise_id, self._set, self._side(), now))

    def _stop_tempo(self, events: list[Event]) -> None:
        if self._tempo is not None:
            self._tempo = None
            events.append(TempoChanged(active=False))

    def _record(self, at: float, events: list[Event], work: float | None = None) -> None:
        item = self._current()
        record = CompletedSet(
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            set_number=self._set,
            side=self._side(),
            reps=0 if item.is_timed else self._reps,
            hold_seconds=item.hold_seconds,
            work_seconds=work,
            discomfort=self._discomfort,
            started_at=self._started_at,
            ended_at=at,
        )
        self._records.append(record)
        self._done.add(record.key)
        events.append(SetCompleted(record))

    def _complete(self, at: float, events: list[Event], work: float | None = None) -> None:
        """Save the half in progress, then move on: other side, rest, next set or done."""
        self._record(at, events, work)
        self._stop_tempo(events)
        self._deadline = None
        if self._item < 0:  # the warm-up
            self._go_to(next(self._open_halves(0, 1, 0), None), at, False, events)
            return
        item = self._current()
        upcoming = next(self._open_halves(self._item, self._set, self._half + 1), None)
        if upcoming is None:
            self._finish(at, events, ended_early=False)
            return
        if upcoming[:2] == (self._item, self._set):  # the other side of the same set
            self._half = upcoming[2]
            self._reps, self._discomfort = 0, False
            events.append(SidesSwitched(side=self._side() or "", seconds=self.switch_seconds))
            if self.switch_seconds > 0:
                self._go(Phase.SWITCH_SIDES)
                self._deadline = at + self.switch_seconds
            else:
                self._enter_half(at, auto=True, events=events)
            return
        self._item, self._set, self._half = upcoming
        self._reps, self._discomfort = 0, False
        if item.rest_seconds <= 0:
            self._enter_half(at, auto=False, events=events)
            return
        self._go(Phase.REST)
        self._deadline = at + item.rest_seconds
        self._rest_total = float(item.rest_seconds)
        self._warned = False
        self._warn_armed = self.warn_at is not None and item.rest_seconds > self.warn_at
        events.append(RestStarted(item.rest_seconds, self._deadline, self._next_target()))

    def _go_to(
        self, position: tuple[int, int, int] | None, at: float, auto: bool, events: list[Event]
    ) -> None:
        if position is None:
            self._finish(at, events, ended_early=False)
        else:
            self._item, self._set, self._half = position
            self._enter_half(at, auto=auto, events=events)

    def _enter_half(self, at: float, *, auto: bool, events: list[Event]) -> None:
        """Start the half at the current position: SET for counted reps; a timed half counts
        down at once after a rest or a side switch (``auto``), else waits in READY."""
        item = self._current()
        self._reps, self._discomfort, self._deadline = 0, False, None
        self._started_at = self._work_from = at
        if not item.is_timed:
            self._go(Phase.SET)
            events.append(SetStarted(item.exercise_id, self._set, self._side(), at))
        elif auto:
            self._go(Phase.WORK)
            self._deadline = at + (item.work_seconds or 0)
            events.append(SetStarted(item.exercise_id, self._set, self._side(), at))
        else:
            self._go(Phase.READY)

    def _finish(self, at: float, events: list[Event], *, ended_early: bool) -> None:
        self._stop_tempo(events)
        self._go(Phase.DONE)
        self._deadline = None
        self._ended_early = ended_early
        events.append(SessionDone(ended_early=ended_early))
