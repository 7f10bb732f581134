"""The sitting-break clock in the app: polls the reminder, shows it in every header, raises the
break screen when a break is due (never during a session), and saves what the user chooses."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hiptui.core.breaks.reminder import BreakCleared, BreakDue, BreakLog, Reminder, ReminderError
from hiptui.core.breaks.schedule import BreakHistory, local_now
from hiptui.store.errors import StoreError

if TYPE_CHECKING:
    from hiptui.tui.app import HiptuiApp

SYNC_EVERY_SECONDS = 60


def _record_opened(at: datetime) -> None:
    """Leave the moment the clock started counting for `hiptui status` (best effort: the app
    works the same without it)."""
    from hiptui.paths import app_opened_path
    from hiptui.store.app_opened import save_app_opened

    with contextlib.suppress(OSError):
        save_app_opened(app_opened_path(), at)


class BreakClock:
    def __init__(self, app: HiptuiApp, reminder: Reminder) -> None:
        self.app = app
        self.reminder = reminder
        self._since_sync = 0
        self._breaks_taken = 0
        self.suggestion_shown: Any = None

    @classmethod
    def read(cls, app: HiptuiApp) -> tuple[BreakHistory, int] | None:
        """What the clock starts from: the break history and how many breaks were taken.
        Safe in a worker thread; ``None`` (with a message) when the history can't be read."""
        db = app.database()
        if db is None:
            return None
        try:
            history = BreakHistory.read(db)
            taken = sum(1 for b in db.breaks() if b.kind == "taken")
        except StoreError as error:
            app.tell("Break clock off", str(error), severity="warning")
            return None
        return history, taken

    @classmethod
    def start(cls, app: HiptuiApp, read: tuple[BreakHistory, int] | None) -> BreakClock | None:
        if read is None:
            return None
        history, taken = read
        wall = app.wall_now or local_now
        opened = wall()
        reminder = Reminder(
            history,
            clock=app.break_clock,
            now=wall,
            setting_minutes=app.settings.break_minutes,
            first_seen=opened,
        )
        _record_opened(opened)
        clock = cls(app, reminder)
        clock._breaks_taken = taken
        return clock

    # -- the loop (once a second) ----------------------------------------------------------

    def poll(self) -> None:
        self._handle(self.reminder.poll())
        self._since_sync += 1
        if self._since_sync >= SYNC_EVERY_SECONDS:
            self._since_sync = 0
            self.app.run_worker(self._read_history, thread=True, name="break-sync", exclusive=True)
        self.show()

    def _read_history(self) -> None:
        db = self.app.database()
        if db is None:
            return
        try:
            history = BreakHistory.read(db)
        except StoreError:
            return  # the next sync tries again; the clock keeps running meanwhile
        self.app.call_from_thread(self.sync, history)

    def sync(self, history: BreakHistory) -> None:
        """Take a fresh read of the history (the shell, another hiptui, a new self-check)."""
        self._handle(self.reminder.sync(history))
        self.show()

    def show(self) -> None:
        self.app.title = f"hiptui · {self.reminder.status_line()}"

    def _handle(self, events: Sequence[object]) -> None:
        from hiptui.tui.screens.breaks import BreakScreen

        for event in events:
            if isinstance(event, BreakDue):
                if self.app.settings.bell:
                    self.app.bell()
                self.app.notify("Time to get up for at least 5 minutes.", title="Break due",
                                timeout=8)  # fmt: skip
                self.app.push_screen(BreakScreen(self.suggestion()), self.chosen)
            elif isinstance(event, BreakCleared):
                for screen in self.app.screen_stack:
                    if isinstance(screen, BreakScreen):
                        screen.dismiss(None)

    # -- choices ---------------------------------------------------------------------------

    def suggestion(self) -> object:
        from hiptui.content.snacks import load_snacks, pick_snack

        snacks, _problems = load_snacks(self.app.bundled_dir)
        self.suggestion_shown = pick_snack(snacks, self._breaks_taken)
        return self.suggestion_shown

    def set_busy(self, busy: bool) -> None:
        self.reminder.set_busy(busy)

    def chosen(self, choice: str | None) -> None:
        if choice is None:
            return
        try:
            if choice in ("take", "start"):
                log = self.reminder.take()
                self._breaks_taken += 1
            elif choice == "skip":
                log = self.reminder.skip()
            elif choice.startswith("snooze:"):
                log = self.reminder.snooze(int(choice.split(":", 1)[1]))
            else:
                return
        except ReminderError as error:
            self.app.notify(str(error), severity="warning", markup=False)
            return
        self.save(log)
        self.show()
        if choice == "start":
            self.start_snack()

    def start_snack(self) -> None:
        """The suggested movement as a short session (the break is already logged as taken)."""
        from hiptui.core.session.plan import SessionPlan
        from hiptui.core.session.plan_builders import PlanError, plan_for_exercise

        snack: Any = self.suggestion_shown
        if snack is None:
            return
        if snack.routine:
            self.app.run_routine(snack.routine, with_warmup=False)
            return
        if not snack.exercise or self.app.library is None:
            return
        try:
            base = plan_for_exercise(
                self.app.library, snack.exercise, sets=snack.sets, reps=snack.reps,
                work=snack.seconds, rest=30,
            )  # fmt: skip
        except (PlanError, ValueError) as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.flow.start(SessionPlan(f"Break: {snack.name}", base.items))

    def save(self, log: BreakLog) -> None:
        db = self.app.database()
        if db is None:
            return
        try:
            db.log_break(log.kind, log.minutes)
        except StoreError as error:
            self.app.notify(str(error), title="Break not saved", severity="error", markup=False)
