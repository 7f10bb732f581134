"""The Textual app under :class:`~hiptui.tui.app.HiptuiApp`: its home (the settings with the
units and the theme they choose, and the database opened through it with its problems told),
and notifications that are always literal and may come from any thread."""

from __future__ import annotations

import shutil
import threading
from typing import TYPE_CHECKING

from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.reactive import reactive

from hiptui.content.text import printable
from hiptui.home import Home
from hiptui.tui.keys import apply_keymap

if TYPE_CHECKING:
    from hiptui.core.history.prescription import Prescription
    from hiptui.store.db import Database
    from hiptui.store.settings import Settings


def freeze_what_lives_long() -> None:
    """Textual's modules and the loaded content live as long as the app: take them out of the
    cyclic collector's scans (``gc.freeze``), and turn the collector back on if the start-up
    turned it off (:func:`hiptui.cli.app.run_app`). Full collections over that heap had made
    opening a long history up to about 35 ms slower and less even
    (benchmarks/history_open.py). The garbage of the start (the cycles composing and laying out
    the first screen leave, with the collector off) is collected first: frozen, it would be
    kept for good, and the memory it frees is what the history's first read then reuses
    (peak memory with the bundled content 1.31 -> 1.29x the minimal app's). The app calls
    this once the first screen is out (after a refresh), so the collection delays no frame."""
    import gc

    gc.collect()
    gc.freeze()
    gc.enable()


def cut_at_word(text: str, width: int) -> str:
    """``text`` within ``width`` columns, ended at a word with "…" when it must be cut."""
    if len(text) <= width:
        return text
    words = text[: width - 1].rsplit(" ", 1)
    kept = words[0] if len(words) > 1 else ""
    return f"{kept.rstrip(' :·,')}…" if kept else text[: width - 1] + "…"


def offer_themes(app: App[None]) -> None:
    """Only the themes in which every text reaches 4.5:1 (hiptui.tui.themes), with hiptui's
    high-contrast theme among them."""
    from hiptui.tui.themes import HIGH_CONTRAST, OFFERED

    app.register_theme(HIGH_CONTRAST)
    for name in list(app.available_themes):
        if name not in OFFERED:
            app.unregister_theme(name)


def tell_the_console_its_size(app: App[None]) -> None:
    """Under ``TERM=dumb`` rich's console answers 80x25 whatever the terminal is, while
    Textual's driver asks ``shutil.get_terminal_size`` (the terminal, or COLUMNS and LINES);
    the first frame is laid out at one size and the next at the other, and a screen that
    refreshes after a resize (the catalog, the card, the self-check) then makes the two take
    turns for ever: 99% CPU, keys never read (a bare Textual app does the same once a screen's
    on_resize calls call_after_refresh). Give the console the size the driver uses."""
    if app.console.is_dumb_terminal:
        app.console.size = shutil.get_terminal_size()


class HomeApp(App[None]):
    units: reactive[str] = reactive("imperial")  # screens bind theirs to it

    def __init__(self, home: Home) -> None:
        super().__init__()
        tell_the_console_its_size(self)
        self.home = home
        self._settings_ready = False
        apply_keymap(self, self.settings.keymap)
        offer_themes(self)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_reactive(HomeApp.units, self.settings.units)

    def get_css_variables(self) -> dict[str, str]:
        from hiptui.tui.themes import legible_variables

        variables = legible_variables(super().get_css_variables(), dark=self.current_theme.dark)
        self.theme_variables = variables  # what widgets that colour their own strips read
        return variables

    def settings_ready(self) -> None:
        """The app is up: tell what was wrong in settings.toml; changes are saved from now on."""
        for problem in self.home.settings_problems:
            self.notify(str(problem), title="Settings file problem", severity="warning",
                        timeout=10, markup=False)  # fmt: skip
        self._settings_ready = True

    @property
    def settings(self) -> Settings:
        return self.home.settings

    def change_settings(self, **changes: object) -> None:
        """Apply and save settings (a file that cannot be written is reported; the change
        applies for this run either way)."""
        error = self.home.change_settings(**changes)
        if "keymap" in changes:
            apply_keymap(self, self.settings.keymap)
        if error is not None:
            path = self.home.settings_path
            self.notify(f"Could not save settings to {path}: {error.strerror}",
                        severity="error", markup=False)  # fmt: skip

    def watch_theme(self, theme: str) -> None:
        if self._settings_ready and theme != self.settings.theme:
            self.change_settings(theme=theme)

    def apply_settings(self, settings: Settings) -> None:
        """Saved settings from the settings screen: the units and the theme follow."""
        self.units = settings.units
        if settings.theme in self.available_themes:
            self.theme = settings.theme

    def action_toggle_units(self) -> None:
        self.units = "metric" if self.units == "imperial" else "imperial"
        self.change_settings(units=self.units)
        self.notify(f"Distances in {self.units} units", timeout=2)

    def database(self) -> Database | None:
        """The history database; ``None`` (with a message) if it can't be opened. Any thread."""
        from hiptui.store.errors import StoreError

        try:
            db = self.home.database()
        except StoreError as error:
            self.tell("History unavailable", str(error), severity="error")
            return None
        notice = self.home.take_database_notice()
        if notice:
            self.tell("Database", notice, severity="warning")
        return db

    def advice(self, exercise_id: str) -> tuple[Prescription, list[str]] | None:
        """What to do next time with ``exercise_id`` and its lines (plan, light, reason), from
        the history (docs/progression.md); ``None`` when it was never logged (its own dosage
        stands, nothing to say) or the history cannot be read."""
        from hiptui.prescriptions import advice_lines, prescription_for
        from hiptui.store.errors import StoreError

        db = self.database()
        if db is None:
            return None
        try:
            prescription = prescription_for(self.home, exercise_id, db=db)
        except (StoreError, OSError):
            return None
        if prescription.light == "none":
            return None
        ids = (i for i in (exercise_id, prescription.variation) if i)
        names = {key: found.name for key, found in self.home.exercises(ids).items()}
        return prescription, advice_lines(prescription, names)

    def write_to_terminal(self, text: str) -> None:
        """Write ``text`` (an escape sequence already made safe) to the terminal, between
        Textual's frames (the break notifier's OSC sequences); nothing when headless."""
        if not self.is_headless and self._driver is not None:
            self._driver.write(text)
            self._driver.flush()

    def tell(self, title: str, text: str, *, severity: SeverityLevel) -> None:
        """A notification from any thread."""
        if threading.current_thread() is not threading.main_thread():
            self.call_from_thread(self.tell, title, text, severity=severity)
        else:
            self.notify(text, title=title, severity=severity, timeout=15, markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification, as literal text with control characters removed: messages
        quote file names, keys, values and names from files, in which Textual would pass an
        ESC to the terminal and read markup ("[/x]" is a MarkupError, "[b]" bold). ``markup``
        is ignored: a screen's ``notify`` passes Textual's default, True, to here, and no
        toast of hiptui's needs markup."""
        super().notify(
            printable(message),
            title=printable(title, keep_newlines=False),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, with control characters removed: a screen's sub-title can be
        an exercise or session name. Literal: a name's "[b]" stays text."""
        title_content = Content(printable(title, keep_newlines=False))
        sub = printable(sub_title, keep_newlines=False)
        # The header keeps 18 columns for its icon and clock space: a longer sub-title ends
        # at a word with "…" (Textual cut it mid-word: "Break: Kickbacks at the d…").
        room = self.size.width - 18 - len(title_content.plain) - 3
        sub = cut_at_word(sub, room) if room > 0 else sub
        # Not dimmed as Textual's is: a dim sub-title fell below 4.5:1 in the light theme.
        return Content.assemble(title_content, " — ", sub) if sub else title_content

    def on_unmount(self) -> None:
        self.home.close()
