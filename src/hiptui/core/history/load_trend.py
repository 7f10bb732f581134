"""Each exercise's load, effort and pain over time, one point per session, for the history.

Per session that did the exercise: the best set's load (the heaviest), the volume load (the sum
of load x reps over its loaded sets, in the best set's unit; a band level counts as its number),
the highest pain logged in a set, the next-morning pain, the pain light they give
(:mod:`hiptui.core.history.pain_light`) and the reps in reserve logged, in set order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from hiptui.content.load import Load
from hiptui.core.history.pain_light import Light, reading
from hiptui.core.history.protocols import SessionLike, SetLike
from hiptui.core.history.stats import chronological


@dataclass(frozen=True, slots=True)
class LoadPoint:
    session_id: int
    started_at: datetime
    best: Load | None  # the heaviest load of the session's sets; None: body weight only
    volume: float | None  # load x reps summed over the sets in ``best``'s unit
    pain: int | None  # the highest pain logged in a set (0-10)
    pain_next_day: int | None
    light: Light
    rir: tuple[int, ...]  # reps in reserve, in the order the sets were done


def _point(session: SessionLike, records: list[SetLike]) -> LoadPoint:
    loads = [r.load for r in records if r.load is not None]
    best: Load | None = None
    volume: float | None = None
    if loads:
        unit = loads[-1].unit
        best = max((load for load in loads if load.unit == unit), key=lambda load: load.value)
        volume = round(
            sum(
                r.load.value * r.reps for r in records if r.load is not None and r.load.unit == unit
            ),
            6,
        )
    pain = reading(records, session.pain_next_day)
    rir = tuple(r.rir for r in records if r.rir is not None)
    return LoadPoint(
        session.id, session.started_at, best, volume, pain.highest, pain.next_day, pain.light, rir
    )


def load_trends(sessions: Iterable[SessionLike]) -> dict[str, tuple[LoadPoint, ...]]:
    """Every exercise's points, oldest first."""
    trends: dict[str, list[LoadPoint]] = {}
    for session in chronological(sessions):
        mine: dict[str, list[SetLike]] = {}
        for record in session.sets:
            mine.setdefault(record.exercise_id, []).append(record)
        for exercise_id, records in mine.items():
            trends.setdefault(exercise_id, []).append(_point(session, records))
    return {key: tuple(points) for key, points in trends.items()}


def has_loads(points: Iterable[LoadPoint]) -> bool:
    return any(point.best is not None for point in points)


def has_effort_or_pain(points: Iterable[LoadPoint]) -> bool:
    return any(p.rir or p.pain is not None or p.pain_next_day is not None for p in points)
