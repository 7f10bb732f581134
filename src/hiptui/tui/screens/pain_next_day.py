"""The morning after a session day, once: how does the worked area feel (0-10)?

The first time the app opens on the day after a session (days start at ``day_start_hour``),
one line asks it for the newest session that ended the day before, with a set saved; an
answer is stored with that session (its ``pain_next_day``, which the progression rules read),
and answered or skipped it is not asked again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from hiptui.core.breaks.schedule import day_start
from hiptui.core.session.details_text import MAX_PAIN, parse_scale
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.records import SessionRecord
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal


def session_to_ask(db: Database, now: datetime, day_start_hour: int) -> SessionRecord | None:
    """The session whose next-morning pain to ask for at ``now`` (aware), if any."""
    today = day_start(now, day_start_hour)
    return db.pain_question(today - timedelta(days=1), today)


class PainNextDayScreen(ModalScreen[int | None]):
    """One line: the pain this morning, 0-10; dismissed with it, or ``None`` when skipped."""

    BINDINGS = bindings_for("pain-next-day")

    DEFAULT_CSS = """
    PainNextDayScreen { align: center middle; }
    PainNextDayScreen #pain-row { height: 3; }
    PainNextDayScreen #pain-row Label { padding: 1 1 0 0; }
    PainNextDayScreen #pain-value { width: 7; }
    PainNextDayScreen #pain-error { height: auto; color: $error; display: none; }
    """

    def __init__(self, session_name: str) -> None:
        super().__init__()
        self.session_name = session_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(f"After yesterday's session ({self.session_name}):"))
            with Horizontal(id="pain-row"):
                yield Label("How does the worked area feel this morning?")
                yield Input("", id="pain-value", max_length=2, restrict=r"[0-9]*")
                yield Label("/10")
            yield Static(
                Content.styled("0 is no pain, 10 the worst. enter saves, escape skips.", "dim")
            )
            yield Static(id="pain-error")

    def on_mount(self) -> None:
        self.query_one("#pain-value", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        text = self.query_one("#pain-value", Input).value
        try:
            pain = parse_scale(text, "pain", MAX_PAIN)
        except ValueError as error:
            shown = self.query_one("#pain-error", Static)
            shown.update(literal(str(error)))
            shown.display = True
            return
        self.dismiss(pain)

    def action_skip(self) -> None:
        self.dismiss(None)


class PainAsker(Protocol):
    """What the question needs of the app: a screen pushed, a notification told."""

    def push_screen(
        self, screen: PainNextDayScreen, callback: Callable[[int | None], None]
    ) -> Any: ...

    def tell(self, title: str, text: str, *, severity: SeverityLevel) -> None: ...


def ask_pain(app: PainAsker, db: Database, session: SessionRecord) -> None:
    """Put the question on screen; the answer (or the skip) is stored at once."""

    def answered(pain: int | None) -> None:
        try:
            db.answer_pain_question(session.id, pain)
        except (StoreError, KeyError) as error:
            app.tell("Could not save", str(error), severity="error")

    app.push_screen(PainNextDayScreen(session.name), answered)
