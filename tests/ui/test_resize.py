"""Every screen survives the terminal shrinking to 40x12 and growing back.

For each screen: open it at 100x30, shrink to 40x12 (and render it there), grow back, and check
that the same screen is still on top and still answers a key with the change that key makes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from hiptui import paths
from hiptui.content.snacks import load_snacks, pick_snack
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.break_dialog import BreakScreen
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.checkup import CheckupScreen
from hiptui.tui.screens.checkup_result import CheckupResultScreen
from hiptui.tui.screens.dialogs import ChooseScreen, ConfirmScreen, PlanScreen, ResumeScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.guide import GuideScreen
from hiptui.tui.screens.help import HelpScreen
from hiptui.tui.screens.history import HistoryScreen
from hiptui.tui.screens.history_sets import SessionSetsScreen
from hiptui.tui.screens.problems import ProblemsScreen
from hiptui.tui.screens.session import SessionScreen
from hiptui.tui.screens.settings import SettingsScreen
from hiptui.tui.screens.summary import SummaryScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded
from tests.ui.test_checkup_screens import KEYS, answer_all

NORMAL = (100, 30)
SMALL = (40, 12)

Step = Callable[[Pilot[None], HiptuiApp], Awaitable[object]]
Check = Callable[[HiptuiApp, Screen[Any]], object]


@dataclass(frozen=True)
class Case:
    kind: type[Screen[Any]]
    open: Step
    key: str
    changed: Check  # true once ``key`` had its effect
    before: Callable[[], None] = lambda: None  # runs before the app starts


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def run(app: HiptuiApp, exercise_id: str = "fixture-curl") -> None:
    app.sessions.run_exercise(exercise_id, ask=False)


def highlighted(screen: Screen[object]) -> int | None:
    return screen.query_one(OptionList).highlighted


def log_a_session() -> None:
    with Database.open(paths.database_path()) as db:
        session = db.start_session("Fixture ball curl", {})
        for number in (1, 2):
            db.log_set(session, exercise_id="fixture-curl", exercise_name="Fixture ball curl",
                       set_number=number, side=None, reps=8)  # fmt: skip
        db.finish_session(session, "completed")


async def open_history(pilot: Pilot[None], app: HiptuiApp) -> None:
    log_a_session()
    await press(pilot, "h")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_summary(pilot: Pilot[None], app: HiptuiApp) -> None:
    await run(app)
    await pilot.pause()
    await press(pilot, "space", "f", "n", "space", "f", "n", "space", "f")


def leave_a_session_open() -> None:
    """Before the app starts: it offers to resume this session as it opens."""
    with Database.open(paths.database_path()) as db:
        db.start_session("Left open", {})


async def open_break(pilot: Pilot[None], app: HiptuiApp) -> None:
    snacks, _ = load_snacks(app.home.bundled_dir)
    app.push_screen(BreakScreen(pick_snack(snacks, 0)), lambda choice: None)
    await pilot.pause()


def gone(kind: type[Screen[Any]]) -> Check:
    return lambda app, _screen: not isinstance(app.screen, kind)


CASES = {
    "catalog": Case(CatalogScreen, lambda p, a: p.pause(), "j",
                    lambda a, s: highlighted(s) not in (None, 1)),
    "exercise": Case(ExerciseScreen, lambda p, a: press(p, "enter"), "u",
                     lambda a, s: a.units == "metric"),
    "guide": Case(GuideScreen, lambda p, a: press(p, "g"), "j",
                  lambda a, s: highlighted(s) not in (None, 0)),
    "help": Case(HelpScreen, lambda p, a: press(p, "question_mark"), "escape", gone(HelpScreen)),
    "problems": Case(ProblemsScreen, lambda p, a: press(p, "exclamation_mark"), "escape",
                     gone(ProblemsScreen)),
    "runner": Case(SessionScreen, lambda p, a: run(a), "space",
                   lambda a, s: s.machine.view.reps == 1),  # type: ignore[attr-defined]
    "confirm": Case(ConfirmScreen, lambda p, a: run(a), "n", gone(ConfirmScreen)),
    "summary": Case(SummaryScreen, open_summary, "escape", gone(SummaryScreen)),
    "plan": Case(PlanScreen, lambda p, a: press(p, "r"), "escape", gone(PlanScreen)),
    "routines": Case(ChooseScreen, lambda p, a: press(p, "w"), "escape", gone(ChooseScreen)),
    "resume": Case(ResumeScreen, lambda p, a: p.pause(), "escape", gone(ResumeScreen),
                   before=leave_a_session_open),
    "history": Case(HistoryScreen, open_history, "enter", gone(HistoryScreen)),
    "history-sets": Case(SessionSetsScreen, lambda p, a: open_history(p, a), "escape",
                         gone(SessionSetsScreen)),
    "settings": Case(SettingsScreen, lambda p, a: press(p, "comma"), "escape",
                     gone(SettingsScreen)),
    "checkup": Case(CheckupScreen, lambda p, a: press(p, "c"), "enter",
                    lambda a, s: s.step == 0),  # type: ignore[attr-defined]
    "checkup-result": Case(CheckupResultScreen, lambda p, a: answer_all(p, KEYS), "escape",
                           gone(CheckupResultScreen)),
    "break": Case(BreakScreen, open_break, "escape", gone(BreakScreen)),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
async def test_every_screen_survives_40x12_and_back(name: str) -> None:
    case = CASES[name]
    case.before()
    app = clocked_app(FakeClock(), "exercises", "hostile")  # hostile: some content problems
    async with app.run_test(size=NORMAL) as pilot:
        app.animation_level = "none"
        await loaded(pilot)
        await case.open(pilot, app)
        await pilot.pause()
        if name == "confirm":
            await press(pilot, "escape")  # the runner asks before ending
        if name == "history-sets":
            await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, case.kind), type(screen)
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert app.screen is screen and app.size == SMALL
        app.export_screenshot()  # the whole screen renders at 40x12
        await pilot.resize_terminal(*NORMAL)
        await pilot.pause()
        assert app.screen is screen and app.size == NORMAL
        assert not case.changed(app, screen)
        await press(pilot, case.key)
        assert case.changed(app, screen), f"{name}: {case.key} did nothing after the resize"
