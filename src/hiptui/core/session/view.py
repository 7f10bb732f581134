"""What a runner screen shows, read from the machine at one moment: :class:`SessionView`."""

from __future__ import annotations

from dataclasses import dataclass

from hiptui.content.models import Range
from hiptui.core.session.phase import Phase
from hiptui.core.session.tempo import Tempo, TempoStep


@dataclass(frozen=True, slots=True)
class TempoView:
    tempo: Tempo
    step: TempoStep
    remaining: float


@dataclass(frozen=True, slots=True)
class NextTarget:
    """The set that comes next, as shown during a rest or a side switch."""

    exercise_id: str
    exercise_name: str
    set_number: int
    sets: int
    side: str | None
    target_reps: Range | None
    hold_seconds: int | None
    work_seconds: int | None


@dataclass(frozen=True, slots=True)
class SessionView:
    """Everything a runner screen shows, read from the machine at one moment.

    ``phase`` is the phase the machine is in or, while ``paused``, the one it will go back to;
    countdowns are frozen while paused. During REST and SWITCH_SIDES the position fields
    (exercise, set, side) already describe the set that comes next, which ``next_target`` also
    gives. ``available`` names the machine methods that would do something now.
    """

    phase: Phase
    paused: bool
    is_warmup: bool
    exercise_id: str
    exercise_name: str
    item_number: int  # 1-based position in plan.items; 0 during the warm-up
    item_count: int
    set_number: int
    sets: int
    side: str | None
    reps: int
    target_reps: Range | None
    hold_seconds: int | None
    work_seconds: int | None
    hold_remaining: float | None
    work_remaining: float | None
    switch_remaining: float | None
    rest_remaining: float | None
    rest_total: float | None
    next_target: NextTarget | None
    cue: str | None
    discomfort: bool
    tempo: TempoView | None
    available: frozenset[str]
