"""A user's [keymap] in the running app: the keys move, the Footer and the help screen follow,
bad entries are reported and skipped, and saving the settings keeps the table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey

import hiptui.tui
from hiptui import paths
from hiptui.bindings.table import BY_ID
from hiptui.store.settings import load_settings
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.help import HelpScreen
from hiptui.tui.screens.settings import SettingsScreen
from tests.ui.helpers import fixture_app, loaded

SIZE = (100, 30)


def write_settings(text: str) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def plain(widget: Static) -> str:
    visual = widget.visual
    assert isinstance(visual, Content)
    return visual.plain


def help_rows(text: str) -> dict[str, str]:
    """The help screen's text as {description: keys} (keys, two spaces, the description)."""
    rows = {}
    for line in text.splitlines():
        keys, _, description = line.strip().partition("  ")
        if description:
            rows[description] = keys
    return rows


async def test_search_moved_to_f6_works_and_help_and_footer_show_it() -> None:
    write_settings('[keymap]\n"catalog.search" = "f6"\n')
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        search = screen.query_one("#search", Input)
        await pilot.press("slash")
        assert not search.has_focus  # "/" no longer searches
        assert screen.query_one("#exercise-list", OptionList).has_focus
        await pilot.press("f6")
        assert search.has_focus
        await pilot.press(*"curl")
        assert search.value == "curl"
        assert search.placeholder.startswith("f6 search")  # the box names the key in force
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert help_rows(plain(app.screen.query_one("#help-text", Static)))["Search"] == "f6"


async def test_remapped_help_and_quit_show_in_the_help_rows() -> None:
    write_settings('[keymap]\n"catalog.help" = "f2"\n"app.quit" = "ctrl+x"\n"catalog.down" = "n"\n')
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, CatalogScreen)  # ? is not help any more
        await pilot.press("f2")
        assert isinstance(app.screen, HelpScreen)
        found = help_rows(plain(app.screen.query_one("#help-text", Static)))
        assert found["Help (this screen)"] == "f2"
        assert found["Quit from anywhere"] == "ctrl+x"
        assert found["Move in a list"] == "↑ ↓ n k"


async def test_bad_entries_are_reported_and_the_rest_applies() -> None:
    write_settings(
        "[keymap]\n"
        '"catalog.serach" = "f6"\n'  # line 2: unknown id
        '"catalog.run" = "ctrl+banana"\n'  # line 3: no such key
        '"catalog.guide" = "r"\n'  # line 4: r starts an exercise
        '"catalog.history" = "f7"\n'  # line 5: fine
    )
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        lines = [str(p) for p in app.home.settings_problems]
        assert [line.split(":")[1] for line in lines] == ["2", "3", "4"]
        assert "unknown binding" in lines[0] and '"catalog.search"' in lines[0]
        assert 'unknown key name "banana"' in lines[1]
        assert '"r" is already the key of catalog.run' in lines[2]
        shown = [str(n.message) for n in app._notifications]
        assert all(any(line in note for note in shown) for line in lines)
        await pilot.press("f7")
        assert type(app.screen).__name__ == "HistoryScreen"  # the good entry applies
        await pilot.press("escape", "g")
        assert type(app.screen).__name__ == "GuideScreen"  # the clashing one did not


async def test_saving_the_settings_screen_keeps_the_keymap() -> None:
    write_settings('rest_seconds = 60\n\n[keymap]\n"catalog.search" = "f6"\n')
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        field = app.screen.query_one("#rest_seconds", Input)
        field.value = "75"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("f6")
        assert app.screen.query_one("#search", Input).has_focus
    settings, problems = load_settings(paths.settings_path())
    assert problems == []
    assert settings.rest_seconds == 75
    assert settings.keymap == {"catalog.search": "f6"}


def _nodes_with_bindings() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    for module in pkgutil.walk_packages(hiptui.tui.__path__, "hiptui.tui."):
        loaded_module = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded_module, inspect.isclass):
            if (
                issubclass(value, DOMNode)
                and value.__module__ == module.name
                and "BINDINGS" in value.__dict__
            ):
                found.append(value)
    return found


def test_every_binding_in_the_tui_has_an_id_from_the_table() -> None:
    nodes = _nodes_with_bindings()
    assert len(nodes) >= 15
    seen: set[str] = set()
    for node in nodes:
        for binding in node.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding), node
            assert binding.id in BY_ID, (node, binding)
            spec = BY_ID[binding.id]
            assert binding.key == ",".join(spec.keys) and binding.action == spec.action
            seen.add(binding.id)
    assert seen == set(BY_ID)  # and every row of the table is bound somewhere


async def test_the_palette_moved_to_ctrl_o_opens_and_stays_in_the_footer() -> None:
    from textual.command import CommandPalette

    write_settings('[keymap]\n"app.palette" = "ctrl+o"\n')
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        palette_keys = [
            k.key for k in app.screen.query(FooterKey) if k.has_class("-command-palette")
        ]
        assert palette_keys == ["ctrl+o"]
        await pilot.press("ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, CommandPalette)
