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


def _is_scroll_bar(widget: object) -> bool:
    from textual.scrollbar import ScrollBar, ScrollBarCorner

    return isinstance(widget, ScrollBar | ScrollBarCorner)


def _not_text_at(app: App[Any], x: int, y: int) -> bool:
    """Whether the cell is a scroll bar (its thumb is not text) or, under a dialog, the
    screen beneath showing through (dimmed on purpose, not to be read)."""
    from textual.errors import NoWidget

    screen = app.screen
    try:
        widget, _region = screen._compositor.get_widget_at(x, y)
    except NoWidget:
        return screen.is_modal
    return _is_scroll_bar(widget) or (screen.is_modal and widget is screen)


def _strips(app: App[Any]) -> list[list[Segment]]:
    compositor = app.screen._compositor  # the screen as Textual composed it for the terminal
    return [list(strip) for strip in compositor.render_strips()]


def screen_lines(app: App[Any]) -> list[str]:
    """The top screen's text, one string per row; under a dialog, only the dialog's (the
    screen beneath shows through as spaces)."""
    lines = ["".join(segment.text for segment in strip) for strip in _strips(app)]
    if not app.screen.is_modal:
        return lines
    return [
        "".join(" " if _not_text_at(app, x, y) else char for x, char in enumerate(line))
        for y, line in enumerate(lines)
    ]


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
                if style is not None and not char.isspace() and not _not_text_at(app, x, y):
                    foreground = _color(style.color, default_fg)
                    background = _color(style.bgcolor, default_bg)
                    if style.reverse:
                        foreground, background = background, foreground
                    if style.dim:
                        foreground = background.blend(foreground, 0.5)
                    yield Cell(x, y, char, foreground, background, bool(style.bold))
                x += 1
