"""The load a set was done with: a weight in kilograms or pounds, or a resistance band's level.

Shared by every layer (the store records it, the progression rules read it, the runner asks for
it), so it lives in the bottom layer. A bodyweight set has no load: ``None`` where a ``Load``
would be.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

LoadUnit = Literal["kg", "lb", "band"]
LOAD_UNITS: tuple[LoadUnit, ...] = ("kg", "lb", "band")


class Load(NamedTuple):
    """``value`` kilograms or pounds, or band level ``value`` (1 = the lightest band)."""

    value: float
    unit: LoadUnit

    def label(self) -> str:
        """``40 kg``, ``42.5 lb``, ``band 2``: whole numbers without a decimal point."""
        number = f"{self.value:g}"
        return f"band {number}" if self.unit == "band" else f"{number} {self.unit}"
