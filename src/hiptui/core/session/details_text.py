"""A set's load, reps in reserve and pain as typed in the runner's one-line form, and back.

The load is typed as ``40`` (in the unit the user works in), ``40 kg``, ``95 lb``
(``lbs`` too), ``band 2`` or nothing (bodyweight); reps in reserve 0-5 and pain 0-10 as whole
numbers or nothing. Each reader raises ``ValueError`` with a message for the form to show.
"""

from __future__ import annotations

import math
import re

from hiptui.content.load import Load, LoadUnit

MAX_LOAD = 10_000.0
MAX_RIR = 5
MAX_PAIN = 10
_LOAD = re.compile(
    r"^(?:(?P<band>band|b)\s*(?P<level>\S+)|(?P<value>[^\sa-z]+)\s*(?P<unit>[a-z]*))$"
)
_UNITS: dict[str, LoadUnit] = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}


def load_text(load: Load | None) -> str:
    """What the form shows for ``load``: ``40 kg``, ``42.5 lb``, ``band 2`` or nothing."""
    return "" if load is None else load.label()


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ".")) if len(text) <= 16 else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= MAX_LOAD:
        raise ValueError(f"load: {text!r} is not a number from 0 to {MAX_LOAD:g}")
    return value


def parse_load(text: str, default_unit: LoadUnit) -> Load | None:
    """The load typed in ``text``; ``default_unit`` when only a number is typed."""
    cleaned = text.strip().casefold()
    if cleaned in ("", "-", "none", "bw", "bodyweight"):
        return None
    found = _LOAD.match(cleaned)
    if found is None:
        raise ValueError("load: type a weight such as 40 kg or 95 lb, band 2, or nothing")
    if found["band"]:
        return Load(_number(found["level"]), "band")
    unit = found["unit"]
    if unit and unit not in _UNITS:
        raise ValueError(f"load: the unit is kg, lb or band, not {unit!r}")
    return Load(_number(found["value"]), _UNITS[unit] if unit else default_unit)


def parse_scale(text: str, name: str, high: int) -> int | None:
    """A whole number from 0 to ``high`` typed in ``text``, or nothing (``None``)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 2 and int(cleaned) <= high):
        raise ValueError(f"{name}: a whole number from 0 to {high}, or nothing")
    return int(cleaned)
