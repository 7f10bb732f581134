"""The sitting-break clock in the app: polls the reminder, shows it in every header, raises the
break dialog when a break is due (never during a session), and saves what the user chooses.

A service the app owns: it is given the app (for the title, notifications and the dialog, and
its home: the database, the settings, the snacks) and its clocks. It asks the app for a session
only by posting a message (a break snack started from the dialog).

It runs on the stored sitting timeline (docs/breaks.md): at start it marks the day as seen and
counts from the day's first sighting, not from this start; about every 30 seconds (and at once
after a session, a self-check or a suspend) a :class:`~hiptui.core.breaks.monitor.Watcher`
records time away (the desktop's idle time, a suspend) and the clock takes in what every hiptui
stored. A due break also goes out through the ``notify`` setting's notifier, once for all
hiptuis.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hiptui.core.breaks.away import SuspendWatch
from hiptui.core.breaks.monitor import Watcher
from hiptui.core.breaks.notify import BELL, OFF, Notifier, break_message
from hiptui.core.breaks.reminder import BreakCleared, BreakDue, BreakLog, Reminder, ReminderError
from hiptui.core.breaks.schedule import BreakHistory, day_start, local_now
from hiptui.store.errors import StoreError
from hiptui.tui.messages import RunPlan, RunRoutine

if TYPE_CHECKING:
    from hiptui.core.breaks.idle import IdleSource
    from hiptui.store.settings import Settings
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.screens.break_dialog import BreakScreen

WATCH_EVERY_SECONDS = 30
Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def read_breaks(app: HomeApp, wall: WallClock | None = None) -> tuple[BreakHistory, int] | None:
    """What the clock starts from: today's timeline (the day marked as seen first) and how
    many breaks were taken; safe in a worker thread. ``None`` when the history cannot be read
    (the app tells why)."""
    from hiptui.store.app_opened import take_app_opened

    db = app.database()
    if db is None:
        return None
    home = app.home
    now = (wall or local_now)()
    start = day_start(now, home.settings.day_start_hour)
    try:
        # An older hiptui's app-opened file is taken in as the day's first sighting, once.
        path = home.app_opened_path
        earlier = None if path is None else take_app_opened(path)
        db.timeline.mark_seen(start, earlier if earlier and start <= earlier <= now else now)
    except StoreError:
        pass  # a read-only history: the clock counts from now, as it can
    try:
        history = BreakHistory.read(db, start)
        taken = sum(1 for b in db.breaks() if b.kind == "taken")
    except StoreError as error:
        app.tell("Break clock off", str(error), severity="warning")
        return None
    return history, taken


def app_notifier(app: HomeApp, settings: Settings) -> Notifier:
    """The ``notify`` setting's notifier, writing to the app's terminal from any thread."""

    def write(text: str) -> None:
        app.call_from_thread(app.write_to_terminal, text)

    return Notifier(settings.notify, env=os.environ, write=write, is_tty=not app.is_headless)


class BreakClock:
    def __init__(
        self,
        app: HomeApp,
        reminder: Reminder,
        watcher: Watcher,
        *,
        steady: Clock,
        wall: WallClock,
        taken: int = 0,
        find_idle: bool = False,
    ) -> None:
        self.app = app
        self.home = app.home
        self.reminder = reminder
        self.watcher = watcher
        self.notifier = app_notifier(app, self.home.settings)
        self._suspend = SuspendWatch(steady, wall)
        self._find_idle = find_idle
        self._since_watch = 0
        self._held = False  # a suspend was seen: no reminder until the watcher has looked
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
        wall: WallClock | None = None,
        idle: IdleSource | None = None,
    ) -> BreakClock | None:
        """A clock on today's timeline, on ``clock`` (monotonic; by default one that notices
        the computer's sleep) and ``wall`` (local time), shown in the title and polled once a
        second. ``idle``: the desktop's idle time (``None``: look for a source, unless the
        ``idle`` setting is off). ``None`` without a database."""
        from hiptui.core.breaks.reminder import sleep_aware_clock

        db = app.database()
        if db is None:
            return None
        home = app.home
        settings = home.settings
        history, taken = read
        now = wall or local_now
        reminder = Reminder(
            history,
            clock=clock or sleep_aware_clock(),
            now=now,
            setting_minutes=settings.break_minutes,
            first_seen=history.seen or now(),
            day_start_hour=settings.day_start_hour,
        )
        # Suspends show as the wall clock running ahead of a clock that stops in them.
        steady = clock or time.monotonic
        watcher = Watcher(
            db,
            wall=now,
            steady=steady,
            idle=idle,
            setting_minutes=settings.break_minutes,
            day_start_hour=settings.day_start_hour,
        )
        find = idle is None and settings.idle == "auto"
        started = cls(app, reminder, watcher, steady=steady, wall=now, taken=taken, find_idle=find)
        started.show()
        app.set_interval(1.0, started.poll, name="break-clock")
        return started

    # -- the loop (once a second) ----------------------------------------------------------

    def poll(self) -> None:
        if self._suspend.check() is not None:
            # The computer slept: hold the reminder until the watcher has recorded the time
            # away, so waking up does not bring an hour-old break.
            self._held = True
            self.watch()
        if not self._held:
            self._handle(self.reminder.poll())
        self._since_watch += 1
        if self._since_watch >= WATCH_EVERY_SECONDS:
            self.watch()
        self.show()

    def watch(self) -> None:
        """Look now (in a thread): time away, and what every hiptui stored."""
        self._since_watch = 0
        self.app.run_worker(self._watch, thread=True, name="break-watch", exclusive=True)

    def _watch(self) -> None:
        if self._find_idle:
            from hiptui.core.breaks.idle import find_idle_source

            self._find_idle = False
            self.watcher.idle = find_idle_source(os.environ)
        try:
            check = self.watcher.check()
        except StoreError:
            self.app.call_from_thread(self._release)
            return  # the next look tries again; the clock keeps running meanwhile
        self.app.call_from_thread(self._watched, check.reading.history)

    def _release(self) -> None:
        self._held = False

    def _watched(self, history: BreakHistory) -> None:
        self._held = False
        self.sync(history)

    def sync(self, history: BreakHistory) -> None:
        """Take a fresh read of the history (the shell, another hiptui, a new self-check)."""
        self._handle(self.reminder.sync(history))
        self.show()

    def set_settings(self, settings: Settings) -> None:
        """The settings changed: the interval, the day's start, how to notify."""
        self.reminder.day_start_hour = settings.day_start_hour
        self.watcher.setting_minutes = settings.break_minutes
        self.watcher.day_start_hour = settings.day_start_hour
        self.notifier = app_notifier(self.app, settings)
        self.reminder.set_setting(settings.break_minutes)
        self.show()

    def show(self) -> None:
        self.app.title = f"hiptui · {self.reminder.status_line()}"

    def _handle(self, events: Sequence[object]) -> None:
        from hiptui.tui.screens.break_dialog import BreakScreen

        for event in events:
            if isinstance(event, BreakDue):
                if self.home.settings.sound != "off":
                    self.app.bell()
                self.app.notify("Time to get up for at least 5 minutes.", title="Break due",
                                timeout=8)  # fmt: skip
                self._notify_outside()
                keymap = self.home.settings.keymap
                status = self.reminder.status_line()
                self._dialog = BreakScreen(self.suggestion(), status=status, keymap=keymap)
                self.app.push_screen(self._dialog, self.chosen)
            elif isinstance(event, BreakCleared):
                dialog, self._dialog = self._dialog, None
                if dialog is not None and dialog.is_current:
                    dialog.dismiss(None)

    def offer_now(self) -> None:
        """The break dialog on request (the palette), with the suggestion and the status."""
        from hiptui.tui.screens.break_dialog import BreakScreen

        if self._dialog is not None and self._dialog.is_attached:
            return
        keymap = self.home.settings.keymap
        status = self.reminder.status_line()
        self._dialog = BreakScreen(self.suggestion(), status=status, keymap=keymap)
        self.app.push_screen(self._dialog, self.chosen)

    def _notify_outside(self) -> None:
        """The desktop notification (the app rings its own bell), once for all hiptuis."""
        deadline = self.reminder.schedule.deadline
        notifier = self.notifier
        if deadline is None or notifier.resolve() in (OFF, BELL):
            return
        title, body = break_message(self.reminder.status_line())

        def send() -> None:
            db = self.app.database()
            try:
                if db is None or not db.timeline.claim_reminder(deadline):
                    return
            except StoreError:
                return
            sent = notifier.send(title, body)
            if sent.problem is not None:
                self.app.tell("Notification not sent", sent.problem, severity="warning")

        self.app.run_worker(send, thread=True, name="break-notify")

    # -- choices ---------------------------------------------------------------------------

    def suggestion(self) -> object:
        from hiptui.content.snacks import load_snacks, pick_snack

        snacks, _problems = load_snacks(self.home.bundled_dir)
        self.suggestion_shown = pick_snack(snacks, self._breaks_taken)
        return self.suggestion_shown

    def set_busy(self, busy: bool) -> None:
        """A session started (True) or ended. At its end the clock holds the reminder until it
        has read the history back: a completed session is a break."""
        self.reminder.set_busy(busy)
        if not busy:
            self._held = True
            self.watch()

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
