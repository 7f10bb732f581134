"""What happened during one call of the machine, for the UI to react to (save, ring, notify).

All frozen dataclasses, free of any UI toolkit: a screen reacts to :class:`Event` objects without
knowing how the machine works inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.tempo import TempoStep
from hiptui.core.session.view import NextTarget


@dataclass(frozen=True, slots=True)
class Event:
    """Base class of everything the machine's methods return."""


@dataclass(frozen=True, slots=True)
class SetStarted(Event):
    exercise_id: str
    set_number: int
    side: str | None
    at: float
    timed: bool = False  # a timed set (a stretch, a timed hold) starts counting down


@dataclass(frozen=True, slots=True)
class SetCompleted(Event):
    """A set, or one half of a per-side set, is complete: save it now."""

    record: CompletedSet


@dataclass(frozen=True, slots=True)
class DiscomfortChanged(Event):
    """The discomfort flag of the current half or of the last completed one changed.

    ``record`` is the updated completed set when the flag changed on one (save it again: the
    history replaces a set logged twice), ``None`` for the half in progress.
    """

    exercise_id: str
    set_number: int
    side: str | None
    discomfort: bool
    record: CompletedSet | None


@dataclass(frozen=True, slots=True)
class HoldStarted(Event):
    rep: int  # the rep being held (it counts when the hold completes)
    seconds: int
    ends_at: float


@dataclass(frozen=True, slots=True)
class HoldDone(Event):
    reps: int  # reps counted, this one included


@dataclass(frozen=True, slots=True)
class RepCounted(Event):
    """A rep counted: by the rep key, at the end of its top hold, or on the tempo's beat."""

    reps: int  # reps counted in this half, this one included


@dataclass(frozen=True, slots=True)
class LeadInStarted(Event):
    """A few seconds to get into position; the timed set counts from ``ends_at``."""

    seconds: int
    ends_at: float


@dataclass(frozen=True, slots=True)
class TempoStepChanged(Event):
    """The tempo's beat moved on: lift, hold or lower now."""

    step: TempoStep


@dataclass(frozen=True, slots=True)
class SidesSwitched(Event):
    side: str  # the side to work next
    seconds: int  # length of the switch pause (0: the next half has started)


@dataclass(frozen=True, slots=True)
class RestStarted(Event):
    seconds: int
    ends_at: float
    next: NextTarget


@dataclass(frozen=True, slots=True)
class RestAdjusted(Event):
    remaining: float
    total: float


@dataclass(frozen=True, slots=True)
class RestWarning(Event):
    seconds_left: int


@dataclass(frozen=True, slots=True)
class RestEnded(Event):
    skipped: bool


@dataclass(frozen=True, slots=True)
class ExerciseSkipped(Event):
    exercise_id: str
    exercise_name: str


@dataclass(frozen=True, slots=True)
class PauseChanged(Event):
    paused: bool


@dataclass(frozen=True, slots=True)
class TempoChanged(Event):
    active: bool


@dataclass(frozen=True, slots=True)
class CueChanged(Event):
    cue: str | None


@dataclass(frozen=True, slots=True)
class SessionDone(Event):
    ended_early: bool
