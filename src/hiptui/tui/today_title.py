"""The weekly plan's word on today in the app's title ("session due today", "today's session
done"), in place of the tagline so it fits beside the break clock in 80 columns. Read after the
start and after each session, in a worker thread, through the app's own database connection."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.app_options import WallClock


class TodayTitle:
    def __init__(self, app: HomeApp, tagline: str, wall_now: WallClock | None = None) -> None:
        self.app = app
        self.tagline = tagline  # the sub-title when nothing is due
        self._wall_now = wall_now

    def refresh(self) -> None:
        """Read today again (a session ended: today's may be done now)."""
        self.app.run_worker(self.read, thread=True, name="read-today")

    def read(self) -> None:
        """Read today's plan and show its word; in a worker thread."""
        from hiptui.today import title_note, today_report

        now = self._wall_now() if self._wall_now is not None else datetime.now().astimezone()
        home = self.app.home
        try:  # through the app's own connection: no second one beside the runner's writes
            note = title_note(today_report(home, now, with_comebacks=False, db=home.database()))
        except OSError:  # the history cannot be read: the title says nothing about today
            note = ""
        self.app.call_from_thread(self._show, note)

    def _show(self, note: str) -> None:
        self.app.sub_title = note or self.tagline
