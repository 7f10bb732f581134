"""The catalog's title says when a session is due today, and when today's is done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hiptui import paths
from hiptui.store.db import Database
from tests.ui.helpers import build_app, loaded, until

SIZE = (100, 30)
# Wednesday 5 June 2024, 10:00 UTC: the app's wall clock in these tests.
NOW = datetime(2024, 6, 5, 10, 0, tzinfo=UTC)


def plan_days(days: str) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"training_days = {days}\n", encoding="utf-8")


async def test_a_training_day_puts_the_session_due_in_the_title() -> None:
    plan_days('["mon", "wed"]')
    app = build_app(wall_now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "due today" in app.sub_title)
        assert app.sub_title == "session due today"
        assert not app.screen.sub_title  # the catalog shows the app's title


async def test_a_logged_strength_session_says_todays_is_done() -> None:
    plan_days('["wed"]')
    at = NOW - timedelta(hours=1)
    db = Database.open(paths.database_path(), now=lambda: at)
    session = db.start_session("Glute bridge", {})
    db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge", set_number=1,
               side=None, reps=10)  # fmt: skip
    db.finish_session(session, "completed")
    db.close()
    app = build_app(wall_now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "done" in app.sub_title)
        assert app.sub_title == "today's session done"


async def test_no_training_days_leave_the_title_as_it_was() -> None:
    app = build_app(wall_now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.sub_title == "hip-extension coach"
