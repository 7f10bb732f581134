"""Counting reps on a beat: the tempo (seconds to lift, hold, lower), the step of a rep, and
the beat that moves from step to step on the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


class TempoBeat:
    """The beat in force, if any: the step of the rep under way and when that step ends."""

    def __init__(self) -> None:
        self.tempo: Tempo | None = None
        self.step = TempoStep.LIFT
        self.deadline = 0.0

    @property
    def active(self) -> bool:
        return self.tempo is not None

    def start(self, tempo: Tempo, now: float) -> bool:
        """Count from a new lift at ``now``; ``True`` when the beat was off until now."""
        was_off = self.tempo is None
        self.tempo, self.step, self.deadline = tempo, TempoStep.LIFT, now + tempo.lift
        return was_off

    def stop(self) -> bool:
        """Stop counting; ``True`` when it was counting."""
        was_on = self.tempo is not None
        self.tempo = None
        return was_on

    def beat(self, at: float) -> bool:
        """The step that ended at ``at`` gives way to the next; ``True`` when a rep is done."""
        tempo = self.tempo
        assert tempo is not None
        if self.step is TempoStep.LIFT and tempo.hold > 0:
            self.step, self.deadline = TempoStep.HOLD, at + tempo.hold
        elif self.step is not TempoStep.LOWER:
            self.step, self.deadline = TempoStep.LOWER, at + tempo.lower
        else:
            self.step, self.deadline = TempoStep.LIFT, at + tempo.lift
            return True
        return False
