"""The mat view's buttons: big enough to tap on a phone (``hiptui serve``) or click, and never
in the way of the keys (they take no focus, so space and enter stay the rep key).

Attributes down: the runner screen calls :meth:`MatControls.show` with the view; a tap posts
Textual's ``Button.Pressed``, which the screen turns into the button's action (:data:`BUTTONS`),
the same action its key runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from hiptui.core.session.phase import Phase
from hiptui.core.session.view import SessionView

# id -> (label, the screen action a tap runs)
BUTTONS: dict[str, tuple[str, str]] = {
    "mat-rep": ("+1 rep", "act('rep')"),
    "mat-undo": ("Undo", "act('undo')"),
    "mat-finish": ("Finish", "act('finish_set')"),
    "mat-skip-rest": ("Skip", "act('skip_rest')"),
    "mat-rest-less": ("-15 s", "rest(-15)"),
    "mat-rest-more": ("+15 s", "rest(15)"),
    "mat-pause": ("Pause", "act('toggle_pause')"),
    "mat-end": ("End", "end"),
}


def split_action(action: str) -> tuple[str, tuple[str, ...]]:
    """``act('rep')`` -> ``("act", ("rep",))``, as the screen's ``check_action`` takes it."""
    name, _, rest = action.partition("(")
    return name, ((rest.strip("')"),) if rest else ())


class MatButton(Button):
    """Takes no focus; and counts every tap, however fast (a Button ignores a second press
    during its 0.2 s pressed look: two quick taps of +1 rep are two reps)."""

    can_focus = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.active_effect_duration = 0.0  # (Button sets its own in __init__)


class MatControls(Horizontal):
    DEFAULT_CSS = """
    MatControls { height: 3; }
    MatControls MatButton {
        width: 1fr; min-width: 4; margin: 0 1 0 0; padding: 0; text-wrap: nowrap;
    }
    """

    def compose(self) -> ComposeResult:
        for button_id, (label, _action) in BUTTONS.items():
            primary = button_id == "mat-rep"
            yield MatButton(label, id=button_id, variant="primary" if primary else "default")

    def show(self, view: SessionView, enabled: Callable[[str, tuple[str, ...]], object]) -> None:
        """The buttons that fit the phase, each greyed out when it would do nothing now (and
        left out while paused)."""
        resting = view.phase in (Phase.REST, Phase.SWITCH_SIDES)
        timed = view.phase in (Phase.WORK, Phase.WARMUP)
        shown = {
            "mat-rep": not resting and not timed,
            "mat-undo": view.phase in (Phase.SET, Phase.HOLD),
            "mat-finish": not resting,
            "mat-skip-rest": resting,
            "mat-rest-less": view.phase is Phase.REST,
            "mat-rest-more": view.phase is Phase.REST,
        }
        labels = {
            "mat-rep": "Start" if view.phase in (Phase.READY, Phase.LEAD_IN) else "+1 rep",
            "mat-finish": "Done" if timed else "Finish",
            "mat-pause": "Resume" if view.paused else "Pause",
        }
        for button in self.query(MatButton):
            button_id = button.id or ""
            if button_id in labels:
                button.label = labels[button_id]
            button.disabled = not enabled(*split_action(BUTTONS[button_id][1]))
            # While paused only what works stays (Resume, End): no row of greyed-out buttons.
            button.display = shown.get(button_id, True) and not (view.paused and button.disabled)
