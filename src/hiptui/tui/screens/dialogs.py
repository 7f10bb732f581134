"""Small modal dialogs: confirm, resume an unfinished session, adjust a plan before starting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from hiptui.content.load import LOAD_UNITS, Load, LoadUnit
from hiptui.content.models import Range
from hiptui.content.routines import Routine
from hiptui.content.text import printable
from hiptui.core.session.plan import ExercisePlan
from hiptui.tui.keys import bindings_for
from hiptui.tui.mat_text import defaults_label
from hiptui.tui.render import literal
from hiptui.tui.widgets.dialog_buttons import DialogButtons


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: ``y``/``enter`` confirm, ``n``/``escape`` cancel."""

    BINDINGS = bindings_for("confirm")

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    """

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question))
            yield DialogButtons((self.yes, "y", "answer(True)"), (self.no, "n", "answer(False)"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ResumeScreen(ModalScreen[str]):
    """An unfinished session was found: resume it, close it as it is, or decide later."""

    BINDINGS = bindings_for("resume")

    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    """

    def __init__(self, description: str, *, can_resume: bool) -> None:
        super().__init__()
        self.description = description
        self.can_resume = can_resume

    def compose(self) -> ComposeResult:
        answers = [("Resume", "r", "choose('resume')")] if self.can_resume else []
        answers += [("Close as it is", "c", "choose('close')"), ("Later", "esc", "choose('later')")]
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Unfinished session", "bold $text-warning"))
            yield Static(literal(self.description))
            yield DialogButtons(*answers)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "resume":
            return self.can_resume
        return True

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


@dataclass(frozen=True)
class PlanChoice:
    sets: int
    reps: Range | None
    hold: int
    rest: int
    work: int | None
    start_side: str
    load: Load | None = None


def parse_load(text: str) -> Load | None:
    """``42.5 kg``, ``100 lb``, ``band 2`` (or ``2 band``); empty: no load. Raises ValueError."""
    words = text.lower().replace(",", ".").split()
    if not words:
        return None
    if len(words) == 2 and words[0] == "band":
        words.reverse()
    if len(words) != 2 or words[1] not in LOAD_UNITS:
        raise ValueError("Load must be like 42.5 kg, 100 lb or band 2 (or empty)")
    try:
        value = float(words[0])
    except ValueError:
        raise ValueError("Load must be like 42.5 kg, 100 lb or band 2 (or empty)") from None
    if not 0 < value <= 10000:
        raise ValueError("Load must be above 0 and at most 10000")
    unit: LoadUnit = "kg" if words[1] == "kg" else "lb" if words[1] == "lb" else "band"
    return Load(value, unit)


class PlanScreen(ModalScreen[PlanChoice | None]):
    """Adjust sets, reps, hold and rest before starting an exercise; enter starts."""

    BINDINGS = bindings_for("plan")

    DEFAULT_CSS = """
    PlanScreen { align: center middle; }
    PlanScreen #plan-grid {
        grid-size: 2; grid-columns: 18 1fr; grid-rows: 3; height: auto; margin-top: 1;
    }
    PlanScreen #plan-grid Label { padding: 1 0 0 0; }
    PlanScreen #plan-error { color: $text-error; height: auto; }
    PlanScreen .dialog-buttons { height: 3; align: right middle; }
    PlanScreen.-short .dialog { padding: 0 2; }
    PlanScreen.-short #plan-grid { grid-rows: 1; margin-top: 0; }
    PlanScreen.-short #plan-grid Label { padding: 0; }
    PlanScreen.-short #plan-grid Input { height: 1; border: none; padding: 0 1; }
    """
    # Shorter than this (a phone on its side), the fields are one row each, so the Start and
    # Cancel buttons stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]

    def __init__(
        self,
        item: ExercisePlan,
        start_side: str,
        *,
        note: str = "",
        advice: list[str] | None = None,
        load: Load | None = None,
    ) -> None:
        """``note``: why the dosage shown is easier than the exercise's usual (time off);
        ``advice``: what the history advises (plan, pain light, reason), shown before training."""
        super().__init__()
        self.item = item
        self.start_side = start_side
        self.note = note
        self.advice = advice or []
        self.load = load  # offered in a Load field when the exercise was last done with one

    def compose(self) -> ComposeResult:
        item = self.item
        reps = item.target_reps
        with Vertical(classes="dialog plan-dialog"):
            yield Static(Content.assemble(("Start: ", "bold"), (item.name, "bold $text-accent")))
            if self.advice:
                yield Static(literal("\n".join(self.advice)), id="plan-advice")
            if self.note:
                yield Static(literal(self.note, "$text-warning"), id="plan-comeback")
            with Grid(id="plan-grid"):
                yield Label("Sets")
                yield Input(str(item.sets), id="plan-sets", type="integer")
                if item.is_timed:
                    yield Label("Seconds")
                    yield Input(str(item.work_seconds), id="plan-work", type="integer")
                else:
                    yield Label("Reps (low-high)")
                    yield Input(str(reps) if reps else "10", id="plan-reps")
                    yield Label("Hold at top, s")
                    yield Input(str(item.hold_seconds or 0), id="plan-hold", type="integer")
                if self.load is not None:
                    yield Label("Load")
                    yield Input(self.load.label(), id="plan-load")
                yield Label("Rest, s")
                yield Input(str(item.rest_seconds), id="plan-rest", type="integer")
                if item.per_side:
                    yield Label("Start side")
                    yield Input(self.start_side, id="plan-side")
            label = defaults_label(item)
            if label:
                yield Static(literal(f"{label} (not from the article)", "$text-muted"),
                             id="plan-defaults")  # fmt: skip
            yield Static(id="plan-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", variant="primary", id="plan-go")
                yield Button("Cancel", id="plan-cancel")

    def on_mount(self) -> None:
        self.query_one("#plan-go", Button).focus()

    def _number(self, widget_id: str, low: int, high: int, label: str) -> int:
        text = self.query_one(widget_id, Input).value.strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{label} must be a whole number from {low} to {high}")
        return int(text)

    def _choice(self) -> PlanChoice:
        sets = self._number("#plan-sets", 1, 20, "Sets")
        rest = self._number("#plan-rest", 0, 3600, "Rest")
        reps: Range | None = None
        hold = 0
        work = None
        if self.item.is_timed:
            work = self._number("#plan-work", 1, 7200, "Seconds")
        else:
            raw = self.query_one("#plan-reps", Input).value.replace(" ", "")
            low, _, high = raw.partition("-")
            if not low.isdigit() or (high and not high.isdigit()):
                raise ValueError("Reps must be a number or a range like 8-12")
            reps = Range(int(low), int(high or low))
            if not 1 <= reps.low <= reps.high <= 500:
                raise ValueError("Reps must run from 1 up to 500, low first")
            hold = self._number("#plan-hold", 0, 600, "Hold")
        side = self.start_side
        if self.item.per_side:
            side = self.query_one("#plan-side", Input).value.strip().lower()
            if side not in ("left", "right"):
                raise ValueError("Start side must be left or right")
        load = None
        if self.load is not None:
            load = parse_load(self.query_one("#plan-load", Input).value)
        return PlanChoice(sets, reps, hold, rest, work, side, load)

    def action_start(self) -> None:
        try:
            choice = self._choice()
        except ValueError as error:
            self.query_one("#plan-error", Static).update(literal(str(error), "$text-error"))
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#plan-go")
    def _go(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#plan-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()


def routine_choices(routines: Mapping[str, Routine]) -> list[tuple[str, Content]]:
    """Each routine for a :class:`ChooseScreen`: its name, and its summary dimmed below."""
    return [
        (
            r.id,
            Content.assemble(
                printable(r.name, keep_newlines=False),
                ("\n  " + printable(r.summary, keep_newlines=False), "$text-muted"),
            ),
        )
        for r in routines.values()
    ]


class ChooseScreen(ModalScreen[str | None]):
    """Pick one item from a short list: enter chooses, escape cancels."""

    BINDINGS = bindings_for("choose")

    # The list gives way so that the key hint and Cancel stay in the box at 80x24 (a list 14
    # high had pushed them out of it).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    DEFAULT_CSS = """
    ChooseScreen { align: center middle; }
    ChooseScreen .choose-dialog OptionList { height: auto; max-height: 14; margin-top: 1; }
    ChooseScreen.-short .choose-dialog OptionList { max-height: 8; }
    """

    def __init__(self, title: str, choices: list[tuple[str, Content]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog choose-dialog"):
            yield Static(Content.styled(self.title_text, "bold $text-accent"))
            yield OptionList(*[Option(label, id=key) for key, label in self.choices])
            yield Static(Content.assemble(("enter", "bold $text-accent"), " or a click: start"),
                         classes="dialog-keys")  # fmt: skip
            yield DialogButtons(("Cancel", "esc", "cancel"))

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        options.focus()
        if self.choices:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: object) -> None:
        option = getattr(event, "option", None)
        self.dismiss(getattr(option, "id", None))

    def action_move(self, step: int) -> None:
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
