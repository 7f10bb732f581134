"""One exercise, full screen: the card with its drawings, scrollable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Static

from hiptui.content.models import Exercise
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import RunExercise
from hiptui.tui.render import card_content, literal
from hiptui.tui.widgets.key_footer import KeyFooter


class ExerciseScreen(Screen[None]):
    HELP_TITLE = "Exercise"
    BINDINGS = bindings_for("exercise")

    DEFAULT_CSS = """
    ExerciseScreen #exercise-scroll { padding: 1 2; }
    """

    units: var[str] = var("imperial", init=False)  # bound to the app's

    def __init__(
        self, exercise: Exercise, *, units: str = "imperial", advice: list[str] | None = None
    ) -> None:
        super().__init__()
        self.exercise = exercise
        # What to do next time (plan, pain light, reason: hiptui.prescriptions.advice_lines).
        self.advice = advice or []
        self.set_reactive(ExerciseScreen.units, units)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="exercise-scroll"):
            yield Static(id="exercise-card")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.exercise.name
        self._render_card(self.units)
        self.query_one("#exercise-scroll").focus()

    def watch_units(self, units: str) -> None:
        if self.is_mounted:
            self._render_card(units)

    def _render_card(self, units: str) -> None:
        width = self.query_one("#exercise-scroll", VerticalScroll).scrollable_content_region.width
        card = card_content(self.exercise, units, width=width or None)
        if self.advice:
            lines = [literal(line + "\n") for line in self.advice]
            card = Content.assemble(("Next time\n", "bold $secondary"), *lines, "\n", card)
        self.query_one("#exercise-card", Static).update(card)

    def on_resize(self) -> None:
        self.call_after_refresh(lambda: self._render_card(self.units))

    def action_run(self) -> None:
        self.post_message(RunExercise(self.exercise.id))

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#exercise-scroll", VerticalScroll)
        if direction == "down":
            scroller.scroll_down(animate=False)
        else:
            scroller.scroll_up(animate=False)
