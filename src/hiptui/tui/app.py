"""The Textual application: owns navigation, the loaded content and the user's settings."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from hiptui.content.loader import Library, load_library
from hiptui.content.models import Problem
from hiptui.content.text import printable
from hiptui.store.settings import load_settings, save_settings
from hiptui.tui.commands import ExerciseCommands
from hiptui.tui.keys import apply_keymap, bindings_for
from hiptui.tui.screens.catalog import CatalogScreen

if TYPE_CHECKING:
    from hiptui.content.ladders import Ladders
    from hiptui.content.routines import Routine
    from hiptui.core.breaks.schedule import BreakHistory
    from hiptui.store.db import Database
    from hiptui.store.records import SessionRecord
    from hiptui.tui.breaks import BreakClock
    from hiptui.tui.session_flow import SessionFlow

Clock = Callable[[], float]

history_at_start_delay = 0.3  # seconds after the first frame (tests make it tiny)


def _freeze_what_lives_long() -> None:
    """Textual's modules and the loaded content live as long as the app: take them out of the
    cyclic collector's scans (``gc.freeze``), and turn the collector back on if the start-up
    turned it off (:func:`hiptui.cli.app.run_app`). Full collections over that heap had made
    opening a long history up to about 35 ms slower and less even
    (benchmarks/history_open.py)."""
    import gc

    gc.freeze()
    gc.enable()


def _sleep_aware_clock() -> Clock:
    from hiptui.core.breaks.reminder import sleep_aware_clock

    return sleep_aware_clock()


class HiptuiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "hiptui"
    SUB_TITLE = "hip-extension coach"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    BINDINGS = bindings_for("app")

    units: reactive[str] = reactive("imperial")

    def __init__(
        self,
        content_dirs: Sequence[Path],
        *,
        settings_path: Path,
        database_path: Path,
        bundled_dir: Path,
        clock: Clock = time.monotonic,
        break_clock: Clock | None = None,
        wall_now: Callable[[], datetime] | None = None,
        preload: Future[Library] | None = None,
    ) -> None:
        super().__init__()
        self._break_clock = break_clock
        self.wall_now = wall_now
        self.breaks: BreakClock | None = None
        self.content_dirs = list(content_dirs)
        self._preload = preload
        self.bundled_dir = bundled_dir
        self.settings_path = settings_path
        self.database_path = database_path
        self._db: Database | None = None
        self._db_lock = threading.Lock()
        self.clock = clock
        self.library: Library | None = None
        self.start_request: str | None = None
        # Set once the history has been read at start (resume offer, break clock): tests wait
        # for it.
        self.history_checked = False
        # Set once the first frame is on screen (the catalog holds its card back until then).
        self.first_frame_drawn = False
        self._flow: SessionFlow | None = None
        self._ladders: Ladders | None = None
        self.settings, self.settings_problems = load_settings(settings_path)
        apply_keymap(self, self.settings.keymap)
        self._settings_ready = False
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_reactive(HiptuiApp.units, self.settings.units)

    @property
    def break_clock(self) -> Clock:
        """The clock the sitting-break reminder runs on; the sleep-aware one (chosen when first
        needed, after the first frame) unless one was given."""
        if self._break_clock is None:
            self._break_clock = _sleep_aware_clock()
        return self._break_clock

    # -- start-up --------------------------------------------------------------------------

    def on_ready(self) -> None:
        """After the first frame: the things that may touch the disk."""
        import signal

        self.first_frame_drawn = True
        for screen in self.screen_stack:
            if isinstance(screen, CatalogScreen):
                screen.first_frame_drawn()
        if self.library is not None:
            _freeze_what_lives_long()

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        if self.start_request is not None:
            # `hiptui run ID`: the user asked for the runner, so open the history right away.
            from hiptui.tui.breaks import BreakClock

            self._start_requested(self.start_request)
            self.start_break_clock(BreakClock.read(self))
            self.history_checked = True
        else:
            # The catalog's first frames (the list, then the detail card) come first; the
            # database is opened and read a moment later, in a thread.
            self.set_timer(history_at_start_delay, self._start_history_reads)

    def _start_history_reads(self) -> None:
        self.run_worker(self._read_history_at_start, thread=True, name="history-at-start")

    def _read_history_at_start(self) -> None:
        from hiptui.tui.breaks import BreakClock

        unfinished = self.flow.find_unfinished()
        breaks = BreakClock.read(self)
        self.call_from_thread(self._history_read_at_start, unfinished, breaks)

    def _history_read_at_start(
        self, unfinished: SessionRecord | None, breaks: tuple[BreakHistory, int] | None
    ) -> None:
        self.flow.offer_resume(unfinished)
        self.start_break_clock(breaks)
        self.history_checked = True

    def start_break_clock(self, read: tuple[BreakHistory, int] | None) -> None:
        from hiptui.tui.breaks import BreakClock

        self.breaks = BreakClock.start(self, read)
        if self.breaks is not None:
            self.breaks.show()
            self.set_interval(1.0, self.breaks.poll, name="break-clock")

    def hang_up(self) -> None:
        """The terminal closed: save like ctrl+q (the session stays open to resume)."""
        from hiptui.tui.screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.save_progress()
        self.exit(return_code=129)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, with control characters removed: messages quote file names,
        keys and values from files, and Textual would pass an ESC in them to the terminal."""
        super().notify(
            printable(message),
            title=printable(title, keep_newlines=False),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_default_screen(self) -> Screen[None]:
        """The catalog is the bottom of the screen stack: no blank screen to compose first."""
        return CatalogScreen()

    def on_mount(self) -> None:
        preloaded = self._preload is not None and self._preload.done()
        if preloaded and self._preload is not None and not self._preload.exception():
            # Loaded while Textual was importing: the first frame already shows the list.
            self.library = self._preload.result()
        for problem in self.settings_problems:
            self.notify(str(problem), title="Settings file problem", severity="warning",
                        timeout=10, markup=False)  # fmt: skip
        self._settings_ready = True
        if self.library is None:
            self.run_worker(self._load_library, thread=True, name="load-library", exclusive=True)

    def _load_library(self) -> None:
        library = None
        if self._preload is not None:
            try:
                library = self._preload.result()
            except Exception:  # a failed preload is retried below, where errors are reported
                library = None
        if library is None:
            library = load_library(self.content_dirs)
        self.call_from_thread(self._library_loaded, library)

    def _library_loaded(self, library: Library) -> None:
        self.library = library
        _freeze_what_lives_long()
        for screen in self.screen_stack:
            if isinstance(screen, CatalogScreen) and screen.is_mounted:
                screen.set_library(library)

    # -- sessions ----------------------------------------------------------------------------

    @property
    def flow(self) -> SessionFlow:
        if self._flow is None:
            from hiptui.tui.session_flow import SessionFlow

            self._flow = SessionFlow(self)
        return self._flow

    def ladders(self) -> Ladders:
        if self._ladders is None:
            from hiptui.content.ladders import load_ladders

            known = set(self.library.exercises) if self.library else None
            self._ladders, _problems = load_ladders(self.content_dirs, known)
        return self._ladders

    def routines(self) -> dict[str, Routine]:
        from hiptui.content.routines import load_routines

        routines, problems = load_routines(self.content_dirs)
        for problem in problems:
            self.notify(str(problem), title="Routine file problem", severity="warning",
                        markup=False)  # fmt: skip
        return routines

    def run_exercise(self, exercise_id: str, *, ask: bool = True) -> None:
        """Start a session with one exercise, after adjusting its dosage unless ``ask`` is off."""
        from hiptui.core.session.plan_builders import PlanError, plan_for_exercise
        from hiptui.tui.screens.dialogs import PlanChoice, PlanScreen

        if self.library is None:
            return
        try:
            plan = plan_for_exercise(self.library, exercise_id,
                                     rest_default=self.settings.rest_seconds)  # fmt: skip
        except PlanError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not ask:
            self.flow.start(plan)
            return

        def chosen(choice: PlanChoice | None) -> None:
            if choice is None or self.library is None:
                return
            adjusted = plan_for_exercise(
                self.library, exercise_id, sets=choice.sets, reps=choice.reps,  # type: ignore[arg-type]
                hold=choice.hold, rest=choice.rest, work=choice.work,
            )  # fmt: skip
            self.flow.start(adjusted, start_side=choice.start_side)

        self.push_screen(PlanScreen(plan.items[0], self.settings.start_side), chosen)

    def run_routine(self, routine_id: str, *, with_warmup: bool = True) -> None:
        from hiptui.core.session.plan_builders import PlanError, plan_for_routine

        routine = self.routines().get(routine_id)
        if routine is None or self.library is None:
            self.notify(f"No routine '{routine_id}'", severity="error", markup=False)
            return
        try:
            plan = plan_for_routine(self.library, routine, with_warmup=with_warmup)
        except PlanError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.flow.start(plan)

    def action_workouts(self) -> None:
        from textual.content import Content

        from hiptui.tui.screens.dialogs import ChooseScreen

        routines = self.routines()
        choices = [
            (
                r.id,
                Content.assemble(
                    printable(r.name, keep_newlines=False),
                    ("\n  " + printable(r.summary, keep_newlines=False), "$text-muted"),
                ),
            )
            for r in routines.values()
        ]

        def chosen(routine_id: str | None) -> None:
            if routine_id:
                self.run_routine(routine_id)

        self.push_screen(ChooseScreen("Start a routine", choices), chosen)

    def _start_requested(self, run_id: str) -> None:
        """``hiptui run ID``: an exercise or a routine, default dosage, no questions."""
        if self.library is not None and run_id in self.library.exercises:
            self.run_exercise(run_id, ask=False)
        elif run_id in self.routines():
            self.run_routine(run_id)
        else:
            self.notify(f"No exercise or routine '{run_id}'", severity="error", markup=False)

    # -- the database ----------------------------------------------------------------------

    def database(self) -> Database | None:
        """The history database, opened on first use; ``None`` (with a message) if it can't be.

        Safe to call from a worker thread: the first open happens once, under a lock, and any
        message is handed to the app's own thread after the lock is released.
        """
        from hiptui.store.db import Database
        from hiptui.store.errors import StoreError

        message: tuple[str, str] | None = None
        with self._db_lock:
            if self._db is None:
                try:
                    self._db = Database.open(self.database_path)
                except StoreError as error:
                    message = ("History unavailable", str(error))
                else:
                    if self._db.notice:
                        message = ("Database", self._db.notice)
            db = self._db
        if message is not None:
            self.tell(*message, severity="error" if db is None else "warning")
        return db

    def tell(self, title: str, text: str, *, severity: SeverityLevel) -> None:
        """A notification from any thread."""
        if threading.current_thread() is threading.main_thread():
            self.notify(text, title=title, severity=severity, timeout=15, markup=False)
        else:
            self.call_from_thread(
                self.notify, text, title=title, severity=severity, timeout=15, markup=False
            )

    def on_unmount(self) -> None:
        if self._db is not None:
            self._db.close()

    # -- settings --------------------------------------------------------------------------

    def update_settings(self, **changes: object) -> bool:
        """Change and save settings; a file that had problems is kept as ``.bak`` first.

        Returns whether the file was written (the change applies for this run either way)."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if "keymap" in changes:
            apply_keymap(self, self.settings.keymap)
        if "break_minutes" in changes and self.breaks is not None:
            self.breaks.reminder.set_setting(self.settings.break_minutes)
            self.breaks.show()
        try:
            save_settings(
                self.settings_path, self.settings, had_problems=bool(self.settings_problems)
            )
        except OSError as error:
            self.notify(f"Could not save settings to {self.settings_path}: {error.strerror}",
                        severity="error", markup=False)  # fmt: skip
            return False
        self.settings_problems = []
        return True

    def watch_theme(self, theme: str) -> None:
        if self._settings_ready and theme != self.settings.theme:
            self.update_settings(theme=theme)

    # -- navigation ------------------------------------------------------------------------

    def open_exercise(self, exercise_id: str) -> None:
        from hiptui.tui.screens.exercise import ExerciseScreen

        exercise = self.library.get(exercise_id) if self.library else None
        if exercise is None:
            self.notify(f"No exercise '{exercise_id}'", severity="warning", markup=False)
            return
        self.push_screen(ExerciseScreen(exercise))

    def action_toggle_units(self) -> None:
        self.units = "metric" if self.units == "imperial" else "imperial"
        self.update_settings(units=self.units)
        self.notify(f"Distances in {self.units} units", timeout=2)

    def action_guide(self) -> None:
        from hiptui.content.guide import load_guide
        from hiptui.tui.screens.guide import GuideScreen

        guide, problems = load_guide(self.bundled_dir)
        if guide is None:
            self.show_problems(problems)
            return
        self.push_screen(GuideScreen(guide, self.library or Library()))

    def action_history(self) -> None:
        """History and progress (hiptui.tui.screens.history)."""
        from hiptui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_settings(self) -> None:
        """The settings editor (hiptui.tui.screens.settings)."""
        from hiptui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_checkup(self) -> None:
        """The sitting and pelvic-tilt self-check (hiptui.tui.screens.checkup)."""
        from hiptui.tui.screens.checkup import CheckupScreen

        self.push_screen(CheckupScreen())

    def action_problems(self) -> None:
        self.show_problems(self.library.problems if self.library else [])

    def show_problems(self, problems: list[Problem]) -> None:
        from hiptui.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems))

    def action_help(self) -> None:
        from hiptui.tui.keys import help_rows
        from hiptui.tui.screens.help import HelpScreen

        screen = self.screen
        title = getattr(screen, "HELP_TITLE", "") or screen.sub_title or "hiptui"
        self.push_screen(HelpScreen(title, help_rows(self, screen, self.settings.keymap)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Guide", "Read the hip-extension guide", self.action_guide)
        yield SystemCommand(
            "Toggle units", "Imperial or metric distances", self.action_toggle_units
        )


def make_app(
    content_dirs: Sequence[Path] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    clock: Clock = time.monotonic,
    break_clock: Clock | None = None,
    wall_now: Callable[[], datetime] | None = None,
    preload: Future[Library] | None = None,
    start: str | None = None,
) -> HiptuiApp:
    """The one way to build the app: the CLI, Pilot tests and snapshot tests all use it."""
    from hiptui import paths

    folders = list(content_dirs) if content_dirs is not None else paths.content_folders()
    app = HiptuiApp(
        [*folders, *extra_dirs],
        settings_path=paths.settings_path(),
        database_path=paths.database_path(),
        bundled_dir=paths.bundled_content_dir(),
        clock=clock,
        break_clock=break_clock,
        wall_now=wall_now,
        preload=preload,
    )
    app.start_request = start
    return app
