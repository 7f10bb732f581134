"""The command palette finds every screen and action by the words a user would type, and
ranks them above exercises whose letters merely match ("hist" is the history, not Hip thrust)."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.history import HistoryScreen
from tests.ui.helpers import build_app, loaded, type_ahead, until

# What a new user types, and the command that must come first.
FIRST_HIT = {
    "start": "Start",
    "run": "Start",
    "routine": "Start a routine",
    "history": "History and progress",
    "self-check": "Self-check",
    "check": "Self-check",
    "settings": "Settings",
    "units": "Units: imperial or metric",
    "theme": "Theme",
    "break": "Take a break now",
    "import": "Import history or exercises",
    "export": "Export history to a file",
    "hist": "History and progress",
}


def hits(app: HiptuiApp) -> list[str]:
    found = app.screen.query(CommandList)
    if not found:
        return []
    shown = found.first()
    return [str(shown.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(shown.option_count)]  # fmt: skip


async def search(pilot: Pilot[None], app: HiptuiApp, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await type_ahead(pilot, query)
    await until(pilot, lambda: bool(hits(app)))
    await app.workers.wait_for_complete()  # every provider has answered
    await pilot.pause()
    return hits(app)


async def test_each_word_finds_its_screen_or_action_first() -> None:
    app = build_app()  # the bundled exercises: Hip thrust among them
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for query, expected in FIRST_HIT.items():
            found = await search(pilot, app, query)
            assert found and found[0].startswith(expected), (query, found)
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        found = await search(pilot, app, "hist")
        assert any("Hip thrust" in hit for hit in found), found  # still offered, below
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def test_export_from_the_palette_writes_the_history_beside_the_database() -> None:
    import json

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await search(pilot, app, "export")
        await pilot.press("enter")
        folder = app.home.database_path.parent / "exports"
        await until(pilot, lambda: folder.is_dir() and any(folder.iterdir()))
        (written,) = folder.iterdir()
        assert "sessions" in json.loads(written.read_text(encoding="utf-8"))


async def test_take_a_break_without_the_reminder_says_it_is_off() -> None:
    app = build_app()  # the tests' app runs without the break clock
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await search(pilot, app, "break")
        await pilot.press("enter")
        await until(pilot, lambda: any("reminder is off" in n.message for n in app._notifications))
