"""WCAG 2 contrast of what a screen draws: every text cell's foreground against its background."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from hiptui.tui.themes import contrast
from tests.ui.screen_cells import Cell

TEXT, LARGE = 4.5, 3.0  # WCAG AA: text, and large text (the runner's big digits)


def is_drawing(char: str) -> bool:
    """Borders, rules and scroll bars (box drawing), not text."""
    return 0x2500 <= ord(char) <= 0x257F or char in "▏▕▎▊▔▁"


def is_block(char: str) -> bool:
    """Block elements: the big digits and figures, held to the large-text ratio."""
    return 0x2580 <= ord(char) <= 0x259F and char not in "▏▕▎▊▔▁"


class Failure(NamedTuple):
    ratio: float
    needed: float
    text: str  # the run of cells that fails, as drawn
    y: int
    foreground: str
    background: str


def failures(cells: Iterable[Cell]) -> list[Failure]:
    """Runs of neighbouring cells below the ratio they need, worst first."""
    runs: dict[tuple[int, str, str], list[Cell]] = {}
    found: list[Failure] = []
    for cell in cells:
        if is_drawing(cell.char):
            continue
        needed = LARGE if is_block(cell.char) else TEXT
        ratio = contrast(cell.foreground, cell.background)
        if ratio >= needed:
            continue
        key = (cell.y, cell.foreground.hex, cell.background.hex)
        run = runs.setdefault(key, [])
        run.append(cell)
    for (y, fg, bg), run in runs.items():
        ratio = contrast(run[0].foreground, run[0].background)
        needed = LARGE if all(is_block(c.char) for c in run) else TEXT
        found.append(Failure(round(ratio, 2), needed, "".join(c.char for c in run), y, fg, bg))
    return sorted(found)
