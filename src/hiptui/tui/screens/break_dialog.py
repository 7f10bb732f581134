"""A break is due: what to do with it, and the keys to take, snooze or skip it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from hiptui.bindings.keymap import keys_in_force
from hiptui.bindings.keynames import display_key
from hiptui.bindings.table import BY_ID
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal

# The key line, one line inside the dialog's 58 columns even at 80x24: (binding ids, what).
KEY_LINE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("take",), "took it"),
    (("start",), "start it"),
    (("snooze5", "snooze10"), "snooze"),
    (("skip",), "skip"),
    (("later",), "later"),
)


SHORT_NAMES = {"escape": "esc", "enter": "⏎", "space": "␣"}


def first_key(binding: str, keymap: Mapping[str, str]) -> str:
    """The first key of ``break.<binding>`` in force (the user's keymap applied), short."""
    keys = keys_in_force(BY_ID[f"break.{binding}"], keymap)
    shown = display_key(keys[0]) if keys else "?"
    return SHORT_NAMES.get(shown, shown)


class BreakScreen(ModalScreen[str | None]):
    """Returns "take", "skip", "snooze:5", "snooze:10" or "start" (the snack as a session)."""

    HELP_TITLE = "Break"
    BINDINGS = bindings_for("break")

    DEFAULT_CSS = """
    BreakScreen { align: center middle; }
    """

    def __init__(
        self, snack: Any, *, status: str = "", keymap: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.snack = snack
        self.status = status  # the break clock's line, e.g. "break due 3m ago"
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        snack = self.snack
        startable = bool(getattr(snack, "exercise", None) or getattr(snack, "routine", None))
        keys: list[str | tuple[str, str]] = []
        for bindings, what in KEY_LINE:
            if bindings == ("start",) and not startable:
                continue
            shown = "/".join(first_key(b, self.keymap) for b in bindings)
            keys += [(shown, "bold $text-accent"), f" {what}  "]
        with Vertical(classes="dialog"):
            title: list[str | tuple[str, str]] = [("Time for a break", "bold $text-warning")]
            if self.status:
                title.append((f"   {self.status}", "$text-muted"))
            yield Static(Content.assemble(*title))
            yield Static(
                "You have been sitting for a while. Get up and move for at least 5 minutes."
            )
            yield Static(
                Content.assemble(
                    ("\nA suggestion: ", "bold"),
                    literal(snack.name, "bold $text-accent"),
                    "\n",
                    literal(snack.text),
                ),
                id="break-snack",
            )
            yield Static(Content.assemble(*keys).rstrip(), classes="dialog-keys", id="break-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "start":
            return bool(
                getattr(self.snack, "exercise", None) or getattr(self.snack, "routine", None)
            )
        return True

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
