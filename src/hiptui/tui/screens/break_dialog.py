"""A break is due: what to do with it, and the keys to take, snooze or skip it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal


class BreakScreen(ModalScreen[str | None]):
    """Returns "take", "skip", "snooze:5", "snooze:10" or "start" (the snack as a session)."""

    HELP_TITLE = "Break"
    BINDINGS = bindings_for("break")

    def __init__(self, snack: Any) -> None:
        super().__init__()
        self.snack = snack

    def compose(self) -> ComposeResult:
        snack = self.snack
        startable = bool(getattr(snack, "exercise", None) or getattr(snack, "routine", None))
        keys: list[str | tuple[str, str]] = [("t", "bold $accent"), "/enter: I took it   "]
        if startable:
            keys += [("s", "bold $accent"), ": start it now   "]
        keys += [
            ("5", "bold $accent"), "/", ("0", "bold $accent"), ": snooze 5/10 min   ",
            ("k", "bold $accent"), ": skip   ", ("escape", "bold $accent"), ": later",
        ]  # fmt: skip
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Time for a break", "bold $warning"))
            yield Static(
                "You have been sitting for a while. Get up and move for at least 5 minutes."
            )
            yield Static(
                Content.assemble(
                    ("\nA suggestion: ", "bold"),
                    literal(snack.name, "bold $accent"),
                    "\n",
                    literal(snack.text),
                ),
                id="break-snack",
            )
            yield Static(Content.assemble(*keys), classes="dialog-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "start":
            return bool(
                getattr(self.snack, "exercise", None) or getattr(self.snack, "routine", None)
            )
        return True

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
