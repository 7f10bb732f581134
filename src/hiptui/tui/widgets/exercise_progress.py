"""One exercise's progress: two labelled sparklines and the figures under them; for a loaded
exercise, charts of the best set's load and the volume load per session (textual-plotext,
imported only when such an exercise is shown: plotext costs about 100 ms to import); the pain
trend with its lights and the reps in reserve where logged."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Sparkline, Static

from hiptui.core.history.load_trend import LoadPoint, has_effort_or_pain
from hiptui.core.history.progression import Suggestion
from hiptui.core.history.stats import ExerciseStats
from hiptui.tui.render import literal

ContentPart = str | Content | tuple[str, str]
PAIN_ROWS = 8  # the pain trend lists the latest sessions, this many
LIGHT_WORDS = {"green": "green", "amber": "amber (3-5)", "red": "red (over 5)"}
LIGHT_STYLES = {"green": "$success", "amber": "$warning", "red": "$error"}


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
            lines.append(
                (f"{balance}: no {gap.missing_side}-side sets logged ⚠\n", "$text-warning")
            )
        elif gap.flagged:
            note = f"{balance}: the {gap.weaker} side is {gap.percent}% behind ⚠ (over 10%)\n"
            lines.append((note, "$text-warning"))
        else:
            lines.append(f"{balance}: within 10%\n")
    if stats.discomfort:
        text = f"Discomfort marked on {plural(stats.discomfort, 'set')}\n"
        lines.append((text, "$text-warning"))
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
    ExerciseProgress > #load-charts {
        height: auto;
    }
    ExerciseProgress #load-charts PlotextPlot {
        height: 12;
        margin-right: 2;
    }
    ExerciseProgress #load-charts .progress-label, ExerciseProgress > #pain-trend {
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
        yield Vertical(id="load-charts")
        yield Static(id="pain-trend")
        yield Static(id="progress-facts")

    def show(
        self,
        stats: ExerciseStats | None,
        suggestions: Sequence[Suggestion] = (),
        tz: tzinfo | None = None,
        trend: Sequence[LoadPoint] = (),
    ) -> None:
        charts = ("#reps-label", "#reps-spark", "#reps-axis", "#total-label", "#total-spark",
                  "#total-axis")  # fmt: skip
        for selector in charts:
            self.query_one(selector).display = stats is not None
        title = self.query_one("#progress-title", Static)
        facts = self.query_one("#progress-facts", Static)
        self._show_loads(trend if stats is not None else (), tz)
        self._show_pain(trend if stats is not None else (), tz)
        if stats is None:
            title.update(Content.styled("No exercise logged yet.", "$text-muted"))
            facts.update("")
            return
        title.update(
            Content.assemble(
                literal(stats.name, "bold $text-accent"),
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
            parts += [("\nNext step: ", "bold $text-success"), literal(suggestion.text), "\n"]
        facts.update(Content.assemble(*parts))
        self.scroll_home(animate=False)

    # -- load, effort and pain ------------------------------------------------------------

    def _show_loads(self, trend: Sequence[LoadPoint], tz: tzinfo | None) -> None:
        holder = self.query_one("#load-charts", Vertical)
        holder.remove_children()
        loaded = [p for p in trend if p.best is not None]
        unit = loaded[-1].best.unit if loaded and loaded[-1].best else None
        points = [p for p in loaded if p.best is not None and p.best.unit == unit]
        holder.display = bool(points)
        if not points or unit is None:
            return
        from textual_plotext import PlotextPlot  # here only: plotext is slow to import

        best = [p.best.value for p in points if p.best is not None]
        volume = [p.volume or 0.0 for p in points]
        what = "band level" if unit == "band" else unit
        volume_unit = "band level x reps" if unit == "band" else f"{unit} x reps"
        days = [p.started_at.astimezone(tz).strftime("%d %b") for p in points]
        widgets: list[Static | PlotextPlot] = []
        for label, values, axis in (
            (f"Best set's load per session ({what}): {_span(best)}", best, what),
            (f"Volume load per session ({volume_unit}): {_span(volume)}", volume, volume_unit),
        ):
            plot = PlotextPlot()
            plt = plot.plt
            xs = [float(n) for n in range(1, len(values) + 1)]
            plt.plot(xs, values, marker="braille")
            plt.scatter(xs, values, marker="dot")
            step = max(1, len(xs) // 6)  # at most about 6 dates under the axis
            plt.xticks(xs[::step], days[::step])
            plt.ylabel(axis)
            widgets += [Static(label, classes="progress-label"), plot]
        holder.mount(*widgets)

    def _show_pain(self, trend: Sequence[LoadPoint], tz: tzinfo | None) -> None:
        out = self.query_one("#pain-trend", Static)
        out.display = has_effort_or_pain(trend)
        if not out.display:
            out.update("")
            return
        parts: list[ContentPart] = [("Pain and effort, latest sessions last\n", "bold")]
        for point in trend[-PAIN_ROWS:]:
            words = []
            if point.pain is not None:
                words.append(f"pain {point.pain}/10")
            if point.pain_next_day is not None:
                words.append(f"next morning {point.pain_next_day}/10")
            if point.rir:
                words.append("RIR " + ", ".join(str(n) for n in point.rir))
            parts += [
                f"{day_label(point.started_at, tz)}  ",
                (LIGHT_WORDS.get(point.light, point.light), LIGHT_STYLES.get(point.light, "")),
                f"  {'; '.join(words) or 'nothing logged'}\n",
            ]
        out.update(Content.assemble(*parts))


def _span(values: Sequence[float]) -> str:
    """``40 -> 42.5`` (first and latest), or the one value."""
    first, last = f"{values[0]:g}", f"{values[-1]:g}"
    return first if len(values) == 1 else f"{first} -> {last} (first -> latest)"
