"""The stored sitting timeline (schema version 2): the migration from a database the previous
hiptui made, days seen, times away, pauses, and notifications claimed once."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui.store.db import Database
from hiptui.store.export import export_json
from hiptui.store.schema import SCHEMA_VERSION
from tests.conftest import FIXTURES

# Made by the code of main at d727fb0 (schema version 1): two sessions (one completed on
# 2025-03-10 08:14-08:35, one abandoned), three sets, a self-check and four breaks.
V1 = FIXTURES / "history-v1.sqlite3"
DAY = datetime(2025, 3, 10, 4, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 11, 9, 0, tzinfo=UTC))


@pytest.fixture
def db(tmp_path: Path, clock: Clock) -> Iterator[Database]:
    database = Database.open(tmp_path / "hiptui.sqlite3", now=clock)
    yield database
    database.close()


def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old" / "hiptui.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(V1, target)
    return target


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "sets", "checkups", "breaks")
        }


# -- the migration ------------------------------------------------------------------------------


def test_the_fixture_is_a_version_1_database() -> None:
    with sqlite3.connect(f"{V1.as_uri()}?mode=ro&immutable=1", uri=True) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "timeline" not in tables and "breaks" in tables


def test_opening_a_version_1_database_upgrades_it_and_keeps_every_record(
    tmp_path: Path,
) -> None:
    path = v1_copy(tmp_path)
    before = counts(path)
    assert before == {"sessions": 2, "sets": 3, "checkups": 1, "breaks": 4}
    with Database.open(path, read_only=True) as old:
        exported_before = export_json(old)
    with Database.open(path) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert export_json(db) == exported_before  # nothing changed, nothing new exported
        assert db.session(1).sets[1].note == "felt it"
        assert [b.kind for b in db.breaks()] == ["taken", "snoozed", "skipped", "taken"]
        day = db.break_clock(DAY)
        assert day.seen is None and day.away is None and day.pause is None
        assert day.movement == (  # the completed session, read from sessions
            datetime(2025, 3, 10, 8, 14, tzinfo=UTC),
            datetime(2025, 3, 10, 8, 35, tzinfo=UTC),
        )
        db.timeline.mark_seen(DAY, DAY + timedelta(hours=5))
    assert counts(path) == before


def test_a_version_1_database_reads_without_being_upgraded(tmp_path: Path) -> None:
    """`hiptui status` right after an upgrade: the breaks and sessions read, the timeline is
    empty, and the file is not changed."""
    path = v1_copy(tmp_path)
    before = path.read_bytes()
    with Database.open(path, read_only=True) as db:
        assert db.schema_version == 1
        assert not db.timeline.available
        day = db.break_clock(DAY)
        assert day.seen is None and day.movement is not None
        assert day.latest is not None and day.latest[1] == "taken"
        assert day.reminder_minutes == 30
        assert db.timeline.open_away() is None
        assert db.last_break() is not None
    assert path.read_bytes() == before


# -- days seen ----------------------------------------------------------------------------------


def test_the_first_sighting_of_a_day_is_kept(db: Database, clock: Clock) -> None:
    today = datetime(2025, 3, 11, 4, 0, tzinfo=UTC)
    assert db.timeline.mark_seen(today) == clock.now
    clock.advance(hours=2)
    assert db.timeline.mark_seen(today) == datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
    assert db.break_clock(today).seen == datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
    tomorrow = today + timedelta(days=1)
    assert db.break_clock(tomorrow).seen is None
    clock.advance(days=1)
    assert db.timeline.mark_seen(tomorrow) == clock.now


def test_a_sighting_is_never_before_the_day_it_is_for(db: Database) -> None:
    today = datetime(2025, 3, 11, 4, 0, tzinfo=UTC)
    assert db.timeline.mark_seen(today, today - timedelta(hours=3)) == today


def test_old_reminder_claims_are_dropped_when_a_day_is_first_seen(
    db: Database, clock: Clock
) -> None:
    old = clock.now - timedelta(days=8)
    assert db.timeline.claim_reminder(old)
    assert db.timeline.claim_reminder(clock.now - timedelta(days=2))
    db.timeline.mark_seen(datetime(2025, 3, 11, 4, 0, tzinfo=UTC))
    assert db.timeline.claim_reminder(old)  # forgotten, so claimable again
    assert not db.timeline.claim_reminder(clock.now - timedelta(days=2))


# -- away, pauses, claims -----------------------------------------------------------------------


def test_an_absence_is_stored_updated_and_closed(db: Database, clock: Clock) -> None:
    start = clock.now - timedelta(minutes=6)
    row = db.timeline.save_away(start, clock.now, still_away=True, source="idle:mutter")
    going_on = db.timeline.open_away()
    assert going_on is not None and going_on.id == row and going_on.open
    clock.advance(minutes=1)
    assert (
        db.timeline.save_away(start, clock.now, still_away=True, source="idle:mutter", row_id=row)
        == row
    )
    db.timeline.close_away(row)
    assert db.timeline.open_away() is None
    assert db.break_clock(clock.now.replace(hour=4)).away == (start, clock.now, False)
    with pytest.raises(ValueError, match="before it starts"):
        db.timeline.save_away(clock.now, start, still_away=False, source="suspend")


def test_the_latest_absence_of_the_day_is_the_one_that_ended_last(
    db: Database, clock: Clock
) -> None:
    morning = clock.now.replace(hour=4)
    db.timeline.save_away(clock.now, clock.now + timedelta(minutes=30), still_away=False,
                          source="suspend")  # fmt: skip
    db.timeline.save_away(clock.now - timedelta(hours=1), clock.now - timedelta(minutes=50),
                          still_away=False, source="idle:mutter")  # fmt: skip
    away = db.break_clock(morning).away
    assert away is not None and away[1] == clock.now + timedelta(minutes=30)
    assert db.break_clock(morning + timedelta(days=1)).away is None


def test_a_pause_runs_is_extended_and_ends_early(db: Database, clock: Clock) -> None:
    morning = clock.now.replace(hour=4)
    first = db.timeline.pause(clock.now + timedelta(minutes=60))
    clock.advance(minutes=10)
    longer = db.timeline.pause(clock.now + timedelta(minutes=90))
    assert longer.id == first.id and longer.start == first.start
    pause = db.break_clock(morning).pause
    assert pause == (first.start, clock.now + timedelta(minutes=90))
    clock.advance(minutes=5)
    ended = db.timeline.resume()
    assert ended is not None and ended.id == first.id
    assert db.break_clock(morning).pause == (first.start, clock.now)
    assert db.timeline.resume() is None  # nothing running any more
    with pytest.raises(ValueError, match="future"):
        db.timeline.pause(clock.now)


def test_a_deadline_is_claimed_once_across_connections(db: Database, tmp_path: Path) -> None:
    deadline = datetime(2025, 3, 11, 9, 45, tzinfo=UTC)
    with Database.open(tmp_path / "hiptui.sqlite3") as other:
        assert db.timeline.claim_reminder(deadline)
        assert not other.timeline.claim_reminder(deadline)
        assert other.timeline.claim_reminder(deadline + timedelta(minutes=5))
    assert not db.timeline.claim_reminder(deadline)


def test_only_completed_sessions_are_movement(db: Database, clock: Clock) -> None:
    morning = clock.now.replace(hour=4)
    done = db.start_session("Desk break", {}, "desk-break")
    clock.advance(minutes=8)
    db.finish_session(done, "completed")
    clock.advance(minutes=20)
    later = db.start_session("Closed from the resume offer", {})
    clock.advance(minutes=1)
    db.finish_session(later, "ended-early")
    assert db.break_clock(morning).movement == (
        datetime(2025, 3, 11, 9, 0, tzinfo=UTC),
        datetime(2025, 3, 11, 9, 8, tzinfo=UTC),
    )
