"""The sitting-break clock in the app: polls the reminder, shows it in every header, raises the
break dialog when a break is due (never during a session), and saves what the user chooses.

A service the app owns: it is given the app (for the title, notifications and the dialog, and
its home: the database, the settings, the snacks) and its clocks. It asks the app for a session
only by posting a message (a break snack started from the dialog).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hiptui.core.breaks.reminder import BreakCleared, BreakDue, BreakLog, Reminder, ReminderError
from hiptui.core.breaks.schedule import BreakHistory, local_now
from hiptui.store.errors import StoreError
from hiptui.tui.messages import RunPlan, RunRoutine

if TYPE_CHECKING:
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.screens.break_dialog import BreakScreen

SYNC_EVERY_SECONDS = 60
Clock = Callable[[], float]


def read_breaks(app: HomeApp) -> tuple[BreakHistory, int] | None:
    """What the clock starts from: the break history and how many breaks were taken; safe in
    a worker thread. ``None`` when the history cannot be read (the app tells why)."""
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


class BreakClock:
    def __init__(self, app: HomeApp, reminder: Reminder, *, taken: int = 0) -> None:
        self.app = app
        self.home = app.home
        self.reminder = reminder
        self._since_sync = 0
        self._breaks_taken = taken
        self._dialog: BreakScreen | None = None
        self.suggestion_shown: Any = None

    @classmethod
    def start(
        cls,
        app: HomeApp,
        read: tuple[BreakHistory, int],
        *,
        clock: Clock | None = None,
        wall: Callable[[], datetime] | None = None,
    ) -> BreakClock:
        """A clock counting from now, on ``clock`` (monotonic; by default one that notices
        the computer's sleep) and ``wall`` (local time), shown in the title and polled once a
        second."""
        from hiptui.core.breaks.reminder import sleep_aware_clock

        home = app.home
        history, taken = read
        now = wall or local_now
        opened = now()
        reminder = Reminder(
            history,
            clock=clock or sleep_aware_clock(),
            now=now,
            setting_minutes=home.settings.break_minutes,
            first_seen=opened,
        )
        if home.app_opened_path is not None:
            # For `hiptui status` (best effort: the app works the same without it).
            from hiptui.store.app_opened import save_app_opened

            with contextlib.suppress(OSError):
                save_app_opened(home.app_opened_path, opened)
        started = cls(app, reminder, taken=taken)
        started.show()
        app.set_interval(1.0, started.poll, name="break-clock")
        return started

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

    def set_setting(self, minutes: int | None) -> None:
        """The break interval from the settings changed."""
        self.reminder.set_setting(minutes)
        self.show()

    def show(self) -> None:
        self.app.title = f"hiptui · {self.reminder.status_line()}"

    def _handle(self, events: Sequence[object]) -> None:
        from hiptui.tui.screens.break_dialog import BreakScreen

        for event in events:
            if isinstance(event, BreakDue):
                if self.home.settings.bell:
                    self.app.bell()
                self.app.notify("Time to get up for at least 5 minutes.", title="Break due",
                                timeout=8)  # fmt: skip
                self._dialog = BreakScreen(self.suggestion())
                self.app.push_screen(self._dialog, self.chosen)
            elif isinstance(event, BreakCleared):
                dialog, self._dialog = self._dialog, None
                if dialog is not None and dialog.is_current:
                    dialog.dismiss(None)

    # -- choices ---------------------------------------------------------------------------

    def suggestion(self) -> object:
        from hiptui.content.snacks import load_snacks, pick_snack

        snacks, _problems = load_snacks(self.home.bundled_dir)
        self.suggestion_shown = pick_snack(snacks, self._breaks_taken)
        return self.suggestion_shown

    def set_busy(self, busy: bool) -> None:
        self.reminder.set_busy(busy)

    def chosen(self, choice: str | None) -> None:
        self._dialog = None
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
            self.app.post_message(RunRoutine(snack.routine, with_warmup=False))
            return
        library = self.home.loaded_library()
        if not snack.exercise or library is None:
            return
        try:
            base = plan_for_exercise(
                library, snack.exercise, sets=snack.sets, reps=snack.reps,
                work=snack.seconds, rest=30,
            )  # fmt: skip
        except (PlanError, ValueError) as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.post_message(RunPlan(SessionPlan(f"Break: {snack.name}", base.items)))

    def save(self, log: BreakLog) -> None:
        db = self.app.database()
        if db is None:
            return
        try:
            db.log_break(log.kind, log.minutes)
        except StoreError as error:
            self.app.notify(str(error), title="Break not saved", severity="error", markup=False)
