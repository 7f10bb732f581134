"""Counting reps on a beat: the tempo (seconds to lift, hold, lower) and the step of a rep."""

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
