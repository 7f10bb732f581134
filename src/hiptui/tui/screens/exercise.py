"""One exercise, full screen: the card with its drawings, scrollable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from hiptui.content.models import Exercise
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import card_content


class ExerciseScreen(Screen[None]):
    HELP_TITLE = "Exercise"
    BINDINGS = bindings_for("exercise")

    DEFAULT_CSS = """
    ExerciseScreen #exercise-scroll { padding: 1 2; }
    """

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="exercise-scroll"):
            yield Static(id="exercise-card")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.exercise.name
        self.watch(self.app, "units", self._render_card)
        self.query_one("#exercise-scroll").focus()

    def _render_card(self, units: str) -> None:
        width = self.query_one("#exercise-scroll", VerticalScroll).scrollable_content_region.width
        card = card_content(self.exercise, units, width=width or None)
        self.query_one("#exercise-card", Static).update(card)

    def on_resize(self) -> None:
        self.call_after_refresh(self._render_card, getattr(self.app, "units", "imperial"))

    def action_run(self) -> None:
        self.app.run_exercise(self.exercise.id)  # type: ignore[attr-defined]

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#exercise-scroll", VerticalScroll)
        if direction == "down":
            scroller.scroll_down(animate=False)
        else:
            scroller.scroll_up(animate=False)
