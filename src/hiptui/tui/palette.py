"""The command palette's (ctrl+p) screens and actions, found by the words a user would type.

Each command names itself and lists the other words it answers to ("run" finds "Start a
routine", "check" the self-check). A query that begins a word of a command's name or words
ranks above one that only matches its letters here and there, and commands rank above exercise
names that match as well: "hist" offers the history before the hip thrust.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

# How a query ranks against a name (its words) and other words; fuzzy scores stay far below.
WHOLE_WORD, WORD_START, OTHER_WORD = 300.0, 200.0, 150.0
COMMAND_BONUS = 50.0  # a screen or an action above an exercise that matches as well


class PaletteCommand(NamedTuple):
    title: str
    help: str
    action: str  # an action string, run on the app ("app.history") or the screen ("run")
    words: tuple[str, ...] = ()
    # Offered only on screens with this action (the highlighted exercise's "run").
    screen_action: str | None = None


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Start the highlighted exercise", "Begin a session of this exercise (r)",
                   "screen.run", ("start", "run", "begin", "go", "exercise", "session"),
                   screen_action="run"),
    PaletteCommand("Start a routine", "Choose a routine and begin it (w)", "app.workouts",
                   ("start", "run", "begin", "routine", "workout", "session", "plan")),
    PaletteCommand("History and progress", "Past sessions, sets and breaks (h)", "app.history",
                   ("history", "progress", "sessions", "log", "past")),
    PaletteCommand("Self-check", "The hip-extension self-check (c)", "app.checkup",
                   ("self-check", "check", "checkup", "test", "assessment")),
    PaletteCommand("Settings", "Rest, sound, units, breaks, theme (,)", "app.settings",
                   ("settings", "preferences", "options", "config", "sound", "rest")),
    PaletteCommand("Units: imperial or metric", "Switch the units distances are shown in (u)",
                   "app.toggle_units", ("units", "metric", "imperial", "distance")),
    PaletteCommand("Theme", "Change the colours", "app.change_theme",
                   ("theme", "colours", "colors", "dark", "light", "contrast")),
    PaletteCommand("Guide", "Read the hip-extension guide (g)", "app.guide",
                   ("guide", "article", "read", "learn")),
    PaletteCommand("Take a break now", "The break reminder's movement snack, now",
                   "app.take_break", ("break", "snack", "move", "stand", "pause")),
    PaletteCommand("Export history to a file", "Every session, set, self-check and break as JSON",
                   "app.export_history", ("export", "backup", "save", "json", "history")),
    PaletteCommand("Import history or exercises", "How to import, from a shell",
                   "app.import_help", ("import", "restore", "dataset", "add")),
    PaletteCommand("Help: the keys of this screen", "Every key and what it does (?)",
                   "app.help", ("help", "keys")),
)  # fmt: skip

_WORD = re.compile(r"[\w-]+")


def _words(text: str) -> list[str]:
    found = [w.lower() for w in _WORD.findall(text)]
    return found + [part for w in found if "-" in w for part in w.split("-")]


def rank(query: str, name: str, words: tuple[str, ...], matcher: Matcher) -> float:
    """How well ``query`` finds a command or an exercise called ``name`` (0: not at all)."""
    wanted = query.strip().lower()
    if not wanted:
        return 0.0
    in_name = _words(name)
    others = [w.lower() for w in words]
    first = 20.0 if in_name and in_name[0].startswith(wanted) else 0.0  # "History and..."
    if wanted in in_name or wanted in others:
        return WHOLE_WORD + first
    if any(w.startswith(wanted) for w in in_name):
        return WORD_START + first
    if any(w.startswith(wanted) for w in others):
        return OTHER_WORD
    return matcher.match(name)


class ScreenCommands(Provider):
    """Every screen and action of the app by name and by the words a user would type."""

    def _offered(self) -> list[PaletteCommand]:
        screen = self.screen
        return [
            command
            for command in COMMANDS
            if command.screen_action is None
            or callable(getattr(screen, f"action_{command.screen_action}", None))
        ]

    def _runner(self, command: PaletteCommand) -> Callable[[], object]:
        screen = self.screen

        async def run_it() -> None:
            if command.action.startswith("screen."):
                await screen.run_action(command.action.removeprefix("screen."))
            else:
                await self.app.run_action(command.action)

        return run_it

    async def discover(self) -> Hits:
        for command in self._offered():
            yield DiscoveryHit(command.title, self._runner(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._offered():
            score = rank(query, command.title, command.words, matcher)
            if score > 0:
                yield Hit(
                    score + COMMAND_BONUS,
                    highlighted(matcher, command.title),
                    self._runner(command),
                    text=command.title,
                    help=command.help,
                )


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as literal Content with the letters ``matcher`` matched in its style (what
    ``Matcher.highlight`` does, but that reads its candidate as markup)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
