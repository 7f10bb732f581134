"""Progression: when to suggest a harder step, and which one.

The rule: when every set of an exercise reached the top of its rep range in the last two
sessions that included it (:func:`reached_top`), suggest the next step (:func:`suggest`):

1. the next rung of each ladder that holds the exercise (``progression/ladders.toml``);
2. at the top of its ladders, or on none: a top hold if its sets had no hold, else a band or
   weight if the exercise lists one as optional kit, else more reps.

The rep range is the one the session planned for the exercise (its plan item's
``target_reps``), else the exercise's own dosage. hiptui's own rule, not the source article's:
the article gives rep ranges and variations but no rule for when to move on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hiptui.content.ladders import Ladders
from hiptui.content.models import Exercise, Range
from hiptui.core.history.protocols import SessionLike


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A next step for ``about``; ``exercise_id`` is an exercise to try instead, if any."""

    about: str
    kind: str  # "ladder", "hold", "load" or "reps"
    text: str
    exercise_id: str | None = None


# Optional kit that adds load or resistance to a movement.
RESISTANCE = (
    "mini band", "resistance band", "dumbbell", "kettlebell", "barbell", "ez bar", "cable",
    "machine", "medicine ball",
)  # fmt: skip


def _plan_item(session: SessionLike, exercise_id: str) -> Mapping[str, Any] | None:
    items = session.plan.get("items") if isinstance(session.plan, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("exercise_id") == exercise_id:
            return item
    return None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rep_range(session: SessionLike, exercise_id: str, exercise: Exercise | None) -> Range | None:
    """The session's target for the exercise (its plan), else the exercise's own dosage."""
    item = _plan_item(session, exercise_id)
    target = item.get("target_reps") if item is not None else None
    if isinstance(target, list) and len(target) == 2:
        low, high = (_whole(n) for n in target)
        if low is not None and high is not None and 1 <= low <= high:
            return Range(low, high)
    if exercise is not None and exercise.dosage.reps is not None:
        return exercise.dosage.reps
    return None


def reached_top(session: SessionLike, exercise_id: str, exercise: Exercise | None) -> bool:
    """Every set of the exercise in ``session`` reached the top of its rep range.

    Every planned set must be there (an exercise ended early did not reach the top), and a
    per-side exercise needs both sides of each set.
    """
    records = [s for s in session.sets if s.exercise_id == exercise_id]
    target = rep_range(session, exercise_id, exercise)
    if not records or target is None:
        return False
    item = _plan_item(session, exercise_id)
    planned = _whole(item.get("sets")) if item is not None else None
    numbers = {r.set_number for r in records}
    if planned is not None and len(numbers) < planned:
        return False
    per_side = (item.get("per_side") is True if item is not None else False) or (
        exercise is not None and exercise.per_side
    )
    if per_side:
        halves = {(r.set_number, r.side) for r in records}
        if any((n, side) not in halves for n in numbers for side in ("left", "right")):
            return False
    return all(r.reps >= target.high for r in records)


def suggest(
    sessions: Iterable[SessionLike],
    exercise_id: str,
    *,
    library: Mapping[str, Exercise],
    ladders: Ladders,
) -> list[Suggestion]:
    """Next steps once the last two sessions with the exercise both reached the top of range.

    In order of preference: the next rung of each ladder holding the exercise; at the top of
    its ladders (or on none): a top hold if its sets had none, else a band or weight if the
    exercise lists one as optional kit, else more reps.
    """
    exercise = library.get(exercise_id)
    ordered = sorted(sessions, key=lambda s: (s.started_at, s.id))
    recent = [s for s in ordered if any(r.exercise_id == exercise_id for r in s.sets)][-2:]
    if len(recent) < 2 or not all(reached_top(s, exercise_id, exercise) for s in recent):
        return []
    last = recent[-1]
    name = exercise.name if exercise else _last_name(last, exercise_id)
    target = rep_range(last, exercise_id, exercise)
    top = target.high if target else 0
    done = f"{name}: every set reached {top} reps in your last two sessions."
    out: list[Suggestion] = []
    for step in ladders.next_steps(exercise_id):
        next_id = step.exercise_id
        next_name = library[next_id].name if next_id in library else next_id
        text = f"{done} Next on the {step.ladder.name}: {next_name}."
        out.append(Suggestion(exercise_id, "ladder", text, next_id))
    if out:
        return out
    records = [r for r in last.sets if r.exercise_id == exercise_id]
    kit = [k for k in (exercise.optional_equipment if exercise else ()) if k in RESISTANCE]
    if not any(r.hold_seconds for r in records):
        text = f"{done} Add a hold: pause at the top of every rep before lowering."
        return [Suggestion(exercise_id, "hold", text)]
    if kit:
        text = f"{done} Add a band or weight: {', '.join(kit)}."
        return [Suggestion(exercise_id, "load", text)]
    text = f"{done} Aim for more reps: go past {top} in each set."
    return [Suggestion(exercise_id, "reps", text)]


def _last_name(session: SessionLike, exercise_id: str) -> str:
    names = [r.exercise_name for r in session.sets if r.exercise_id == exercise_id]
    return names[-1] if names else exercise_id
