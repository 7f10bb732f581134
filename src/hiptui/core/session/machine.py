"""The session runner as a pure state machine: no terminal, no files, no real time.

The machine walks a :class:`~hiptui.core.session.plan.SessionPlan` set by set: an optional timed
warm-up, then for each exercise its sets (two halves, one per side, for a per-side exercise),
with holds, side switches and rests in between. Every timer is a deadline on the injected
monotonic clock (see :mod:`hiptui.core.session.engine`).

Every action first calls :meth:`SessionMachine.tick` and returns the list of events that
happened during the call; :attr:`SessionMachine.view` gives what a screen shows. See
docs/session-runner.md for the flow, the keys and resuming.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.engine import Clock, SessionEngine
from hiptui.core.session.events import (
    DiscomfortChanged,
    Event,
    ExerciseSkipped,
    PauseChanged,
    RestAdjusted,
    RestEnded,
    TempoChanged,
)
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import SessionPlan
from hiptui.core.session.snapshot import SNAPSHOT_VERSION, ResumePoint, read_snapshot
from hiptui.core.session.tempo import Tempo, TempoStep
from hiptui.core.session.view import SessionView, TempoView

_WHILE_PAUSED = frozenset({"toggle_pause", "end", "mark_discomfort"})


class SessionMachine(SessionEngine):
    """The session runner. Build it with a plan and a clock (or :meth:`resume` one)."""

    # -- actions ----------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Complete every countdown whose deadline has passed, in deadline order."""
        now, events = self._begin()
        return self._end(now, events)

    def rep(self) -> list[Event]:
        """Count a rep (or start its top hold); in READY, start the timed set's countdown."""
        now, events = self._begin()
        if self._paused_at is None:
            self._stop_tempo(events)
            if self._phase is Phase.SET:
                self._count_rep(now, events)
            elif self._phase is Phase.READY:
                self._start_work(now, events)
        return self._end(now, events)

    def undo(self) -> list[Event]:
        """Cancel the hold in progress, or take back the last rep of this half."""
        now, events = self._begin()
        if self._paused_at is None:
            self._stop_tempo(events)
            if self._phase is Phase.HOLD:
                self._cancel_hold()
            elif self._phase is Phase.SET and self._reps > 0:
                self._reps -= 1
        return self._end(now, events)

    def finish_set(self) -> list[Event]:
        """Complete this half now with the reps counted (or the seconds worked) so far."""
        now, events = self._begin()
        if self._paused_at is None:
            self._stop_tempo(events)
            if self._phase is Phase.HOLD:
                self._cancel_hold()
            if self._phase is Phase.SET:
                self._complete(now, events)
            elif self._phase in (Phase.WORK, Phase.WARMUP):
                self._complete(now, events, work=now - self._work_from)
        return self._end(now, events)

    def toggle_pause(self) -> list[Event]:
        """Freeze every deadline, or shift them all by the time spent paused."""
        now, events = self._begin()
        if self._phase is Phase.DONE:
            return self._end(now, events)
        if self._paused_at is not None:
            shift = now - self._paused_at
            self._paused_at = None
            if self._deadline is not None:
                self._deadline += shift
            self._work_from += shift
            events.append(PauseChanged(paused=False))
        else:
            self._stop_tempo(events)
            self._paused_at = now
            events.append(PauseChanged(paused=True))
        return self._end(now, events)

    def skip_exercise(self) -> list[Event]:
        """Drop the rest of the current exercise (the half in progress is not saved); during a
        rest, the exercise skipped is the one the rest leads to. Skips the warm-up too."""
        now, events = self._begin()
        if self._paused_at is None and self._phase is not Phase.DONE:
            self._stop_tempo(events)
            if self._phase is Phase.HOLD:
                self._cancel_hold()
            item = self._current()
            self._skipped.append(item.exercise_id)
            events.append(ExerciseSkipped(item.exercise_id, item.name))
            self._deadline, self._warn_armed = None, False
            self._go_to(next(self._open_halves(self._item + 1, 1, 0), None), now, False, events)
        return self._end(now, events)

    def skip_rest(self) -> list[Event]:
        """End the rest or the side switch now."""
        now, events = self._begin()
        if self._paused_at is None and self._phase in (Phase.REST, Phase.SWITCH_SIDES):
            if self._phase is Phase.REST:
                events.append(RestEnded(skipped=True))
            self._enter_half(now, auto=True, events=events)
        return self._end(now, events)

    def adjust_rest(self, delta_seconds: float) -> list[Event]:
        """Lengthen (or, negative, shorten) the rest; shortening past zero ends it now."""
        now, events = self._begin()
        if self._paused_at is None and self._phase is Phase.REST and self._deadline is not None:
            deadline = max(now, self._deadline + delta_seconds)
            self._rest_total += deadline - self._deadline
            self._deadline = deadline
            if not self._warned and self.warn_at is not None and deadline - now > self.warn_at:
                self._warn_armed = True
            events.append(RestAdjusted(remaining=deadline - now, total=self._rest_total))
            self._advance(now, events)
        return self._end(now, events)

    def mark_discomfort(self) -> list[Event]:
        """Toggle the discomfort flag of the half in progress or, during a rest or a side
        switch, of the half just completed (its record is handed out again to be re-saved)."""
        now, events = self._begin()
        if self._phase in (Phase.REST, Phase.SWITCH_SIDES) and self._records:
            record = replace(self._records[-1], discomfort=not self._records[-1].discomfort)
            self._records[-1] = record
            events.append(
                DiscomfortChanged(
                    record.exercise_id, record.set_number, record.side, record.discomfort, record
                )
            )
        elif self._phase not in (Phase.DONE, Phase.REST, Phase.SWITCH_SIDES):
            self._discomfort = not self._discomfort
            item = self._current()
            events.append(
                DiscomfortChanged(item.exercise_id, self._set, self._side(), self._discomfort, None)
            )
        return self._end(now, events)

    def end(self) -> list[Event]:
        """End the session early. A half with reps counted (or seconds worked) is saved."""
        now, events = self._begin()
        if self._phase is Phase.DONE:
            return self._end(now, events)
        at = now if self._paused_at is None else self._paused_at
        self._stop_tempo(events)
        if self._phase in (Phase.SET, Phase.HOLD) and self._reps > 0:
            self._record(at, events)
        elif self._phase in (Phase.WORK, Phase.WARMUP) and at > self._work_from:
            self._record(at, events, work=at - self._work_from)
        self._paused_at = None
        self._finish(at, events, ended_early=True)
        return self._end(now, events)

    def start_tempo(self, lift: float, hold: float, lower: float) -> list[Event]:
        """Count reps on a beat (seconds to lift, hold, lower) until a manual action."""
        now, events = self._begin()
        tempo = Tempo(lift, hold, lower)
        if self._paused_at is None and self._phase is Phase.SET:
            if self._tempo is None:
                events.append(TempoChanged(active=True))
            self._tempo, self._tempo_step = tempo, TempoStep.LIFT
            self._tempo_deadline = now + tempo.lift
        return self._end(now, events)

    def stop_tempo(self) -> list[Event]:
        now, events = self._begin()
        self._stop_tempo(events)
        return self._end(now, events)

    # -- resume -----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Where the session stands, JSON-safe, for :meth:`resume` after a crash."""
        item = self._current()
        return {
            "version": SNAPSHOT_VERSION,
            "phase": self._phase.value,
            "exercise_id": item.exercise_id,
            "set": self._set,
            "side": self._side(),
            "start_side": self.start_side,
            "reps": self._reps,
            "discomfort": self._discomfort,
            "warmup_done": self._item >= 0,
            "skipped": list(self._skipped),
            "ended_early": self._ended_early,
            "completed": [record.to_dict() for record in self._records],
        }

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
            switch_seconds=switch_seconds,
            warn_at=warn_at,
            auto_finish=auto_finish,
            cue_every_reps=cue_every_reps,
            cue_every_seconds=cue_every_seconds,
        )
        machine._restore(point)
        return machine

    def _restore(self, point: ResumePoint) -> None:
        now = self._clock()
        self._records = list(point.completed)
        self._done = {record.key for record in self._records}
        self._skipped = list(point.skipped)
        self._deadline = None
        self._go_to(next(self._open_halves(0, 1, 0), None), now, False, [])
        if self._phase is not Phase.DONE and point.at == self._key_here():
            self._reps = point.reps if self._phase is Phase.SET else 0
            self._discomfort = point.discomfort
        self._last_cue = self._cue(now)

    # -- the view ---------------------------------------------------------------------------

    @property
    def view(self) -> SessionView:
        now = self._clock() if self._paused_at is None else self._paused_at
        phase, item = self._phase, self._current()

        def left(when: Phase) -> float | None:
            if phase is not when or self._deadline is None:
                return None
            return max(0.0, float(self._deadline - now))

        work_left = left(Phase.WORK) if phase is Phase.WORK else left(Phase.WARMUP)
        if phase is Phase.READY:
            work_left = float(item.work_seconds or 0)
        tempo = None
        if self._tempo is not None:
            tempo = TempoView(self._tempo, self._tempo_step, max(0.0, self._tempo_deadline - now))
        between = phase in (Phase.REST, Phase.SWITCH_SIDES)
        return SessionView(
            phase=phase,
            paused=self._paused_at is not None,
            is_warmup=self._item < 0,
            exercise_id=item.exercise_id,
            exercise_name=item.name,
            item_number=self._item + 1,
            item_count=len(self._plan.items),
            set_number=self._set,
            sets=item.sets if self._item >= 0 else 1,
            side=self._side(),
            reps=self._reps,
            target_reps=item.target_reps,
            hold_seconds=item.hold_seconds,
            work_seconds=item.work_seconds,
            hold_remaining=left(Phase.HOLD),
            work_remaining=work_left,
            switch_remaining=left(Phase.SWITCH_SIDES),
            rest_remaining=left(Phase.REST),
            rest_total=self._rest_total if phase is Phase.REST else None,
            next_target=self._next_target() if between else None,
            cue=self._cue(now),
            discomfort=self._records[-1].discomfort if between else self._discomfort,
            tempo=tempo,
            available=self._available(),
        )

    def _available(self) -> frozenset[str]:
        phase = self._phase
        if phase is Phase.DONE:
            return frozenset()
        if self._paused_at is not None:
            return _WHILE_PAUSED
        names = {"toggle_pause", "end", "mark_discomfort", "skip_exercise"}
        if phase is Phase.SET:
            names |= {"rep", "finish_set", "stop_tempo" if self._tempo else "start_tempo"}
            if self._reps > 0 or self._tempo is not None:
                names.add("undo")
        elif phase is Phase.HOLD:
            names |= {"undo", "finish_set"}
        elif phase is Phase.READY:
            names.add("rep")
        elif phase in (Phase.WORK, Phase.WARMUP):
            names.add("finish_set")
        elif phase is Phase.REST:
            names |= {"skip_rest", "adjust_rest"}
        elif phase is Phase.SWITCH_SIDES:
            names.add("skip_rest")
        return frozenset(names)
