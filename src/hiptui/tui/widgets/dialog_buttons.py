"""A dialog's answers as buttons, so a click or a tap (``hiptui serve`` on a phone) answers it.

Each button names its key, as the line of key hints did, and runs the same action as that key
on the dialog's screen: the buttons and the keys can never disagree.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Button


class DialogButtons(Container):
    """A row of buttons, each ``(label, key, action)``: pressing one runs ``action`` on the
    screen (``"answer(True)"``), as pressing ``key`` does."""

    # Two to a row, each a full three rows high: a target a finger can hit on a phone, and
    # room for "Close as it is (c)" in a dialog 40 columns wide.
    DEFAULT_CSS = """
    DialogButtons {
        layout: grid; grid-size: 2; grid-gutter: 0 1; grid-rows: 3;
        height: auto; margin-top: 1;
    }
    DialogButtons Button { width: 1fr; min-width: 8; }
    """

    def __init__(self, *answers: tuple[str, str, str], id: str | None = None) -> None:
        super().__init__(id=id)
        self.answers = answers

    def compose(self) -> ComposeResult:
        for index, (label, key, _action) in enumerate(self.answers):
            yield Button(
                f"{label} ({key})", variant="primary" if index == 0 else "default", name=str(index)
            )

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = self.answers[int(event.button.name or 0)][2]
        await self.screen.run_action(action)
