"""The mat board: the phase word, the big number and the side, drawn as big as the widget's
space allows (:func:`hiptui.tui.mat_layout.fit_board`), so they read from across a room.

Attributes down: the runner screen calls :meth:`MatBoard.show`; the board redraws only when
what it shows (or its size, or the theme) changed. It hands Textual ready-made lines
(``render_line``), one styled segment per part, since a rep press redraws it: building and
wrapping a Content of the whole board each time cost about 2 ms a press at 80x24.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from hiptui.tui.mat_layout import Line, fit_board

# The theme variable that colours each part, by the board's mood. The words say what the
# colour says (REST, PAUSED), so nothing depends on telling colours apart.
_NUMBER_COLOUR = {"": "accent", "paused": "warning", "rest": "success"}


class MatBoard(Widget):
    DEFAULT_CSS = """
    MatBoard { width: 1fr; height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = self.number = self.side = self.mood = ""
        self._drawn: tuple[object, ...] = ()
        self._strips: list[Strip] = []

    def show(self, phase: str, number: str, side: str = "", mood: str = "") -> None:
        """Show these; ``mood`` is ``""``, ``"paused"`` or ``"rest"`` (the number's colour)."""
        values = (phase, number, side, mood)
        if values == (self.phase, self.number, self.side, self.mood):
            return
        before = self._strips if self._drawn else []
        self.phase, self.number, self.side, self.mood = values
        if not before or not self.is_mounted or not self.size:
            self.refresh()
            return
        # Only the lines that changed are redrawn (a rep changes the number's rows alone).
        after = self._strips_now()
        width = self.size.width
        changed = [
            Region(0, y, width, 1)
            for y in range(max(len(before), len(after)))
            if y >= len(before) or y >= len(after) or before[y] != after[y]
        ]
        if changed:
            self.refresh(*changed)

    def lines(self) -> list[Line]:
        """What the board draws at its size now: per line, (text, part) segments."""
        width, height = self.content_size
        return fit_board(width, height, self.phase, self.number, self.side)

    def _styles(self) -> dict[str, Style]:
        colours = self.app.theme_variables
        base = self.rich_style
        number = colours.get(_NUMBER_COLOUR[self.mood], "")
        words = colours.get("foreground", "")
        return {
            "number": base + Style(color=number or None, bold=True),
            "phase": base + Style(color=words or None, bold=True),
            "side": base + Style(color=words or None, bold=True),
            "": base,
        }

    def _strips_now(self) -> list[Strip]:
        width, height = self.content_size
        key = (self.phase, self.number, self.side, self.mood, width, height, self.app.theme)
        if key != self._drawn:
            styles = self._styles()
            self._strips = [
                Strip([Segment(text, styles.get(part, styles[""])) for text, part in line])
                .extend_cell_length(width, styles[""])
                .crop(0, width)
                for line in self.lines()
            ]
            self._drawn = key
        return self._strips

    def render_line(self, y: int) -> Strip:
        strips = self._strips_now()
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(self.content_size.width, self.rich_style)
