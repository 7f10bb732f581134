"""One completed set (or one half of a per-side set), as the machine hands it out to be saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from hiptui.core.session.plan import SIDES

SetKey = tuple[str, int, str | None]  # (exercise id, set number, side), as the history keys a set


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
    def key(self) -> SetKey:
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
        # The history keeps seconds as REAL, so a set read back from it holds 2.0 for 2.
        if isinstance(hold, float) and hold.is_integer():
            hold = int(hold)
        if not (hold is None or _whole(hold)) or not (work is None or _number(work)):
            raise ValueError(
                "completed set: hold_seconds must be whole seconds and work_seconds a number"
            )
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
