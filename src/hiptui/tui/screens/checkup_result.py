"""The self-check's result: figures with their meaning, the band on a scale, the flags, the plan,
what changed since last time, the disclaimer and the sources.

The result is saved (with its date) in a thread worker as soon as the screen appears, and the
screen says whether that worked. Each exercise in the plan can be focused (``j``/``k``, ``tab``)
and opened with ``enter``; ``s`` starts a session with the whole plan, warm-up first.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from hiptui.content.checkup_form import CheckupForm
from hiptui.content.library import Library
from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import BANDS, CheckupResult, Recommendation
from hiptui.core.checkup.text import BAND_LABELS, changes, figures
from hiptui.home import Home
from hiptui.store.errors import StoreError
from hiptui.store.records import CheckupRecord
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import HistoryChanged, OpenExercise, RetakeCheckup, RunPlan
from hiptui.tui.render import literal
from hiptui.tui.screens.checkup import numbered, paragraphs
from hiptui.tui.widgets.key_footer import KeyFooter

Part = str | Content | tuple[str, str]
PLAN_NAME = "Self-check plan"
BAND_CELL = 14
MARKS = {"safety": ("! ", "bold $text-error"), "schedule": ("• ", "$text-accent"),
         "breaks": ("• ", "$text-accent"), "note": ("• ", "$text-muted")}  # fmt: skip
PAIN_START = (
    "The bridge check hurt. hiptui suggests seeing a doctor or physiotherapist before training. "
    "Start the body-weight exercises anyway, and stop any that hurts?"
)


def band_scale_content(band: str, average: str) -> Content:
    """The four bands side by side with this result's band filled in, and the average."""
    names: list[Part] = []
    labels: list[Part] = []
    bars: list[Part] = []
    for name in BANDS:
        here = name == band
        names.append((f"{name:<{BAND_CELL}}", "bold $text-accent" if here else "$text-muted"))
        labels.append(
            (f"{BAND_LABELS[name]:<{BAND_CELL}}", "$text-accent" if here else "$text-muted")
        )
        bar = ("█" if here else "─") * (BAND_CELL - 2) + "  "
        bars.append((bar, "$text-accent" if here else "$text-muted"))
    return Content.assemble(
        *names, "\n", *labels, "\n", *bars, "\n", f"You: {average} hours a day, band {band}."
    )


class PlanItem(Vertical, can_focus=True):
    """One exercise of the plan: its name, then why. ``enter`` opens it in the catalog."""

    BINDINGS = bindings_for("checkup-result", widget="PlanItem")

    def __init__(self, name: Content, why: Content, exercise_id: str) -> None:
        super().__init__(
            Static(name), Static(why, classes="plan-why"), classes="plan-item plan-exercise"
        )
        self.exercise_id = exercise_id


class CheckupResultScreen(Screen[None]):
    HELP_TITLE = "Self-check result"
    BINDINGS = bindings_for("checkup-result")

    DEFAULT_CSS = """
    CheckupResultScreen #result-scroll { padding: 0 1 0 2; }
    CheckupResultScreen #result-scroll > Static { height: auto; }
    CheckupResultScreen #result-saved { color: $text-muted; }
    CheckupResultScreen .section-title { margin-top: 1; text-style: bold; color: $text-primary; }
    CheckupResultScreen .alert { border: round $error; padding: 0 1; margin-top: 1; }
    CheckupResultScreen .figure { height: auto; }
    CheckupResultScreen .figure-label { width: 18; }
    CheckupResultScreen .figure-text { width: 1fr; }
    CheckupResultScreen .plan-item { height: auto; border-left: blank; padding-left: 1; }
    CheckupResultScreen .plan-item Static { height: auto; }
    CheckupResultScreen .plan-why { padding-left: 2; }
    CheckupResultScreen .plan-mark { width: 2; }
    CheckupResultScreen .plan-text { width: 1fr; }
    CheckupResultScreen .plan-exercise:focus { border-left: thick $accent; background: $boost; }
    CheckupResultScreen #result-sources { height: auto; }
    CheckupResultScreen .step { height: auto; }
    CheckupResultScreen .step-number { width: 4; }
    CheckupResultScreen .step-text { width: 1fr; height: auto; }
    CheckupResultScreen .muted { color: $text-muted; margin-top: 1; }
    CheckupResultScreen #result-changes { display: none; }
    """

    def __init__(
        self,
        questionnaire: CheckupForm,
        answers: Answers,
        result: CheckupResult,
        *,
        home: Home,
        library: Library | None,
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.answers = answers
        self.result = result
        self.home = home
        self.library = library
        self.saved_id: int | None = None

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        result = self.result
        yield Header()
        with VerticalScroll(id="result-scroll"):
            yield Static("Saving to your history…", id="result-saved")
            if result.pain_flag:
                yield Static(self._pain_alert(), id="result-pain", classes="alert")
            if result.plausibility_flag:
                yield Static(self._plausibility_note(), id="result-plausibility", classes="alert")
            yield Static("Your figures", classes="section-title")
            for figure in figures(self.answers, result):
                with Horizontal(classes="figure", id=f"figure-{figure.key}".replace("_", "-")):
                    yield Static(figure.label, classes="figure-label")
                    yield Static(
                        Content.assemble((figure.value, "bold"), "\n",
                                         (figure.meaning, "$text-muted")),
                        classes="figure-text",
                    )  # fmt: skip
            yield Static("Sitting band (hours a day)", classes="section-title")
            yield Static(band_scale_content(result.band, result.average_hours_text), id="band")
            yield Static(id="result-changes")
            yield Static("Your plan", classes="section-title")
            yield Static(
                Content.assemble(
                    ("j", "bold $text-accent"), "/", ("k", "bold $text-accent"), ": next/previous "
                    "exercise   ", ("enter", "bold $text-accent"), ": open it   ",
                    ("s", "bold $text-accent"), ": start the plan",
                ),
                classes="plan-keys",
            )  # fmt: skip
            for item in result.recommendations:
                yield self._plan_item(item)
            yield Static("Please note", classes="section-title")
            yield Static(self._disclaimer(), id="result-disclaimer")
            yield Static("Sources", classes="section-title")
            with Vertical(id="result-sources"):
                yield from numbered(self.questionnaire.sources)
            yield Static(
                "How each figure is worked out, rule by rule: docs/checkup.md", classes="muted"
            )
        yield KeyFooter()

    def _pain_alert(self) -> Content:
        advice = next((r.text for r in self.result.recommendations if r.kind == "safety"), "")
        return Content.assemble(("See a clinician\n", "bold $text-error"), literal(advice))

    def _plausibility_note(self) -> Content:
        return Content.assemble(
            ("Please check your answers\n", "bold $text-warning"),
            "A typical day adds up to more than 18 hours of sitting, so some answers probably "
            "count the same time twice. Press r to take the self-check again.",
        )

    def _plan_item(self, item: Recommendation) -> Widget:
        if item.id is None:
            mark, style = MARKS.get(item.kind, ("• ", "$text-muted"))
            return Horizontal(
                Static(Content.styled(mark, style), classes="plan-mark"),
                Static(literal(item.text), classes="plan-text"),
                classes="plan-item plan-advice",
            )
        library = self.library
        exercise = library.get(item.id) if library is not None else None
        name = Content.assemble(
            ("▸ ", "$text-accent"),
            literal(exercise.name if exercise is not None else item.id, "bold $text-accent"),
            (f"  {item.kind}", "$text-muted"),
            "" if exercise is not None else ("  (not in the catalog)", "$text-warning"),
        )
        return PlanItem(name, literal(item.text), item.id)

    def _disclaimer(self) -> Content:
        parts: list[Part] = []
        for number, paragraph in enumerate(paragraphs(self.questionnaire.disclaimer)):
            parts += ["\n\n" if number else "", literal(paragraph)]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.sub_title = "Self-check result"
        self.query_one("#result-scroll").focus()
        self.save(self.home)

    # -- saving (a thread) -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="checkup-save")
    def save(self, home: Home) -> None:
        """Save the answers and the result; read the previous result first, for the changes."""
        try:
            database = home.database()
            previous = database.latest_checkup()
            checkup_id = database.save_checkup(self.answers.to_dict(), self.result.to_dict())
        except StoreError as error:
            self.app.call_from_thread(self._not_saved, str(error))
            return
        self.app.call_from_thread(self._saved, checkup_id, previous)

    def _not_saved(self, reason: str) -> None:
        status = self.query_one("#result-saved", Static)
        status.update(Content.assemble(("Not saved: ", "bold $text-error"), literal(reason)))

    def _saved(self, checkup_id: int, previous: CheckupRecord | None) -> None:
        self.saved_id = checkup_id
        self.post_message(HistoryChanged())  # the new break interval applies at once
        setting = self.home.settings.break_minutes
        if setting is None:
            minutes = self.result.reminder_minutes
            reminder = f"The break reminder now asks you to get up every {minutes} minutes."
        else:
            reminder = f"Your settings keep the break reminder at every {setting} minutes."
        self.query_one("#result-saved", Static).update(
            Content.assemble(
                ("Saved", "bold $text-success"),
                f" to your history as self-check {checkup_id}. {reminder}",
            )
        )
        if previous is not None:
            self._show_changes(previous)

    def _show_changes(self, previous: CheckupRecord) -> None:
        taken = previous.taken_at.astimezone().strftime("%Y-%m-%d")
        lines = changes(previous.result, self.result)
        parts: list[Part] = [(f"Since your last self-check ({taken})\n", "bold $text-primary")]
        if lines:
            parts += [Content.assemble("• ", literal(line), "\n") for line in lines]
        else:
            parts.append(("No change in the figures.\n", "$text-muted"))
        widget = self.query_one("#result-changes", Static)
        widget.update(Content.assemble(*parts).rstrip())
        widget.styles.margin = (1, 0, 0, 0)
        widget.display = True

    # -- actions -----------------------------------------------------------------------------

    @property
    def plan_items(self) -> list[PlanItem]:
        return list(self.query(PlanItem))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return isinstance(self.focused, PlanItem)
        if action == "start":
            return bool(self.result.exercise_ids)
        return True

    def action_move(self, step: int) -> None:
        items = self.plan_items
        if not items:
            return
        focused = self.focused
        if not isinstance(focused, PlanItem):
            target = items[0] if step > 0 else items[-1]
        else:
            index = items.index(focused) + step
            target = items[max(0, min(index, len(items) - 1))]
        target.focus()

    def action_open(self) -> None:
        if isinstance(self.focused, PlanItem):
            self.post_message(OpenExercise(self.focused.exercise_id))

    def action_start(self) -> None:
        from hiptui.tui.screens.dialogs import ConfirmScreen

        if not self.result.pain_flag:
            self._start()
            return

        def answered(start: bool | None) -> None:
            if start:
                self._start()

        self.app.push_screen(ConfirmScreen(PAIN_START, yes="Start", no="Not now"), answered)

    def _start(self) -> None:
        from hiptui.core.session.plan_builders import PlanError, plan_for_exercises

        library = self.library or self.home.loaded_library()
        if library is None:
            self.notify("The exercises are still loading; try again in a moment.")
            return
        try:
            plan = plan_for_exercises(library, self.result.exercise_ids, name=PLAN_NAME)
        except PlanError as error:
            self.notify(str(error), title="Cannot start", severity="error", markup=False)
            return
        self.post_message(RunPlan(plan, ease=True))

    def action_again(self) -> None:
        self.post_message(RetakeCheckup(self.questionnaire, self.answers.values()))
