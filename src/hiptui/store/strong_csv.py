"""The Strong app's CSV layout, which other set-logging apps read and write: its columns, and
what hiptui keeps in its ``Notes`` and ``Workout Notes`` cells that Strong has no column for.

A set's cell ``Notes`` is its parts joined by ``; ``: the side of a per-side set first
(``left`` or ``right``), then the set's own note, then ``band N`` (a band's level: Strong's
``Weight`` is a weight), ``pain N/10`` and ``discomfort``. A session's ``Workout Notes`` holds
``next-morning pain N/10``. :func:`split_notes` reads them back (docs/data.md).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hiptui.content.load import Load

STRONG_COLUMNS = (
    "Date",
    "Workout Name",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "RPE",
    "Distance",
    "Distance Unit",
    "Seconds",
    "Notes",
    "Workout Notes",
)
DELIMITER = ";"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# Strong writes pounds as "lbs".
WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
SEPARATOR = "; "
DISCOMFORT = "discomfort"
_BAND = re.compile(r"^band (\d{1,4}(?:\.\d{1,3})?)$")
_PAIN = re.compile(r"^pain (\d{1,2})/10$")
_NEXT_DAY = re.compile(r"^next-morning pain (\d{1,2})/10$")


def rpe_of(rir: int | None) -> int | None:
    """Reps in reserve as Strong's RPE (rate of perceived exertion): 10 - RIR."""
    return None if rir is None else 10 - rir


def rir_of(rpe: float) -> int:
    """An RPE of 1 to 10 as reps in reserve: 10 - RPE, rounded down to a whole rep (RPE 8.5 is
    1), and 5 for RPE 5 or less (the scale's end: 5 or more in reserve)."""
    return min(5, int(10 - rpe))


class SetNotes(NamedTuple):
    """What a ``Notes`` cell holds."""

    side: str | None
    note: str | None
    band: float | None
    pain: int | None
    discomfort: bool


def join_notes(side: str | None, note: str | None, load: Load | None, pain: int | None,
               discomfort: bool) -> str:  # fmt: skip
    parts = [side] if side else []
    if note:
        parts.append(note)
    if load is not None and load.unit == "band":
        parts.append(f"band {load.value:g}")
    if pain is not None:
        parts.append(f"pain {pain}/10")
    if discomfort:
        parts.append(DISCOMFORT)
    return SEPARATOR.join(parts)


def split_notes(text: str) -> SetNotes:
    """A ``Notes`` cell read back: the parts hiptui writes are taken out (the side only first,
    the others only after the note), the rest is the note."""
    parts = text.split(SEPARATOR) if text else []
    side = None
    if parts and parts[0] in ("left", "right"):
        side = parts.pop(0)
    band: float | None = None
    pain: int | None = None
    discomfort = False
    while parts:
        last = parts[-1]
        if last == DISCOMFORT and not discomfort:
            discomfort = True
        elif (found := _PAIN.match(last)) and pain is None and int(found[1]) <= 10:
            pain = int(found[1])
        elif (found := _BAND.match(last)) and band is None:
            band = float(found[1])
        else:
            break
        parts.pop()
    note = SEPARATOR.join(parts) or None
    return SetNotes(side, note, band, pain, discomfort)


def workout_notes(pain_next_day: int | None) -> str:
    return "" if pain_next_day is None else f"next-morning pain {pain_next_day}/10"


def next_day_pain(text: str) -> int | None:
    """The next-morning pain in a ``Workout Notes`` cell hiptui wrote, else ``None``."""
    found = _NEXT_DAY.match(text.strip())
    return int(found[1]) if found and int(found[1]) <= 10 else None
