"""The sitting and hip self-check: an intro with the disclaimer, then one question per step.

Fully keyboard driven: ``enter`` (or the key shown beside an answer) picks it and moves on,
``backspace``/``b`` goes back with every answer kept, ``escape`` asks before leaving and saves
nothing. After the 14th answer the screen posts :class:`~hiptui.tui.messages.CheckupAnswered`
and the app replaces it with the result
(:class:`~hiptui.tui.screens.checkup_result.CheckupResultScreen`), which saves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from hiptui.content.checkup_form import (
    AnswerValue,
    CheckupForm,
    HomeCheck,
    Option,
    Question,
)
from hiptui.content.models import Problem
from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import score
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import CheckupAnswered
from hiptui.tui.render import literal
from hiptui.tui.widgets.key_footer import KeyFooter

INTRO = -1
# Keys the screen uses itself, so an answer is never picked by one of them.
RESERVED_KEYS = frozenset({"b", "j", "k", "q"})
Part = str | Content | tuple[str, str]


def answer_keys(options: Sequence[Option]) -> tuple[str, ...]:
    """The key that picks each answer, shown beside it.

    A scale of single-digit numbers uses the number itself (``0`` for no strength days), a
    scale of single letters uses the letter (``y``, ``n``, ``u``) unless one is a key the screen
    needs, and any other scale numbers its answers 1 to 9 (an answer past the ninth has no key).
    """
    values = [option.value for option in options]
    if all(isinstance(v, int) and 0 <= v <= 9 for v in values):
        return tuple(str(v) for v in values)
    letters = [v.lower() for v in values if isinstance(v, str) and len(v) == 1 and v.isalpha()]
    if (
        len(letters) == len(values)
        and len(set(letters)) == len(letters)
        and not RESERVED_KEYS.intersection(letters)
    ):
        return tuple(letters)
    return tuple(str(n) if n <= 9 else "" for n in range(1, len(values) + 1))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (the file wraps them at will)."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def numbered(lines: Sequence[str]) -> list[Widget]:
    """``1.``, ``2.``, ... beside each line, with wrapped lines kept clear of the numbers."""
    return [
        Horizontal(
            Static(f"{number:>2}.", classes="step-number"),
            Static(literal(line), classes="step-text"),
            classes="step",
        )
        for number, line in enumerate(lines, start=1)
    ]


def check_widget(check: HomeCheck) -> Vertical:
    """A home check's title, summary, numbered steps and what to watch for, in a box."""
    return Vertical(
        Static(literal(check.title, "bold $text-primary")),
        Static(literal(check.summary, "$text-muted")),
        *numbered(check.steps),
        Static(literal(check.stop, "$text-warning")),
        id=f"check-{check.id}",
        classes="home-check",
    )


class CheckupScreen(Screen[None]):
    """The intro, then the questions; the result screen replaces it at the end."""

    HELP_TITLE = "Self-check"
    BINDINGS = bindings_for("checkup")

    DEFAULT_CSS = """
    CheckupScreen #checkup-intro { padding: 1 2; }
    CheckupScreen .intro-part { height: auto; margin-bottom: 1; }
    CheckupScreen #intro-disclaimer { border: round $warning; padding: 0 1; }
    CheckupScreen #checkup-question { padding: 0 1 0 2; }
    CheckupScreen #question-progress { height: 1; color: $text-muted; }
    CheckupScreen #question-text { height: 1fr; }
    CheckupScreen #question-prompt { height: auto; margin-bottom: 1; }
    CheckupScreen #question-help { height: auto; }
    CheckupScreen .home-check {
        height: auto; margin-top: 1; padding: 0 1; border: round $secondary;
    }
    CheckupScreen .home-check Static { height: auto; }
    CheckupScreen .step { height: auto; }
    CheckupScreen .step-number { width: 4; }
    CheckupScreen .step-text { width: 1fr; height: auto; }
    CheckupScreen #question-hint { height: 1; color: $text-muted; }
    CheckupScreen #answers { height: auto; max-height: 12; }
    """

    def __init__(
        self,
        questionnaire: CheckupForm | None,
        *,
        problems: Sequence[Problem] = (),
        values: Mapping[str, AnswerValue] | None = None,
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.problems = list(problems)  # why the questionnaire could not be loaded
        self.values: dict[str, AnswerValue] = dict(values or {})
        self.step = INTRO
        self._keys: tuple[str, ...] = ()
        self._answered = False  # the last answer is in: the result is on its way

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.questionnaire.questions if self.questionnaire is not None else ()

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkup-intro"):
            yield from self._intro()
        with Vertical(id="checkup-question"):
            yield Static(id="question-progress")
            with VerticalScroll(id="question-text", can_focus=False):
                yield Static(id="question-prompt")
                yield Static(id="question-help")
                for check in self.questionnaire.checks if self.questionnaire else ():
                    yield check_widget(check)
            yield Static(
                "Pick with ↑ ↓ and enter, or press the key shown beside an answer.",
                id="question-hint",
            )
            yield OptionList(id="answers")
        yield KeyFooter()

    def _intro(self) -> ComposeResult:
        questionnaire = self.questionnaire
        if questionnaire is None:
            lines: list[Part] = [("The self-check could not be loaded:\n", "bold $text-error")]
            for problem in self.problems:
                lines += [literal(str(problem)), "\n"]
            yield Static(Content.assemble(*lines), classes="intro-part")
            return
        yield Static(literal(questionnaire.title, "bold $text-accent"), classes="intro-part")
        for paragraph in paragraphs(questionnaire.intro):
            yield Static(literal(paragraph), classes="intro-part")
        note: list[Part] = [("Please note\n", "bold $text-warning")]
        for number, paragraph in enumerate(paragraphs(questionnaire.disclaimer)):
            note += ["\n\n" if number else "", literal(paragraph)]
        yield Static(Content.assemble(*note), id="intro-disclaimer", classes="intro-part")
        yield Static(
            Content.assemble(
                ("enter", "bold $text-accent"),
                f": begin ({len(questionnaire.questions)} questions)"
                "    ", ("escape", "bold $text-accent"), ": back",
            ),
            id="intro-keys",
            classes="intro-part",
        )  # fmt: skip

    def on_mount(self) -> None:
        self.sub_title = "Self-check"
        self._show_step()

    # -- steps -------------------------------------------------------------------------------

    def _show_step(self) -> None:
        intro = self.step == INTRO
        self.query_one("#checkup-intro").display = intro
        self.query_one("#checkup-question").display = not intro
        if intro:
            self._keys = ()
            self.query_one("#checkup-intro").focus()
        else:
            self._show_question(self.questions[self.step])
        self.refresh_bindings()
        self.call_after_refresh(self.refresh_bindings)  # "More text" needs the new layout

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def _show_question(self, question: Question) -> None:
        total = len(self.questions)
        self.query_one("#question-progress", Static).update(
            Content.assemble(
                (f"Question {question.number} of {total}  ", "bold"),
                ("●" * question.number + "○" * (total - question.number), "$text-accent"),
            )
        )
        self.query_one("#question-prompt", Static).update(literal(question.prompt, "bold"))
        self.query_one("#question-help", Static).update(literal(question.help, "$text-muted"))
        shown = f"check-{question.check.id}" if question.check is not None else None
        for box in self.query(".home-check"):
            box.display = box.id == shown
        self.query_one("#question-text", VerticalScroll).scroll_home(animate=False)
        self._keys = answer_keys(question.options)
        chosen = self.values.get(question.key)
        answers = self.query_one("#answers", OptionList)
        answers.set_options(
            ListOption(self._option_label(key, option, chosen), id=str(index))
            for index, (key, option) in enumerate(zip(self._keys, question.options, strict=True))
        )
        picked = [i for i, o in enumerate(question.options) if _same(o.value, chosen)]
        answers.highlighted = picked[0] if picked else 0
        answers.focus()

    @staticmethod
    def _option_label(key: str, option: Option, chosen: AnswerValue | None) -> Content:
        return Content.assemble(
            (f"{key:>2} ", "bold $text-accent"),
            " ",
            literal(option.label),
            ("  ✓ your answer", "$text-success") if _same(option.value, chosen) else "",
        )

    def _answer(self, index: int) -> None:
        if self._answered:
            return
        question = self.questions[self.step]
        self.values[question.key] = question.options[index].value
        if self.step + 1 < len(self.questions):
            self.step += 1
            self._show_step()
        else:
            self._finish()

    def _finish(self) -> None:
        assert self.questionnaire is not None
        try:
            answers = Answers.from_values(self.values)
        except ValueError as error:  # only if the questionnaire and the scoring disagree
            self.notify(str(error), title="Cannot score", severity="error", markup=False)
            return
        self._answered = True
        self.post_message(CheckupAnswered(self.questionnaire, answers, score(answers)))

    # -- input -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#answers")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if self.step != INTRO:
            self._answer(event.option_index)

    def on_key(self, event: events.Key) -> None:
        if self.step == INTRO or not event.character:
            return
        key = event.character.lower()
        if key in self._keys:
            event.stop()
            event.prevent_default()
            self._answer(self._keys.index(key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self.step == INTRO and self.questionnaire is not None
        if action == "back":
            return self.step != INTRO
        if action == "scroll_text" and parameters == (1,):
            # Shown in the footer only when there is more to read than fits.
            return self._text_scroller().max_scroll_y > 0 if self.is_mounted else False
        return True

    def action_begin(self) -> None:
        if self.step == INTRO and self.questions:
            self.step = 0
            self._show_step()

    def action_back(self) -> None:
        if self.step != INTRO:
            self.step -= 1
            self._show_step()

    def action_leave(self) -> None:
        from hiptui.tui.screens.dialogs import ConfirmScreen

        if not self.values or self.step == INTRO:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        question = "Leave the self-check? Your answers so far will not be saved."
        self.app.push_screen(ConfirmScreen(question, yes="Leave", no="Stay"), answered)

    def action_cursor(self, step: int) -> None:
        if self.step == INTRO:
            self.action_scroll_text(step, page=False)
            return
        answers = self.query_one("#answers", OptionList)
        answers.action_cursor_down() if step > 0 else answers.action_cursor_up()

    def _text_scroller(self) -> VerticalScroll:
        target = "#checkup-intro" if self.step == INTRO else "#question-text"
        return self.query_one(target, VerticalScroll)

    def action_scroll_text(self, step: int, page: bool = True) -> None:
        scroller = self._text_scroller()
        if page and step > 0:
            scroller.scroll_page_down(animate=False)
        elif page:
            scroller.scroll_page_up(animate=False)
        elif step > 0:
            scroller.scroll_down(animate=False)
        else:
            scroller.scroll_up(animate=False)


def _same(value: AnswerValue, other: AnswerValue | None) -> bool:
    return other is not None and type(value) is type(other) and value == other
