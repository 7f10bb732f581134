"""Easing back in: after two weeks or more without a session of an exercise, the first session
back suggests an easier dosage, and says why.

The rule (hiptui's own, docs/weekly-plan.md): when the last set of a strength exercise was
logged :data:`TIME_OFF_DAYS` days or more before today, suggest the low end of its own dosage:
the fewest sets of its range (one set fewer when the range is a single number) and the fewest
reps (or the shortest timed work). Every number stays one the exercise's source gives. Nothing
is suggested for an exercise never done before, for one done within the two weeks, or when the
low end is already the whole dosage. Pure: "today" and the last day are parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hiptui.content.models import Exercise, Range

TIME_OFF_DAYS = 14


@dataclass(frozen=True, slots=True)
class Comeback:
    """An easier first session back for one exercise, and why."""

    exercise_id: str
    days_off: int
    sets: int
    reps: Range | None  # counted exercises: a single number of reps
    work_seconds: int | None  # timed exercises
    text: str


def comeback(exercise: Exercise, last_done: date | None, today: date) -> Comeback | None:
    """The easier dosage for ``exercise`` today, or ``None`` when none is called for."""
    if last_done is None or exercise.category != "strength":
        return None
    days_off = (today - last_done).days
    if days_off < TIME_OFF_DAYS:
        return None
    dosage = exercise.dosage
    sets = dosage.sets.low if dosage.sets.low < dosage.sets.high else max(1, dosage.sets.high - 1)
    reps: Range | None = None
    work: int | None = None
    if dosage.reps is not None:
        reps = Range(dosage.reps.low, dosage.reps.low)
        easier = sets < dosage.sets.high or dosage.reps.low < dosage.reps.high
        amount = f"{reps.low} reps"
    elif dosage.work_seconds is not None:
        work = dosage.work_seconds.low
        easier = sets < dosage.sets.high or work < dosage.work_seconds.high
        amount = f"{work} s"
    else:  # pragma: no cover - the loader refuses a dosage with neither
        return None
    if not easier:
        return None
    side = " per side" if exercise.per_side else ""
    text = (
        f"{_time_off(days_off)} since your last {exercise.name}: start easier today, "
        f"{sets} {'set' if sets == 1 else 'sets'} of {amount}{side}, the low end of its dosage, "
        "and build back up over the next sessions."
    )
    return Comeback(exercise.id, days_off, sets, reps, work, text)


def _time_off(days: int) -> str:
    weeks = days // 7
    return f"{days} days" if weeks < 3 else f"{weeks} weeks"
