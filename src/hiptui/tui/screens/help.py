"""``?`` help: every key of the screen underneath, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from hiptui.tui.keys import bindings_for

HelpRow = tuple[str, str]


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings_for("help")

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        padding: 0 2; border: round $accent; background: $surface;
        border-title-color: $text; border-title-style: bold;
        border-subtitle-color: $text; border-subtitle-align: right;
    }
    """

    def __init__(self, title: str, rows: list[HelpRow]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.rows), default=4)
        parts: list[str | tuple[str, str]] = []
        for key, description in self.rows:
            parts += [(f"{key:>{width}}", "bold"), f"  {description}\n"]
        box = VerticalScroll(id="help-box")
        # On the border: the title and the way out stay in view however long the list is.
        box.border_title = Content(f"Keys: {self.title_text}")
        box.border_subtitle = Content("escape closes this help")
        with box:
            yield Static(Content.assemble(*parts).rstrip(), id="help-text")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down(animate=False) if direction == "down" else box.scroll_up(animate=False)
