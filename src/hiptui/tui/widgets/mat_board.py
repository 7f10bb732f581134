"""The mat board: the phase word, the big number and the side, drawn as big as the widget's
space allows (:func:`hiptui.tui.mat_layout.fit_board`), so they read from across a room.

Attributes down: the runner screen calls :meth:`MatBoard.show`; the board redraws only when
what it shows (or its size) changed.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from hiptui.tui.mat_layout import fit_board

# The style of each part, by the board's mood (theme variables only). The words say what the
# colour says, so nothing depends on telling colours apart.
_NUMBER = {"": "bold $accent", "paused": "bold $warning", "rest": "bold $success"}


class MatBoard(Widget):
    DEFAULT_CSS = """
    MatBoard { width: 1fr; height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = self.number = self.side = self.mood = ""

    def show(self, phase: str, number: str, side: str = "", mood: str = "") -> None:
        """Show these; ``mood`` is ``""``, ``"paused"`` or ``"rest"`` (the number's colour)."""
        values = (phase, number, side, mood)
        if values == (self.phase, self.number, self.side, self.mood):
            return
        self.phase, self.number, self.side, self.mood = values
        self.refresh()

    def render(self) -> Content:
        width, height = self.content_size
        styles = {"phase": "bold $text", "side": "bold $text", "number": _NUMBER[self.mood]}
        parts: list[str | tuple[str, str]] = []
        for index, line in enumerate(fit_board(width, height, self.phase, self.number, self.side)):
            if index:
                parts.append("\n")
            parts += [(text, styles.get(role, "")) for text, role in line]
        return Content.assemble(*parts)
