"""Everything the history screen shows, worked out in one call: :func:`overview`.

Sessions, per-exercise figures (:mod:`~hiptui.core.history.stats`), consistency
(:mod:`~hiptui.core.history.consistency`), the progression steps due
(:mod:`~hiptui.core.history.progression`) and one row per self-check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from hiptui.content.ladders import Ladders
from hiptui.content.models import Exercise
from hiptui.core.history.consistency import Consistency, consistency, training_days
from hiptui.core.history.progression import Suggestion, suggest
from hiptui.core.history.protocols import CheckupLike, SessionLike
from hiptui.core.history.stats import (
    ExerciseStats,
    SessionRow,
    all_exercise_stats,
    chronological,
    session_row,
)

# -- self-checks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckupRow:
    taken_at: datetime
    average_hours: float | None  # sitting hours per day, from the self-check's result
    band: str | None  # low, moderate, high or very-high


def checkup_rows(checkups: Iterable[CheckupLike]) -> list[CheckupRow]:
    """One row per self-check, oldest first; values a result lacks are ``None``."""
    rows = []
    for checkup in sorted(checkups, key=lambda c: c.taken_at):
        result = checkup.result if isinstance(checkup.result, dict) else {}
        hours = result.get("average_hours")
        band = result.get("band")
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            hours = None
        rows.append(
            CheckupRow(
                checkup.taken_at,
                None if hours is None else float(hours),
                band if isinstance(band, str) and band else None,
            )
        )
    return rows


# -- everything the history screen shows ----------------------------------------------------


@dataclass(frozen=True)
class Overview:
    sessions: tuple[SessionRow, ...]  # newest first
    exercises: tuple[ExerciseStats, ...]  # most recently done first
    consistency: Consistency
    suggestions: tuple[Suggestion, ...]
    checkups: tuple[CheckupRow, ...]  # oldest first

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.checkups

    def suggestions_for(self, exercise_id: str) -> list[Suggestion]:
        return [s for s in self.suggestions if s.about == exercise_id]


def is_strength(library: Mapping[str, Exercise]) -> Callable[[str], bool]:
    """Strength exercises count towards the weekly target; one no longer known counts too."""

    def counts(exercise_id: str) -> bool:
        exercise = library.get(exercise_id)
        return exercise is None or exercise.category == "strength"

    return counts


def overview(
    sessions: Sequence[SessionLike],
    checkups: Iterable[CheckupLike],
    *,
    library: Mapping[str, Exercise],
    ladders: Ladders,
    today: date,
    tz: tzinfo | None = None,
) -> Overview:
    ordered = chronological(sessions)
    stats = all_exercise_stats(ordered)
    days = training_days(ordered, tz=tz, counts=is_strength(library))
    by_id = {session.id: session for session in ordered}
    found: list[Suggestion] = []
    for exercise_id, figures in stats.items():
        # Only the last two sessions with the exercise matter to the rule.
        recent = [by_id[point.session_id] for point in figures.points[-2:]]
        found += suggest(recent, exercise_id, library=library, ladders=ladders)
    return Overview(
        sessions=tuple(session_row(s) for s in reversed(ordered)),
        exercises=tuple(stats.values()),
        consistency=consistency(days, today),
        suggestions=tuple(found),
        checkups=tuple(checkup_rows(checkups)),
    )
