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

from collections.abc import Callable

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
        width = self.size.width
        regions = [
            region
            for y in range(max(len(before), len(self._texts)))
            if (region := _changed(y, before, self._texts, width)) is not None
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
        # A line drawn last time in the same look is kept (a rep redraws the number's rows),
        # and so are the look's styles.
        same_look = self._look == look
        if not same_look or not self._part_styles:
            self._part_styles = self._styles()
            self._blank = Strip.blank(width, self.rich_style)
            self._background = self.background_colors[1]
        styles = self._part_styles
        kept = dict(zip(self._lines, self._strips, strict=True)) if same_look else {}
        lines = self.lines()
        self._strips = [kept.get(line) or _strip(line, styles, width) for line in lines]
        self._lines = lines
        self._texts = ["".join(text for text, _part in line) for line in lines]
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
    old, new = old.ljust(length), new.ljust(length)
    if old == new:
        return None  # only trailing blanks differ: nothing to see
    first = _same_for(old, new, lambda text, n: text[:n])
    last = length - _same_for(old, new, lambda text, n: text[length - n :])
    return Region(first, y, min(width, last) - first, 1)


def _same_for(old: str, new: str, part: Callable[[str, int], str]) -> int:
    """The longest ``n`` for which ``part(old, n) == part(new, n)`` (two texts of one length
    that differ), found by halving: a few slices compared in C instead of a loop over the
    characters (a rep compares some 20 lines of a hundred columns)."""
    low, high = 0, len(old) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if part(old, middle) == part(new, middle):
            low = middle
        else:
            high = middle - 1
    return low
