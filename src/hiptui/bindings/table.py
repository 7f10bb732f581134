"""The one table of key bindings: every screen's and dialog's keys, with ids users can remap.

Each screen builds its ``BINDINGS`` from this table (``hiptui.tui.keys.bindings_for``), so
what ``hiptui keys`` and docs/keys.md list is what the app binds. Keys are written as Textual
names (``slash``, ``question_mark``, ``ctrl+s``); several keys for one binding are separate
items. An id is ``screen.action``; the screen part groups the bindings that are in force
together (a key may do one thing per screen), and ``app`` bindings are in force everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

APP = "app"


class KeyBinding(NamedTuple):
    """One binding: its id, default keys and action, and how the Footer shows it."""

    id: str
    keys: tuple[str, ...]
    action: str
    description: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    tooltip: str = ""
    # Bound on a widget of the screen rather than the screen itself (its class's name).
    widget: str | None = None

    @property
    def screen(self) -> str:
        return self.id.partition(".")[0]


class ScreenKeys(NamedTuple):
    name: str
    title: str
    bindings: tuple[KeyBinding, ...]


class _Row(NamedTuple):
    short: str
    keys: str
    action: str
    description: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    tooltip: str = ""
    widget: str | None = None


def _screen(name: str, title: str, *rows: _Row) -> ScreenKeys:
    bindings = tuple(
        KeyBinding(
            f"{name}.{row.short}",
            tuple(row.keys.split(",")),
            row.action,
            row.description,
            show=row.show,
            key_display=row.key_display,
            priority=row.priority,
            tooltip=row.tooltip,
            widget=row.widget,
        )
        for row in rows
    )
    return ScreenKeys(name, title, bindings)


_k = _Row


def _hidden(short: str, keys: str, action: str, description: str) -> _Row:
    """A binding the Footer leaves out (the help screen still lists it)."""
    return _Row(short, keys, action, description, show=False)


HELP = _k("help", "question_mark,f1", "app.help", "Help", key_display="?")

SCREENS: tuple[ScreenKeys, ...] = (
    _screen(
        APP, "Everywhere",
        _k("quit", "ctrl+q", "quit", "Quit", priority=True, show=False),
        # Textual adds this binding itself when the app has none; here it gets an id.
        _k("palette", "ctrl+p", "command_palette", "palette", priority=True, show=False,
           tooltip="Open the command palette"),
    ),
    _screen(
        "catalog", "Catalog",
        # The Footer's six: start, and the keys to the other screens. The search box says
        # its key itself; the guide, the units and the filters are in the help and the palette.
        _hidden("search", "slash", "focus_search", "Search"),
        _hidden("open", "enter", "open", "Open"),
        _k("run", "r", "run", "Start"),
        _k("routines", "w", "app.workouts", "Routines"),
        _k("history", "h", "app.history", "History"),
        _k("checkup", "c", "app.checkup", "Self-check"),
        _k("settings", "comma", "app.settings", "Settings", key_display=","),
        HELP,
        _hidden("guide", "g", "app.guide", "Guide"),
        _hidden("units", "u", "app.toggle_units", "Units"),
        _hidden("muscle", "m", "cycle_muscle", "Filter: muscle"),
        _hidden("equipment", "e", "cycle_equipment", "Filter: equipment"),
        _hidden("level", "l", "cycle_level", "Filter: level"),
        _hidden("side", "s", "cycle_side", "Filter: per side"),
        _hidden("clear", "escape", "clear", "Clear filters"),
        _hidden("problems", "exclamation_mark", "app.problems", "Content problems"),
        _hidden("down", "j", "cursor_down", "Down"),
        _hidden("up", "k", "cursor_up", "Up"),
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "exercise", "Exercise card",
        _k("back", "escape", "app.pop_screen", "Back"),
        _k("run", "r", "run", "Start"),
        _k("units", "u", "app.toggle_units", "Units"),
        HELP,
        _hidden("down", "j,down", "scroll('down')", "Scroll down"),
        _hidden("up", "k,up", "scroll('up')", "Scroll up"),
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "guide", "Guide",
        _k("back", "escape", "app.pop_screen", "Back"),
        _hidden("next", "tab", "app.focus_next", "Next pane"),
        _hidden("open", "enter", "select", "Open"),
        HELP,
        _hidden("down", "j", "cursor_down", "Down"),
        _hidden("up", "k", "cursor_up", "Up"),
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "session", "Session runner",
        _k("rep", "space,enter", "act('rep')", "Rep", key_display="space"),
        _hidden("undo", "backspace", "act('undo')", "Undo rep"),
        _k("finish", "f", "act('finish_set')", "Finish set"),
        _k("pause", "p", "act('toggle_pause')", "Pause"),
        _k("skip-rest", "n", "act('skip_rest')", "Skip rest"),
        _hidden("rest-more", "plus,equals_sign", "rest(15)", "Rest +15 s"),
        _hidden("rest-less", "minus", "rest(-15)", "Rest -15 s"),
        _hidden("skip", "s", "skip", "Skip exercise"),
        _hidden("discomfort", "d", "act('mark_discomfort')", "Discomfort"),
        _hidden("log", "l", "log_details", "Log load, RIR and pain"),
        _hidden("tempo", "t", "tempo", "Tempo mode"),
        _hidden("sound", "m", "sound", "Sound: off, bell, tones, voice"),
        _k("end", "escape", "end", "End"),
        HELP,
    ),
    _screen(
        "summary", "Session summary",
        _k("done", "escape,enter", "app.pop_screen", "Done"),
        _k("history", "h", "app.history", "History"),
        HELP,
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "history", "History and progress",
        _k("back", "escape", "app.pop_screen", "Back"),
        # priority: the table and the list would otherwise take enter (and hide it in the footer)
        _k("open", "enter", "open", "Open", priority=True),
        _k("next-pane", "tab", "next_pane", "Next pane"),
        _hidden("previous-pane", "shift+tab", "previous_pane", "Previous pane"),
        HELP,
        _hidden("down", "j", "cursor('down')", "Down"),
        _hidden("up", "k", "cursor('up')", "Up"),
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "session-sets", "Session sets",
        _k("back", "escape", "app.pop_screen", "Back"),
        HELP,
        _hidden("down", "j", "cursor('down')", "Down"),
        _hidden("up", "k", "cursor('up')", "Up"),
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "checkup", "Self-check",
        _k("begin", "enter", "begin", "Begin"),
        _k("back", "backspace,b", "back", "Back"),
        _k("leave", "escape", "leave", "Leave"),
        _k("text-down", "pagedown", "scroll_text(1)", "More text", key_display="PgDn",
           priority=True),
        _k("text-up", "pageup", "scroll_text(-1)", "Back up the text", show=False,
           priority=True),
        HELP,
        _hidden("down", "j", "cursor(1)", "Down"),
        _hidden("up", "k", "cursor(-1)", "Up"),
    ),
    _screen(
        "checkup-result", "Self-check result",
        _k("back", "escape", "app.pop_screen", "Back"),
        _k("open", "enter", "open", "Open"),
        _k("start", "s", "start", "Start plan"),
        _k("again", "r", "again", "Retake"),
        HELP,
        _hidden("next", "j", "move(1)", "Next exercise"),
        _hidden("previous", "k", "move(-1)", "Previous exercise"),
        _hidden("quit", "q", "app.quit", "Quit"),
        # On each exercise of the plan: the arrows move between them instead of scrolling.
        _k("item-next", "down", "screen.move(1)", "Next exercise", show=False,
           widget="PlanItem"),
        _k("item-previous", "up", "screen.move(-1)", "Previous exercise", show=False,
           widget="PlanItem"),
    ),
    _screen(
        "settings", "Settings",
        _k("save", "ctrl+s", "save", "Save", priority=True),
        _k("back", "escape", "app.pop_screen", "Back (discard)"),
        _k("help", "f1", "app.help", "Help"),
    ),
    _screen(
        "problems", "Content problems",
        _k("back", "escape", "app.pop_screen", "Back"),
        HELP,
        _hidden("quit", "q", "app.quit", "Quit"),
    ),
    _screen(
        "help", "Help",
        _k("close", "escape,question_mark,f1,q", "dismiss", "Close"),
        _hidden("down", "j,down", "scroll('down')", "Down"),
        _hidden("up", "k,up", "scroll('up')", "Up"),
    ),
    _screen(
        "break", "Break reminder",
        _k("take", "t,enter", "choose('take')", "Took it"),
        _k("start", "s", "choose('start')", "Start the snack"),
        _k("snooze5", "5", "choose('snooze:5')", "Snooze 5 min"),
        _k("snooze10", "0", "choose('snooze:10')", "Snooze 10 min"),
        _k("skip", "k", "choose('skip')", "Skip"),
        _k("later", "escape", "choose(None)", "Later"),
    ),
    _screen(
        "confirm", "Yes/no question",
        _k("yes", "y,enter", "answer(True)", "Yes"),
        _k("no", "n,escape", "answer(False)", "No"),
    ),
    _screen(
        "resume", "Unfinished session",
        _k("resume", "r,enter", "choose('resume')", "Resume"),
        _k("close", "c", "choose('close')", "Close as it is"),
        _k("later", "escape", "choose('later')", "Later"),
    ),
    _screen(
        "set-details", "A set's load, RIR and pain",
        _k("save", "ctrl+s", "save", "Save"),
        _k("skip", "escape", "skip", "Skip"),
    ),
    _screen(
        "pain-next-day", "Next-morning pain",
        _k("save", "ctrl+s", "save", "Save"),
        _k("skip", "escape", "skip", "Skip"),
    ),
    _screen(
        "plan", "Adjust a plan",
        _k("cancel", "escape", "cancel", "Cancel"),
        _k("start", "ctrl+s", "start", "Start"),
    ),
    _screen(
        "choose", "Choose a routine",
        _k("cancel", "escape", "cancel", "Cancel"),
        _hidden("down", "j", "move(1)", "Down"),
        _hidden("up", "k", "move(-1)", "Up"),
    ),
)  # fmt: skip

BY_SCREEN: dict[str, ScreenKeys] = {screen.name: screen for screen in SCREENS}
BY_ID: dict[str, KeyBinding] = {b.id: b for screen in SCREENS for b in screen.bindings}


def every_binding() -> Iterator[KeyBinding]:
    for screen in SCREENS:
        yield from screen.bindings


def screen_bindings(name: str, widget: str | None = None) -> tuple[KeyBinding, ...]:
    """The bindings of screen ``name`` bound on the screen itself, or on ``widget``."""
    return tuple(b for b in BY_SCREEN[name].bindings if b.widget == widget)
