"""Every screen at 80x24: no line ends in a cut word or a lone "…", and every text cell reaches
WCAG AA contrast against its background (4.5:1; 3:1 for the runner's big digits) in the themes
hiptui offers. The default run checks the default, light and high-contrast themes; -m slow
checks every theme offered."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from hiptui.core.session.plan import SessionPlan
from hiptui.core.session.plan_builders import plan_for_exercise
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.session import SessionScreen
from hiptui.tui.themes import DEFAULT, HIGH_CONTRAST, OFFERED
from tests.ui.contrast import failures
from tests.ui.helpers import FakeClock, build_app, clocked_app, loaded, until
from tests.ui.screen_cells import cells, screen_lines
from tests.ui.test_resize import CASES, press
from tests.ui.tidy import cut_words

SIZE, WIDE = (80, 24), (200, 60)
QUICK_THEMES = (DEFAULT, "textual-light", HIGH_CONTRAST.name)


async def open_case(pilot: Any, app: HiptuiApp, name: str) -> None:
    app.animation_level = "none"
    await loaded(pilot)
    await CASES[name].open(pilot, app)
    await pilot.pause()
    if name == "confirm":
        await press(pilot, "escape")  # the runner asks before ending
    if name == "history-sets":
        await press(pilot, "enter")


async def check_tidy(
    pilot: Any, app: App[Any], name: str, narrow: list[str] | None = None, *, back: bool = True
) -> None:
    """No word cut at 80x24: ``narrow`` (the screen as it is, unless given: drawn earlier at
    80x24) against the same screen drawn at 200x60; ``back`` resizes to 80x24 again."""
    if narrow is None:
        narrow = screen_lines(app)
    await pilot.resize_terminal(*WIDE)
    await pilot.pause()
    wide = screen_lines(app)
    if back:
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
    assert not cut_words(narrow, wide), (name, cut_words(narrow, wide), narrow)


async def check_contrast(pilot: Any, app: App[Any], name: str, themes: tuple[str, ...]) -> None:
    found = {}
    for theme in themes:
        app.theme = theme
        await pilot.pause()
        if failing := failures(cells(app)):
            found[theme] = failing[:5]
    assert not found, (name, found)


@pytest.fixture(autouse=True)
def colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The themes' colours: the tests' NO_COLOR would turn every screen grey."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("name", CASES)
async def test_every_screen_is_tidy_and_legible_at_80x24(name: str) -> None:
    CASES[name].before()
    app = clocked_app(FakeClock(), "exercises", "hostile")
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, app, name)
        narrow = screen_lines(app)
        await check_contrast(pilot, app, name, QUICK_THEMES)
        # Last, so nothing needs 80x24 again after: the words of the screen drawn wide (in the
        # last theme checked: a theme changes colours, not words).
        await check_tidy(pilot, app, name, narrow, back=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
async def test_every_screen_is_legible_in_every_offered_theme(name: str) -> None:
    CASES[name].before()
    app = clocked_app(FakeClock(), "exercises", "hostile")
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, app, name)
        await check_contrast(pilot, app, name, OFFERED)


async def test_the_bundled_catalog_card_and_a_break_session_are_tidy_at_80x24() -> None:
    """The article's exercises: the hip thrust's long kit, its card, and a break's session
    whose name is longer than the header."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await loaded(pilot)
        await check_tidy(pilot, app, "catalog")
        from hiptui.tui.messages import OpenExercise

        app.post_message(OpenExercise("hip-thrust"))
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await pilot.pause()
        await check_tidy(pilot, app, "hip thrust card")
        await press(pilot, "escape")
        assert app.library is not None
        base = plan_for_exercise(app.library, "standing-kickback", sets=1, reps=10, rest=30)
        app.sessions.start(SessionPlan("Break: Kickbacks at the desk", base.items))
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause()
        await check_tidy(pilot, app, "break session", back=False)


class Secondary(App[None]):
    """Today's headings as they were drawn: bold $secondary on the background."""

    def compose(self) -> ComposeResult:
        yield Static("[bold $secondary]Muscles[/]")


async def test_the_check_fails_on_the_secondary_headings_of_before() -> None:
    app = Secondary()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (failing,) = failures(cells(app))
        assert failing.text == "Muscles" and failing.ratio < 2.0  # 1.89:1 in textual-dark
