"""The load a set was done with: a weight in kilograms or pounds, or a resistance band's level.

Shared by every layer (the store records it, the progression rules read it, the runner asks for
it), so it lives in the bottom layer. A bodyweight set has no load: ``None`` where a ``Load``
would be.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    LoadUnit = Literal["kg", "lb", "band"]
else:  # the same values; ``typing`` (some 2 ms) is left to the type checker
    LoadUnit = str
LOAD_UNITS: tuple[LoadUnit, ...] = ("kg", "lb", "band")


class Load(tuple[float, LoadUnit]):
    """``value`` kilograms or pounds, or band level ``value`` (1 = the lightest band).

    A pair, as a ``NamedTuple`` would be (``value, unit = load``), written out by hand:
    ``typing.NamedTuple`` would import ``typing`` and build the class with ``exec`` on every
    start of ``hiptui today``, which reads the store's records."""

    __slots__ = ()

    def __new__(cls, value: float, unit: LoadUnit) -> Load:
        return tuple.__new__(cls, (value, unit))

    def __getnewargs__(self) -> tuple[float, LoadUnit]:  # copying and pickling
        return (self[0], self[1])

    @property
    def value(self) -> float:
        return self[0]

    @property
    def unit(self) -> LoadUnit:
        return self[1]

    def __repr__(self) -> str:
        return f"Load(value={self[0]!r}, unit={self[1]!r})"

    def label(self) -> str:
        """``40 kg``, ``42.5 lb``, ``band 2``: whole numbers without a decimal point."""
        number = f"{self.value:g}"
        return f"band {number}" if self.unit == "band" else f"{number} {self.unit}"
