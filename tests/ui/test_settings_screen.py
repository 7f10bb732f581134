"""The settings screen: edit, validate, save through the app, and load the same values back."""

from __future__ import annotations

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, Switch

from hiptui import paths
from hiptui.store.settings import Settings, load_settings
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.settings import SettingsScreen, read_number
from tests.ui.helpers import fixture_app, loaded

SIZE = (100, 30)


async def open_settings(pilot: Pilot[None]) -> SettingsScreen:
    await loaded(pilot)
    pilot.app.action_settings()  # type: ignore[attr-defined]
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def retype(pilot: Pilot[None], field: Input, text: str) -> None:
    field.focus()
    field.cursor_position = len(field.value)
    await pilot.press(*["backspace"] * len(field.value), *text)


def plain(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


async def test_change_units_rest_sound_and_lead_in_save_and_reload() -> None:
    path = paths.settings_path()
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        assert str(path) in plain(screen.query_one("#settings-file", Static))
        assert not screen.query_one("#settings-problems").display
        screen.query_one("#units", Select).value = "metric"
        screen.query_one("#theme", Select).value = "textual-light"
        await retype(pilot, screen.query_one("#rest_seconds", Input), "90")
        screen.query_one("#sound", Select).value = "voice"
        await retype(pilot, screen.query_one("#lead_in_seconds", Input), "8")
        screen.query_one("#weaker_side_first", Switch).focus()
        await pilot.press("space")
        assert plain(screen.query_one("#weaker_side_first-state", Static)) == "on"
        await retype(pilot, screen.query_one("#break_minutes", Input), "30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert app.units == "metric"  # the catalog follows at once
        assert app.theme == "textual-light"
    expected = Settings(
        theme="textual-light", units="metric", rest_seconds=90, sound="voice",
        lead_in_seconds=8, weaker_side_first=True, break_minutes=30,
    )  # fmt: skip
    assert load_settings(path) == (expected, [])
    assert "rest_seconds = 90" in path.read_text(encoding="utf-8")

    again = fixture_app()
    async with again.run_test(size=SIZE) as pilot:
        assert again.settings == expected
        screen = await open_settings(pilot)
        assert again.theme == "textual-light"
        assert screen.query_one("#units", Select).value == "metric"
        assert screen.query_one("#theme", Select).value == "textual-light"
        assert screen.query_one("#rest_seconds", Input).value == "90"
        assert screen.query_one("#sound", Select).value == "voice"
        assert screen.query_one("#lead_in_seconds", Input).value == "8"
        assert screen.query_one("#weaker_side_first", Switch).value is True
        assert screen.query_one("#break_minutes", Input).value == "30"


async def test_invalid_numbers_are_named_and_nothing_is_saved() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        rest = screen.query_one("#rest_seconds", Input)
        await retype(pilot, rest, "abc")
        await retype(pilot, screen.query_one("#tempo_lift", Input), "11")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        error = screen.query_one("#settings-error", Static)
        assert error.display
        text = plain(error)
        assert "Default rest: enter a whole number of seconds, not 'abc'" in text
        assert "Tempo: lift: 11 is out of range (1 to 10)" in text
        assert rest.has_class("-invalid") and screen.focused is rest
        assert not paths.settings_path().exists()
        assert app.settings == Settings()
        await retype(pilot, rest, "45")
        await retype(pilot, screen.query_one("#tempo_lift", Input), "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    assert load_settings(paths.settings_path())[0] == Settings(rest_seconds=45, tempo_lift=3)


async def test_escape_discards_changes() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await retype(pilot, screen.query_one("#rest_seconds", Input), "120")
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)
        assert app.settings.rest_seconds == 60
    assert not paths.settings_path().exists()


async def test_a_file_with_problems_is_explained_and_kept_as_bak() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    old = 'units = "metrc"\nrest_seconds = 75\n'
    path.write_text(old, encoding="utf-8")
    app: HiptuiApp = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        box = screen.query_one("#settings-problems", Static)
        assert box.display
        text = plain(box)
        assert "settings.toml:1: units:" in text
        assert "Saving keeps the old file as settings.toml.bak" in text
        assert screen.query_one("#rest_seconds", Input).value == "75"  # the good key is kept
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert (path.parent / "settings.toml.bak").read_text(encoding="utf-8") == old
    assert load_settings(path) == (Settings(rest_seconds=75), [])


def test_read_number_rules() -> None:
    assert read_number("rest_seconds", " 0 ") == (0, None)
    assert read_number("rest_seconds", "1800") == (1800, None)
    assert (
        read_number("rest_seconds", "1801")[1] == "Default rest: 1801 is out of range (0 to 1800)"
    )
    assert read_number("rest_seconds", "")[1] == (
        "Default rest: enter a whole number of seconds, not nothing"
    )
    assert read_number("rest_seconds", "1.5")[1] is not None
    assert read_number("break_minutes", "") == (None, None)
    assert read_number("break_minutes", "4")[1] == (
        "Sitting break every: 4 is out of range (5 to 240)"
    )
    assert read_number("lead_in_seconds", "0") == (0, None)
    assert read_number("lead_in_seconds", "16")[1] == (
        "Lead-in before a timed hold: 16 is out of range (0 to 15)"
    )
