"""History's progress pane for a loaded exercise: charts of the best set's load and the volume
load per session, the pain trend with its lights in words, and the reps in reserve."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.widgets import OptionList, Static
from textual_plotext import PlotextPlot

from hiptui import paths
from hiptui.store.db import Database
from tests.ui.test_history import history_app, open_history, text_of

# (day, load kg, [(reps, rir, pain)], next-morning pain)
SESSIONS = [
    (date(2024, 5, 6), 40.0, [(12, 2, 1), (12, 2, 1), (12, 1, 2)], None),
    (date(2024, 5, 9), 42.5, [(10, 2, 1), (9, 1, 4), (9, 0, 3)], 2),
    (date(2024, 5, 13), 42.5, [(11, 2, 0), (10, 1, 1), (10, 1, 1)], 6),
]


def build_loaded_history(path: Path) -> None:
    clock = {"now": datetime(2024, 5, 1, tzinfo=UTC)}

    def now() -> datetime:
        clock["now"] += timedelta(minutes=1)
        return clock["now"]

    with Database.open(path, now=now) as db:
        ids = []
        for day, _load, sets, _next in SESSIONS:
            clock["now"] = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            session = db.start_session("Thrusts", {"items": []})
            for number, (reps, _rir, _pain) in enumerate(sets, start=1):
                db.log_set(session, exercise_id="fixture-thrust", exercise_name="Fixture thrust",
                           set_number=number, side=None, reps=reps)  # fmt: skip
            db.finish_session(session, "completed")
            ids.append(session)
    # The load, RIR and pain columns written as another tool would (schema version 3).
    with sqlite3.connect(path) as raw:
        for session, (_day, load, sets, next_day) in zip(ids, SESSIONS, strict=True):
            raw.execute("UPDATE sessions SET pain_next_day = ? WHERE id = ?", (next_day, session))
            for number, (_reps, rir, pain) in enumerate(sets, start=1):
                raw.execute(
                    "UPDATE sets SET load_value = ?, load_unit = 'kg', rir = ?, pain = ? "
                    "WHERE session_id = ? AND set_number = ?",
                    (load, rir, pain, session, number),
                )


async def test_a_loaded_exercise_charts_load_and_volume_and_lists_pain_and_rir(
    tmp_path: Path,
) -> None:
    build_loaded_history(paths.database_path())
    app = history_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("tab")
        assert [o.id for o in screen.query_one("#exercises", OptionList).options] == [
            "fixture-thrust"
        ]
        await pilot.pause()
        labels = [text_of(s) for s in screen.query("#load-charts Static").results(Static)]
        assert labels == [
            "Best set's load per session (kg): 40 -> 42.5 (first -> latest)",
            # 40 x 36 = 1440; 42.5 x 28 = 1190; 42.5 x 31 = 1317.5
            "Volume load per session (kg x reps): 1440 -> 1317.5 (first -> latest)",
        ]
        plots = list(screen.query(PlotextPlot).results(PlotextPlot))
        assert len(plots) == 2
        drawn = str(plots[0].render())  # a real chart: values on the axis, dates under it
        assert "42.50┤" in drawn and "40.00┤" in drawn
        assert all(day in drawn for day in ("06 May", "09 May", "13 May"))
        pain = text_of(screen.query_one("#pain-trend", Static)).splitlines()
        assert pain == [
            "Pain and effort, latest sessions last",
            "Mon 06 May 2024  green  pain 2/10; RIR 2, 2, 1",
            "Thu 09 May 2024  amber (3-5)  pain 4/10; next morning 2/10; RIR 2, 1, 0",
            "Mon 13 May 2024  red (over 5)  pain 1/10; next morning 6/10; RIR 2, 1, 1",
        ]


async def test_a_body_weight_exercise_has_no_load_chart_nor_pain_trend(
    tmp_path: Path,
) -> None:
    from tests.ui.test_history import build_history

    build_history(paths.database_path())
    app = history_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert not screen.query("#load-charts PlotextPlot")
        assert not screen.query_one("#load-charts").display
        assert not screen.query_one("#pain-trend").display


def test_plotext_is_imported_only_when_a_load_chart_is_drawn() -> None:
    code = (
        "import sys, hiptui.tui.app, hiptui.tui.screens.history; "
        "print(sorted(m for m in sys.modules if 'plotext' in m))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
