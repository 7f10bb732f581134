"""History and progress: sessions by date, each exercise's progress, and the self-checks.

Everything is read and worked out in a thread worker (:meth:`HistoryScreen.load`); the screen
shows "Loading..." until it is done and never reads the database in a key handler.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Header,
    OptionList,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from hiptui.content.models import Problem
from hiptui.content.text import printable
from hiptui.core.breaks.days import BreakDay, break_days
from hiptui.core.history.consistency import Consistency
from hiptui.core.history.load_trend import LoadPoint, load_trends
from hiptui.core.history.overview import Overview, overview
from hiptui.core.history.stats import SessionRow
from hiptui.home import Home
from hiptui.store.errors import StoreError
from hiptui.store.records import SessionRecord
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import OpenExercise
from hiptui.tui.render import literal
from hiptui.tui.screens.history_sets import SessionSetsScreen
from hiptui.tui.widgets.exercise_progress import (
    ExerciseProgress,
    day_label,
    duration_label,
    fit_sparkline,
    plural,
)
from hiptui.tui.widgets.fixed_cell import FixedCell
from hiptui.tui.widgets.key_footer import KeyFooter

PANES = ("sessions-pane", "progress-pane", "checkups-pane", "breaks-pane")
FOCUS = {
    "sessions-pane": "#sessions",
    "progress-pane": "#exercises",
    "checkups-pane": "#checkups",
    "breaks-pane": "#breaks",
}

FIRST_RUN_TITLE = "Welcome! Your training history starts with your first session.\n\n"
FIRST_RUN = (
    "Nothing logged yet: your sessions, progress and self-check results will appear here.\n\n"
    "To start a session: press escape to go back to the catalog, highlight an exercise and "
    "press r, or press w there for a whole routine. From a shell, `hiptui run glute-bridge` "
    "does the same. Every set is saved the moment you finish it.\n\n"
    "The weekly target is strength work on 2 or more days a week. The sitting self-check "
    "(c in the catalog) adds its results here too."
)


def consistency_line(found: Consistency) -> Content:
    """``This week: 1 of 2 strength days · Streak: 3 weeks of 2+ days``."""
    style = "$text-success" if found.met_this_week else "$text-warning"
    return Content.assemble(
        ("This week: ", "bold"),
        (f"{found.days_this_week} of {found.target} strength days", style),
        (" · ", "$text-muted"),
        ("Streak: ", "bold"),
        f"{plural(found.streak_weeks, 'week')} of {found.target}+ days",
    )


class HistoryScreen(Screen[None]):
    """Sessions by date; ``enter`` opens one. ``tab`` moves to progress and self-checks."""

    HELP_TITLE = "History and progress"
    BINDINGS = bindings_for("history")

    DEFAULT_CSS = """
    HistoryScreen #history-summary { height: auto; padding: 0 1; background: $boost; }
    HistoryScreen #history-empty { padding: 1 2; height: auto; }
    HistoryScreen #history-tabs { height: 1fr; }
    HistoryScreen #history-tabs TabPane { padding: 0; }
    HistoryScreen #sessions, HistoryScreen #checkups { height: 1fr; }
    HistoryScreen #progress-body { height: 1fr; }
    HistoryScreen #exercises { width: 32; height: 1fr; border: none; border-right: vkey $panel; }
    HistoryScreen .pane-note { padding: 0 1; color: $text-muted; height: auto; }
    HistoryScreen #hours-spark { height: 2; margin: 0 1; }
    """

    class Loaded(Message):
        """The history is on screen (benchmarks and tests wait for it)."""

    def __init__(self, home: Home, *, today: date | None = None, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.home = home
        self.today = today
        self.tz = tz
        self.overview: Overview | None = None
        self.records: dict[int, SessionRecord] = {}
        self.trends: dict[str, tuple[LoadPoint, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading history…", id="history-summary")
        yield Static(
            Content.assemble((FIRST_RUN_TITLE, "bold $text-accent"), FIRST_RUN), id="history-empty"
        )
        with TabbedContent(id="history-tabs"):
            with TabPane("Sessions", id="sessions-pane"):
                yield Static(id="sessions-note", classes="pane-note")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with TabPane("Progress", id="progress-pane"), Horizontal(id="progress-body"):
                yield OptionList(id="exercises")
                yield ExerciseProgress(id="exercise-progress")
            with TabPane("Self-checks", id="checkups-pane"), Vertical():
                yield Static(id="checkups-note", classes="pane-note")
                yield Sparkline([], id="hours-spark")
                yield DataTable(id="checkups", cursor_type="row", zebra_stripes=True)
            with TabPane("Breaks", id="breaks-pane"), Vertical():
                yield Static(id="breaks-note", classes="pane-note")
                yield DataTable(id="breaks", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "History and progress"
        self.query_one("#history-empty").display = False
        sessions = self.query_one("#sessions", DataTable)
        for label, width in (("Date", 15), ("What", 26), ("Sets", 4), ("Reps", 5),
                             ("Left / right", 12), ("Time", 8), ("Notes", 14)):  # fmt: skip
            sessions.add_column(label, width=width, key=label)
        checkups = self.query_one("#checkups", DataTable)
        for label in ("Date", "Sitting, hours a day", "Band"):
            checkups.add_column(label, key=label)
        breaks = self.query_one("#breaks", DataTable)
        for label in ("Date", "Taken", "Snoozed", "Skipped"):
            breaks.add_column(label, key=label)
        self.load(self.home, self.today or datetime.now().astimezone(self.tz).date())

    # -- loading (a thread) -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history")
    def load(self, home: Home, today: date) -> None:
        try:
            database = home.database()
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        # Thousands of small records and a table of them: a cyclic garbage collection pass
        # over the whole heap in the middle would add 100 ms or more, and these records hold
        # no cycles. Collection resumes once the table is on screen (see _show).
        collecting = gc.isenabled()
        gc.disable()
        shown = False
        try:
            sessions = database.sessions()
            checkups = database.checkups()
            exercises = home.library().exercises
            ladders, problems = home.ladders()
            found = overview(
                sessions, checkups, library=exercises, ladders=ladders, today=today, tz=self.tz
            )
            records = {session.id: session for session in sessions}
            self.trends = load_trends(sessions)
            days = break_days(database.breaks(), self.tz)
            # Rows another program wrote that cannot be read are left out: say so once.
            problems = [*problems, *database.unreadable]
            self.app.call_from_thread(self._show, found, records, collecting, problems, days)
            shown = True
        except OSError as error:
            self.app.call_from_thread(self._failed, str(error))
        except Exception as error:  # a damaged record must not take the app down
            self.app.call_from_thread(self._failed, f"could not read the history ({error})")
        finally:
            if collecting and not shown:
                gc.enable()

    def _failed(self, message: str) -> None:
        summary = self.query_one("#history-summary", Static)
        summary.update(
            Content.assemble(("History unavailable: ", "bold $text-error"), literal(message))
        )

    # -- showing ------------------------------------------------------------------------------

    def _show(
        self,
        found: Overview,
        records: dict[int, SessionRecord],
        collecting: bool = False,
        problems: Sequence[Problem] = (),
        days: Sequence[BreakDay] = (),
    ) -> None:
        if collecting:
            self.app.call_after_refresh(gc.enable)
        if not self.is_mounted:
            return
        rows = [p for p in problems if p.path == str(self.home.database_path)]
        ladders = [p for p in problems if p not in rows]
        for found_here, title in (
            (ladders, "Progression ladders: problem"),
            (rows, "History rows left out (hiptui export lists them)"),
        ):
            if found_here:
                more = f" (and {len(found_here) - 1} more)" if len(found_here) > 1 else ""
                self.notify(f"{found_here[0]}{more}", title=title,
                            severity="warning", timeout=10, markup=False)  # fmt: skip
        self.overview, self.records = found, records
        self.query_one("#history-summary", Static).update(self._summary(found))
        empty = found.empty and not days
        self.query_one("#history-empty").display = empty
        self.query_one("#history-tabs").display = not empty
        self._fill_sessions(found.sessions)
        self._fill_exercises(found)
        self._fill_checkups(found)
        self._fill_breaks(days)
        if not found.empty:
            self.query_one("#sessions", DataTable).focus()
        self.refresh_bindings()
        self.post_message(self.Loaded())

    def _summary(self, found: Overview) -> Content:
        line = consistency_line(found.consistency)
        count = len(found.suggestions)
        if count:
            note = f" · {plural(count, 'next step')} suggested (Progress)"
            line = Content.assemble(line, (note, "$text-success"))
        return line

    def _fill_sessions(self, rows: Sequence[SessionRow]) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for row in rows:
            table.add_row(*self._session_cells(row), key=str(row.session_id))
        note = self.query_one("#sessions-note", Static)
        if rows:
            note.update(f"{plural(len(rows), 'session')}, newest first. enter shows the sets.")
        else:
            note.update(
                "No sessions yet: in the catalog (escape), r starts the highlighted exercise."
            )

    def _session_cells(self, row: SessionRow) -> list[FixedCell]:
        sides = f"{row.reps_left} / {row.reps_right}" if row.reps_left or row.reps_right else "–"
        notes: list[str] = []
        if row.discomfort:
            notes.append(f"⚠ {row.discomfort}")
        if row.status != "completed":
            notes.append(row.status.replace("-", " "))
        cells = (day_label(row.started_at, self.tz), row.name, row.sets, row.reps, sides,
                 duration_label(row.duration), ", ".join(notes))  # fmt: skip
        return [FixedCell(cell) for cell in cells]

    def _fill_exercises(self, found: Overview) -> None:
        options = []
        for stats in found.exercises:
            marker = " ↑" if found.suggestions_for(stats.exercise_id) else ""
            options.append(
                Option(
                    Content.assemble(literal(stats.name), (marker, "$text-success")),
                    id=stats.exercise_id,
                )
            )
        option_list = self.query_one("#exercises", OptionList)
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0
        else:
            self.query_one(ExerciseProgress).show(None)

    def _fill_checkups(self, found: Overview) -> None:
        rows = found.checkups
        note = self.query_one("#checkups-note", Static)
        hours = [row.average_hours for row in rows if row.average_hours is not None]
        spark = self.query_one("#hours-spark", Sparkline)
        spark.display = len(hours) > 1
        fit_sparkline(spark, hours, self.size.width - 2)
        if not rows:
            note.update(
                "No self-checks yet: press c in the catalog to take the sitting self-check."
            )
        elif len(hours) > 1:
            note.update(
                f"Average sitting hours a day at each self-check, oldest to newest "
                f"(lowest {min(hours):.2f}, highest {max(hours):.2f}):"
            )
        else:
            note.update(f"{plural(len(rows), 'self-check')}, oldest first.")
        table = self.query_one("#checkups", DataTable)
        table.clear()
        table.add_rows(
            [
                Text(day_label(row.taken_at, self.tz)),
                Text("–" if row.average_hours is None else f"{row.average_hours:.2f}"),
                Text(printable(row.band or "–", keep_newlines=False)),
            ]
            for row in rows
        )

    def _fill_breaks(self, days: Sequence[BreakDay]) -> None:
        note = self.query_one("#breaks-note", Static)
        if days:
            taken = sum(day.taken for day in days)
            note.update(
                f"Sitting breaks by day, newest first: {plural(taken, 'break')} taken in all. "
                "The article's advice: get up every 30 to 60 minutes for at least 5 minutes."
            )
        else:
            note.update("No breaks logged yet: the break clock in the title counts for you.")
        table = self.query_one("#breaks", DataTable)
        table.clear()
        table.add_rows(
            [Text(day.day.strftime("%a %d %b %Y")), str(day.taken), str(day.snoozed),
             str(day.skipped)]
            for day in days
        )  # fmt: skip

    # -- events and actions -------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#exercises")
    def _exercise_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.overview is None:
            return
        wanted = event.option.id
        stats = next((s for s in self.overview.exercises if s.exercise_id == wanted), None)
        suggestions = self.overview.suggestions_for(wanted or "")
        trend = self.trends.get(wanted or "", ())
        self.query_one(ExerciseProgress).show(stats, suggestions, self.tz, trend)

    @on(OptionList.OptionSelected, "#exercises")
    def _exercise_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenExercise(event.option.id))

    @on(DataTable.RowSelected, "#sessions")
    def _session_selected(self, event: DataTable.RowSelected) -> None:
        self._open_session(event.row_key.value)

    def _open_session(self, key: str | None) -> None:
        session = self.records.get(int(key)) if key and key.isdigit() else None
        if session is not None:
            self.app.push_screen(SessionSetsScreen(session, self.tz))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_pane", "previous_pane", "open"):
            return self.overview is not None and not self.overview.empty
        return True

    def action_open(self) -> None:
        tabs = self.query_one("#history-tabs", TabbedContent)
        if tabs.active == "sessions-pane":
            table = self.query_one("#sessions", DataTable)
            if table.row_count:
                key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
                self._open_session(key.value)
        elif tabs.active == "progress-pane":
            option_list = self.query_one("#exercises", OptionList)
            if option_list.highlighted is not None:
                option_list.action_select()

    def _switch(self, step: int) -> None:
        tabs = self.query_one("#history-tabs", TabbedContent)
        index = PANES.index(tabs.active) if tabs.active in PANES else 0
        pane = PANES[(index + step) % len(PANES)]
        tabs.active = pane
        self.query_one(FOCUS[pane]).focus()

    def action_next_pane(self) -> None:
        self._switch(1)

    def action_previous_pane(self) -> None:
        self._switch(-1)

    def action_cursor(self, direction: str) -> None:
        focused = self.focused
        if isinstance(focused, DataTable | OptionList):
            if direction == "down":
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()
