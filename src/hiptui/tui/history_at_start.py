"""What the app reads from the history once its first frame is up: a session left unfinished
(a crash, a kill, a closed terminal), offered for resume; what the break clock starts from;
the weekly plan's word on today for the title; and, on a start with no unfinished session,
the morning after a session day, the question how the worked area feels
(:mod:`hiptui.tui.screens.pain_next_day`).

For ``hiptui run ID`` it is read at once (the user asked for the runner; the request runs
after the resume offer, unless the session is resumed). Otherwise a moment after the first
frame, in a worker thread: the catalog's first frames (the list, then the detail card) come
before the database is opened. The unfinished session is read without the session machinery,
which comes with the first session started or resumed: an app that only browses stays smaller.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiptui.core.breaks.schedule import BreakHistory
    from hiptui.store.records import SessionRecord
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.break_wiring import BreakWiring
    from hiptui.tui.today_title import TodayTitle

OfferResume = Callable[["SessionRecord | None", Callable[[], None] | None], None]


class HistoryAtStart:
    def __init__(
        self,
        app: HomeApp,
        *,
        breaks: BreakWiring,
        today: TodayTitle,
        offer_resume: OfferResume,
        wall_now: Callable[[], datetime] | None = None,
    ) -> None:
        self.app = app
        self._wall_now = wall_now
        self.breaks = breaks
        self.today = today
        self._offer_resume = offer_resume  # (session, then): the session navigation's offer
        self.done = False  # read and acted on (tests wait for it)

    def read_now(self, then: Callable[[], None]) -> None:
        """Read on the app's loop, then run ``then`` unless the unfinished session is resumed."""
        self._read(self._unfinished_session(), self.breaks.read(), then)

    def read_later(self, delay: float) -> None:
        """Read ``delay`` seconds from now, in a worker thread."""
        work = lambda: self.app.run_worker(self._read_in_thread, thread=True)  # noqa: E731
        self.app.set_timer(delay, work)

    def _read_in_thread(self) -> None:
        unfinished = self._unfinished_session()
        breaks = self.breaks.read()
        # An unfinished session is offered first; the next-morning question waits for a start
        # without one.
        asked = None if unfinished is not None else self._pain_question()
        self.app.call_from_thread(self._read, unfinished, breaks, None, asked)
        self.today.read()

    def _pain_question(self) -> SessionRecord | None:
        """Yesterday's session to ask the next-morning pain of, if any; thread-safe."""
        from hiptui.store.errors import StoreError
        from hiptui.tui.screens.pain_next_day import session_to_ask

        db = self.app.database()
        now = self._wall_now() if self._wall_now is not None else datetime.now().astimezone()
        try:
            return None if db is None else session_to_ask(db, now, self.app.settings.day_start_hour)
        except StoreError:
            return None

    def _unfinished_session(self) -> SessionRecord | None:
        """The session left unfinished, if any; thread-safe."""
        from hiptui.store.errors import StoreError

        db = self.app.database()
        if db is None:
            return None
        try:
            return db.unfinished_session()
        except StoreError as error:
            self.app.tell("History unavailable", str(error), severity="error")
            return None

    def _read(
        self,
        unfinished: SessionRecord | None,
        breaks: tuple[BreakHistory, int] | None,
        then: Callable[[], None] | None,
        asked: SessionRecord | None = None,
    ) -> None:
        self.breaks.start(breaks)  # first: a session that runs at once keeps it waiting
        if unfinished is not None or then is not None:
            self._offer_resume(unfinished, then)
        db = self.app.database() if asked is not None else None
        if asked is not None and db is not None:
            from hiptui.tui.screens.pain_next_day import ask_pain

            ask_pain(self.app, db, asked)
        self.done = True
