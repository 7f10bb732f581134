"""The history screen on a fixture database (several weeks, both sides, a discomfort flag) and
on an empty one: Pilot tests and snapshots. "Today" and the time zone are fixed."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Sparkline, Static, TabbedContent

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.exercise import ExerciseScreen
from hiptui.tui.screens.help import HelpScreen
from hiptui.tui.screens.history import HistoryScreen
from hiptui.tui.screens.history_sets import SessionSetsScreen
from tests.ui.helpers import FIXTURES, build_app, loaded

TODAY = date(2024, 5, 22)  # a Wednesday
SIZE = (100, 30)
LADDERS = """\
[[ladders]]
id = "fixture"
name = "Fixture ladder"
steps = ["fixture-bridge", "fixture-thrust"]
"""


class Clock:
    """The wall clock the fixture database is written with: one minute per reading."""

    def __init__(self) -> None:
        self.moment = datetime(2024, 1, 1, tzinfo=UTC)

    def at(self, day: date) -> None:
        self.moment = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        current = self.moment
        self.moment += timedelta(minutes=1)
        return current


def bridge_plan(sets: int = 2) -> dict[str, Any]:
    item = {"exercise_id": "fixture-bridge", "name": "Fixture fixture-bridge", "sets": sets,
            "target_reps": [8, 12], "per_side": True}  # fmt: skip
    return {"version": 1, "name": "Bridges", "items": [item]}


def build_history(path: Path) -> None:
    """Four weeks: the bridge on both sides (the right side behind), thrusts, one discomfort
    flag, an ended-early session, two self-checks; the last two bridge sessions reach the top."""
    clock = Clock()
    bridge_reps = {
        date(2024, 4, 29): [(10, 6), (9, 6)],
        date(2024, 5, 2): [(11, 7), (10, 7)],
        date(2024, 5, 7): [(12, 10), (11, 10)],
        date(2024, 5, 13): [(12, 12), (12, 12)],
        date(2024, 5, 16): [(12, 12), (13, 12)],
    }
    with Database.open(path, now=clock) as db:
        for day, reps in bridge_reps.items():
            clock.at(day)
            sore = (day, 2, "right") if day == date(2024, 5, 7) else None
            session = db.start_session("Bridges", bridge_plan())
            for number, (left, right) in enumerate(reps, start=1):
                for side, count in (("left", left), ("right", right)):
                    db.log_set(session, exercise_id="fixture-bridge",
                               exercise_name="Fixture fixture-bridge", set_number=number,
                               side=side, reps=count, hold_seconds=2,
                               discomfort=(day, number, side) == sore)  # fmt: skip
            clock.moment += timedelta(minutes=15)
            db.finish_session(session, "completed")
        for day, status in ((date(2024, 5, 10), "completed"), (date(2024, 5, 20), "ended-early")):
            clock.at(day)
            session = db.start_session("Thrusts [bold]", {"items": []})
            for number in (1, 2) if status == "completed" else (1,):
                db.log_set(session, exercise_id="fixture-thrust", exercise_name="Fixture thrust",
                           set_number=number, side=None, reps=10)  # fmt: skip
            clock.moment += timedelta(minutes=20)
            db.finish_session(session, status)
        for day, hours, band in (
            (date(2024, 4, 28), 7.1, "high"),
            (date(2024, 5, 19), 5.43, "moderate"),
        ):
            clock.at(day)
            db.save_checkup({}, {"average_hours": hours, "band": band})


def history_app(tmp_path: Path) -> HiptuiApp:
    extra = tmp_path / "content"
    (extra / "progression").mkdir(parents=True)
    (extra / "progression" / "ladders.toml").write_text(LADDERS, encoding="utf-8")
    return build_app([FIXTURES / "exercises", extra])


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    pilot.app.animation_level = "none"
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HiptuiApp)
    screen = HistoryScreen(app.home, today=TODAY, tz=UTC)
    await pilot.app.push_screen(screen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.overview is not None
    return screen


def chart(spark: Sparkline) -> list[float]:
    """The values a fitted sparkline shows (each is repeated to fill its columns)."""
    return [value for value, _ in groupby(spark.data or [])]


def text_of(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


@pytest.fixture
def filled(tmp_path: Path) -> HiptuiApp:
    build_history(paths.database_path())
    return history_app(tmp_path)


async def test_sessions_by_date_with_sides_time_and_flags(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 7
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0] == "Mon 20 May 2024"  # newest first
        assert rows[0][1] == "Thrusts [bold]"  # a name is shown literally
        assert rows[0][6] == "ended early"
        may7 = next(row for row in rows if row[0] == "Tue 07 May 2024")
        assert may7[2:7] == ["2", "43", "23 / 20", "20 min", "⚠ 1"]
        await pilot.pause()
        assert gc.isenabled()  # paused while loading, back once the table is drawn
        summary = text_of(screen.query_one("#history-summary", Static))
        assert "1 of 2 strength days" in summary
        assert "Streak: 3 weeks" in summary
        assert "1 next step suggested" in summary


async def test_enter_opens_the_sets_of_a_session_and_escape_returns(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("j", "enter")  # the second newest: Thu 16 May
        sets_screen = pilot.app.screen
        assert isinstance(sets_screen, SessionSetsScreen)
        assert sets_screen.session.started_at.date() == date(2024, 5, 16)
        table = sets_screen.query_one("#session-sets", DataTable)
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [(c[1], c[2], c[3]) for c in cells] == [
            ("1", "left", "12"), ("1", "right", "12"), ("2", "left", "13"), ("2", "right", "12")
        ]  # fmt: skip
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HistoryScreen)


async def test_discomfort_shows_in_the_sets_of_its_session(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        index = next(
            i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == "Tue 07 May 2024"
        )
        table.move_cursor(row=index)
        await pilot.press("enter")
        sets_screen = pilot.app.screen
        assert isinstance(sets_screen, SessionSetsScreen)
        flagged = sets_screen.query_one("#session-sets", DataTable)
        marks = [
            (
                str(flagged.get_row_at(i)[1]),
                str(flagged.get_row_at(i)[2]),
                str(flagged.get_row_at(i)[6]),
            )
            for i in range(flagged.row_count)
        ]
        assert [m[:2] for m in marks if m[2]] == [("2", "right")]


async def test_progress_pane_charts_stats_asymmetry_and_next_step(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("tab")
        tabs = screen.query_one("#history-tabs", TabbedContent)
        assert tabs.active == "progress-pane"
        exercises = screen.query_one("#exercises", OptionList)
        assert screen.focused is exercises
        assert [o.id for o in exercises.options] == ["fixture-thrust", "fixture-bridge"]
        await pilot.press("j")
        assert chart(screen.query_one("#reps-spark", Sparkline)) == [31, 35, 43, 48, 49]
        assert chart(screen.query_one("#total-spark", Sparkline)) == [
            31,
            66,
            109,
            157,
            206,
        ]
        facts = text_of(screen.query_one("#progress-facts", Static))
        assert "Best set: 13 reps (left side) on Thu 16 May 2024" in facts
        assert "Best hold: 2 s" in facts
        assert "Left / right: 112 / 94 reps: the right side is 16% behind ⚠" in facts
        assert "Discomfort marked on 1 set" in facts
        assert "Next on the Fixture ladder: Fixture thrust." in facts
        await pilot.press("k")
        facts = text_of(screen.query_one("#progress-facts", Static))
        assert "Best set: 10 reps on" in facts and "Left / right" not in facts
        assert "Next step" not in facts


async def test_tab_cycles_panes_and_self_checks_over_time(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        tabs = screen.query_one("#history-tabs", TabbedContent)
        await pilot.press("tab", "tab")
        assert tabs.active == "checkups-pane"
        table = screen.query_one("#checkups", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Sun 28 Apr 2024", "7.10", "high"],
            ["Sun 19 May 2024", "5.43", "moderate"],
        ]
        assert chart(screen.query_one("#hours-spark", Sparkline)) == [7.1, 5.43]
        await pilot.press("tab")
        assert tabs.active == "breaks-pane"
        await pilot.press("tab")
        assert tabs.active == "sessions-pane"
        await pilot.press("shift+tab")
        assert tabs.active == "breaks-pane"


async def test_enter_on_an_exercise_opens_its_card_and_help_lists_keys(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        help_text = text_of(pilot.app.screen.query_one("#help-text", Static))
        for words in ("Back", "Open", "Next pane", "Quit"):
            assert words in help_text
        await pilot.press("escape", "tab", "enter")
        assert isinstance(pilot.app.screen, ExerciseScreen)
        assert pilot.app.screen.exercise.id == "fixture-thrust"


async def test_empty_history_shows_how_to_start(tmp_path: Path) -> None:
    app = history_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.action_history()  # the app's own way in, with the real date
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        message = screen.query_one("#history-empty", Static)
        assert message.display and not screen.query_one("#history-tabs").display
        assert "hiptui run glute-bridge" in text_of(message)
        assert "0 of 2 strength days" in text_of(screen.query_one("#history-summary", Static))
        assert not screen.check_action("next_pane", ())
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_q_quits_from_history(filled: HiptuiApp) -> None:
    async with filled.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not filled.is_running


def test_history_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    build_history(paths.database_path())

    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)

    assert snap_compare(history_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_history_progress_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    build_history(paths.database_path())

    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press("tab", "j")
        await pilot.pause()

    assert snap_compare(history_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_empty_history_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)

    assert snap_compare(history_app(tmp_path), terminal_size=SIZE, run_before=run_before)


async def test_a_database_that_cannot_be_opened_is_said_not_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("HIPTUI_DATA_DIR", str(blocker))
    app = history_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history_unloaded(pilot)
        assert "History unavailable" in text_of(screen.query_one("#history-summary", Static))
        assert screen.overview is None and gc.isenabled()
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def open_history_unloaded(pilot: Pilot[None]) -> HistoryScreen:
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HiptuiApp)
    screen = HistoryScreen(app.home, today=TODAY, tz=UTC)
    await pilot.app.push_screen(screen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_a_broken_ladders_file_is_reported_and_the_history_still_shows(
    tmp_path: Path,
) -> None:
    build_history(paths.database_path())
    app = history_app(tmp_path)
    ladders = tmp_path / "content" / "progression" / "ladders.toml"
    ladders.write_text(LADDERS.replace("fixture-thrust", "fixture-thrus"), encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(
            "ladders.toml:4: ladders[1].steps[2]: unknown exercise 'fixture-thrus'" in m
            for m in messages
        ), messages
        assert screen.query_one("#sessions", DataTable).row_count == 7
        assert screen.overview is not None
        # The broken ladder is left out: the bridge's next step is more reps, not a rung.
        kinds = [s.kind for s in screen.overview.suggestions_for("fixture-bridge")]
        assert kinds == ["reps"]


async def test_breaks_tab_counts_breaks_per_day() -> None:
    moments = iter(
        [datetime(2024, 5, 20, 9, 0, tzinfo=UTC), datetime(2024, 5, 20, 10, 0, tzinfo=UTC),
         datetime(2024, 5, 21, 9, 0, tzinfo=UTC)]
    )  # fmt: skip
    with Database.open(paths.database_path(), now=lambda: next(moments)) as db:
        db.log_break("taken")
        db.log_break("snoozed", 5)
        db.log_break("skipped")
    app = build_app([FIXTURES / "exercises"])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("h")
        screen = app.screen
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#history-tabs", TabbedContent).display
        table = screen.query_one("#breaks", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[1:] for row in rows] == [["0", "0", "1"], ["1", "1", "0"]]
