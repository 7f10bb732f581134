"""Building a :class:`SessionPlan` from an exercise or a routine and the loaded content."""

from __future__ import annotations

from hiptui.content.loader import Library
from hiptui.content.routines import Routine
from hiptui.core.plan import ExercisePlan, SessionPlan


class PlanError(ValueError):
    """The plan cannot be built (an unknown exercise id, an empty routine)."""


def plan_for_exercise(
    library: Library, exercise_id: str, *, rest_default: int | None = None, **overrides: int | None
) -> SessionPlan:
    """One exercise with its default dosage; ``overrides`` as for ExercisePlan.from_exercise."""
    exercise = library.get(exercise_id)
    if exercise is None:
        raise PlanError(f"no exercise with id '{exercise_id}'")
    rest = overrides.pop("rest", None)
    if rest is None and rest_default is not None and "rest_seconds" in exercise.dosage.defaults:
        rest = rest_default  # the user's default rest replaces hiptui's, never the source's
    item = ExercisePlan.from_exercise(exercise, rest=rest, **overrides)
    return SessionPlan(name=exercise.name, items=(item,))


def plan_for_routine(
    library: Library, routine: Routine, *, with_warmup: bool = True
) -> SessionPlan:
    items = []
    for entry in routine.items:
        exercise = library.get(entry.exercise)
        if exercise is None:
            raise PlanError(f"routine '{routine.id}' uses unknown exercise '{entry.exercise}'")
        items.append(
            ExercisePlan.from_exercise(
                exercise,
                sets=entry.sets,
                reps=entry.reps,
                hold=entry.hold_seconds,
                rest=entry.rest_seconds,
            )
        )
    warmup = None
    if with_warmup and routine.warmup:
        exercise = library.get(routine.warmup)
        if exercise is None:
            raise PlanError(f"routine '{routine.id}' uses unknown warm-up '{routine.warmup}'")
        warmup = ExercisePlan.from_exercise(exercise, sets=1)
    return SessionPlan(name=routine.name, items=tuple(items), warmup=warmup, routine_id=routine.id)
