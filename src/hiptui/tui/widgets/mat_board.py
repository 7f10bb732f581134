"""The mat board: the phase word, the big number and the side, drawn as big as the widget's
space allows (:func:`hiptui.tui.mat_layout.fit_board`), so they read from across a room.

Attributes down: the runner screen calls :meth:`MatBoard.show`; the board redraws only when
what it shows (or its size, or the theme) changed. It hands Textual ready-made lines
(``render_line``), one styled segment per part, since a rep press redraws it: building and
wrapping a Content of the whole board each time cost about 2 ms a press at 80x24. It also hands
the compositor its lines itself (``render_lines``): the board has no border, padding, tint or
opacity for Textual's per-line styling to add, and a new number's 20-odd rows went through it
on every press.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from hiptui.tui.mat_layout import Line, fit_board
from hiptui.tui.widgets.ready_lines import finished, unstyled

# The theme variable that colours each part, by the board's mood. The words say what the
# colour says (REST, PAUSED), so nothing depends on telling colours apart.
_NUMBER_COLOUR = {"": "text-accent", "paused": "text-warning", "rest": "text-success"}


class MatBoard(Widget):
    DEFAULT_CSS = """
    MatBoard { width: 1fr; height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = self.number = self.side = self.mood = ""
        self._drawn: tuple[object, ...] = ()
        self._strips: list[Strip] = []
        self._texts: list[str] = []  # the text of each line drawn, to see what changed
        self._lines: list[Line] = []
        self._rows_changed: list[int] = []  # the lines that differ from the last ones drawn
        self._look: tuple[object, ...] = ()
        self._part_styles: dict[str, Style] = {}
        self._blank = Strip.blank(0)
        self._background = Color(0, 0, 0, 0)  # what the line filters are given, for the look

    def show(self, phase: str, number: str, side: str = "", mood: str = "") -> None:
        """Show these; ``mood`` is ``""``, ``"paused"`` or ``"rest"`` (the number's colour)."""
        values = (phase, number, side, mood)
        if values == (self.phase, self.number, self.side, self.mood):
            return
        before = self._texts if self._drawn else []
        moods = self.mood != mood
        self.phase, self.number, self.side, self.mood = values
        if not before or moods or not self.is_mounted or not self.size:
            self.refresh()
            return
        # Only what changed is redrawn: a rep changes some columns of the number's rows.
        self._strips_now()
        width, after = self.size.width, self._texts
        regions = [
            region
            for y in self._rows_changed
            if (region := _changed(y, before, after, width)) is not None
        ]
        if regions:
            self.refresh(*regions)

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
        look = (self.mood, width, height, self.app.theme)
        key = (self.phase, self.number, self.side, *look)
        if key == self._drawn:
            return self._strips
        # A line the same as last time's line in the same look is kept (a rep redraws the
        # number's rows), and so are the look's styles.
        same_look = self._look == look
        if not same_look or not self._part_styles:
            self._part_styles = self._styles()
            self._blank = Strip.blank(width, self.rich_style)
            self._background = self.background_colors[1]
        styles = self._part_styles
        old_lines, old_strips, old_texts = self._lines, self._strips, self._texts
        if not same_look:
            old_lines = []
        lines = self.lines()
        strips: list[Strip] = []
        texts: list[str] = []
        changed: list[int] = []
        for y, line in enumerate(lines):
            if y < len(old_lines) and old_lines[y] == line:
                strips.append(old_strips[y])
                texts.append(old_texts[y])
            else:
                strips.append(_strip(line, styles, width))
                texts.append("".join(text for text, _part in line))
                changed.append(y)
        changed += range(len(lines), len(old_lines))  # lines no longer drawn
        self._strips, self._texts, self._lines, self._rows_changed = strips, texts, lines, changed
        self._drawn, self._look = key, look
        return self._strips

    def render_line(self, y: int) -> Strip:
        strips = self._strips_now()
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(self.content_size.width, self.rich_style)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in ``crop``, as Textual's styling of each line would give them (the
        board's strips are whole lines in its own style already)."""
        if not unstyled(self):
            return super().render_lines(crop)
        strips = self._strips_now()
        blank, drawn = self._blank, len(strips)
        lines = [strips[y] if y < drawn else blank for y in crop.line_range]
        return finished(self, lines, self._background, crop)


def _strip(line: Line, styles: dict[str, Style], width: int) -> Strip:
    """One line of the board, ``width`` cells (block characters are one cell each)."""
    segments, used = [], 0
    for text, part in line:
        text = text[: max(0, width - used)]
        if text:
            segments.append(Segment(text, styles.get(part, styles[""])))
            used += len(text)
    if used < width:
        segments.append(Segment(" " * (width - used), styles[""]))
    return Strip(segments, width)


def _changed(y: int, before: list[str], after: list[str], width: int) -> Region | None:
    """The columns of line ``y`` whose text differs between ``before`` and ``after`` (the
    styles of a part never change without the mood, which redraws everything)."""
    old = before[y] if y < len(before) else ""
    new = after[y] if y < len(after) else ""
    if old == new:
        return None
    length = max(len(old), len(new))
    # Each character as 4 bytes, the two lines as numbers: their XOR's lowest and highest set
    # bits are the first and last characters that differ (found in C, not a loop over them).
    diff = _number(old.ljust(length)) ^ _number(new.ljust(length))
    if not diff:
        return None  # only trailing blanks differ: nothing to see
    first = ((diff & -diff).bit_length() - 1) // 32
    last = (diff.bit_length() - 1) // 32 + 1
    return Region(first, y, min(width, last) - first, 1)


def _number(text: str) -> int:
    return int.from_bytes(text.encode("utf-32-le"), "little")
