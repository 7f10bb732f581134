"""One session's sets, opened from the history screen."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from hiptui.content.text import printable
from hiptui.core.history.stats import session_row
from hiptui.store.records import SessionRecord, SetRecord
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal
from hiptui.tui.widgets.exercise_progress import duration_label, plural
from hiptui.tui.widgets.key_footer import KeyFooter


def set_time(record: SetRecord) -> str:
    """How long the set took: from its start to its end as the runner logged them, else its
    timed work; "–" for a set logged without either (an import)."""
    seconds = record.work_seconds
    if record.started_at is not None:
        seconds = max(0.0, (record.completed_at - record.started_at).total_seconds())
    if seconds is None:
        return "–"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}" if minutes else f"{rest} s"


class SessionSetsScreen(Screen[None]):
    """Every set of one session, in the order they were done."""

    HELP_TITLE = "Session sets"
    BINDINGS = bindings_for("session-sets")
    DEFAULT_CSS = """
    SessionSetsScreen #session-head { height: auto; padding: 0 1; background: $boost; }
    SessionSetsScreen #session-sets { height: 1fr; }
    """

    def __init__(self, session: SessionRecord, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.session = session
        self.tz = tz

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="session-head")
        yield DataTable(id="session-sets", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        session = self.session
        self.sub_title = "Session sets"
        row = session_row(session)
        when = session.started_at.astimezone(self.tz).strftime("%a %d %b %Y, %H:%M")
        status = "" if session.status == "completed" else f" · {session.status.replace('-', ' ')}"
        self.query_one("#session-head", Static).update(
            Content.assemble(
                literal(session.name, "bold $text-accent"),
                (f"  {when} · {duration_label(row.duration)} · {plural(row.sets, 'set')} · "
                 f"{plural(row.reps, 'rep')}{status}", "$text-muted"),
            )
        )  # fmt: skip
        table = self.query_one("#session-sets", DataTable)
        for label in ("Exercise", "Set", "Side", "Reps", "Hold", "Time", "Discomfort", "Note"):
            table.add_column(label, key=label)
        for record in session.sets:
            table.add_row(
                Text(printable(record.exercise_name, keep_newlines=False)),
                record.set_number,
                Text(record.side or "both"),
                record.reps,
                Text("–" if record.hold_seconds is None else f"{record.hold_seconds:g} s"),
                Text(set_time(record)),
                Text("⚠ yes" if record.discomfort else ""),
                Text(printable(record.note or "", keep_newlines=False)),
            )
        if not session.sets:
            self.query_one("#session-head", Static).update(
                Content.assemble(literal(session.name, "bold $text-accent"),
                                 ("  no sets were completed in this session", "$text-muted"))
            )  # fmt: skip
        table.focus()

    def action_cursor(self, direction: str) -> None:
        table = self.query_one("#session-sets", DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()
