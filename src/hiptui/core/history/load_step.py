"""Load steps: how much a loaded set goes up by, and what a 10% cut comes to.

A step is the smallest change of load the rules make: 2.5 kg or 5 lb unless the user's settings
(``load_step_kg`` / ``load_step_lb``) or the exercise's own ``load_step`` say otherwise, and one
band level for bands. A cut of 10% is rounded down to a whole number of steps, so the load
always lands on weights the user can make up (40 kg -> 36 kg -> 35 kg with a 2.5 kg step).
"""

from __future__ import annotations

import math

from hiptui.content.load import Load, LoadUnit
from hiptui.content.models import Dosage

DEFAULT_STEP_KG = 2.5
DEFAULT_STEP_LB = 5.0
BAND_STEP = 1.0  # one band level
RED_CUT = 0.10  # a red light takes 10% off the load

# Float noise in value * 0.9 / step (36.00000000000001) must not cost a whole step.
_EPSILON = 1e-9


def step_for(
    unit: LoadUnit,
    dosage: Dosage | None = None,
    *,
    step_kg: float = DEFAULT_STEP_KG,
    step_lb: float = DEFAULT_STEP_LB,
) -> float:
    """The step for ``unit``: the exercise's own (``dosage``), else the settings' value."""
    if unit == "band":
        return BAND_STEP
    own = None if dosage is None else dosage.load_step_kg if unit == "kg" else dosage.load_step_lb
    if own is not None:
        return own
    return step_kg if unit == "kg" else step_lb


def _tidy(value: float) -> float:
    return round(value, 6) + 0.0  # + 0.0: never -0.0


def added(load: Load, step: float) -> Load:
    """One step up."""
    return Load(_tidy(load.value + step), load.unit)


def cut(load: Load, step: float) -> Load | None:
    """10% off, rounded down to a whole number of steps; ``None`` when nothing is left (no
    weight, or no band)."""
    steps = math.floor(load.value * (1 - RED_CUT) / step + _EPSILON)
    value = _tidy(steps * step)
    return Load(value, load.unit) if value > 0 else None
