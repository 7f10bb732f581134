"""The end-of-session summary: per exercise, sets and reps per side, an estimate of time under
tension, and which sets were flagged for discomfort.

Time under tension is an estimate. A timed set counts the seconds worked. A counted rep counts
its planned top hold plus :data:`ASSUMED_MOVE_SECONDS` for the lift and the lowering: hiptui's
assumption of about one second up and one second down, not a figure from the source article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.plan import SessionPlan

ASSUMED_MOVE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class ExerciseSummary:
    exercise_id: str
    exercise_name: str
    sets_planned: int
    sets_done: int  # set numbers with at least one completed half
    reps: int
    reps_left: int
    reps_right: int
    work_seconds: float
    tut_seconds: float
    discomfort_sets: tuple[tuple[int, str | None], ...]  # (set number, side) flagged
    skipped: bool

    @property
    def flagged(self) -> bool:
        return bool(self.discomfort_sets)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    exercises: tuple[ExerciseSummary, ...]  # one per plan item, in plan order
    warmup_seconds: float | None  # None when there was no warm-up or it was skipped
    total_reps: int
    total_sets: int
    flagged: tuple[str, ...]  # ids of exercises with a discomfort flag, in plan order
    ended_early: bool
    complete: bool  # every planned half of every exercise not skipped was completed


def time_under_tension(record: CompletedSet) -> float:
    if record.work_seconds is not None:
        return record.work_seconds
    return record.reps * ((record.hold_seconds or 0) + ASSUMED_MOVE_SECONDS)


def summarize(
    plan: SessionPlan,
    records: Iterable[CompletedSet],
    *,
    skipped: Iterable[str] = (),
    ended_early: bool = False,
) -> SessionSummary:
    records = list(records)
    skipped_ids = set(skipped)
    exercises: list[ExerciseSummary] = []
    complete = not ended_early
    for item in plan.items:
        mine = [r for r in records if r.exercise_id == item.exercise_id]
        done_halves = {(r.set_number, r.side) for r in mine}
        if item.exercise_id not in skipped_ids and len(done_halves) < item.sets * item.halves:
            complete = False
        exercises.append(
            ExerciseSummary(
                exercise_id=item.exercise_id,
                exercise_name=item.name,
                sets_planned=item.sets,
                sets_done=len({r.set_number for r in mine}),
                reps=sum(r.reps for r in mine),
                reps_left=sum(r.reps for r in mine if r.side == "left"),
                reps_right=sum(r.reps for r in mine if r.side == "right"),
                work_seconds=sum((r.work_seconds or 0.0 for r in mine), 0.0),
                tut_seconds=sum((time_under_tension(r) for r in mine), 0.0),
                discomfort_sets=tuple((r.set_number, r.side) for r in mine if r.discomfort),
                skipped=item.exercise_id in skipped_ids,
            )
        )
    warmup_seconds: float | None = None
    if plan.warmup is not None:
        warm = [r for r in records if r.exercise_id == plan.warmup.exercise_id]
        if warm:
            warmup_seconds = sum((r.work_seconds or 0.0 for r in warm), 0.0)
    return SessionSummary(
        exercises=tuple(exercises),
        warmup_seconds=warmup_seconds,
        total_reps=sum(e.reps for e in exercises),
        total_sets=sum(e.sets_done for e in exercises),
        flagged=tuple(e.exercise_id for e in exercises if e.flagged),
        ended_early=ended_early,
        complete=complete,
    )
