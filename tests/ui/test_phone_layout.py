"""A phone-sized terminal (``hiptui serve`` on a phone): the catalog fits, dialogs answer taps.

A click in Pilot is what a tap becomes in the served page (docs/serve.md, Touch).
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, OptionList

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.dialogs import ConfirmScreen, PlanScreen, ResumeScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded
from tests.ui.test_resize import leave_a_session_open

PORTRAIT = (45, 30)
LANDSCAPE = (100, 20)


def button(app: HiptuiApp, label: str) -> Button:
    found = [b for b in app.screen.query(Button) if str(b.label) == label]
    assert len(found) == 1, [str(b.label) for b in app.screen.query(Button)]
    return found[0]


def on_screen(app: HiptuiApp, widget: Button) -> bool:
    """Whether the whole of ``widget`` is inside the terminal (so it can be tapped)."""
    region = widget.region
    return bool(region.area) and app.screen.region.contains_region(region)


async def tap(pilot: Pilot[None], widget: Button) -> None:
    assert on_screen(pilot.app, widget), widget.region  # type: ignore[arg-type]
    await pilot.click(widget)
    await pilot.pause()


async def test_a_narrow_catalog_is_the_list_alone_and_a_tap_opens_the_card() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=PORTRAIT) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert not screen.query_one("#detail").display
        assert screen.query_one(OptionList).region.width == PORTRAIT[0]
        await pilot.resize_terminal(*LANDSCAPE)
        await pilot.pause()
        assert screen.query_one("#detail").display  # wide enough for the card beside it
        await pilot.resize_terminal(*PORTRAIT)
        await pilot.pause()
        options = screen.query_one(OptionList)
        row = next(
            y for y in range(options.region.height)
            if "Fixture thrust" in "".join(s.text for s in options.render_line(y))
        )  # fmt: skip
        await pilot.click(OptionList, offset=(3, row))
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == "fixture-thrust"


async def test_the_plan_dialog_keeps_its_buttons_on_a_phone_on_its_side() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=LANDSCAPE) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await tap(pilot, button(app, "Start"))
        assert isinstance(app.screen, SessionScreen)


async def test_confirm_answers_by_tap() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=PORTRAIT) as pilot:
        await loaded(pilot)
        answers: list[bool | None] = []
        for label in ("Cancel (n)", "Yes (y)"):
            app.push_screen(ConfirmScreen("Really?"), answers.append)
            await pilot.pause()
            await tap(pilot, button(app, label))
            assert not isinstance(app.screen, ConfirmScreen)
        assert answers == [False, True]


async def test_resume_answers_by_tap() -> None:
    leave_a_session_open()
    app = clocked_app(FakeClock())
    async with app.run_test(size=PORTRAIT) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await tap(pilot, button(app, "Close as it is (c)"))
        assert not isinstance(app.screen, ResumeScreen)
        await app.workers.wait_for_complete()
        with Database.open(paths.database_path()) as db:
            assert db.unfinished_session() is None  # closed as it was
