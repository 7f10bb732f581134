"""Builders for the value objects many unit tests need: one place that knows every field,
so a test names only what it is about."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hiptui.content.models import Dosage, Exercise, Range
from hiptui.store.records import SetRecord

NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def an_exercise(exercise_id: str = "ex", **changes: Any) -> Exercise:
    """A beginner strength exercise for the gluteus maximus, 2-3 sets of 8-12, with one step;
    ``changes`` replace any of its fields. The name is made from the id."""
    base = Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        summary="",
        level="beginner",
        category="strength",
        primary_muscles=("gluteus maximus",),
        secondary_muscles=(),
        equipment=(),
        optional_equipment=(),
        per_side=False,
        dosage=Dosage(sets=Range(2, 3), reps=Range(8, 12)),
        steps=("Do it.",),
        source="test",
    )
    return base.replace(**changes) if changes else base


def a_set_record(exercise_id: str = "ex", reps: int = 8, **changes: Any) -> SetRecord:
    """Set 1 of ``exercise_id`` with ``reps`` reps, no side, hold or load, completed at
    :data:`NOON`; ``changes`` replace any of its fields."""
    base = SetRecord(
        id=1,
        session_id=1,
        exercise_id=exercise_id,
        exercise_name=exercise_id.replace("-", " ").capitalize(),
        set_number=1,
        side=None,
        reps=reps,
        hold_seconds=None,
        work_seconds=None,
        discomfort=False,
        note=None,
        started_at=None,
        completed_at=NOON,
    )
    return base.replace(**changes) if changes else base
