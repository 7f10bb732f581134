"""The morning after a session day the app asks once, in one line, how the worked area feels
(0-10); the answer is stored with that session, and answered or skipped it is not asked again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input

from hiptui import paths
from hiptui.store.db import Database
from hiptui.tui.screens.pain_next_day import PainNextDayScreen
from tests.ui.helpers import build_app, loaded, until

EVENING = datetime(2025, 3, 10, 18, 0, tzinfo=UTC)
NEXT_MORNING = datetime(2025, 3, 11, 8, 0, tzinfo=UTC)


def a_session(ended: datetime, *, with_set: bool = True) -> int:
    moments = iter([ended - timedelta(minutes=20), ended - timedelta(minutes=10), ended])
    with Database.open(paths.database_path(), now=lambda: next(moments)) as db:
        session = db.start_session("Hip day", {})
        if with_set:
            db.log_set(session, exercise_id="hip-thrust", exercise_name="Hip thrust",
                       set_number=1, side=None, reps=10)  # fmt: skip
        else:
            next(moments)
        db.finish_session(session, "completed")
        return session


def pain_of(session: int) -> int | None:
    with Database.open(paths.database_path(), read_only=True) as db:
        return db.session(session).pain_next_day


async def opened_at(now: datetime, *keys: str) -> bool:
    """Open the app at ``now``; press ``keys`` if the question comes. Whether it came."""
    app = build_app(wall_now=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        if not isinstance(app.screen, PainNextDayScreen):
            return False
        assert app.screen.query_one("#pain-value", Input).has_focus
        await pilot.press(*keys)
        await until(pilot, lambda: not isinstance(app.screen, PainNextDayScreen))
        return True


async def test_the_morning_after_it_asks_once_and_stores_the_answer() -> None:
    session = a_session(EVENING)
    assert not await opened_at(EVENING + timedelta(hours=1))  # the same evening: not yet
    assert await opened_at(NEXT_MORNING, "3", "enter")
    assert pain_of(session) == 3
    assert not await opened_at(NEXT_MORNING + timedelta(hours=2))  # once


async def test_skipped_it_is_not_asked_again_and_stays_empty() -> None:
    session = a_session(EVENING)
    assert await opened_at(NEXT_MORNING, "escape")
    assert pain_of(session) is None
    assert not await opened_at(NEXT_MORNING + timedelta(minutes=5))


async def test_a_value_out_of_range_keeps_the_question_open() -> None:
    session = a_session(EVENING)
    app = build_app(wall_now=lambda: NEXT_MORNING)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: isinstance(app.screen, PainNextDayScreen))
        await pilot.press("1", "2", "enter")
        assert isinstance(app.screen, PainNextDayScreen)
        error = str(app.screen.query_one("#pain-error").render())
        assert "pain: a whole number from 0 to 10" in error
        await pilot.press("backspace", "enter")
        await until(pilot, lambda: not isinstance(app.screen, PainNextDayScreen))
    assert pain_of(session) == 1


async def test_no_question_two_days_later_or_for_a_session_without_sets() -> None:
    a_session(EVENING)
    assert not await opened_at(NEXT_MORNING + timedelta(days=1))
    a_session(NEXT_MORNING + timedelta(days=1), with_set=False)
    assert not await opened_at(NEXT_MORNING + timedelta(days=2))
