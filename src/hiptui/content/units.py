"""Showing distances and angles in the user's units.

Quantities are stored as written in the source (the article uses inches and feet). Metric
conversions are rounded to the nearest 5 cm and marked "about", because the source figures
are themselves rough ranges; angles are the same in both systems.
"""

from __future__ import annotations

from hiptui.content.text import fill_placeholders

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hiptui.content.models import Quantity

IMPERIAL = "imperial"
METRIC = "metric"
UNIT_SYSTEMS = (IMPERIAL, METRIC)
DEFAULT_UNITS = IMPERIAL  # when settings.toml does not say

_TO_CM = {"in": 2.54, "ft": 30.48, "cm": 1.0, "m": 100.0}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _span(low: float, high: float) -> str:
    return _number(low) if low == high else f"{_number(low)}-{_number(high)}"


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def format_quantity(quantity: Quantity, units: str) -> str:
    """``12-16 in`` in imperial, ``about 30-40 cm`` in metric."""
    unit = quantity.unit
    if unit == "deg":
        return f"{_span(quantity.low, quantity.high)} degrees"
    imperial_source = unit in ("in", "ft")
    if (units == IMPERIAL) == imperial_source:
        return f"{_span(quantity.low, quantity.high)} {unit}"
    low_cm = quantity.low * _TO_CM[unit]
    high_cm = quantity.high * _TO_CM[unit]
    if units == METRIC:
        if high_cm >= 150:
            low, high = _round_to(low_cm / 100, 0.1), _round_to(high_cm / 100, 0.1)
            return f"about {_span(round(low, 1), round(high, 1))} m"
        return f"about {_span(_round_to(low_cm, 5), _round_to(high_cm, 5))} cm"
    low_in, high_in = low_cm / 2.54, high_cm / 2.54
    if high_in >= 36:
        return f"about {_span(_round_to(low_in / 12, 0.5), _round_to(high_in / 12, 0.5))} ft"
    return f"about {_span(_round_to(low_in, 1), _round_to(high_in, 1))} in"


def render(text: str, quantities: dict[str, Quantity], units: str) -> str:
    """``text`` with every ``{quantity}`` written out in ``units``."""
    if "{" not in text:
        return text
    values = {name: format_quantity(q, units) for name, q in quantities.items()}
    return fill_placeholders(text, values)
