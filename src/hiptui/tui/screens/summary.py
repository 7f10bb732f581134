"""The end of a session: what was done, how it compares with last time, and any advice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from hiptui.core.catalog.advice import DiscomfortAdvice
from hiptui.core.session.summary import ExerciseSummary, SessionSummary
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal
from hiptui.tui.widgets.key_footer import KeyFooter


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


class SummaryScreen(Screen[None]):
    HELP_TITLE = "Session summary"
    BINDINGS = bindings_for("summary")

    DEFAULT_CSS = """
    SummaryScreen #summary-scroll { padding: 1 2; }
    """

    def __init__(
        self,
        summary: SessionSummary,
        *,
        title: str,
        previous: dict[str, str],
        advice: list[DiscomfortAdvice],
        names: dict[str, str],
    ) -> None:
        super().__init__()
        self.summary = summary
        self.title_text = title
        self.previous = previous
        self.advice = advice
        self.names = names

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary-scroll"):
            yield Static(self._headline(), id="summary-headline")
            for item in self.summary.exercises:
                yield Static(self._exercise(item), classes="summary-exercise")
            if self.advice:
                yield Static(self._advice(), id="summary-advice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Session summary"
        self.query_one("#summary-scroll").focus()

    def _headline(self) -> Content:
        s = self.summary
        state = "Session complete" if s.complete else "Session ended early"
        parts: list[str | tuple[str, str] | Content] = [
            (f"{state}: ", "bold $text-accent"),
            literal(self.title_text),
            f"\n{_count(s.total_sets, 'set')}, {_count(s.total_reps, 'rep')}",
        ]
        if s.warmup_seconds:
            parts.append(f", warm-up {_duration(s.warmup_seconds)}")
        parts.append(("\nEvery set is saved. Press h for your history.", "$text-muted"))
        return Content.assemble(*parts)

    def _exercise(self, item: ExerciseSummary) -> Content:
        parts: list[str | tuple[str, str] | Content] = [
            ("\n", ""),
            literal(item.exercise_name, "bold"),
        ]
        if item.skipped:
            parts.append(("  skipped", "$text-warning"))
        parts.append(f"\n  sets {item.sets_done} of {item.sets_planned}")
        if item.reps_left or item.reps_right:
            parts.append(f" · reps left {item.reps_left}, right {item.reps_right}")
        elif item.reps:
            parts.append(f" · {item.reps} reps")
        if item.work_seconds:
            parts.append(f" · {_duration(item.work_seconds)} worked")
        parts.append(f" · about {_duration(item.tut_seconds)} under tension")
        if item.discomfort_sets:
            flagged = ", ".join(
                f"set {n}{' ' + side if side else ''}" for n, side in item.discomfort_sets
            )
            parts.append((f"\n  discomfort: {flagged}", "$text-error"))
        before = self.previous.get(item.exercise_id)
        if before:
            parts.append((f"\n  last time: {before}", "$text-muted"))
        return Content.assemble(*parts)

    def _advice(self) -> Content:
        parts: list[str | tuple[str, str] | Content] = [
            ("\nYou flagged discomfort", "bold $text-warning"),
            "\nStop if it hurts. Next time, for a start:",
        ]
        for advice in self.advice:
            parts += [
                "\n\n",
                literal(self.names.get(advice.exercise_id, advice.exercise_id), "bold"),
            ]
            if advice.easier_exercise and advice.easier_exercise in self.names:
                below = self.names[advice.easier_exercise]
                how = f" ({advice.easier})" if advice.easier else ""
                parts += ["\n  easier: ", literal(f"{below}{how}")]
            elif advice.easier:
                parts += ["\n  easier: ", literal(advice.easier)]
            if advice.cue:
                parts += ["\n  watch: ", literal(advice.cue)]
        parts.append(
            (
                "\n\nPain that stays, numbness, or pain after an injury or surgery: "
                "see a clinician. hiptui is not medical advice.",
                "$text-muted",
            )
        )
        return Content.assemble(*parts)
