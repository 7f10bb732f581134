"""The Textual application: owns navigation, the loaded content and the user's settings."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from hiptui.content.guide import load_guide
from hiptui.content.loader import Library, load_library
from hiptui.content.models import Problem
from hiptui.store.settings import load_settings, save_settings
from hiptui.tui.commands import ExerciseCommands
from hiptui.tui.screens.catalog import CatalogScreen

if TYPE_CHECKING:
    from hiptui.store.db import Database

Clock = Callable[[], float]


class HiptuiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "hiptui"
    SUB_TITLE = "hip-extension coach"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
    ]

    units: reactive[str] = reactive("imperial")

    def __init__(
        self,
        content_dirs: Sequence[Path],
        *,
        settings_path: Path,
        database_path: Path,
        bundled_dir: Path,
        clock: Clock = time.monotonic,
        preload: Future[Library] | None = None,
    ) -> None:
        super().__init__()
        self.content_dirs = list(content_dirs)
        self._preload = preload
        self.bundled_dir = bundled_dir
        self.settings_path = settings_path
        self.database_path = database_path
        self._db: Database | None = None
        self.clock = clock
        self.library: Library | None = None
        self.settings, self.settings_problems = load_settings(settings_path)
        self._settings_ready = False
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_reactive(HiptuiApp.units, self.settings.units)

    # -- start-up --------------------------------------------------------------------------

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
        for screen in self.screen_stack:
            if isinstance(screen, CatalogScreen) and screen.is_mounted:
                screen.set_library(library)

    # -- the database ----------------------------------------------------------------------

    def database(self) -> Database | None:
        """The history database, opened on first use; ``None`` (with a message) if it can't be."""
        if self._db is None:
            from hiptui.store.db import Database
            from hiptui.store.records import StoreError

            try:
                self._db = Database.open(self.database_path)
            except StoreError as error:
                self.notify(str(error), title="History unavailable", severity="error",
                            timeout=15, markup=False)  # fmt: skip
                return None
            if self._db.notice:
                self.notify(self._db.notice, title="Database", severity="warning", timeout=15,
                            markup=False)  # fmt: skip
        return self._db

    def on_unmount(self) -> None:
        if self._db is not None:
            self._db.close()

    # -- settings --------------------------------------------------------------------------

    def update_settings(self, **changes: object) -> None:
        """Change and save settings; a file that had problems is kept as ``.bak`` first."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        try:
            save_settings(
                self.settings_path, self.settings, had_problems=bool(self.settings_problems)
            )
        except OSError as error:
            self.notify(f"Could not save settings to {self.settings_path}: {error.strerror}",
                        severity="error", markup=False)  # fmt: skip
            return
        self.settings_problems = []

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
        from hiptui.tui.screens.help import HelpScreen

        screen = self.screen
        rows: dict[str, str] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not isinstance(active.node, Screen | App):
                continue  # widget internals (scrolling, copy) would drown the screen's own keys
            if not binding.description or binding.action in ("help", "app.help"):
                continue
            display = binding.key_display or self.get_key_display(binding)
            if binding.description in rows:
                rows[binding.description] += f" {display}"
            else:
                rows[binding.description] = display
        rows.setdefault("Move in a list", "↑ ↓ j k")
        rows.setdefault("Help (this screen)", "? f1")
        rows.setdefault("Command palette: jump to an exercise, change theme", "ctrl+p")
        rows.setdefault("Quit from anywhere", "ctrl+q")
        ordered = [(key, description) for description, key in rows.items()]
        title = getattr(screen, "HELP_TITLE", "") or screen.sub_title or "hiptui"
        self.push_screen(HelpScreen(title, ordered))

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
    preload: Future[Library] | None = None,
) -> HiptuiApp:
    """The one way to build the app: the CLI, Pilot tests and snapshot tests all use it."""
    from hiptui import paths

    folders = list(content_dirs) if content_dirs is not None else paths.content_folders()
    return HiptuiApp(
        [*folders, *extra_dirs],
        settings_path=paths.settings_path(),
        database_path=paths.database_path(),
        bundled_dir=paths.bundled_content_dir(),
        clock=clock,
        preload=preload,
    )
