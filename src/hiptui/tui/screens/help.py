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
        padding: 1 2; border: round $accent; background: $surface;
    }
    """

    def __init__(self, title: str, rows: list[HelpRow]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.rows), default=4)
        parts: list[str | tuple[str, str]] = [(f"Keys: {self.title_text}\n\n", "bold $accent")]
        for key, description in self.rows:
            parts += [(f"{key:>{width}}", "bold $secondary"), f"  {description}\n"]
        parts.append(("\nescape closes this help", "$text-muted"))
        with VerticalScroll(id="help-box"):
            yield Static(Content.assemble(*parts), id="help-text")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down(animate=False) if direction == "down" else box.scroll_up(animate=False)
