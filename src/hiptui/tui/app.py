"""The Textual application: start-up, navigation, and the handlers of the screens' messages.

What hiptui knows lives elsewhere: the content, settings and database in the home
(:mod:`hiptui.home`); what a session saves in :mod:`hiptui.sessions`, and the screens around
it in :mod:`hiptui.tui.session_navigation`; the break reminder in
:mod:`hiptui.tui.break_clock`. Screens post messages (:mod:`hiptui.tui.messages`), handled
here; data goes down to them through constructor arguments and bound reactives.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.reactive import var
from textual.screen import Screen

from hiptui.content.library import Library
from hiptui.home import Home
from hiptui.tui import messages
from hiptui.tui.app_base import HomeApp, freeze_what_lives_long
from hiptui.tui.commands import ExerciseCommands
from hiptui.tui.keys import bindings_for
from hiptui.tui.screens.catalog import CatalogScreen

if TYPE_CHECKING:
    from hiptui.core.breaks.idle import IdleSource
    from hiptui.core.breaks.schedule import BreakHistory
    from hiptui.hangup import Hangup
    from hiptui.sound.announcer import Background, Find
    from hiptui.store.records import SessionRecord
    from hiptui.tui.break_clock import BreakClock
    from hiptui.tui.session_navigation import SessionNavigation

Clock = Callable[[], float]

HISTORY_AT_START_DELAY = 0.3  # seconds after the first frame before the history is read


class HiptuiApp(HomeApp):
    CSS_PATH = "app.tcss"
    TITLE = "hiptui"
    SUB_TITLE = "hip-extension coach"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    BINDINGS = bindings_for("app")

    library: var[Library | None] = var(None, always_update=True, init=False)
    # Set once the first frame is on screen (the catalog holds its card back until then).
    # Vars, not reactives: a change repaints nothing by itself.
    first_frame_drawn: var[bool] = var(False, init=False)

    def __init__(
        self,
        home: Home,
        *,
        clock: Clock = time.monotonic,
        break_clock: Clock | None = None,
        wall_now: Callable[[], datetime] | None = None,
        start: str | None = None,
        history_delay: float = HISTORY_AT_START_DELAY,
        break_reminder: bool = True,
        idle: IdleSource | None = None,
        find_player: Find | None = None,
        play_in: Background | None = None,
        hangup: Hangup | None = None,
    ) -> None:
        super().__init__(home)
        self.idle = idle
        self.find_player = find_player
        self.play_in = play_in
        self.hangup = hangup
        self.clock = clock
        self._break_clock = break_clock
        self.wall_now = wall_now
        self.start_request = start
        self.history_delay = history_delay
        self.break_reminder = break_reminder
        self.breaks: BreakClock | None = None
        # Set once the history has been read at start (resume offer, break clock): tests wait
        # for it.
        self.history_checked = False
        self._sessions: SessionNavigation | None = None

    @property
    def sessions(self) -> SessionNavigation:
        """Starting, resuming and ending sessions (made when first needed: the first frame
        needs none of its imports)."""
        if self._sessions is None:
            from hiptui.tui.session_navigation import SessionNavigation

            def running(busy: bool) -> None:
                if self.breaks is not None:
                    self.breaks.set_busy(busy)  # a break that comes due waits for the end
                if not busy:  # a session ended: today's may be done now
                    self.run_worker(self._read_today, thread=True, name="read-today")

            units = lambda: self.units  # noqa: E731
            self._sessions = SessionNavigation(self, clock=self.clock, units=units, running=running,
                                               find_player=self.find_player,
                                               play_in=self.play_in,
                                               wall_now=self.wall_now)  # fmt: skip
        return self._sessions

    # -- start-up --------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The catalog is the bottom of the screen stack: no blank screen to compose first."""
        self.set_reactive(HiptuiApp.library, self.home.loaded_library())
        catalog = CatalogScreen(self.library, units=self.units)
        first_frame = HiptuiApp.first_frame_drawn
        return catalog.data_bind(HiptuiApp.units, HiptuiApp.library, first_frame=first_frame)

    def on_mount(self) -> None:
        if self.hangup is not None:  # a closed terminal: save and end (hiptui.hangup)
            self.hangup.hand_to(asyncio.get_running_loop(), self.hang_up)
        self.settings_ready()
        if self.library is None and (library := self.home.loaded_library()) is not None:
            self.library = library  # loaded while Textual was importing
        elif self.library is None:
            self.run_worker(self._load_library, thread=True, name="load-library")

    def _load_library(self) -> None:
        self.call_from_thread(self._library_loaded, self.home.library())

    def _library_loaded(self, library: Library) -> None:
        self.library = library
        self.call_after_refresh(freeze_what_lives_long)

    def on_ready(self) -> None:
        """After the first frame: the things that may touch the disk."""
        self.first_frame_drawn = True  # the catalog draws its card
        if self.library is not None:
            self.call_after_refresh(freeze_what_lives_long)  # once the card is out
        if self.start_request is not None:
            # `hiptui run ID`: the user asked for the runner, so open the history right away;
            # a session left unfinished is offered first (the request runs unless resumed).
            self.library = self.home.library()  # waits for the load if it is not done
            request = self.start_request
            self.sessions.offer_resume(
                self._unfinished_session(), then=lambda: self.sessions.run_requested(request)
            )
            self._start_break_clock(self._read_breaks())
            self.history_checked = True
        else:
            # The catalog's first frames (the list, then the detail card) come first; the
            # database is opened and read a moment later, in a thread.
            read = self._read_history_at_start
            self.set_timer(self.history_delay, lambda: self.run_worker(read, thread=True))

    def _read_history_at_start(self) -> None:
        unfinished = self._unfinished_session()
        breaks = self._read_breaks()
        self.call_from_thread(self._history_read_at_start, unfinished, breaks)
        self._read_today()

    def _read_today(self) -> None:
        """The weekly plan's word on today, for the catalog's title (in a worker thread)."""
        from hiptui.today import title_note, today_report

        now = self.wall_now() if self.wall_now is not None else datetime.now().astimezone()
        try:  # through the app's own connection: no second one beside the runner's writes
            report = today_report(self.home, now, with_comebacks=False, db=self.home.database())
            note = title_note(report)
        except OSError:  # the history cannot be read: the title says nothing about today
            note = ""
        self.call_from_thread(self._show_today, note)

    def _show_today(self, note: str) -> None:
        # In place of the tagline, so it fits beside the break clock in 80 columns.
        self.sub_title = note or self.SUB_TITLE

    def _unfinished_session(self) -> SessionRecord | None:
        """The session left unfinished (crash, kill, closed terminal), if any; thread-safe.
        Read without the session machinery, which comes with the first session started or
        resumed: an app that only browses stays smaller."""
        from hiptui.store.errors import StoreError

        db = self.database()
        if db is None:
            return None
        try:
            return db.unfinished_session()
        except StoreError as error:
            self.tell("History unavailable", str(error), severity="error")
            return None

    def _history_read_at_start(
        self, unfinished: SessionRecord | None, breaks: tuple[BreakHistory, int] | None
    ) -> None:
        if unfinished is not None:
            self.sessions.offer_resume(unfinished)
        self._start_break_clock(breaks)
        self.history_checked = True

    def _read_breaks(self) -> tuple[BreakHistory, int] | None:
        """What the break clock starts from (any thread); ``None`` when it is off."""
        from hiptui.tui.break_clock import read_breaks

        return read_breaks(self, self.wall_now) if self.break_reminder else None

    def _start_break_clock(self, read: tuple[BreakHistory, int] | None) -> None:
        from hiptui.tui.break_clock import BreakClock

        if read is not None:
            self.breaks = BreakClock.start(self, read, clock=self._break_clock,
                                           wall=self.wall_now, idle=self.idle)  # fmt: skip

    def hang_up(self) -> None:
        """The terminal closed: save like ctrl+q (the session stays open to resume), then end
        within a second, whatever the shutdown does with a terminal that is gone."""
        if self._sessions is not None:
            self._sessions.save_progress()
        if self.hangup is not None:
            self.hangup.end_within(1.0)
        self.exit(return_code=129)

    # -- the screens' messages -------------------------------------------------------------

    @on(messages.OpenExercise)
    def open_exercise(self, message: messages.OpenExercise) -> None:
        from hiptui.tui.screens.exercise import ExerciseScreen

        exercise = self.library.get(message.exercise_id) if self.library else None
        if exercise is None:
            self.notify(f"No exercise '{message.exercise_id}'", severity="warning", markup=False)
            return
        self.push_screen(ExerciseScreen(exercise, units=self.units).data_bind(HiptuiApp.units))

    @on(messages.RunExercise)
    def _run_exercise(self, message: messages.RunExercise) -> None:
        self.sessions.run_exercise(message.exercise_id, ask=message.ask)

    @on(messages.RunRoutine)
    def _run_routine(self, message: messages.RunRoutine) -> None:
        self.sessions.run_routine(message.routine_id, with_warmup=message.with_warmup)

    @on(messages.RunPlan)
    def _run_plan(self, message: messages.RunPlan) -> None:
        if message.ease:
            self.sessions.start_eased(message.plan)
        else:
            self.sessions.start(message.plan)

    @on(messages.SettingsChanged)
    def _settings_changed(self, message: messages.SettingsChanged) -> None:
        self.apply_settings(message.settings)
        if self.breaks is not None:
            self.breaks.set_settings(message.settings)

    @on(messages.SoundLevelChosen)
    def _sound_level_chosen(self, message: messages.SoundLevelChosen) -> None:
        self.change_settings(sound=message.level)

    @on(messages.HistoryChanged)
    def _history_changed(self, message: messages.HistoryChanged) -> None:
        if self.breaks is not None:
            self.breaks.watch()  # a new self-check's interval applies at once

    @on(messages.ShowProblems)
    def _show_problems(self, message: messages.ShowProblems) -> None:
        from hiptui.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(list(message.problems)))

    @on(messages.CheckupAnswered)
    def _checkup_answered(self, message: messages.CheckupAnswered) -> None:
        from hiptui.tui.screens.checkup_result import CheckupResultScreen

        done = message.questionnaire, message.answers, message.result
        self.switch_screen(CheckupResultScreen(*done, home=self.home, library=self.library))

    @on(messages.RetakeCheckup)
    def _retake_checkup(self, message: messages.RetakeCheckup) -> None:
        from hiptui.tui.screens.checkup import CheckupScreen

        self.switch_screen(CheckupScreen(message.questionnaire, values=message.values))

    # -- actions (key bindings and the palette) --------------------------------------------

    def action_workouts(self) -> None:
        self.sessions.choose_routine()

    def action_guide(self) -> None:
        from hiptui.content.guide import load_guide
        from hiptui.tui.screens.guide import GuideScreen

        guide, problems = load_guide(self.home.bundled_dir)
        if guide is None:
            self.post_message(messages.ShowProblems(problems))
        else:
            self.push_screen(GuideScreen(guide, self.library or Library()))

    def action_history(self) -> None:
        from hiptui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.home))

    def action_settings(self) -> None:
        from hiptui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.home))

    def action_checkup(self) -> None:
        from hiptui.content.checkup_form import load_checkup_form
        from hiptui.tui.screens.checkup import CheckupScreen

        questionnaire, problems = load_checkup_form(self.home.bundled_dir)
        self.push_screen(CheckupScreen(questionnaire, problems=problems))

    def action_problems(self) -> None:
        self.post_message(messages.ShowProblems(self.library.problems if self.library else []))

    def action_help(self) -> None:
        from hiptui.tui.keys import help_rows
        from hiptui.tui.screens.help import HelpScreen

        screen = self.screen
        title = getattr(screen, "HELP_TITLE", "") or screen.sub_title or "hiptui"
        self.push_screen(HelpScreen(title, help_rows(self, screen, self.settings.keymap)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)  # the units among them
        yield SystemCommand("Guide", "Read the hip-extension guide", self.action_guide)


def make_app(
    content_dirs: Sequence[Path] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    home: Home | None = None,
    clock: Clock = time.monotonic,
    break_clock: Clock | None = None,
    wall_now: Callable[[], datetime] | None = None,
    preload: Future[Library] | None = None,
    start: str | None = None,
    history_delay: float = HISTORY_AT_START_DELAY,
    break_reminder: bool = True,
    idle: IdleSource | None = None,
    find_player: Find | None = None,
    play_in: Background | None = None,
    hangup: Hangup | None = None,
) -> HiptuiApp:
    """The one way to build the app: the CLI, Pilot tests and snapshot tests all use it.

    ``home``: the user's home (default: the folders of :mod:`hiptui.paths`, ``content_dirs``
    replacing the bundled and the user's exercises, then ``extra_dirs``; ``preload``: the
    library being loaded). ``clock`` runs the session timers, ``break_clock`` and ``wall_now``
    the break reminder (``wall_now`` also gives the weekly plan's day for the catalog's title,
    and the day a session starts on, which decides an easier first session back).
    ``history_delay``: how long after the first frame the history is read (the resume offer,
    the break clock, the weekly plan). ``break_reminder`` off leaves the break clock out
    (tests: it would put the real time in every header); ``idle``: the desktop's idle time
    for it (default: found when the ``idle`` setting allows). ``find_player`` gives the sound
    player of a level (default: the programs installed) and ``play_in`` runs a player that
    waits for its program (default: one sound thread); tests pass fakes. ``hangup``: the
    CLI's SIGHUP handling (hiptui.hangup), handed the app's loop once it runs.
    """
    if home is None:
        home = Home.for_user(extra_dirs, content_dirs=content_dirs, preload=preload)
    return HiptuiApp(home, clock=clock, break_clock=break_clock, wall_now=wall_now, start=start,
                     history_delay=history_delay, break_reminder=break_reminder,
                     idle=idle, find_player=find_player, play_in=play_in,
                     hangup=hangup)  # fmt: skip
