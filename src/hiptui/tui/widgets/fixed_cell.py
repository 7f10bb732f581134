"""A one-line DataTable cell for columns of fixed width, which the table need not measure.

``DataTable`` measures every new cell to size auto-width columns; for a Rich ``Text`` that means
asking the console for its size (a system call) each time, about 60 ms for 700 rows of 7 cells.
A cell without ``__rich_measure__`` is skipped by that measurement, which a column with a fixed
``width`` does not need. The text is shown literally (no markup) and cut with an ellipsis.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from hiptui.content.text import printable


class FixedCell:
    """Literal text for a fixed-width column: one line, ellipsis when too long."""

    __slots__ = ("text",)

    def __init__(self, text: object) -> None:
        self.text = printable(str(text), keep_newlines=False)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FixedCell({self.text!r})"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(self.text, no_wrap=True, overflow="ellipsis", end="")
