"""What an exercise's last session did, as the progression rules need it.

The work sets are every set of the exercise in that session (both halves of a per-side set are
one set). The rep range is the exercise's own dosage (the range the double progression moves
within), else the range the session planned, else the most reps logged. The planned number of
sets is the session plan's, else the sets done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hiptui.content.load import Load
from hiptui.content.models import Exercise, Range
from hiptui.core.history.pain_light import PainReading, exercise_sets, reading
from hiptui.core.history.protocols import SessionLike, SetLike

SIDES = ("left", "right")


def plan_item(session: SessionLike, exercise_id: str) -> Mapping[str, Any] | None:
    items = session.plan.get("items") if isinstance(session.plan, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("exercise_id") == exercise_id:
            return item
    return None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class LastTime:
    """One exercise in its last session."""

    session: SessionLike
    sets: Sequence[SetLike]
    pain: PainReading
    planned_sets: int  # the plan's sets, else the sets done
    numbers: tuple[int, ...]  # set numbers done, in order
    per_side: bool
    rep_range: Range | None  # None for a timed exercise
    planned_seconds: int | None  # a timed exercise's planned time per set
    hold_seconds: int | None  # the top hold per rep the session planned

    @property
    def timed(self) -> bool:
        return self.rep_range is None

    @property
    def load(self) -> Load | None:
        """The heaviest load of the work sets, in the unit of the last set with a load."""
        loads = [r.load for r in self.sets if r.load is not None]
        if not loads:
            return None
        unit = loads[-1].unit
        return max((load for load in loads if load.unit == unit), key=lambda load: load.value)

    @property
    def fewest_reps(self) -> int:
        return min((r.reps for r in self.sets), default=0)

    @property
    def shortest_hold(self) -> float:
        return min((r.work_seconds or 0.0 for r in self.sets), default=0.0)

    @property
    def complete(self) -> bool:
        """Every planned set was done, both sides of each for a per-side exercise."""
        if len(self.numbers) < self.planned_sets:
            return False
        if self.per_side:
            halves = {(r.set_number, r.side) for r in self.sets}
            return all((n, side) in halves for n in self.numbers for side in SIDES)
        return True

    def reached(self, reps: int) -> int:
        """How many sets reached ``reps`` (on both sides, for a per-side set)."""
        return sum(
            1 for n in self.numbers if all(r.reps >= reps for r in self.sets if r.set_number == n)
        )

    def all_reached_top(self) -> bool:
        """Every planned work set (both sides) reached the top of the rep range."""
        top = self.rep_range.high if self.rep_range is not None else None
        return top is not None and self.complete and self.reached(top) == len(self.numbers)

    def all_held(self, seconds: float) -> bool:
        """Every planned timed set (both sides) lasted ``seconds``."""
        return self.complete and all((r.work_seconds or 0.0) >= seconds for r in self.sets)

    @property
    def no_reserve(self) -> tuple[int, ...]:
        """Set numbers done at RIR 0 (no reps left in reserve)."""
        return tuple(sorted({r.set_number for r in self.sets if r.rir == 0}))


def last_time(session: SessionLike, exercise_id: str, exercise: Exercise | None) -> LastTime | None:
    """The exercise in ``session``; ``None`` when the session has no set of it."""
    records = exercise_sets(session, exercise_id)
    if not records:
        return None
    item = plan_item(session, exercise_id)
    numbers = tuple(sorted({r.set_number for r in records}))
    planned = _whole(item.get("sets")) if item is not None else None
    per_side = (item is not None and item.get("per_side") is True) or (
        exercise is not None and exercise.per_side
    )
    timed = all(r.reps == 0 for r in records) and any(r.work_seconds for r in records)
    seconds = _whole(item.get("work_seconds")) if item is not None else None
    rep_range = None if timed else _rep_range(records, item, exercise)
    if timed and seconds is None and exercise is not None and exercise.dosage.work_seconds:
        seconds = exercise.dosage.work_seconds.low
    hold = _whole(item.get("hold_seconds")) if item is not None else None
    if hold is None and item is None and exercise is not None:
        hold = exercise.dosage.hold_seconds
    return LastTime(
        session=session,
        sets=records,
        pain=reading(records, session.pain_next_day),
        planned_sets=planned if planned is not None and planned > 0 else len(numbers),
        numbers=numbers,
        per_side=per_side,
        rep_range=rep_range,
        planned_seconds=seconds,
        hold_seconds=hold,
    )


def _rep_range(
    records: Sequence[SetLike], item: Mapping[str, Any] | None, exercise: Exercise | None
) -> Range:
    if exercise is not None and exercise.dosage.reps is not None:
        return exercise.dosage.reps
    target = item.get("target_reps") if item is not None else None
    if isinstance(target, list) and len(target) == 2:
        low, high = (_whole(n) for n in target)
        if low is not None and high is not None and 1 <= low <= high:
            return Range(low, high)
    most = max(max(r.reps for r in records), 1)
    return Range(most, most)
