"""The next session's prescription for one exercise, from its last session and the pain light.

- Loaded sets (kg, lb or a band level): double progression within the rep range lo-hi.
  red: the load 10% down, rounded down to a whole step, reps back to lo; amber: the same again;
  green with every work set (both sides) at hi and none at RIR 0: one step up, reps back to lo;
  green otherwise: the same load, one rep more per set up to hi.
- Bodyweight sets: the ladder rule (the next rung once every set reached hi in the last two
  sessions), gated by the light: amber holds, red goes to the rung below, never harder.
- Timed sets: 5 s more per set up to the exercise's cap, then the next rung; the same gate.

Each prescription carries a one-line reason. docs/progression.md gives every rule with its
source and worked cases; the tests run those cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hiptui.content.ladders import Ladders
from hiptui.content.load import Load
from hiptui.content.models import Exercise, Range
from hiptui.core.history.last_time import LastTime, last_time
from hiptui.core.history.load_step import DEFAULT_STEP_KG, DEFAULT_STEP_LB, added, cut, step_for
from hiptui.core.history.pain_light import Light
from hiptui.core.history.protocols import SessionLike

HOLD_STEP_SECONDS = 5  # a timed set grows by this much (hiptui's choice)
AMBER = "amber (3-5)"
RED = "red (over 5)"


@dataclass(frozen=True, slots=True)
class Prescription:
    """What to do next time: ``sets`` of ``target_reps`` (within ``reps``) with ``load``, or
    timed sets of ``work_seconds``; ``variation`` is another exercise to do instead."""

    exercise_id: str
    light: Light
    sets: int
    reps: Range | None
    target_reps: int | None
    load: Load | None
    variation: str | None
    reason: str
    work_seconds: int | None = None
    hold_seconds: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``hiptui next --json`` object."""
        reps = self.reps
        load = self.load
        return {
            "exercise": self.exercise_id,
            "light": self.light,
            "sets": self.sets,
            "reps": None if reps is None else [reps.low, reps.high],
            "target_reps": self.target_reps,
            "load": None if load is None else {"value": load.value, "unit": load.unit},
            "variation": self.variation,
            "reason": self.reason,
        }


def _sessions_with(sessions: Iterable[SessionLike], exercise_id: str) -> list[SessionLike]:
    mine = [s for s in sessions if any(r.exercise_id == exercise_id for r in s.sets)]
    return sorted(mine, key=lambda s: (s.started_at, s.id))


def prescribe(
    sessions: Iterable[SessionLike],
    exercise_id: str,
    *,
    library: Mapping[str, Exercise],
    ladders: Ladders,
    load_step_kg: float = DEFAULT_STEP_KG,
    load_step_lb: float = DEFAULT_STEP_LB,
) -> Prescription:
    """The prescription for ``exercise_id`` after ``sessions`` (any order)."""
    exercise = library.get(exercise_id)
    history = _sessions_with(sessions, exercise_id)
    last = last_time(history[-1], exercise_id, exercise) if history else None
    if last is None:
        return _first_time(exercise_id, exercise)
    rules = _Rules(exercise_id, exercise, last, library, ladders)
    if last.load is not None and not last.timed:
        step = step_for(
            last.load.unit,
            exercise.dosage if exercise else None,
            step_kg=load_step_kg,
            step_lb=load_step_lb,
        )
        return rules.double_progression(last.load, step)
    before = last_time(history[-2], exercise_id, exercise) if len(history) > 1 else None
    if last.timed:
        return rules.timed(before)
    return rules.bodyweight(before)


def _first_time(exercise_id: str, exercise: Exercise | None) -> Prescription:
    if exercise is None:
        return Prescription(exercise_id, "none", 1, None, None, None, None, "nothing logged yet")
    dosage = exercise.dosage
    sets = dosage.sets.high
    if dosage.is_timed and dosage.work_seconds is not None:
        seconds = dosage.work_seconds.low
        reason = f"nothing logged yet -> {_sets(sets)} of {seconds} s"
        return Prescription(exercise_id, "none", sets, None, None, None, None, reason, seconds)
    reps = dosage.reps
    low = reps.low if reps is not None else None
    reason = f"nothing logged yet -> {_sets(sets)} of {reps} reps"
    return Prescription(
        exercise_id, "none", sets, reps, low, None, None, reason,
        hold_seconds=dosage.hold_seconds,
    )  # fmt: skip


def _sets(count: int) -> str:
    return "1 set" if count == 1 else f"{count} sets"


@dataclass(frozen=True, slots=True)
class _Rules:
    exercise_id: str
    exercise: Exercise | None
    last: LastTime
    library: Mapping[str, Exercise]
    ladders: Ladders

    @property
    def light(self) -> Light:
        return self.last.pain.light

    @property
    def pain(self) -> str:
        return self.last.pain.words()

    def _sides(self) -> str:
        return " on both sides" if self.last.per_side else ""

    def _same(self, **changes: Any) -> Prescription:
        last = self.last
        low, high = (last.rep_range.low, last.rep_range.high) if last.rep_range else (0, 0)
        fields: dict[str, Any] = {
            "exercise_id": self.exercise_id,
            "light": self.light,
            "sets": last.planned_sets,
            "reps": last.rep_range,
            "target_reps": None if last.timed else min(high, max(low, last.fewest_reps)),
            "load": last.load,
            "variation": None,
            "reason": "",
            "work_seconds": last.planned_seconds,
            "hold_seconds": last.hold_seconds,
        }
        fields.update(changes)
        return Prescription(**fields)

    def _all_sets(self) -> str:
        count = len(self.last.numbers)
        return "the set" if count == 1 else f"all {count} sets"

    # -- loaded --------------------------------------------------------------------------

    def double_progression(self, load: Load, step: float) -> Prescription:
        last = self.last
        reps = last.rep_range or Range(1, 1)
        if self.light == "red":
            lower = cut(load, step)
            after = lower.label() if lower is not None else "no weight"
            reason = f"{self.pain}: {RED} -> {after} (was {load.label()}), back to {reps.low} reps"
            return self._same(load=lower, target_reps=reps.low, reason=reason)
        if self.light == "amber":
            again = self._same()
            reason = (
                f"{self.pain}: {AMBER} -> {load.label()} x {again.target_reps} again, as last time"
            )
            return self._same(reason=reason)
        if last.all_reached_top():
            done = f"{self._all_sets()} reached {reps.high}{self._sides()}"
            if last.no_reserve:
                which = ", ".join(str(n) for n in last.no_reserve)
                noun = "set" if len(last.no_reserve) == 1 else "sets"
                reason = (
                    f"{done} but {noun} {which} had no reps in reserve (RIR 0), {self.pain} "
                    f"-> {load.label()} x {reps.high} again"
                )
                return self._same(target_reps=reps.high, reason=reason)
            heavier = added(load, step)
            reason = f"{done}, {self.pain} -> {heavier.label()} (was {load.label()})"
            return self._same(load=heavier, target_reps=reps.low, reason=reason)
        target = min(reps.high, max(reps.low, last.fewest_reps + 1))
        reason = f"{self._short_of_top()}, {self.pain} -> {load.label()}, aim for {target} reps"
        return self._same(target_reps=target, reason=reason)

    def _short_of_top(self) -> str:
        last = self.last
        top = last.rep_range.high if last.rep_range else 0
        if len(last.numbers) < last.planned_sets:
            return f"{len(last.numbers)} of {last.planned_sets} sets done"
        if last.per_side and not last.complete:
            return "a set was done on one side only"
        reached = last.reached(top)
        return f"{reached} of {len(last.numbers)} sets reached {top} (fewest {last.fewest_reps})"

    # -- bodyweight ----------------------------------------------------------------------

    def _name(self, exercise_id: str) -> str:
        found = self.library.get(exercise_id)
        return found.name if found is not None else exercise_id

    def _rung(self, exercise_id: str, reason: str) -> Prescription:
        """Another exercise instead, at the low end of its own dosage."""
        other = self.library.get(exercise_id)
        last = self.last
        if other is None:
            return self._same(variation=exercise_id, reason=reason)
        dosage = other.dosage
        sets = min(max(last.planned_sets, dosage.sets.low), dosage.sets.high)
        seconds = dosage.work_seconds.low if dosage.is_timed and dosage.work_seconds else None
        reps = None if seconds is not None else dosage.reps
        return Prescription(
            self.exercise_id, self.light, sets, reps, reps.low if reps else None, None, exercise_id,
            reason, seconds, dosage.hold_seconds,
        )  # fmt: skip

    def _easier(self, back_to: str) -> Prescription:
        below = self.ladders.easier_steps(self.exercise_id)
        if below:
            step = below[0]
            name = self._name(step.exercise_id)
            reason = f"{self.pain}: {RED} -> {name} instead, a rung down the {step.ladder.name}"
            return self._rung(step.exercise_id, reason)
        return self._same(reason=f"{self.pain}: {RED} -> {back_to}")

    def bodyweight(self, before: LastTime | None) -> Prescription:
        last = self.last
        reps = last.rep_range or Range(1, 1)
        if self.light == "red":
            lower = self._easier(f"back to {reps.low} reps")
            if lower.variation is None:
                return self._same(target_reps=reps.low, reason=lower.reason)
            return lower
        if self.light == "amber":
            again = self._same()
            reason = f"{self.pain}: {AMBER} -> {again.target_reps} reps again, as last time"
            return self._same(reason=reason)
        if not last.all_reached_top():
            target = min(reps.high, max(reps.low, last.fewest_reps + 1))
            reason = f"{self._short_of_top()}, {self.pain} -> aim for {target} reps"
            return self._same(target_reps=target, reason=reason)
        done = f"{self._all_sets()} reached {reps.high}{self._sides()}"
        higher = self.ladders.next_steps(self.exercise_id)
        if before is None or not before.all_reached_top():
            then = "; once more and the next rung" if higher else ""
            reason = f"{done}, {self.pain} -> {reps.high} reps again{then}"
            return self._same(target_reps=reps.high, reason=reason)
        if higher:
            step = higher[0]
            reason = (
                f"{done} in your last two sessions, {self.pain} -> {self._name(step.exercise_id)},"
                f" the next rung on the {step.ladder.name}"
            )
            return self._rung(step.exercise_id, reason)
        reason = (
            f"{done} in your last two sessions, {self.pain} -> {reps.high} reps again; "
            "the top of its ladders: add a hold, a band or a weight"
        )
        return self._same(target_reps=reps.high, reason=reason)

    # -- timed ---------------------------------------------------------------------------

    def _cap(self) -> int | None:
        if self.exercise is None:
            return None
        dosage = self.exercise.dosage
        if dosage.hold_cap_seconds is not None:
            return dosage.hold_cap_seconds
        return dosage.work_seconds.high if dosage.work_seconds else None

    def timed(self, before: LastTime | None) -> Prescription:
        del before  # one session at the cap is enough for a hold
        last = self.last
        seconds = last.planned_seconds or round(last.shortest_hold) or 1
        low = seconds
        if self.exercise is not None and self.exercise.dosage.work_seconds is not None:
            low = min(seconds, self.exercise.dosage.work_seconds.low)
        if self.light == "red":
            lower = self._easier(f"{low} s holds")
            if lower.variation is None:
                return self._same(work_seconds=low, reason=lower.reason)
            return lower
        if self.light == "amber":
            reason = f"{self.pain}: {AMBER} -> {seconds} s again, as last time"
            return self._same(reason=reason)
        if not last.all_held(seconds):
            reason = f"not every set lasted {seconds} s, {self.pain} -> {seconds} s again"
            return self._same(reason=reason)
        done = f"{self._all_sets()} lasted {seconds} s{self._sides()}"
        cap = self._cap() or seconds
        if seconds < cap:
            longer = min(cap, seconds + HOLD_STEP_SECONDS)
            reason = f"{done}, {self.pain} -> {longer} s (was {seconds} s)"
            return self._same(work_seconds=longer, reason=reason)
        higher = self.ladders.next_steps(self.exercise_id)
        if higher:
            step = higher[0]
            reason = (
                f"{done}, the cap, {self.pain} -> {self._name(step.exercise_id)}, the next rung "
                f"on the {step.ladder.name}"
            )
            return self._rung(step.exercise_id, reason)
        reason = f"{done}, the cap, {self.pain} -> {seconds} s again"
        return self._same(reason=reason)
