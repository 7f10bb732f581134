"""Lines handed to Textual's compositor ready-made (a widget's ``render_lines``).

Textual styles each line of a widget (border, padding, tint, opacity) on its way to the screen
and keeps the result; a line that changes goes through that again, and then through the app's
line filters (the terminal's colours). The mat view's board and its one-line widgets draw whole
lines in their own style already, so when nothing of that styling applies they hand their
strips over themselves, with only the filters applied (and kept with each strip).
"""

from __future__ import annotations

from typing import TypeVar

from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


def unstyled(widget: Widget) -> bool:
    """Whether Textual's per-line styling would leave ``widget``'s lines as they are."""
    styles = widget.styles
    return (
        not any(styles.gutter)  # padding and border
        and not any(edge for edge, _colour in styles.outline)
        and not styles.tint.a
        and widget.opacity == styles.text_opacity == 1.0
        and styles.hatch in (None, "none")
    )


def finished(widget: Widget, lines: list[Strip], background: Color, crop: Region) -> list[Strip]:
    """``lines`` (whole lines of ``widget``, one per line of ``crop``) through the app's line
    filters, cut to ``crop``'s columns."""
    for line_filter in widget.app.get_line_filters():
        lines = [line.apply_filter(line_filter, background) for line in lines]
    if crop.column_span != (0, widget.size.width):
        lines = [line.crop(*crop.column_span) for line in lines]
    return lines


Result = TypeVar("Result")


class SolidBackdrop(Screen[Result]):
    """A screen whose background is one solid colour (it shows only where no widget is, the
    margins of the mat view): its lines are blank lines of that colour, made once for a size
    and colour, where Textual would style each of them again for every frame."""

    _backdrop: tuple[tuple[Region, Color], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        colour = self.styles.background
        if colour.a < 1 or not unstyled(self):  # see-through: Textual draws what is below
            return super().render_lines(crop)
        key = (crop, colour)
        if self._backdrop is None or self._backdrop[0] != key:
            line = Strip.blank(crop.width, Style(bgcolor=colour.rich_color))
            whole = Region(0, 0, crop.width, crop.height)  # (made to crop's width already)
            self._backdrop = key, finished(self, [line] * crop.height, colour, whole)
        return self._backdrop[1]
