"""What the top screen draws, cell by cell: its text and, for each cell, the colours a terminal
shows (for the contrast and the tidy-at-80x24 tests)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from rich.color import Color as RichColor
from rich.segment import Segment
from textual.app import App
from textual.color import Color


class Cell(NamedTuple):
    x: int
    y: int
    char: str
    foreground: Color
    background: Color
    bold: bool


def _strips(app: App[Any]) -> list[list[Segment]]:
    compositor = app.screen._compositor  # the screen as Textual composed it for the terminal
    return [list(strip) for strip in compositor.render_strips()]


def screen_lines(app: App[Any]) -> list[str]:
    """The top screen's text, one string per row (a modal's rows hold only the modal)."""
    return ["".join(segment.text for segment in strip) for strip in _strips(app)]


def _color(color: RichColor | None, default: Color) -> Color:
    if color is None or color.is_default:
        return default
    r, g, b = color.get_truecolor()
    return Color(r, g, b)


def cells(app: App[Any]) -> Iterator[Cell]:
    """Every cell of the top screen with a visible character, with the foreground (a dim
    style blended half-way to the background, as terminals draw it) and background."""
    theme = app.current_theme
    default_fg = Color.parse(theme.foreground or "#e0e0e0")
    default_bg = Color.parse(theme.background or "#121212")
    for y, strip in enumerate(_strips(app)):
        x = 0
        for segment in strip:
            style = segment.style
            for char in segment.text:
                if style is not None and not char.isspace():
                    foreground = _color(style.color, default_fg)
                    background = _color(style.bgcolor, default_bg)
                    if style.reverse:
                        foreground, background = background, foreground
                    if style.dim:
                        foreground = background.blend(foreground, 0.5)
                    yield Cell(x, y, char, foreground, background, bool(style.bold))
                x += 1
