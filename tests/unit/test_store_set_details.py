"""A set's load, reps in reserve and pain, and a session's next-morning pain, written: as part
of the set, as an update of the set already saved, through the session service (kept and
retried like a set when the database is locked), and the load step settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui import sessions
from hiptui.content.load import Load
from hiptui.core.session.completed_set import SetKey
from hiptui.core.session.events import Event, SetCompleted
from hiptui.sessions import RETRY_SECONDS
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.records import SetDetails
from hiptui.store.settings import Settings, load_settings, save_settings
from tests.conftest import FIXTURES
from tests.unit.test_session_support import FakeClock, counted, plan, reps_to
from tests.unit.test_sessions import Lock

START = datetime(2025, 6, 2, 7, 0, tzinfo=UTC)
KG40 = Load(40.0, "kg")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=30)
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "hiptui.sqlite3"


@pytest.fixture
def db(path: Path) -> Iterator[Database]:
    with Database.open(path, now=Clock(), busy_timeout=0.3) as database:
        yield database


def thrust(db: Database, session: int, number: int, **extra: object) -> int:
    return db.log_set(session, exercise_id="hip-thrust", exercise_name="Hip thrust",
                      set_number=number, side=None, reps=10, **extra)  # type: ignore[arg-type]  # fmt: skip


def test_details_logged_with_the_set_read_back(db: Database) -> None:
    session = db.start_session("S", {})
    thrust(db, session, 1, details=SetDetails(KG40, 2, 1))
    thrust(db, session, 2)
    first, second = db.session(session).sets
    assert (first.load, first.rir, first.pain) == (KG40, 2, 1)
    assert (second.load, second.rir, second.pain) == (None, None, None)


def test_logging_a_set_again_without_details_keeps_them(db: Database) -> None:
    session = db.start_session("S", {})
    thrust(db, session, 1, details=SetDetails(Load(95.0, "lb"), 0, 4))
    thrust(db, session, 1)  # the same set saved again (a retry, a resume)
    (only,) = db.session(session).sets
    assert (only.load, only.rir, only.pain) == (Load(95.0, "lb"), 0, 4)
    thrust(db, session, 1, details=SetDetails(Load(2, "band"), None, None))
    (only,) = db.session(session).sets
    assert (only.load, only.rir, only.pain) == (Load(2.0, "band"), 0, 4)


def test_details_update_the_set_already_saved_and_nothing_else(db: Database) -> None:
    session = db.start_session("S", {})
    thrust(db, session, 1, note="good")
    before = db.session(session).sets[0]
    db.set_details(session, exercise_id="hip-thrust", set_number=1, side=None,
                   details=SetDetails(KG40, 3, 2))  # fmt: skip
    after = db.session(session).sets[0]
    assert (after.load, after.rir, after.pain) == (KG40, 3, 2)
    assert after.completed_at == before.completed_at and after.note == "good"
    db.set_details(session, exercise_id="hip-thrust", set_number=1, side=None,
                   details=SetDetails(None, 3, None))  # fmt: skip
    cleared = db.session(session).sets[0]
    assert (cleared.load, cleared.rir, cleared.pain) == (None, 3, None)
    with pytest.raises(KeyError):
        db.set_details(session, exercise_id="hip-thrust", set_number=2, side=None,
                       details=SetDetails(KG40))  # fmt: skip


def test_each_side_of_a_per_side_set_has_its_own_details(db: Database) -> None:
    session = db.start_session("S", {})
    for side in ("left", "right"):
        db.log_set(session, exercise_id="split-squat", exercise_name="Split squat",
                   set_number=1, side=side, reps=8)  # fmt: skip
    db.set_details(session, exercise_id="split-squat", set_number=1, side="right",
                   details=SetDetails(Load(12.5, "kg"), 1, 5))  # fmt: skip
    left, right = db.session(session).sets
    assert left.load is None and right.load == Load(12.5, "kg") and right.pain == 5


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (SetDetails(Load(-1.0, "kg")), "load must be a number from 0 to 10000"),
        (SetDetails(Load(float("nan"), "kg")), "load must be a number"),
        (SetDetails(Load(10.0, "stone")), "load unit must be kg, lb or band"),  # type: ignore[arg-type]
        (SetDetails(None, 6), "rir must be a whole number from 0 to 5"),
        (SetDetails(None, None, 11), "pain must be a whole number from 0 to 10"),
        (SetDetails(None, True), "rir must be a whole number"),
    ],
)
def test_details_out_of_range_are_refused_before_anything_is_written(
    db: Database, details: SetDetails, message: str
) -> None:
    session = db.start_session("S", {})
    with pytest.raises(ValueError, match=message):
        thrust(db, session, 1, details=details)
    assert db.session(session).sets == ()
    thrust(db, session, 1)
    with pytest.raises(ValueError, match=message):
        db.set_details(session, exercise_id="hip-thrust", set_number=1, side=None,
                       details=details)  # fmt: skip
    assert db.session(session).sets[0].load is None


def test_next_morning_pain_is_stored_with_its_session(db: Database) -> None:
    session = db.start_session("S", {})
    db.finish_session(session, "completed")
    assert db.session(session).pain_next_day is None
    db.set_pain_next_day(session, 3)
    assert db.session(session).pain_next_day == 3
    assert db.sessions()[0].pain_next_day == 3
    db.set_pain_next_day(session, None)
    assert db.session(session).pain_next_day is None
    with pytest.raises(ValueError, match="pain must be a whole number from 0 to 10"):
        db.set_pain_next_day(session, 11)
    with pytest.raises(KeyError):
        db.set_pain_next_day(session + 1, 2)


def test_the_last_details_of_an_exercise_are_the_newest_logged(db: Database) -> None:
    assert db.last_details("hip-thrust") is None
    first = db.start_session("S", {})
    thrust(db, first, 1, details=SetDetails(KG40, 2, 0))
    thrust(db, first, 2, details=SetDetails(Load(42.5, "kg"), 1, 1))
    second = db.start_session("T", {})
    thrust(db, second, 1)  # no details: not what the next set starts from
    found = db.last_details("hip-thrust")
    assert found is not None and (found.load, found.rir, found.pain) == (Load(42.5, "kg"), 1, 1)
    assert db.last_details("glute-bridge") is None


def test_a_version_2_database_read_without_upgrading_has_no_last_details(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "history-v2.sqlite3", path)
    with Database.open(path, read_only=True) as old:
        assert old.schema_version == 2 and old.last_details("glute-bridge") is None


# -- through the session service -----------------------------------------------------------


def started(db: Database, clock: FakeClock) -> sessions.Running:
    items = counted(sets=2, reps=(2, 2))
    return sessions.start_session(db, plan(items), clock=clock, start_side="left")


def completed_key(events: list[Event]) -> SetKey:
    (key,) = [event.record.key for event in events if isinstance(event, SetCompleted)]
    return key


def test_the_recorder_writes_a_completed_sets_details(db: Database) -> None:
    machine, recorder = started(db, FakeClock())
    reps_to(machine, 1)
    events = machine.rep()
    assert recorder.record(events) is None
    key = completed_key(events)
    assert recorder.record_details(key, SetDetails(KG40, 2, 1)) is None
    assert not recorder.waiting
    (saved,) = db.session(recorder.session_id).sets
    assert (saved.load, saved.rir, saved.pain) == (KG40, 2, 1)
    with pytest.raises(ValueError, match="pain"):
        recorder.record_details(key, SetDetails(None, None, 12))
    assert not recorder.waiting


def test_details_logged_while_another_program_holds_the_lock_are_retried(
    db: Database, path: Path
) -> None:
    clock = FakeClock()
    machine, recorder = started(db, clock)
    reps_to(machine, 1)
    events = machine.rep()
    assert recorder.record(events) is None
    key = completed_key(events)
    with Lock(path):
        error = recorder.record_details(key, SetDetails(KG40, 1, 0))
        assert isinstance(error, StoreError) and recorder.waiting
        assert recorder.pending_details == {key: SetDetails(KG40, 1, 0)}
    clock.advance(RETRY_SECONDS)
    assert recorder.retry_due() and recorder.retry() is None
    assert not recorder.waiting
    assert db.session(recorder.session_id).sets[0].load == KG40


# -- the load step settings ------------------------------------------------------------------


def test_load_steps_default_and_load_from_settings(tmp_path: Path) -> None:
    assert (Settings().load_step_kg, Settings().load_step_lb) == (2.5, 5.0)
    target = tmp_path / "settings.toml"
    target.write_text("load_step_kg = 1.25\nload_step_lb = 10\n", encoding="utf-8")
    loaded, problems = load_settings(target)
    assert problems == []
    assert (loaded.load_step_kg, loaded.load_step_lb) == (1.25, 10.0)
    save_settings(target, loaded, had_problems=False)
    assert load_settings(target) == (loaded, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "load_step_kg = 0",
            "load_step_kg: 0 is out of range (0.25 to 50 kg); using the default (2.5)",
        ),
        ("load_step_kg = nan", "load_step_kg: nan is out of range (0.25 to 50 kg)"),
        ('load_step_lb = "5"', "load_step_lb: expected a number of lb from 0.5 to 100, got '5'"),
        ("load_step_lb = true", "load_step_lb: expected a number of lb from 0.5 to 100, got true"),
        ("load_step_lb = 250", "load_step_lb: 250 is out of range (0.5 to 100 lb)"),
    ],
)
def test_a_load_step_that_cannot_be_used_is_reported_with_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    target = tmp_path / "settings.toml"
    target.write_text(f'theme = "nord"\n{text}\n', encoding="utf-8")
    loaded, problems = load_settings(target)
    assert loaded == Settings(theme="nord")
    assert [(problem.line, problem.message[: len(message)]) for problem in problems] == [
        (2, message)
    ]
    assert str(problems[0]).startswith(f"{target}:2: ")


def test_the_next_morning_question_is_for_the_newest_session_ended_in_the_window(
    db: Database, tmp_path: Path
) -> None:
    first = db.start_session("First", {})
    thrust(db, first, 1)
    db.finish_session(first, "completed")
    empty = db.start_session("Nothing done", {})
    db.finish_session(empty, "ended-early")
    since, before = START, START + timedelta(days=1)
    found = db.pain_question(since, before)
    assert found is not None and found.id == first  # the newer one has no set
    assert db.pain_question(before, before + timedelta(days=1)) is None
    db.answer_pain_question(first, None)  # skipped: asked, nothing stored
    assert db.pain_question(since, before) is None and db.session(first).pain_next_day is None
    second = db.start_session("Second", {})
    thrust(db, second, 1)
    db.finish_session(second, "completed")
    db.answer_pain_question(second, 4)
    assert db.session(second).pain_next_day == 4 and db.pain_question(since, before) is None
    with pytest.raises(ValueError, match="pain"):
        db.answer_pain_question(second, 11)
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "history-v2.sqlite3", path)
    with Database.open(path, read_only=True) as old:
        assert old.pain_question(START - timedelta(days=3650), START) is None
