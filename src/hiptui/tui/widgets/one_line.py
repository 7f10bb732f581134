"""A Static of exactly one line that draws its Content straight into a strip.

The mat view's line under the board changes with every rep ("11 more to 15 ..."). A Static
redraws it through Textual's general text pipeline (wrapping, alignment, selection, links),
which cost about a quarter of a rep press's frame; one line that is only cut to fit needs none
of that. Text too long for the line ends in "…", as ``text-overflow: ellipsis`` would. The
line goes to the compositor ready-made (:mod:`hiptui.tui.widgets.ready_lines`).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from hiptui.tui.widgets.ready_lines import finished, unstyled


class OneLine(Static):
    DEFAULT_CSS = """
    OneLine { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[object, ...] = ()
        self._strip = Strip.blank(0)
        self._ready: tuple[object, ...] = ()
        self._ready_strip = Strip.blank(0)

    def render_line(self, y: int) -> Strip:
        content = self.visual
        if y or not isinstance(content, Content):
            return super().render_line(y)
        width = self.size.width
        style = self.visual_style
        key = (content, width, style)
        if key != self._drawn:
            if content.cell_length > width:
                content = content.truncate(width, ellipsis=True)
            segments, x = [], 0
            for text, part in content.render(style, end="", parse_style=self._get_style):
                segments.append(Segment(text, (style + part).rich_style_with_offset(x, 0)))
                x += len(text)
            self._strip = Strip(segments, content.cell_length)
            self._drawn = key
        return self._strip

    def render_lines(self, crop: Region) -> list[Strip]:
        if crop.line_range != range(1) or not unstyled(self):
            return super().render_lines(crop)
        line, width = self.render_line(0), self.size.width
        base, background = self.background_colors
        key = (line, width, base, background)
        if key != self._ready:
            # Padded to the width as Textual pads a line: in the background only.
            inner = Style(bgcolor=(base + background).rich_color)
            self._ready_strip = line.adjust_cell_length(width, inner)
            self._ready = key
        return finished(self, [self._ready_strip], background, crop)
