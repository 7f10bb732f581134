"""Figures from the training history: one line per session, and per exercise its points over
time, best set, longest hold and left/right asymmetry.

Pure functions over the records the history database hands back (anything shaped like them: see
:mod:`hiptui.core.history.protocols`). Nothing here reads a clock.

Asymmetry of a per-side exercise, over all its logged sets: ``|L - R| / max(L, R)`` where L and R
are the total reps done on each side. Flagged when the gap is more than 10 percent
(``10 * |L - R| > max(L, R)``, exact in integers, so exactly 10 percent is not flagged). One side
with reps and the other with none is a 100 percent gap, flagged, with the missing side.
docs/history.md explains the rules for users.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hiptui.core.history.protocols import SessionLike, SetLike

ASYMMETRY_PERCENT = 10


# -- sessions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One line of the session list."""

    session_id: int
    started_at: datetime
    name: str
    status: str
    sets: int  # distinct (exercise, set number): both halves of a per-side set are one set
    reps: int
    reps_left: int
    reps_right: int
    duration: timedelta | None
    discomfort: int  # set records marked for discomfort


def session_row(session: SessionLike) -> SessionRow:
    left = sum(s.reps for s in session.sets if s.side == "left")
    right = sum(s.reps for s in session.sets if s.side == "right")
    end = session.ended_at
    if end is None and session.sets:
        end = max(s.completed_at for s in session.sets)
    duration = None if end is None else max(end - session.started_at, timedelta(0))
    return SessionRow(
        session_id=session.id,
        started_at=session.started_at,
        name=session.name,
        status=session.status,
        sets=len({(s.exercise_id, s.set_number) for s in session.sets}),
        reps=sum(s.reps for s in session.sets),
        reps_left=left,
        reps_right=right,
        duration=duration,
        discomfort=sum(1 for s in session.sets if s.discomfort),
    )


def chronological(sessions: Iterable[SessionLike]) -> list[SessionLike]:
    return sorted(sessions, key=lambda s: (s.started_at, s.id))


# -- one exercise ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Asymmetry:
    left: int
    right: int
    gap: float  # |L - R| / max(L, R), 0.0 to 1.0
    flagged: bool  # gap above ASYMMETRY_PERCENT
    missing_side: str | None  # "left" or "right" when that side has no reps at all

    @property
    def weaker(self) -> str | None:
        if self.left == self.right:
            return None
        return "left" if self.left < self.right else "right"

    @property
    def percent(self) -> int:
        return round(self.gap * 100)


def asymmetry(sets: Iterable[SetLike]) -> Asymmetry | None:
    """Left/right gap over the total reps per side; ``None`` when no side has any reps."""
    left = right = 0
    for record in sets:
        if record.side == "left":
            left += record.reps
        elif record.side == "right":
            right += record.reps
    larger = max(left, right)
    if larger == 0:
        return None
    gap = abs(left - right)
    missing = "left" if left == 0 else "right" if right == 0 else None
    flagged = 100 * gap > ASYMMETRY_PERCENT * larger
    return Asymmetry(left, right, gap / larger, flagged, missing)


@dataclass(frozen=True, slots=True)
class SessionPoint:
    """What one session did of one exercise."""

    session_id: int
    started_at: datetime
    sets: int
    reps: int


@dataclass(frozen=True, slots=True)
class BestSet:
    reps: int
    side: str | None
    set_number: int
    completed_at: datetime


@dataclass(frozen=True, slots=True)
class ExerciseStats:
    exercise_id: str
    name: str
    points: tuple[SessionPoint, ...]  # oldest first
    total_reps: int
    best_set: BestSet | None  # most reps in one set (or one side of it); the first to reach it
    best_hold: float | None  # longest top hold per rep, or longest timed set, in seconds
    asymmetry: Asymmetry | None
    discomfort: int

    @property
    def reps_per_session(self) -> list[int]:
        return [point.reps for point in self.points]

    @property
    def running_total(self) -> list[int]:
        totals: list[int] = []
        for point in self.points:
            totals.append((totals[-1] if totals else 0) + point.reps)
        return totals


def _hold_of(record: SetLike) -> float | None:
    if record.reps == 0 and record.work_seconds:
        return record.work_seconds  # a timed hold
    return record.hold_seconds


def exercise_stats(sessions: Iterable[SessionLike], exercise_id: str) -> ExerciseStats | None:
    """Figures for one exercise over ``sessions``; ``None`` if it was never done."""
    return all_exercise_stats(sessions).get(exercise_id)


def all_exercise_stats(sessions: Iterable[SessionLike]) -> dict[str, ExerciseStats]:
    """Every exercise in the history, the most recently done first."""
    points: dict[str, list[SessionPoint]] = {}
    sets_of: dict[str, list[SetLike]] = {}
    names: dict[str, str] = {}
    for session in chronological(sessions):
        mine: dict[str, list[SetLike]] = {}
        for record in session.sets:
            mine.setdefault(record.exercise_id, []).append(record)
        for exercise_id, records in mine.items():
            names[exercise_id] = records[-1].exercise_name
            if exercise_id in sets_of:
                sets_of[exercise_id] += records
            else:
                sets_of[exercise_id], points[exercise_id] = list(records), []
            reps = 0
            numbers = set()
            for record in records:
                reps += record.reps
                numbers.add(record.set_number)
            point = SessionPoint(session.id, session.started_at, len(numbers), reps)
            points[exercise_id].append(point)
    stats = {key: _stats(key, names[key], points[key], sets_of[key]) for key in points}
    order = sorted(stats, key=lambda k: (stats[k].points[-1].started_at, k), reverse=True)
    return {key: stats[key] for key in order}


def _stats(
    exercise_id: str, name: str, points: list[SessionPoint], records: list[SetLike]
) -> ExerciseStats:
    best: BestSet | None = None
    for record in records:
        if record.reps > 0 and (best is None or record.reps > best.reps):
            best = BestSet(record.reps, record.side, record.set_number, record.completed_at)
    holds = [hold for hold in map(_hold_of, records) if hold]
    return ExerciseStats(
        exercise_id=exercise_id,
        name=name,
        points=tuple(points),
        total_reps=sum(point.reps for point in points),
        best_set=best,
        best_hold=max(holds) if holds else None,
        asymmetry=asymmetry(records),
        discomfort=sum(1 for r in records if r.discomfort),
    )
