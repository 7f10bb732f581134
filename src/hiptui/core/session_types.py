"""The values the session machine hands out: phases, completed sets, events and the view.

All frozen dataclasses, free of any UI toolkit, so a screen can render a :class:`SessionView`
and react to :class:`Event` objects without knowing how the machine works inside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeGuard

from hiptui.content.models import Range
from hiptui.core.plan import SIDES


class Phase(StrEnum):
    WARMUP = "warmup"  # the timed warm-up is counting down
    READY = "ready"  # a timed set waits for the rep key to start its countdown
    SET = "set"  # counting reps
    HOLD = "hold"  # the top hold of one rep is counting down
    WORK = "work"  # a timed set is counting down
    SWITCH_SIDES = "switch-sides"  # short pause between the two halves of a per-side set
    REST = "rest"  # countdown between sets
    PAUSED = "paused"  # every deadline frozen (reported by SessionMachine.phase only)
    DONE = "done"  # terminal


# Which phase may follow which (PAUSED and DONE may follow any phase but DONE; PAUSED returns
# only to the phase it froze). The machine checks every change against this table.
LEGAL_TRANSITIONS: Mapping[Phase, frozenset[Phase]] = {
    Phase.WARMUP: frozenset({Phase.SET, Phase.READY}),
    Phase.READY: frozenset({Phase.WORK, Phase.SET, Phase.READY}),
    Phase.SET: frozenset({Phase.HOLD, Phase.SET, Phase.READY, Phase.SWITCH_SIDES, Phase.REST}),
    Phase.HOLD: frozenset({Phase.SET}),
    Phase.WORK: frozenset({Phase.WORK, Phase.SET, Phase.READY, Phase.SWITCH_SIDES, Phase.REST}),
    Phase.SWITCH_SIDES: frozenset({Phase.SET, Phase.WORK, Phase.READY}),
    Phase.REST: frozenset({Phase.SET, Phase.WORK, Phase.READY}),
    Phase.PAUSED: frozenset(),
    Phase.DONE: frozenset(),
}


class IllegalTransition(RuntimeError):
    """A bug: the machine tried a phase change that :data:`LEGAL_TRANSITIONS` forbids."""


@dataclass(frozen=True, slots=True)
class CompletedSet:
    """One completed set, or one half (side) of a per-side set.

    ``started_at``/``ended_at`` are readings of the machine's monotonic clock; they only mean
    something next to other readings of the same clock. ``work_seconds`` is the time actually
    worked in a timed set (pauses excluded); ``hold_seconds`` is the planned top hold per rep.
    """

    exercise_id: str
    exercise_name: str
    set_number: int
    side: str | None
    reps: int
    hold_seconds: int | None
    work_seconds: float | None
    discomfort: bool
    started_at: float
    ended_at: float

    @property
    def key(self) -> tuple[str, int, str | None]:
        """What identifies the set in a session (as the history database keys it)."""
        return (self.exercise_id, self.set_number, self.side)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "exercise_name": self.exercise_name,
            "set_number": self.set_number,
            "side": self.side,
            "reps": self.reps,
            "hold_seconds": self.hold_seconds,
            "work_seconds": self.work_seconds,
            "discomfort": self.discomfort,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
        }

    @classmethod
    def from_dict(cls, data: object) -> CompletedSet:
        """Read :meth:`to_dict` output back; ``ValueError`` for anything malformed."""
        if not isinstance(data, Mapping):
            raise ValueError("completed set: expected an object")
        exercise_id, name = data.get("exercise_id"), data.get("exercise_name")
        set_number, reps = data.get("set_number"), data.get("reps")
        side, hold, work = data.get("side"), data.get("hold_seconds"), data.get("work_seconds")
        started, ended = data.get("started_at", 0.0), data.get("ended_at", 0.0)
        discomfort = data.get("discomfort", False)
        if not isinstance(exercise_id, str) or not isinstance(name, str):
            raise ValueError("completed set: exercise_id and exercise_name must be text")
        if not (_whole(set_number) and _whole(reps) and set_number >= 1 and reps >= 0):
            raise ValueError("completed set: set_number must be 1 or more and reps 0 or more")
        if side is not None and side not in SIDES:
            raise ValueError(f"completed set: side {side!r} is not left, right or null")
        if not (hold is None or _whole(hold)) or not (work is None or _number(work)):
            raise ValueError("completed set: hold_seconds and work_seconds must be numbers")
        if not (_number(started) and _number(ended)):
            raise ValueError("completed set: started_at and ended_at must be numbers")
        if not isinstance(discomfort, bool):
            raise ValueError("completed set: discomfort must be true or false")
        return cls(
            exercise_id=exercise_id,
            exercise_name=name,
            set_number=set_number,
            side=side,
            reps=reps,
            hold_seconds=hold,
            work_seconds=None if work is None else float(work),
            discomfort=discomfort,
            started_at=float(started),
            ended_at=float(ended),
        )


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Tempo:
    """Seconds to lift, hold at the top and lower, for one rep counted on a beat."""

    lift: float
    hold: float
    lower: float

    def __post_init__(self) -> None:
        if self.lift <= 0 or self.lower <= 0 or self.hold < 0:
            raise ValueError("tempo: lift and lower must be above 0 seconds, hold 0 or more")

    @property
    def rep_seconds(self) -> float:
        return self.lift + self.hold + self.lower


class TempoStep(StrEnum):
    LIFT = "lift"
    HOLD = "hold"
    LOWER = "lower"


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


# -- events: what happened during one call, for the UI to react to (save, ring, notify) -------


@dataclass(frozen=True, slots=True)
class Event:
    """Base class of everything the machine's methods return."""


@dataclass(frozen=True, slots=True)
class SetStarted(Event):
    exercise_id: str
    set_number: int
    side: str | None
    at: float


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
