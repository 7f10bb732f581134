"""What the app reads from the history once its first frame is up: a session left unfinished
(a crash, a kill, a closed terminal), offered for resume; what the break clock starts from;
the weekly plan's word on today for the title.

For ``hiptui run ID`` it is read at once (the user asked for the runner; the request runs
after the resume offer, unless the session is resumed). Otherwise a moment after the first
frame, in a worker thread: the catalog's first frames (the list, then the detail card) come
before the database is opened. The unfinished session is read without the session machinery,
which comes with the first session started or resumed: an app that only browses stays smaller.
"""

from __future__ import annotations

from collections.abc import Callable
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
        self, app: HomeApp, *, breaks: BreakWiring, today: TodayTitle, offer_resume: OfferResume
    ) -> None:
        self.app = app
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
        self.app.call_from_thread(self._read, unfinished, breaks, None)
        self.today.read()

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
    ) -> None:
        self.breaks.start(breaks)  # first: a session that runs at once keeps it waiting
        if unfinished is not None or then is not None:
            self._offer_resume(unfinished, then)
        self.done = True
