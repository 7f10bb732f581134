"""The Textual application: start-up, navigation, and the handlers of the screens' messages.

What hiptui knows lives elsewhere: the content, settings and database in the home
(:mod:`hiptui.home`, reached through :mod:`hiptui.tui.app_base`); what a session saves in
:mod:`hiptui.sessions`, and the screens around it in :mod:`hiptui.tui.session_navigation`;
the break clock in :mod:`hiptui.tui.break_wiring`; today's word in the title in
:mod:`hiptui.tui.today_title`; the factory's options in :mod:`hiptui.tui.app_options`.
Screens post messages (:mod:`hiptui.tui.messages`), handled here; data goes down to them
through constructor arguments and bound reactives.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from textual import on
from textual.app import App
from textual.reactive import var
from textual.screen import Screen

from hiptui.content.library import Library
from hiptui.home import Home
from hiptui.tui import messages
from hiptui.tui.app_base import freeze_what_lives_long
from hiptui.tui.app_options import HISTORY_AT_START_DELAY, AppOptions
from hiptui.tui.break_wiring import BreakWiring
from hiptui.tui.commands import ExerciseCommands
from hiptui.tui.history_at_start import HistoryAtStart
from hiptui.tui.keys import bindings_for
from hiptui.tui.palette import ScreenCommands
from hiptui.tui.palette_actions import PaletteActions
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.today_title import TodayTitle

if TYPE_CHECKING:
    from hiptui.tui.break_clock import BreakClock
    from hiptui.tui.session_navigation import SessionNavigation


class HiptuiApp(PaletteActions):
    CSS_PATH = "app.tcss"
    TITLE = "hiptui"
    SUB_TITLE = "hip-extension coach"
    COMMANDS = App.COMMANDS | {ScreenCommands, ExerciseCommands}
    BINDINGS = bindings_for("app")

    library: var[Library | None] = var(None, always_update=True, init=False)
    # Set once the first frame is on screen (the catalog holds its card back until then).
    # Vars, not reactives: a change repaints nothing by itself.
    first_frame_drawn: var[bool] = var(False, init=False)

    def __init__(self, home: Home, **options: Unpack[AppOptions]) -> None:
        super().__init__(home)
        self.options = options
        self.hangup = options.get("hangup")
        wall_now = options.get("wall_now")
        self.today = TodayTitle(self, self.SUB_TITLE, wall_now)
        self.break_wiring = BreakWiring(self, enabled=options.get("break_reminder", True),
                                        clock=options.get("break_clock"), wall=wall_now,
                                        idle=options.get("idle"))  # fmt: skip
        offer = lambda record, then: self.sessions.offer_resume(record, then=then)  # noqa: E731
        self.history_at_start = HistoryAtStart(self, breaks=self.break_wiring, today=self.today,
                                               offer_resume=offer, wall_now=wall_now)  # fmt: skip
        self._sessions: SessionNavigation | None = None

    @property
    def history_checked(self) -> bool:
        """The history has been read at start (the resume offer, the break clock)."""
        return self.history_at_start.done

    @property
    def breaks(self) -> BreakClock | None:
        """The break clock, once started (``None`` while it is off)."""
        return self.break_wiring.running

    @property
    def sessions(self) -> SessionNavigation:
        """Starting, resuming and ending sessions (made when first needed: the first frame
        needs none of its imports)."""
        if self._sessions is None:
            from hiptui.tui.session_navigation import SessionNavigation

            options = self.options
            self._sessions = SessionNavigation(
                self, clock=options.get("clock", time.monotonic), units=lambda: self.units,
                running=self._session_running, find_player=options.get("find_player"),
                play_in=options.get("play_in"), wall_now=options.get("wall_now"),
            )  # fmt: skip
        return self._sessions

    def _session_running(self, busy: bool) -> None:
        self.break_wiring.session_running(busy)  # a break that comes due waits for the end
        if not busy:  # a session ended: today's may be done now
            self.today.refresh()

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
        if (request := self.options.get("start")) is not None:  # `hiptui run ID`
            self.library = self.home.library()  # waits for the load if it is not done
            self.history_at_start.read_now(then=lambda: self.sessions.run_requested(request))
        else:
            self.history_at_start.read_later(
                self.options.get("history_delay", HISTORY_AT_START_DELAY)
            )

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
        found = self.advice(exercise.id)
        screen = ExerciseScreen(exercise, units=self.units, advice=found[1] if found else None)
        self.push_screen(screen.data_bind(HiptuiApp.units))

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
        self.break_wiring.settings_changed(message.settings)

    @on(messages.SoundLevelChosen)
    def _sound_level_chosen(self, message: messages.SoundLevelChosen) -> None:
        self.change_settings(sound=message.level)

    @on(messages.HistoryChanged)
    def _history_changed(self, message: messages.HistoryChanged) -> None:
        self.break_wiring.history_changed()  # a new self-check's interval applies at once

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


def make_app(
    content_dirs: Sequence[Path] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    home: Home | None = None,
    preload: Future[Library] | None = None,
    **options: Unpack[AppOptions],
) -> HiptuiApp:
    """The one way to build the app: the CLI, Pilot tests and snapshot tests all use it.

    ``home``: the user's home (default: the folders of :mod:`hiptui.paths`, ``content_dirs``
    replacing the bundled and the user's exercises, then ``extra_dirs``; ``preload``: the
    library being loaded). ``options``: the clocks, the start request, the break reminder,
    the sound and the hang-up (:class:`~hiptui.tui.app_options.AppOptions`).
    """
    if home is None:
        home = Home.for_user(extra_dirs, content_dirs=content_dirs, preload=preload)
    return HiptuiApp(home, **options)
