"""The session runner as a pure state machine: no terminal, no files, no real time.

The machine walks a :class:`~hiptui.core.session.plan.SessionPlan` set by set: an optional timed
warm-up, then for each exercise its sets (two halves, one per side, for a per-side exercise),
with holds, side switches and rests in between. It is made of one part per job: the position
(:class:`~hiptui.core.session.walk.HalfWalk`), the timers on the injected monotonic clock
(:mod:`hiptui.core.session.timers`) and the tempo beat
(:class:`~hiptui.core.session.tempo.TempoBeat`); this class holds the counters and the phase,
and decides what follows what.

Every action first calls :meth:`SessionMachine.tick` and returns the list of events that
happened during the call; :attr:`SessionMachine.view` gives what a screen shows, and
:meth:`SessionMachine.perform` runs an :class:`~hiptui.core.session.view.Action`. See
docs/session-runner.md for the flow, the keys and resuming.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.course import SessionCourse
from hiptui.core.session.events import (
    CueChanged,
    DiscomfortChanged,
    Event,
    PauseChanged,
    RestEnded,
    TempoChanged,
)
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import SIDES, SessionPlan, squeeze_cue
from hiptui.core.session.plan import first_sides as resolve_first_sides
from hiptui.core.session.snapshot import read_snapshot, write_snapshot
from hiptui.core.session.summary import SessionSummary, summarize
from hiptui.core.session.tempo import Tempo
from hiptui.core.session.timers import Clock
from hiptui.core.session.view import Action, SessionView, TempoView, available_actions


class SessionMachine:
    """The session runner. Build it with a plan and a clock (or :meth:`resume` one)."""

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        *,
        start_side: str | None = None,
        first_sides: Mapping[str, str] | None = None,
        switch_seconds: int = 5,
        warn_at: int | None = 10,
        auto_finish: bool = True,
        cue_every_reps: int = 3,
        cue_every_seconds: int = 10,
        lead_in: int = 0,
    ) -> None:
        """``start_side``: the side every per-side exercise starts with (``None``: the side
        its steps work first, else the left); ``first_sides`` by exercise id wins over it.
        ``lead_in``: seconds to get into position before each timed set counts."""
        sides = {start_side, *(first_sides or {}).values()} - {None}
        if not sides <= set(SIDES):
            raise ValueError(f"start_side must be 'left' or 'right', not {start_side!r}")
        if switch_seconds < 0 or (warn_at is not None and warn_at < 1) or lead_in < 0:
            raise ValueError("switch_seconds and lead_in must be 0 or more and warn_at 1 or more")
        if cue_every_reps < 1 or cue_every_seconds < 1:
            raise ValueError("cue_every_reps and cue_every_seconds must be 1 or more")
        self._clock = clock
        self.cue_every_reps = cue_every_reps
        self.cue_every_seconds = cue_every_seconds
        now = clock()
        self._course = SessionCourse(
            plan,
            now,
            first_sides=resolve_first_sides(plan, start_side, first_sides),
            switch_seconds=switch_seconds,
            warn_at=warn_at,
            auto_finish=auto_finish,
            lead_in=lead_in,
        )
        self._last_cue = self._cue(now)

    # -- reading ----------------------------------------------------------------------------

    @property
    def plan(self) -> SessionPlan:
        return self._course.walk.plan

    @property
    def start_side(self) -> str:
        """The side the first per-side exercise starts with (left when there is none)."""
        sides = self._course.walk.first_sides
        return next(iter(sides.values()), SIDES[0])

    @property
    def first_sides(self) -> dict[str, str]:
        """The side each per-side exercise starts with, by exercise id."""
        return dict(self._course.walk.first_sides)

    @property
    def lead_in(self) -> int:
        return self._course.lead_in

    @property
    def phase(self) -> Phase:
        """The current phase; PAUSED while paused (``view.phase`` gives the frozen one)."""
        return Phase.PAUSED if self._course.timer.paused else self._course.phase

    @property
    def records(self) -> tuple[CompletedSet, ...]:
        """Every completed set and half, in the order completed (warm-up included)."""
        return tuple(self._course.records)

    @property
    def skipped(self) -> tuple[str, ...]:
        return tuple(self._course.walk.skipped)

    @property
    def ended_early(self) -> bool:
        return self._course.ended_early

    def summary(self) -> SessionSummary:
        course = self._course
        return summarize(
            self.plan, course.records, skipped=course.walk.skipped, ended_early=course.ended_early
        )

    # -- actions ----------------------------------------------------------------------------
    # Each action checks that it applies now (as :func:`available_actions` says it does), then
    # has the course do it.

    def perform(self, action: Action, *args: float) -> list[Event]:
        """Do ``action``: ``ADJUST_REST`` takes the seconds, ``START_TEMPO`` lift, hold, lower."""
        return _PERFORM[action](self, *args)

    def tick(self) -> list[Event]:
        """Complete every countdown whose deadline has passed, in deadline order."""
        now, events = self._begin()
        return self._end(now, events)

    def rep(self) -> list[Event]:
        """Count a rep (or start its top hold); in READY, start the timed set's lead-in (or its
        countdown, with no lead-in); in the lead-in, start the countdown now."""
        now, events = self._begin()
        course = self._course
        if not course.timer.paused:
            course.stop_tempo(events)
            if course.phase is Phase.SET:
                course.count_rep(now, events)
            elif course.phase is Phase.READY:
                course.start_lead_in(now, events)
            elif course.phase is Phase.LEAD_IN:
                course.start_work(now, events)  # in position already: count from now
        return self._end(now, events)

    def undo(self) -> list[Event]:
        """Cancel the hold in progress, or take back the last rep of this half."""
        now, events = self._begin()
        course = self._course
        if not course.timer.paused:
            course.stop_tempo(events)
            if course.phase is Phase.HOLD:
                course.cancel_hold()
            elif course.phase is Phase.SET and course.reps > 0:
                course.reps -= 1
        return self._end(now, events)

    def finish_set(self) -> list[Event]:
        """Complete this half now with the reps counted (or the seconds worked) so far. With no
        rep counted yet it does nothing: a set of 0 reps is never saved."""
        now, events = self._begin()
        course = self._course
        nothing = course.phase in (Phase.SET, Phase.HOLD) and course.reps == 0
        if not course.timer.paused and not nothing:
            course.stop_tempo(events)
            if course.phase is Phase.HOLD:
                course.cancel_hold()
            if course.phase is Phase.SET:
                course.complete(now, events)
            elif course.phase in (Phase.WORK, Phase.WARMUP):
                course.complete(now, events, work=course.timer.worked(now))
        return self._end(now, events)

    def toggle_pause(self) -> list[Event]:
        """Freeze every deadline, or shift them all by the time spent paused."""
        now, events = self._begin()
        course = self._course
        if course.phase is Phase.DONE:
            return self._end(now, events)
        if course.timer.paused:
            course.timer.resume(now)
            events.append(PauseChanged(paused=False))
        else:
            course.stop_tempo(events)
            course.timer.pause(now)
            events.append(PauseChanged(paused=True))
        return self._end(now, events)

    def skip_exercise(self) -> list[Event]:
        """Drop the rest of the current exercise (the half in progress is not saved); during a
        rest, the exercise skipped is the one the rest leads to. Skips the warm-up too."""
        now, events = self._begin()
        course = self._course
        if not course.timer.paused and course.phase is not Phase.DONE:
            course.stop_tempo(events)
            if course.phase is Phase.HOLD:
                course.cancel_hold()
            course.skip_exercise(now, events)
        return self._end(now, events)

    def skip_rest(self) -> list[Event]:
        """End the rest or the side switch now."""
        now, events = self._begin()
        course = self._course
        if not course.timer.paused and course.phase in (Phase.REST, Phase.SWITCH_SIDES):
            if course.phase is Phase.REST:
                events.append(RestEnded(skipped=True))
            course.enter_half(now, auto=True, events=events)
        return self._end(now, events)

    def adjust_rest(self, delta_seconds: float) -> list[Event]:
        """Lengthen (or, negative, shorten) the rest; shortening past zero ends it now."""
        now, events = self._begin()
        course = self._course
        if not course.timer.paused and course.phase is Phase.REST:
            course.move_rest_end(now, delta_seconds, events)
        return self._end(now, events)

    def mark_discomfort(self) -> list[Event]:
        """Toggle the discomfort flag of the half in progress or, during a rest or a side
        switch, of the half just completed (its record is handed out again to be re-saved)."""
        now, events = self._begin()
        course = self._course
        if course.phase in (Phase.REST, Phase.SWITCH_SIDES) and course.records:
            course.flag_last_record(events)
        elif course.phase not in (Phase.DONE, Phase.REST, Phase.SWITCH_SIDES):
            course.discomfort = not course.discomfort
            exercise_id, set_number, side = course.walk.key
            events.append(DiscomfortChanged(exercise_id, set_number, side, course.discomfort, None))
        return self._end(now, events)

    def end(self) -> list[Event]:
        """End the session early. A half with reps counted (or seconds worked) is saved."""
        now, events = self._begin()
        course = self._course
        if course.phase is Phase.DONE:
            return self._end(now, events)
        at = course.timer.reading(now)
        course.stop_tempo(events)
        if course.phase in (Phase.SET, Phase.HOLD) and course.reps > 0:
            course.record(at, events)
        elif course.phase in (Phase.WORK, Phase.WARMUP) and course.timer.worked(at) > 0:
            course.record(at, events, work=course.timer.worked(at))
        course.timer.resume(at)  # at the moment it froze, if paused: nothing shifts
        course.finish(at, events, ended_early=True)
        return self._end(now, events)

    def start_tempo(self, lift: float, lower: float) -> list[Event]:
        """Count reps on a beat (seconds to lift and to lower; the hold at the top is the
        exercise's own) until a manual action."""
        now, events = self._begin()
        course = self._course
        tempo = Tempo(lift, float(course.walk.current.hold_seconds or 0), lower)
        if not course.timer.paused and course.phase is Phase.SET and course.beat.start(tempo, now):
            events.append(TempoChanged(active=True))
        return self._end(now, events)

    def stop_tempo(self) -> list[Event]:
        now, events = self._begin()
        self._course.stop_tempo(events)
        return self._end(now, events)

    # -- resume -----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Where the session stands, JSON-safe, for :meth:`resume` after a crash."""
        course = self._course
        return write_snapshot(
            phase=course.phase,
            at=course.walk.key,
            start_side=self.start_side,
            first_sides=course.walk.first_sides,
            reps=course.reps,
            discomfort=course.discomfort,
            warmup_done=not course.walk.in_warmup,
            skipped=course.walk.skipped,
            ended_early=course.ended_early,
            completed=course.records,
        )

    @classmethod
    def resume(
        cls,
        plan: SessionPlan,
        snapshot: Mapping[str, Any],
        clock: Clock,
        *,
        saved: Iterable[CompletedSet] = (),
        start_side: str | None = None,
        switch_seconds: int = 5,
        warn_at: int | None = 10,
        auto_finish: bool = True,
        cue_every_reps: int = 3,
        cue_every_seconds: int = 10,
        lead_in: int = 0,
    ) -> SessionMachine:
        """A machine at the first half not yet completed, in SET (READY for a timed set).

        ``saved`` adds completed sets known elsewhere (the history database), so a snapshot
        saved a moment before the last set still resumes after it. The warm-up is not run
        again. ``start_side`` defaults to the snapshot's; the other options are as for the
        constructor. A snapshot that does not fit the plan raises ``ValueError``.
        """
        point = read_snapshot(plan, snapshot, saved)
        machine = cls(
            plan,
            clock,
            start_side=point.start_side if start_side is None else start_side,
            first_sides=point.first_sides if start_side is None else None,
            switch_seconds=switch_seconds,
            warn_at=warn_at,
            auto_finish=auto_finish,
            cue_every_reps=cue_every_reps,
            cue_every_seconds=cue_every_seconds,
            lead_in=lead_in,
        )
        now = clock()
        machine._course.restore(point, now)
        machine._last_cue = machine._cue(now)
        return machine

    # -- the view ---------------------------------------------------------------------------

    @property
    def view(self) -> SessionView:
        course = self._course
        paused_at = course.timer.paused_at
        now = self._clock() if paused_at is None else paused_at
        phase, walk, item = course.phase, course.walk, course.walk.current

        def left(when: Phase) -> float | None:
            return course.timer.remaining(now) if phase is when else None

        work_left = left(Phase.WORK) if phase is Phase.WORK else left(Phase.WARMUP)
        if phase in (Phase.READY, Phase.LEAD_IN):
            work_left = float(item.work_seconds or 0)
        tempo = None
        if course.beat.tempo is not None:
            left_in_step = max(0.0, course.beat.deadline - now)
            tempo = TempoView(course.beat.tempo, course.beat.step, left_in_step)
        between = phase in (Phase.REST, Phase.SWITCH_SIDES)
        return SessionView(
            phase=phase,
            paused=paused_at is not None,
            is_warmup=walk.in_warmup,
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            item_number=walk.item + 1,
            item_count=len(walk.plan.items),
            set_number=walk.set_number,
            sets=1 if walk.in_warmup else item.sets,
            side=walk.side,
            reps=course.reps,
            target_reps=item.target_reps,
            hold_seconds=item.hold_seconds,
            work_seconds=item.work_seconds,
            hold_remaining=left(Phase.HOLD),
            lead_in_remaining=left(Phase.LEAD_IN),
            work_remaining=work_left,
            switch_remaining=left(Phase.SWITCH_SIDES),
            rest_remaining=left(Phase.REST),
            rest_total=course.rest.total if phase is Phase.REST else None,
            next_target=course.next_target() if between else None,
            cue=self._cue(now),
            discomfort=course.records[-1].discomfort if between else course.discomfort,
            tempo=tempo,
            available=available_actions(
                phase, paused=paused_at is not None, reps=course.reps, tempo=course.beat.active
            ),
        )

    def _cue(self, now: float) -> str | None:
        """The cue to show: during a hold the squeeze cue, else the exercise's cues in turn,
        moving on every few reps (or seconds of a timed set) and with every half."""
        course = self._course
        if course.phase is Phase.DONE:
            return None
        item = course.walk.current
        if course.phase is Phase.HOLD:
            return squeeze_cue(item.cues)
        if not item.cues:
            return None
        step = course.walk.step
        if course.phase in (Phase.WORK, Phase.WARMUP):
            step += int(course.timer.worked(now) // self.cue_every_seconds)
        elif course.phase is Phase.SET:
            step += course.reps // self.cue_every_reps
        return item.cues[step % len(item.cues)]

    def _begin(self) -> tuple[float, list[Event]]:
        now = self._clock()
        events: list[Event] = []
        self._course.advance(now, events)
        return now, events

    def _end(self, now: float, events: list[Event]) -> list[Event]:
        cue = self._cue(self._course.timer.reading(now))
        if cue != self._last_cue:
            self._last_cue = cue
            events.append(CueChanged(cue))
        return events


# Each action, by its name: what :meth:`SessionMachine.perform` runs.
_PERFORM: Mapping[Action, Callable[..., list[Event]]] = {
    Action.REP: SessionMachine.rep,
    Action.UNDO: SessionMachine.undo,
    Action.FINISH_SET: SessionMachine.finish_set,
    Action.TOGGLE_PAUSE: SessionMachine.toggle_pause,
    Action.SKIP_EXERCISE: SessionMachine.skip_exercise,
    Action.SKIP_REST: SessionMachine.skip_rest,
    Action.ADJUST_REST: SessionMachine.adjust_rest,
    Action.MARK_DISCOMFORT: SessionMachine.mark_discomfort,
    Action.END: SessionMachine.end,
    Action.START_TEMPO: SessionMachine.start_tempo,
    Action.STOP_TEMPO: SessionMachine.stop_tempo,
}
