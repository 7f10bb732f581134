"""Fitting the mat view's three big things into the space there is: the phase word, the number
(reps or seconds left) and the side.

:func:`fit_board` tries every size of the three, keeps those that fit the width and height
given, and picks the best by a fixed order of wishes: the number at least 7 rows tall, the
side at least 4 (its letters drawn, not typed), the phase word drawn too, then the biggest
number that leaves the others room (it may take at most :data:`NUMBER_SHARE` of the height),
then the biggest side and phase word. The phase word and the side share one band when the
width allows. Plain Python: the board widget styles the lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from hiptui.tui.bigfont import can_draw, draw, rows_at, width_at

# The number takes at most this share of the board's height, so the words keep some room.
NUMBER_SHARE = 0.72
MAX_SCALE = 10
_GAP = 3  # columns between the phase word and the side in one band


Segment = tuple[str, str]  # (text, what it is: "phase", "number", "side" or "")
Line = tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Scales:
    number: int
    phase: int
    side: int
    together: bool  # the phase word and the side in one band


def _scales(text: str, biggest: int) -> range:
    return range(biggest, -1, -1) if text and can_draw(text) else range(0, 1)


def _shape(text: str) -> str:
    """What decides how wide ``text`` is drawn (every digit is as wide as ``0``)."""
    return "".join("0" if char.isdigit() else char for char in text)


def fit_board(width: int, height: int, phase: str, number: str, side: str = "") -> list[Line]:
    """The lines that draw ``phase``, ``number`` and ``side`` (may be empty) as big as they
    fit in ``width`` x ``height``, centred; plain text (cut to fit) when nothing else does."""
    width, height = max(1, width), max(1, height)
    scales = choose_scales(width, height, phase, _shape(number), side)
    if scales is None:
        plain: list[Line] = [((phase[:width], "phase"),), ((number[:width], "number"),)]
        if side:
            plain.append(((side[:width], "side"),))
        return plain[:height]
    return _lines(width, height, phase, number, side, scales)


@lru_cache(maxsize=256)
def choose_scales(width: int, height: int, phase: str, number: str, side: str) -> Scales | None:
    """The best sizes for the three in ``width`` x ``height`` (see the module's wishes)."""
    best: tuple[tuple[int, ...], Scales] | None = None
    number_cap = max(rows_at(1), int(height * NUMBER_SHARE))
    for ns, ps, ss, together in product(
        _scales(number, MAX_SCALE), _scales(phase, 4), _scales(side, 4), (True, False)
    ):
        if together and not side:
            continue
        if ns > 1 and rows_at(ns) > number_cap:
            continue
        if max(ps, ss) > max(1, ns // 2):
            continue  # the words never outgrow the number
        if _rows(ns, ps, ss, together, bool(side)) > height or width_at(number, ns) > width:
            continue
        if not _header_fits(width, phase, ps, side, ss, together):
            continue
        words = min(ps, ss) if side else ps
        wishes = (rows_at(ns) >= 7, ss >= 1 or not side, ps >= 1, ns, words, ss, ps, together)
        if best is None or wishes > best[0]:
            best = (wishes, Scales(ns, ps, ss, together))
    return None if best is None else best[1]


def _rows(ns: int, ps: int, ss: int, together: bool, has_side: bool) -> int:
    if together:
        return max(rows_at(ps), rows_at(ss)) + 1 + rows_at(ns)
    return rows_at(ps) + (1 + rows_at(ss) if has_side else 0) + 1 + rows_at(ns)


def _header_fits(width: int, phase: str, ps: int, side: str, ss: int, together: bool) -> bool:
    if together:
        return width_at(phase, ps) + _GAP + width_at(side, ss) <= width
    return width_at(phase, ps) <= width and width_at(side, ss) <= width


def _centred(lines: list[str], width: int, role: str) -> list[Line]:
    return [((line.center(width).rstrip(), role),) for line in lines]


def _lines(width: int, height: int, phase: str, number: str, side: str, fit: Scales) -> list[Line]:
    out: list[Line] = []
    phase_lines = draw(phase, fit.phase)
    side_lines = draw(side, fit.side) if side else []
    if fit.together:
        rows = max(len(phase_lines), len(side_lines))
        phase_width = width_at(phase, fit.phase)
        # Both sit on the bottom of the band: the phase word at the left, the side at the right.
        phase_lines = [""] * (rows - len(phase_lines)) + phase_lines
        side_lines = [""] * (rows - len(side_lines)) + side_lines
        for left, right in zip(phase_lines, side_lines, strict=True):
            space = width - phase_width - width_at(side, fit.side)
            out.append(((left.ljust(phase_width) + " " * space, "phase"), (right, "side")))
    else:
        out += _centred(phase_lines, width, "phase")
        if side_lines:
            out.append(())
            out += _centred(side_lines, width, "side")
    out.append(())
    out += _centred(draw(number, fit.number), width, "number")
    top = max(0, (height - len(out)) // 2)
    return [()] * top + out
