"""Building a :class:`SessionPlan` from an exercise, a routine or a list of exercises."""

from __future__ import annotations

from collections.abc import Sequence

from hiptui.content.library import Library
from hiptui.content.routines import Routine
from hiptui.core.session.plan import DEFAULT_REST_SECONDS, ExercisePlan, SessionPlan

WARMUP_ID = "warm-up"


class PlanError(ValueError):
    """The plan cannot be built (an unknown exercise id, an empty routine)."""


def plan_for_exercise(
    library: Library,
    exercise_id: str,
    *,
    rest_default: int = DEFAULT_REST_SECONDS,
    **overrides: int | None,
) -> SessionPlan:
    """One exercise with its default dosage; ``overrides`` as for ExercisePlan.from_exercise.

    The rest is the exercise's own (hiptui default or not), and the user's default rest
    (``rest_default``, from the settings) only when the exercise gives none, so the card, the
    start dialog and the runner show and do the same number.
    """
    exercise = library.get(exercise_id)
    if exercise is None:
        raise PlanError(f"no exercise with id '{exercise_id}'")
    item = ExercisePlan.from_exercise(exercise, rest_default=rest_default, **overrides)
    return SessionPlan(name=exercise.name, items=(item,))


def plan_for_routine(
    library: Library,
    routine: Routine,
    *,
    with_warmup: bool = True,
    rest_default: int = DEFAULT_REST_SECONDS,
) -> SessionPlan:
    """The routine's exercises in order. A routine entry that names sets, reps, a hold or a
    rest sets them for this routine (like a dosage written for it); anything else is the
    exercise's own, and the rest the user's default only when the exercise gives none."""
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
                rest_default=rest_default,
            )
        )
    warmup = None
    if with_warmup and routine.warmup:
        exercise = library.get(routine.warmup)
        if exercise is None:
            raise PlanError(f"routine '{routine.id}' uses unknown warm-up '{routine.warmup}'")
        warmup = ExercisePlan.from_exercise(exercise, sets=1, rest_default=rest_default)
    return SessionPlan(name=routine.name, items=tuple(items), warmup=warmup, routine_id=routine.id)


def plan_for_exercises(
    library: Library,
    ids: Sequence[str],
    *,
    name: str,
    with_warmup_id: str | None = WARMUP_ID,
    rest_default: int = DEFAULT_REST_SECONDS,
) -> SessionPlan:
    """The exercises ``ids`` in order, each with its default dosage (the self-check's plan).

    ``with_warmup_id`` names the exercise to do first as the plan's timed warm-up, whether or
    not it is in ``ids`` (``None``: no warm-up). A warm-up that is not timed, or is done per
    side, cannot be a plan's warm-up; it then leads the exercises instead. An id given twice
    is planned once. ``PlanError`` for an unknown id or when nothing is left to plan.
    """
    wanted = [*ids, with_warmup_id] if with_warmup_id is not None else list(ids)
    for exercise_id in wanted:
        if exercise_id not in library.exercises:
            raise PlanError(f"no exercise with id '{exercise_id}'")
    ordered = list(dict.fromkeys(ids))
    warmup = None
    if with_warmup_id is not None:
        exercise = library.exercises[with_warmup_id]
        if exercise.dosage.is_timed and not exercise.per_side:
            warmup = ExercisePlan.from_exercise(exercise, sets=1, rest_default=rest_default)
            ordered = [i for i in ordered if i != with_warmup_id]
        else:
            ordered = [with_warmup_id, *(i for i in ordered if i != with_warmup_id)]
    if not ordered:
        raise PlanError(f"plan '{name}' has no exercises besides the warm-up")
    items = tuple(
        ExercisePlan.from_exercise(library.exercises[i], rest_default=rest_default) for i in ordered
    )
    return SessionPlan(name=name, items=items, warmup=warmup)
