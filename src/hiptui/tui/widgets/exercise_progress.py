"""One exercise's progress: two labelled sparklines and the figures under them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Sparkline, Static

from hiptui.core.history.progression import Suggestion
from hiptui.core.history.stats import ExerciseStats
from hiptui.tui.render import literal

ContentPart = str | Content | tuple[str, str]


def day_label(moment: datetime, tz: tzinfo | None) -> str:
    """A short calendar date in ``tz`` (``None``: this computer's time zone)."""
    return moment.astimezone(tz).strftime("%a %d %b %Y")


def duration_label(duration: timedelta | None) -> str:
    """``23 min`` or ``1 h 05 min``; a dash when unknown."""
    if duration is None:
        return "–"
    total = int(duration.total_seconds() // 60)
    return f"{total} min" if total < 60 else f"{total // 60} h {total % 60:02d} min"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def fit_sparkline(spark: Sparkline, values: Sequence[float], room: int, most: int = 6) -> None:
    """Show ``values`` with the same number of columns (at most ``most``) for each, in ``room``.

    With more values than columns the sparkline's own buckets (the highest of each) apply.
    """
    columns = max(1, min(most, room // len(values))) if values and room > 0 else 1
    spark.styles.width = max(min(columns * len(values), room), 1)
    spark.data = [value for value in values for _ in range(columns)]


def stats_lines(stats: ExerciseStats, tz: tzinfo | None) -> list[ContentPart]:
    """Best set, best hold, left/right balance and discomfort, one line each."""
    lines: list[ContentPart] = []
    best = stats.best_set
    if best is not None:
        side = f" ({best.side} side)" if best.side else ""
        when = day_label(best.completed_at, tz)
        lines.append(f"Best set: {plural(best.reps, 'rep')}{side} on {when}\n")
    else:
        lines.append(("Best set: no counted reps yet\n", "$text-muted"))
    if stats.best_hold:
        lines.append(f"Best hold: {_seconds(stats.best_hold)}\n")
    gap = stats.asymmetry
    if gap is not None:
        balance = f"Left / right: {gap.left} / {gap.right} reps"
        if gap.missing_side is not None:
            lines.append((f"{balance}: no {gap.missing_side}-side sets logged ⚠\n", "$warning"))
        elif gap.flagged:
            note = f"{balance}: the {gap.weaker} side is {gap.percent}% behind ⚠ (over 10%)\n"
            lines.append((note, "$warning"))
        else:
            lines.append(f"{balance}: within 10%\n")
    if stats.discomfort:
        text = f"Discomfort marked on {plural(stats.discomfort, 'set')}\n"
        lines.append((text, "$warning"))
    return lines


class ExerciseProgress(VerticalScroll, can_focus=False):
    """Shows an :class:`ExerciseStats`; :meth:`show` replaces what is shown."""

    DEFAULT_CSS = """
    ExerciseProgress {
        padding: 0 1 0 2;
    }
    ExerciseProgress > .progress-label {
        margin-top: 1;
    }
    ExerciseProgress > .progress-axis {
        color: $text-muted;
    }
    ExerciseProgress > Sparkline {
        height: 3;
        margin-right: 2;
    }
    ExerciseProgress > #progress-facts {
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="progress-title")
        yield Static(id="reps-label", classes="progress-label")
        yield Sparkline([], id="reps-spark")
        yield Static(id="reps-axis", classes="progress-axis")
        yield Static(id="total-label", classes="progress-label")
        yield Sparkline([], id="total-spark")
        yield Static(id="total-axis", classes="progress-axis")
        yield Static(id="progress-facts")

    def show(
        self,
        stats: ExerciseStats | None,
        suggestions: Sequence[Suggestion] = (),
        tz: tzinfo | None = None,
    ) -> None:
        charts = ("#reps-label", "#reps-spark", "#reps-axis", "#total-label", "#total-spark",
                  "#total-axis")  # fmt: skip
        for selector in charts:
            self.query_one(selector).display = stats is not None
        title = self.query_one("#progress-title", Static)
        facts = self.query_one("#progress-facts", Static)
        if stats is None:
            title.update(Content.styled("No exercise logged yet.", "$text-muted"))
            facts.update("")
            return
        title.update(
            Content.assemble(
                literal(stats.name, "bold $accent"),
                (f"  {plural(len(stats.points), 'session')}", "$text-muted"),
            )
        )
        per_session = stats.reps_per_session
        totals = stats.running_total
        first = day_label(stats.points[0].started_at, tz)
        last = day_label(stats.points[-1].started_at, tz)
        axis = f"{first}  →  {last}" if len(stats.points) > 1 else first
        self.query_one("#reps-label", Static).update(
            f"Reps per session, oldest to newest (lowest {min(per_session)}, "
            f"highest {max(per_session)})"
        )
        room = max(self.size.width - 5, 10)
        fit_sparkline(self.query_one("#reps-spark", Sparkline), per_session, room)
        self.query_one("#reps-axis", Static).update(axis)
        self.query_one("#total-label", Static).update(
            f"Total reps so far, running total: {stats.total_reps}"
        )
        fit_sparkline(self.query_one("#total-spark", Sparkline), totals, room)
        self.query_one("#total-axis", Static).update(axis)
        parts = stats_lines(stats, tz)
        for suggestion in suggestions:
            parts += [("\nNext step: ", "bold $success"), literal(suggestion.text), "\n"]
        facts.update(Content.assemble(*parts))
        self.scroll_home(animate=False)
