"""The session service without a screen: a runner's events on disk, a lock held by another
connection, resuming, closing, and "last time"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui import sessions
from hiptui.core.session.completed_set import CompletedSet
from hiptui.core.session.events import SetCompleted
from hiptui.core.session.phase import Phase
from hiptui.sessions import KEY_WAIT, RETRY_SECONDS, SessionRecorder
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from tests.unit.test_session_support import FakeClock, counted, plan, reps_to

NOON = datetime(2024, 5, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "hiptui.sqlite3"


@pytest.fixture
def db(path: Path) -> Iterator[Database]:
    with Database.open(path, busy_timeout=0.3) as database:
        yield database


class Lock:
    """A second connection holding the write lock (``BEGIN IMMEDIATE``) until released."""

    def __init__(self, path: Path) -> None:
        self.connection: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.connection is not None:
            self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def on_disk(path: Path) -> list[tuple[int, int]]:
    """(set number, reps) of every saved set, read through another connection."""
    with Database.open(path, read_only=True) as reader:
        return [(s.set_number, s.reps) for s in reader.sets_for_exercise("bridge")]


def position(path: Path) -> dict[str, object] | None:
    with Database.open(path, read_only=True) as reader:
        unfinished = reader.unfinished_session()
    return None if unfinished is None else unfinished.state


def started(db: Database, clock: FakeClock, **options: object) -> sessions.Running:
    items = counted(sets=3, reps=(2, 2), **options)  # type: ignore[arg-type]
    return sessions.start_session(db, plan(items), clock=clock, start_side="left",
                                  wall=lambda: NOON)  # fmt: skip


def test_a_completed_set_is_committed_with_the_position_before_it_counts_as_saved(
    db: Database, path: Path
) -> None:
    clock = FakeClock()
    machine, recorder = started(db, clock)
    assert position(path) is None  # nothing completed yet: no position saved
    machine.rep()
    assert recorder.record(machine.rep()) is None
    assert on_disk(path) == [(1, 2)] and recorder.saved == 1 and not recorder.waiting
    state = position(path)
    assert state is not None
    completed = state["completed"]
    assert isinstance(completed, list) and [c["set_number"] for c in completed] == [1]


def test_a_lock_held_elsewhere_keeps_the_set_waiting_without_the_full_wait(
    db: Database, path: Path
) -> None:
    clock = FakeClock()
    machine, recorder = started(db, clock)
    with Lock(path) as lock:
        reps_to(machine, 1)
        error = recorder.record(machine.rep())
        assert isinstance(error, StoreError) and "locked by another program" in str(error)
        # The key press waited KEY_WAIT for the lock, not the connection's 0.3 s.
        assert f"waited {KEY_WAIT:g} s" in str(error)
        assert [s.set_number for s in recorder.pending] == [1]
        assert recorder.saved == 0 and recorder.waiting and on_disk(path) == []
        assert not recorder.retry_due()
        clock.advance(RETRY_SECONDS)
        assert recorder.retry_due()
        assert isinstance(recorder.retry(), StoreError)  # still locked: still waiting
        assert not recorder.retry_due()
        lock.release()
    clock.advance(RETRY_SECONDS)
    assert recorder.retry_due() and recorder.retry() is None
    assert on_disk(path) == [(1, 2)] and recorder.saved == 1 and not recorder.retry_due()
    assert position(path) is not None


def test_a_set_left_waiting_goes_out_before_the_next_one_in_order(db: Database, path: Path) -> None:
    machine, recorder = started(db, FakeClock())
    with Lock(path):
        reps_to(machine, 1)
        assert recorder.record(machine.rep()) is not None
    machine.skip_rest()
    reps_to(machine, 1)
    assert recorder.record(machine.rep()) is None
    assert on_disk(path) == [(1, 2), (2, 2)] and recorder.saved == 2


def test_closing_the_app_waits_the_full_timeout_and_keeps_the_session_open(
    db: Database, path: Path
) -> None:
    machine, recorder = started(db, FakeClock())
    reps_to(machine, 1)  # one rep of set 1: only in the position, not a set
    with Lock(path):
        error = recorder.save_progress()
        assert isinstance(error, StoreError) and "waited 0.3 s" in str(error)
    assert recorder.save_progress() is None
    state = position(path)
    assert state is not None and state["reps"] == 1 and on_disk(path) == []


def test_finishing_writes_what_waits_then_closes_the_session(db: Database, path: Path) -> None:
    clock = FakeClock()
    machine, recorder = started(db, clock)
    reps_to(machine, 1)
    with Lock(path):
        recorder.record(machine.rep())
        assert recorder.finish("ended-early") is not None
        assert not recorder.finished and position(path) is None  # not written, not closed
    clock.advance(RETRY_SECONDS)
    assert recorder.retry_due()
    assert recorder.finish("ended-early") is None and recorder.finished
    with Database.open(path, read_only=True) as reader:
        assert reader.unfinished_session() is None
        (session,) = reader.sessions()
    assert session.status == "ended-early" and [s.reps for s in session.sets] == [2]
    assert recorder.save_progress() is None  # a closed session is not reopened by a quit


def test_a_discomfort_flag_on_a_saved_set_changes_its_flag_only(db: Database, path: Path) -> None:
    machine, recorder = started(db, FakeClock())
    reps_to(machine, 1)
    recorder.record(machine.rep())  # set 1 done, resting
    with Database.open(path, read_only=True) as reader:
        [before] = reader.sets_for_exercise("bridge")
    assert recorder.record(machine.mark_discomfort()) is None
    with Database.open(path, read_only=True) as reader:
        [saved] = reader.sets_for_exercise("bridge")
    assert saved.discomfort and recorder.saved == 1  # the set is not saved a second time
    assert (saved.id, saved.completed_at, saved.reps) == (before.id, before.completed_at, 2)
    assert recorder.record(machine.mark_discomfort()) is None
    with Database.open(path, read_only=True) as reader:
        [cleared] = reader.sets_for_exercise("bridge")
    assert not cleared.discomfort


def test_a_flag_on_a_set_still_waiting_goes_out_with_it(db: Database, path: Path) -> None:
    machine, recorder = started(db, FakeClock())
    with Lock(path):
        reps_to(machine, 1)
        assert recorder.record(machine.rep()) is not None  # set 1 waits
        assert recorder.record(machine.mark_discomfort()) is not None
        assert [r.discomfort for r in recorder.pending] == [True] and not recorder.pending_flags
    assert recorder.retry() is None
    with Database.open(path, read_only=True) as reader:
        [saved] = reader.sets_for_exercise("bridge")
    assert saved.discomfort and recorder.saved == 1 and not recorder.waiting


def test_both_halves_of_a_per_side_set_count_as_one_set_saved(db: Database) -> None:
    items = counted(sets=2, reps=(1, 1), per_side=True, first_side="right")
    machine, recorder = sessions.start_session(db, plan(items), clock=FakeClock(),
                                               start_side=None, wall=lambda: NOON)  # fmt: skip
    recorder.record(machine.rep())  # the right half
    assert (recorder.saved, recorder.half_to_go()) == (1, "left")
    recorder.record(machine.skip_rest())
    recorder.record(machine.rep())  # the left half
    assert (recorder.saved, recorder.half_to_go()) == (1, None)
    assert machine.summary().total_sets == 1


def test_an_unfinished_session_resumes_where_it_stopped(db: Database, path: Path) -> None:
    clock = FakeClock()
    machine, recorder = started(db, clock)
    reps_to(machine, 1)
    recorder.record(machine.rep())
    machine.skip_rest()
    reps_to(machine, 1)
    recorder.save_progress()  # ctrl+q with one rep of set 2 counted
    record = sessions.unfinished_session(db)
    assert record is not None and sessions.can_resume(record)
    again, resumed = sessions.resume_session(db, record.id, clock=FakeClock(50.0))
    view = again.view
    assert (view.phase, view.set_number, view.reps) == (Phase.SET, 2, 1)
    assert resumed.saved == 1 and resumed.session_id == recorder.session_id
    assert resumed.record(again.rep()) is None
    assert on_disk(path) == [(1, 2), (2, 2)]


def test_a_session_closed_as_it_is_keeps_its_sets(db: Database, path: Path) -> None:
    machine, recorder = started(db, FakeClock())
    reps_to(machine, 1)
    recorder.record(machine.rep())
    sessions.close_unfinished(db, recorder.session_id)
    assert sessions.unfinished_session(db) is None
    assert on_disk(path) == [(1, 2)]


def test_a_saved_set_reads_back_as_the_set_the_machine_completed(db: Database) -> None:
    done = CompletedSet("bridge", "Bridge", 2, "left", 9, 3, None, True, 10.0, 40.0)
    session = db.start_session("One set", {})
    recorder = SessionRecorder(db, session, dict, clock=FakeClock(100.0), wall=lambda: NOON)
    assert recorder.record([SetCompleted(done)]) is None
    [record] = db.session(session).sets
    assert sessions.completed_from_record(record) == CompletedSet(
        "bridge", "Bridge", 2, "left", 9, 3, None, True, 0.0, 0.0
    )
    assert record.started_at == datetime(2024, 5, 22, 11, 58, 30, tzinfo=UTC)  # 90 s before


def test_last_time_names_the_latest_earlier_session(db: Database) -> None:
    clock = FakeClock()
    for reps in (3, 2):
        machine, recorder = started(db, clock)
        reps_to(machine, reps - 1)
        recorder.record(machine.rep())
        recorder.finish("ended-early")
    machine, recorder = started(db, clock)
    result = sessions.FinishedSession(machine.summary(), recorder.session_id)
    [text] = sessions.previous_times(db, result).values()
    assert text.endswith(": 1 sets, 2 reps")  # the second session, not the first
    assert sessions.last_time(db, "nothing-here", recorder.session_id) is None


def test_the_weaker_side_goes_first_when_asked(db: Database) -> None:
    items = counted("kick", sets=1, reps=(1, 20), per_side=True, first_side="right")
    last = db.start_session("Before", {})
    for side, reps in (("right", 12), ("left", 9)):  # the left did 25% less
        db.log_set(last, exercise_id="kick", exercise_name="Kick", set_number=1, side=side,
                   reps=reps)  # fmt: skip
    db.finish_session(last, "completed")
    assert sessions.weaker_sides(db, plan(items)) == {"kick": "left"}
    machine, _recorder = sessions.start_session(db, plan(items), clock=FakeClock(),
                                                start_side=None, weaker_first=True)  # fmt: skip
    assert machine.view.side == "left"
    steps, _recorder = sessions.start_session(db, plan(items), clock=FakeClock(),
                                              start_side=None)  # fmt: skip
    assert steps.view.side == "right"  # not asked: the side the steps work first


# -- easing back in after time off ---------------------------------------------------------


def test_a_plan_is_eased_for_exercises_back_after_two_weeks_off(path: Path) -> None:
    from hiptui.content.models import Dosage, Range
    from tests.unit.test_planning import exercise

    dosage = Dosage(sets=Range(2, 3), reps=Range(8, 12))
    exercises = {name: exercise(name, dosage) for name in ("bridge", "thrust", "curl")}
    for name, days in (("bridge", 15), ("thrust", 15), ("curl", 3)):
        when = NOON - timedelta(days=days)
        with Database.open(path, now=lambda when=when: when) as before:  # type: ignore[misc]
            session = before.start_session("Before", {})
            before.log_set(session, exercise_id=name, exercise_name=name, set_number=1,
                           side=None, reps=8)  # fmt: skip
    db = Database.open(path)
    usual = plan(
        counted("bridge", sets=3, reps=(8, 12)),
        counted("thrust", sets=1, reps=(12, 12)),  # a routine asking for less than the low end
        counted("curl", sets=3),
    )
    eased, reasons = sessions.eased_back_in(db, usual, exercises, NOON)
    assert [r.exercise_id for r in reasons] == ["bridge"]
    assert [(i.sets, i.target_reps) for i in eased.items] == [
        (2, Range(8, 8)), (1, Range(12, 12)), (3, Range(8, 12)),
    ]  # fmt: skip
    assert sessions.eased_back_in(db, usual, {}, NOON) == (usual, [])  # nothing known: as planned
    db.close()
