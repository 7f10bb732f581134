"""The ? help screen: each key and each description once, the catalog's enter among them, and
the way out in view at 80x24 without scrolling."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from hiptui.tui.screens.help import HelpScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded
from tests.ui.screen_cells import screen_lines
from tests.ui.test_resize import CASES, press

# Screens with a ? of their own (the dialogs answer by their buttons; help closes itself).
WITH_HELP = ["catalog", "exercise", "guide", "runner", "summary", "history", "settings",
             "checkup", "checkup-result", "problems"]  # fmt: skip


def rows(help_screen: HelpScreen) -> list[tuple[str, str]]:
    return help_screen.rows


@pytest.mark.parametrize("name", WITH_HELP)
async def test_help_names_each_key_once_and_shows_its_way_out_at_80x24(name: str) -> None:
    case = CASES[name]
    case.before()
    app = clocked_app(FakeClock(), "exercises", "hostile")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await loaded(pilot)
        await case.open(pilot, app)
        await pilot.pause()
        if name == "history-sets":
            await press(pilot, "enter")
        await press(pilot, "f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen), name
        found = rows(help_screen)
        descriptions = [description for _keys, description in found]
        assert len(descriptions) == len(set(descriptions)), found
        keys = [key for keys, _ in found for key in keys.split() if key not in ("↑", "↓")]
        assert len(keys) == len(set(keys)), f"{name}: a key listed twice: {found}"
        assert "escape closes this help" in "\n".join(screen_lines(app))
        text = str(help_screen.query_one("#help-text", Static).render())
        assert "Command palette" in text and "ctrl+p" in text
        if name == "catalog":
            assert ("enter", "Open") in found and ("/", "Search") in found
