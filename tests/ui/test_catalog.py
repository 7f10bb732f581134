from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from hiptui.tui.screens import catalog
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.help import HelpScreen
from hiptui.tui.screens.problems import ProblemsScreen
from tests.ui.helpers import FIXTURES, build_app, fixture_app, loaded, until


def plain(widget: Static) -> str:
    visual = widget.visual
    assert isinstance(visual, Content)
    return visual.plain


def shown_ids(screen: CatalogScreen) -> list[str]:
    option_list = screen.query_one("#exercise-list", OptionList)
    return [o.id for o in option_list.options if o.id]


def status(screen: CatalogScreen) -> str:
    return plain(screen.query_one("#catalog-status", Static))


async def test_filter_narrows_the_list_and_the_count() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert len(shown_ids(screen)) == 3
        assert status(screen).startswith("3 of 3")
        await pilot.press("slash", "c", "u", "r", "l")
        assert shown_ids(screen) == ["fixture-curl"]
        assert status(screen).startswith("1 of 3")
        await pilot.press("enter")  # opens the first match
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "fixture-curl"
        await pilot.press("escape")  # back to the filtered list, which has the focus
        assert isinstance(app.screen, CatalogScreen) and shown_ids(screen) == ["fixture-curl"]
        assert screen.query_one("#exercise-list", OptionList).has_focus
        await pilot.press("escape")
        assert len(shown_ids(screen)) == 3


async def test_the_catalog_opens_on_the_glute_bridge_and_a_search_on_its_best_match() -> None:
    app = build_app()  # the bundled exercises
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        highlighted = screen.highlighted_exercise
        assert highlighted is not None and highlighted.id == "glute-bridge"
        await pilot.press("slash", *"thrust")
        highlighted = screen.highlighted_exercise
        assert highlighted is not None and highlighted.id == "hip-thrust"
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "hip-thrust"


async def test_fuzzy_subsequence_and_muscle_words_match() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        await pilot.press("slash", *"fxthr")
        assert shown_ids(screen) == ["fixture-thrust"]
        await pilot.press(*["backspace"] * 5, *"hamstrings")
        assert set(shown_ids(screen)) == {"fixture-curl", "fixture-thrust"}


async def test_quick_filters_combine() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        await pilot.press("m")  # first primary muscle: gluteus maximus
        assert set(shown_ids(screen)) == {"fixture-bridge", "fixture-thrust"}
        await pilot.press("e")  # no equipment
        assert shown_ids(screen) == ["fixture-bridge"]
        await pilot.press("s")  # per side only
        assert shown_ids(screen) == ["fixture-bridge"]
        await pilot.press("s")  # both sides together only
        assert shown_ids(screen) == []
        assert "No exercise matches" in plain(screen.query_one("#card", Static))
        await pilot.press("escape")
        assert len(shown_ids(screen)) == 3


async def test_detail_follows_the_highlight_and_units_toggle() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        card = screen.query_one("#card", Static)
        first = shown_ids(screen)[0]
        assert first == "fixture-curl"  # "Fixture ball curl" sorts first
        assert "Fixture ball curl" in plain(card)
        await pilot.press("j")
        assert "Fixture fixture-bridge" in plain(card)
        assert "12-16 in" in plain(card)
        await pilot.press("u")
        assert "about 30-40 cm" in plain(card) and "12-16 in" not in plain(card)
        assert app.settings.units == "metric"
        await pilot.press("k")
        assert "Fixture ball curl" in plain(card)


async def test_enter_opens_the_exercise_and_escape_returns() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "fixture-curl"
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_palette_jumps_to_an_exercise() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"thrust")

        def found() -> bool:  # the palette searches in a worker: wait for the hit
            hits = app.screen.query(CommandList)
            return bool(hits) and any(
                "Open Fixture thrust" in str(hits.first().get_option_at_index(i).prompt)
                for i in range(hits.first().option_count)
            )

        await until(pilot, found)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "fixture-thrust"


async def test_problems_screen_lists_broken_files_while_valid_ones_show() -> None:
    app = fixture_app("exercises", "broken")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert {"fixture-bridge", "fixture-curl", "fixture-thrust"} <= set(shown_ids(screen))
        assert "content problems: press ! to see" in status(screen)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        lines = [plain(s) for s in app.screen.query(".problem").results(Static)]
        assert any("syntax-error.toml:7: TOML syntax error" in line for line in lines)
        assert any("unknown-key.toml:7:" in line for line in lines)


async def test_help_lists_every_key_of_the_screen() -> None:
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("#help-text", Static))
        for description in ("Search", "Filter: muscle", "Filter: equipment", "Units", "Quit"):
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_markup_in_content_is_literal_and_escapes_never_load() -> None:
    app = fixture_app("hostile")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert shown_ids(screen) == ["markup-name"]
        option = screen.query_one("#exercise-list", OptionList).get_option("markup-name")
        assert isinstance(option.prompt, Content)
        assert option.prompt.plain.startswith("[bold red]x[/]")
        card = plain(screen.query_one("#card", Static))
        assert "[bold red]x[/]" in card and "[reverse]Squeeze[/]" in card
        problems = app.library.problems if app.library else []
        assert [p.path.endswith("escape-step.toml") for p in problems] == [True]
        screenshot = app.export_screenshot()
        assert "[bold red]x[/]" in screenshot.replace("&#160;", " ")
        assert "pwned" not in screenshot and "\x1b" not in card


async def test_guide_opens_links_to_exercises_and_escape_returns() -> None:
    from hiptui.tui.screens.guide import GuideScreen

    app = build_app()  # bundled content: the guide links to the article's exercises
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, GuideScreen)
        text = plain(app.screen.query_one("#guide-section", Static))
        assert "hip" in text.lower()
        related = app.screen.query_one("#guide-related", OptionList)
        assert related.option_count > 0
        await pilot.press("enter")  # from the table of contents to the related exercises
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_theme_chosen_is_saved_in_settings() -> None:
    from hiptui import paths
    from hiptui.store.settings import load_settings

    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.theme = "nord"
        await pilot.pause()
    settings, problems = load_settings(paths.settings_path())
    assert settings.theme == "nord" and not problems
    again = fixture_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert again.theme == "nord"


def _many_exercises(folder: Path, count: int) -> None:
    template = (FIXTURES / "exercises" / "fixture-bridge.toml").read_text()
    for n in range(count):
        text = template.replace('"fixture-bridge"', f'"many-{n:03}"', 1)
        text = text.replace("Fixture fixture-bridge", f"Many {n:03}", 1)
        (folder / f"many-{n:03}.toml").write_text(text)


async def test_a_long_list_shows_a_screenful_first_and_the_rest_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_exercises(tmp_path, 70)
    monkeypatch.setattr(catalog, "REST_OF_LIST_DELAY", 3600.0)  # the rest never comes here
    app = build_app([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        option_list = screen.query_one("#exercise-list", OptionList)
        assert option_list.option_count == catalog.FIRST_PAGE
        assert status(screen).startswith("70 of 70")
        await pilot.press("slash", "1")  # fewer than a screenful: all of them at once
        expected = [f"many-{n:03}" for n in range(70) if "1" in f"{n:03}"]
        assert shown_ids(screen) == expected
        assert status(screen).startswith(f"{len(expected)} of 70")


async def test_the_rest_of_a_long_list_follows_once_typing_pauses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_exercises(tmp_path, 70)
    monkeypatch.setattr(catalog, "REST_OF_LIST_DELAY", 0.001)
    app = build_app([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert shown_ids(screen) == [f"many-{n:03}" for n in range(70)]
        await pilot.press("slash", "m", "a")  # every one matches, then a narrower filter
        await pilot.press("backspace", "backspace", "1")
        await pilot.pause()
        expected = [f"many-{n:03}" for n in range(70) if "1" in f"{n:03}"]
        assert shown_ids(screen) == expected


async def test_the_rest_of_a_long_list_comes_in_chunks_and_a_new_filter_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows after the first page go in REST_CHUNK at a time, each chunk its own turn of
    the event loop: all of them arrive, in order, and once the filter changes the old list's
    chunks stop coming."""
    _many_exercises(tmp_path, 70)
    monkeypatch.setattr(catalog, "REST_OF_LIST_DELAY", 0.001)
    monkeypatch.setattr(catalog, "REST_CHUNK", 7)
    added: list[int] = []
    add_options = OptionList.add_options

    def counted(self: OptionList, options: Iterable[Option]) -> OptionList:
        rows = list(options)
        added.append(len(rows))
        return add_options(self, rows)

    monkeypatch.setattr(OptionList, "add_options", counted)
    app = build_app([tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        for _ in range(100):
            if len(shown_ids(screen)) == 70:
                break
            await pilot.pause(0.01)
        assert shown_ids(screen) == [f"many-{n:03}" for n in range(70)]
        # The first page (set_options), then chunks of seven: 71 rows with the heading.
        # Once the list is whole, the filter's search keys are made before any key is typed.
        await pilot.pause(0.05)
        assert len(screen._index._haystacks) == 70
        rows = [n for n in added if n]  # (an empty list before the library is there)
        assert rows == [catalog.FIRST_PAGE, 7, 7, 7, 7, 7, 6]
        added.clear()
        monkeypatch.setattr(catalog, "REST_OF_LIST_DELAY", 3600.0)
        await pilot.press("slash", "m")  # every one matches again: a first page, no rest yet
        await pilot.pause(0.05)
        assert screen.query_one("#exercise-list", OptionList).option_count == catalog.FIRST_PAGE
        assert [n for n in added if n] == [catalog.FIRST_PAGE]


async def test_the_cyclic_collector_is_back_on_once_the_catalog_is_up() -> None:
    """`hiptui` turns the collector off for its start (cli/app.py); the app turns it on."""
    import gc

    gc.disable()
    try:
        app = fixture_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_a_preloaded_library_makes_the_first_frame_and_the_card_follows() -> None:
    """`hiptui` loads the content in a thread while Textual imports: with it ready at mount,
    the list is there from the start and the card is drawn once the first frame is out."""
    from concurrent.futures import Future

    from hiptui.content.library import Library
    from hiptui.content.loader import load_library

    folders = [FIXTURES / "exercises"]
    preload: Future[Library] = Future()
    preload.set_result(load_library(folders))
    app = build_app(folders, preload=preload)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert app.library is preload.result()
        assert status(screen).startswith("3 of 3")
        await loaded(pilot)
        assert app.first_frame_drawn
        assert "Fixture ball curl" in plain(screen.query_one("#card", Static))


async def test_a_failed_preload_is_loaded_again_in_the_app() -> None:
    from concurrent.futures import Future

    from hiptui.content.library import Library

    preload: Future[Library] = Future()
    preload.set_exception(OSError("the cache could not be read"))
    app = build_app([FIXTURES / "exercises"], preload=preload)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert len(shown_ids(screen)) == 3
        assert "Fixture ball curl" in plain(screen.query_one("#card", Static))
