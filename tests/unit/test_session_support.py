"""Shared pieces for the session tests: a fake monotonic clock and small plan builders.

(Named test_session_* to sit with the session tests; it holds no tests itself.)
"""

from __future__ import annotations

from typing import Any

from hiptui.content.models import Range
from hiptui.core.session.events import Event, SetCompleted
from hiptui.core.session.machine import SessionMachine
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import ExercisePlan, SessionPlan


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def counted(
    exercise_id: str = "bridge",
    *,
    sets: int = 2,
    reps: tuple[int, int] = (8, 12),
    hold: int | None = None,
    rest: int = 60,
    per_side: bool = False,
    cues: tuple[str, ...] = (),
    first_side: str | None = None,
) -> ExercisePlan:
    return ExercisePlan(
        exercise_id=exercise_id,
        name=exercise_id.title(),
        sets=sets,
        target_reps=Range(*reps),
        hold_seconds=hold,
        rest_seconds=rest,
        per_side=per_side,
        cues=cues,
        first_side=first_side,
    )


def timed(
    exercise_id: str = "stretch",
    *,
    sets: int = 2,
    work: int = 30,
    rest: int = 15,
    per_side: bool = False,
    cues: tuple[str, ...] = (),
    first_side: str | None = None,
) -> ExercisePlan:
    return ExercisePlan(
        exercise_id=exercise_id,
        name=exercise_id.title(),
        sets=sets,
        work_seconds=work,
        rest_seconds=rest,
        per_side=per_side,
        cues=cues,
        first_side=first_side,
    )


def warmup(work: int = 300, cues: tuple[str, ...] = ()) -> ExercisePlan:
    return ExercisePlan("warm-up", "Warm-up", 1, work_seconds=work, rest_seconds=0, cues=cues)


def plan(*items: ExercisePlan, warm: ExercisePlan | None = None) -> SessionPlan:
    return SessionPlan(name="Test session", items=items, warmup=warm)


def machine(
    *items: ExercisePlan, warm: ExercisePlan | None = None, **options: Any
) -> tuple[SessionMachine, FakeClock]:
    clock = FakeClock()
    return SessionMachine(plan(*items, warm=warm), clock, **options), clock


def phase_of(m: SessionMachine) -> Phase:
    """The phase the view shows now (a call, read afresh after every action)."""
    return m.view.phase


def of_type(events: list[Event], kind: type[Event]) -> list[Event]:
    return [e for e in events if isinstance(e, kind)]


def completed(events: list[Event]) -> list[SetCompleted]:
    return [e for e in events if isinstance(e, SetCompleted)]


def reps_to(m: SessionMachine, n: int) -> list[Event]:
    """Press the rep key n times (no holds), collecting every event."""
    events: list[Event] = []
    for _ in range(n):
        events += m.rep()
    return events
