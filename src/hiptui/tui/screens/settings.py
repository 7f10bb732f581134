"""The settings editor: every key of ``settings.toml`` in one form, saved with ``ctrl+s``.

Numbers are checked with the same rules the settings file is loaded with
(:data:`hiptui.store.settings.CHECKS`), so the form can never save a file that would not load.
Saving goes through the home (:meth:`hiptui.home.Home.change_settings`), which writes
atomically and keeps a settings file that had problems as ``settings.toml.bak``; the app is
told with a :class:`~hiptui.tui.messages.SettingsChanged` message and applies the change.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, Select, Static, Switch

from hiptui.content.models import Problem
from hiptui.home import Home
from hiptui.store.settings import CHECKS
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import SettingsChanged
from hiptui.tui.render import literal
from hiptui.tui.widgets.key_footer import KeyFooter

_WHOLE = re.compile(r"^[+-]?\d{1,6}$")

# Number fields: settings key -> (label, unit); the allowed range comes from CHECKS.
NUMBERS: dict[str, tuple[str, str]] = {
    "rest_seconds": ("Default rest", "seconds"),
    "break_minutes": ("Sitting break every", "minutes"),
    "lead_in_seconds": ("Lead-in before a timed hold", "seconds"),
    "tempo_lift": ("Tempo: lift", "seconds"),
    "tempo_lower": ("Tempo: lower", "seconds"),
}
SWITCHES: dict[str, str] = {
    "sound_reps": "A sound for every rep",
    "weaker_side_first": "Weaker side first (over 10% behind)",
    "tempo": "Tempo mode (count reps on a beat)",
}
SOUND_CHOICES = [("off", "off"), ("the terminal bell", "bell"), ("tones", "tones"),
                 ("spoken words", "voice")]  # fmt: skip
SIDE_CHOICES = [("as the exercise's steps say", "exercise"), ("the left side", "left"),
                ("the right side", "right")]  # fmt: skip


def read_number(key: str, text: str) -> tuple[int | None, str | None]:
    """The whole number in ``text`` for ``key``, or an error message naming the field.

    An empty break interval means "from the self-check" (``None``).
    """
    label, unit = NUMBERS[key]
    text = text.strip()
    if key == "break_minutes" and not text:
        return None, None
    if not _WHOLE.match(text):
        shown = "nothing" if not text else repr(text[:20])
        return None, f"{label}: enter a whole number of {unit}, not {shown}"
    value = int(text)
    problem = CHECKS[key](value)
    if problem is not None:
        return None, f"{label}: {problem}"
    return value, None


class SettingsScreen(Screen[None]):
    """Edit and save the settings; ``escape`` leaves without saving."""

    HELP_TITLE = "Settings"
    BINDINGS = bindings_for("settings")

    # At 80 columns the labels give room to the hints, which then wrap at words (a hint 6
    # wide had cut "changes" in two).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    SettingsScreen #settings-form { padding: 0 2; }
    SettingsScreen #settings-file { color: $text-muted; margin: 0 0 1 0; }
    SettingsScreen #settings-problems { color: $text-warning; margin: 1 0 0 0; height: auto; }
    SettingsScreen .setting-row { height: auto; margin: 0; }
    SettingsScreen .setting-label { width: 36; padding: 0 1 0 0; }
    SettingsScreen .setting-row Input { width: 18; }
    SettingsScreen .setting-row Select { width: 30; }
    SettingsScreen .setting-row Switch { border: none; height: 1; padding: 0; }
    SettingsScreen .setting-hint { color: $text-muted; padding: 0 0 0 2; width: 1fr; }
    SettingsScreen.-narrow .setting-label { width: 28; }
    SettingsScreen #settings-error { color: $text-error; margin: 1 0 0 0; height: auto; }
    SettingsScreen #settings-buttons { height: auto; margin: 1 0; }
    SettingsScreen #settings-buttons Button { margin-right: 2; }
    """

    def __init__(self, home: Home) -> None:
        super().__init__()
        self.home = home

    def compose(self) -> ComposeResult:
        settings = self.home.settings
        themes = sorted(set(self.app.available_themes) | {self.app.theme})
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Static(id="settings-file")
            yield Static(id="settings-problems")
            theme = Select([(t, t) for t in themes], value=self.app.theme, allow_blank=False,
                           id="theme", compact=True)  # fmt: skip
            yield self._row("Theme", theme)
            yield self._row("Distances in", Select(
                [("imperial (in, ft)", "imperial"), ("metric (cm, m)", "metric")],
                value=settings.units, allow_blank=False, id="units", compact=True))  # fmt: skip
            yield self._number("rest_seconds", settings.rest_seconds,
                               hint="when an exercise gives none")  # fmt: skip
            sound = Select(SOUND_CHOICES, value=settings.sound, allow_blank=False, id="sound",
                           compact=True)  # fmt: skip
            yield self._row("Sound in the runner", sound, "m in the runner changes it")
            yield self._switch("sound_reps", settings.sound_reps)
            yield self._number("lead_in_seconds", settings.lead_in_seconds)
            side = Select(SIDE_CHOICES, value=settings.start_side, allow_blank=False,
                          id="start_side", compact=True)  # fmt: skip
            yield self._row("Start per-side sets with", side)
            yield self._switch("weaker_side_first", settings.weaker_side_first)
            yield self._number("break_minutes", settings.break_minutes,
                               hint="empty: from the self-check, else 45")  # fmt: skip
            yield self._switch("tempo", settings.tempo)
            for key in ("tempo_lift", "tempo_lower"):
                yield self._number(key, getattr(settings, key))
            yield Static(id="settings-error")
            with Horizontal(id="settings-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def _row(
        self, label: str, widget: Widget, hint: str = "", hint_id: str | None = None
    ) -> Horizontal:
        parts: list[Widget] = [Label(label, classes="setting-label"), widget]
        if hint:
            parts.append(Static(hint, classes="setting-hint", id=hint_id))
        return Horizontal(*parts, classes="setting-row")

    def _switch(self, key: str, value: bool) -> Horizontal:
        hint = "on" if value else "off"
        return self._row(SWITCHES[key], Switch(value, id=key), hint, hint_id=f"{key}-state")

    def _number(self, key: str, value: int | None, hint: str = "") -> Horizontal:
        label, unit = NUMBERS[key]
        check = CHECKS[key]
        low_high = re.search(r"\((\d+) to (\d+)\)", check(10**7) or "")
        allowed = f"{low_high.group(1)} to {low_high.group(2)} {unit}" if low_high else unit
        text = "" if value is None else str(value)
        placeholder = "from self-check" if key == "break_minutes" else ""
        field = Input(text, id=key, placeholder=placeholder, compact=True)
        return self._row(f"{label} ({unit})", field, hint or allowed)

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        path = self.home.settings_path
        self.query_one("#settings-file", Static).update(
            Content.assemble("Settings file: ", literal(str(path)))
        )
        self._show_problems(self.home.settings_problems, path.name)
        self.query_one("#settings-error").display = False
        self.query_one("#theme", Select).focus()

    def _show_problems(self, problems: list[Problem], name: str) -> None:
        box = self.query_one("#settings-problems", Static)
        box.display = bool(problems)
        if not problems:
            return
        backup = name + ".bak"
        parts: list[str | Content | tuple[str, str]] = [
            ("⚠ The settings file has problems; those settings use their defaults:\n", "bold")
        ]
        for problem in problems:
            parts += ["  ", literal(str(problem)), "\n"]
        parts.append(f"Saving keeps the old file as {backup} and writes a new one.")
        box.update(Content.assemble(*parts))

    # -- reading and saving ---------------------------------------------------------------------

    def read_form(self) -> tuple[dict[str, object], list[str]]:
        """The settings the form holds, and a message for each field that is not valid."""
        values: dict[str, object] = {}
        errors: list[str] = []
        for key in ("theme", "units", "sound", "start_side"):
            values[key] = self.query_one(f"#{key}", Select).value
        for key in SWITCHES:
            values[key] = self.query_one(f"#{key}", Switch).value
        for key in NUMBERS:
            field = self.query_one(f"#{key}", Input)
            number, error = read_number(key, field.value)
            field.set_class(error is not None, "-invalid")
            if error is not None:
                errors.append(error)
            else:
                values[key] = number
        return values, errors

    def action_save(self) -> None:
        values, errors = self.read_form()
        message = self.query_one("#settings-error", Static)
        if errors:
            message.update(Content("Not saved:\n" + "\n".join(errors)))
            message.display = True
            first = next(w for w in self.query(Input) if w.has_class("-invalid"))
            first.focus()
            return
        message.display = False
        error = self.home.change_settings(**values)
        path = self.home.settings_path
        self.post_message(SettingsChanged(self.home.settings))  # applies for this run either way
        if error is not None:
            self.notify(f"Could not save settings to {path}: {error.strerror}",
                        severity="error", markup=False)  # fmt: skip
            message.update(Content(f"Settings could not be saved to {path}."))
            message.display = True
            return
        self.notify(f"Settings saved to {path}", timeout=3, markup=False)
        self.dismiss()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        if event.switch.id in SWITCHES:
            state = self.query_one(f"#{event.switch.id}-state", Static)
            state.update("on" if event.value else "off")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss()
