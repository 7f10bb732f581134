"""The app meets a broken history database: it says so in a notification, keeps running and loses
nothing that was on disk or completed in the session.

Simulations, since these tests run as root (file modes do not stop root):

* read-only: ``os.access`` in :mod:`hiptui.store.opening` answers "not writable" for the data
  folder, exactly what a ``chmod 500`` folder answers an ordinary user;
* disk full: ``Database.log_set`` raises the error the store gives for a real ``SQLITE_FULL``
  (built from a genuine one); test_store_db_faults fills a real database to its page limit.

The lock is real: another process holds ``BEGIN IMMEDIATE``; only the wait is shortened.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.widgets import Static

from hiptui import paths
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.schema import describe
from hiptui.tui.app import HiptuiApp
from hiptui.tui.screens.catalog import CatalogScreen
from hiptui.tui.screens.dialogs import ResumeScreen
from hiptui.tui.screens.session import SessionScreen
from hiptui.tui.screens.summary import SummaryScreen
from tests.faults import (
    GARBAGE,
    WriteLock,
    digest,
    folder_digest,
    make_corrupt,
    make_history,
    make_newer,
    saved_sets,
)
from tests.hostile import assert_terminal_safe
from tests.ui.helpers import FakeClock, clocked_app, loaded

SIZE = (100, 34)
EARLIER = [("Before the fault", "fixture-curl", 1, 11), ("Before the fault", "fixture-curl", 2, 12)]


def messages(app: HiptuiApp) -> list[str]:
    found = [f"{n.title}: {n.message}" for n in app._notifications]
    for text in found:
        assert_terminal_safe(text)
        assert "Traceback" not in text and not re.search(r"sqlite3\.\w*Error", text)
    return found


def runner(app: HiptuiApp) -> SessionScreen:
    assert isinstance(app.screen, SessionScreen), type(app.screen)
    return app.screen


def status(app: HiptuiApp) -> str:
    visual = runner(app).query_one("#runner-status", Static).visual
    assert isinstance(visual, Content)
    return visual.plain


@pytest.fixture
def quick_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait 0.2 s for a lock instead of 5 s, so a test does not sit through the real wait."""
    real_open: Callable[..., Database] = Database.open.__func__  # type: ignore[attr-defined]

    def open_quickly(cls: type[Database], /, path: Path, **options: Any) -> Database:
        options.setdefault("busy_timeout", 0.2)
        return real_open(cls, path, **options)

    monkeypatch.setattr(Database, "open", classmethod(open_quickly))


async def do_set(pilot: Any, reps: int) -> None:
    await pilot.press(*["space"] * reps, "f")


async def test_a_locked_database_blocks_the_start_then_sets_wait_in_memory(
    quick_lock_wait: None,
) -> None:
    path = paths.database_path()
    make_history(path)
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        with WriteLock(path) as lock:
            app.sessions.run_exercise("fixture-curl", ask=False)
            await pilot.pause()
            assert isinstance(app.screen, CatalogScreen)  # no session without its row
            assert any(
                m.startswith("Cannot start: ") and "locked by another program" in m
                for m in messages(app)
            )
            lock.release()
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        await do_set(pilot, 3)
        assert saved_sets(path)[2:] == [("Fixture ball curl", "fixture-curl", 1, 3)]
        with WriteLock(path) as lock:
            await pilot.press("n")  # skip the rest
            await do_set(pilot, 4)
            assert [s.set_number for s in runner(app).recorder.pending] == [2]
            assert "1 waiting to be saved" in status(app)
            assert any(
                m.startswith("Could not save: ") and "locked by another program" in m
                for m in messages(app)
            )
            lock.release()
        await pilot.press("n")
        await do_set(pilot, 5)  # writes the waiting set 2, then set 3
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    new = [("Fixture ball curl", "fixture-curl", n, r) for n, r in ((1, 3), (2, 4), (3, 5))]
    assert saved_sets(path) == EARLIER + new


async def test_a_read_only_data_folder_is_reported_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = paths.database_path()
    make_history(path)
    before = folder_digest(path.parent)
    real_access = os.access

    def read_only_folder(target: Any, mode: int, **kwargs: Any) -> bool:
        if Path(target) == path.parent and mode & os.W_OK:
            return False
        return real_access(target, mode, **kwargs)

    monkeypatch.setattr("hiptui.store.opening.os.access", read_only_folder)
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        found = [m for m in messages(app) if m.startswith("History unavailable: ")]
        assert found and all(f"{path}: cannot write: its folder is read-only" in m for m in found)
        await pilot.press("j")  # the catalog still answers
    assert folder_digest(path.parent) == before
    assert saved_sets(path) == EARLIER


async def test_a_full_disk_keeps_the_set_in_memory_until_there_is_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = paths.database_path()
    make_history(path)
    scratch = sqlite3.connect(":memory:")
    scratch.execute("CREATE TABLE t (x BLOB)")
    scratch.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as real_full:
        scratch.execute("INSERT INTO t VALUES (zeroblob(100000))")
    full = StoreError(str(path), describe(real_full.value, 5.0))
    disk_full = [False]
    real_log_set = Database.log_set

    def log_set(self: Database, session_id: int, **values: Any) -> int:
        if disk_full[0]:
            raise full
        return real_log_set(self, session_id, **values)

    monkeypatch.setattr(Database, "log_set", log_set)
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        await do_set(pilot, 3)
        disk_full[0] = True
        await pilot.press("n")
        await do_set(pilot, 4)
        await pilot.press("n")
        await do_set(pilot, 6)  # the last set: the session is over, two sets are not saved
        assert "2 waiting to be saved" in status(app)  # the runner stays rather than lose them
        assert any("the disk is full: nothing more can be saved" in m for m in messages(app))
        assert any("2 sets not saved yet; trying again every 5 s" in m for m in messages(app))
        await pilot.press("escape")  # tries again at once: still full
        clock.advance(4.9)
        runner(app).tick()
        assert "2 waiting to be saved" in status(app)
        assert len(saved_sets(path)) == 3
        disk_full[0] = False
        clock.advance(0.1)  # the retry is due
        runner(app).tick()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert [s[2:] for s in saved_sets(path)] == [(1, 11), (2, 12), (1, 3), (2, 4), (3, 6)]
    with Database.open(path, read_only=True) as db:
        assert db.unfinished_session() is None  # closed as completed once it could be


async def test_a_damaged_database_is_kept_aside_and_a_new_one_used() -> None:
    path = paths.database_path()
    make_corrupt(path)
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        warning = [m for m in messages(app) if m.startswith("Database: ")]
        assert len(warning) == 1 and "the history database was damaged" in warning[0]
        asides = sorted(path.parent.glob("hiptui.sqlite3.corrupt-*"))
        assert [p.read_bytes() for p in asides] == [GARBAGE]
        assert asides[0].name in warning[0]
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        await do_set(pilot, 2)
    assert saved_sets(path) == [("Fixture ball curl", "fixture-curl", 1, 2)]
    assert asides[0].read_bytes() == GARBAGE


async def test_a_database_from_a_newer_hiptui_is_refused_untouched() -> None:
    path = paths.database_path()
    make_history(path)
    make_newer(path)
    before = folder_digest(path.parent)
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        app.sessions.run_exercise("fixture-curl", ask=False)
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        refused = [m for m in messages(app) if m.startswith("History unavailable: ")]
        assert refused and all("was written by a newer hiptui" in m for m in refused)
        assert "The file was not changed." in refused[0]
    assert folder_digest(path.parent) == before
    assert digest(path) == before[path.name]


async def test_an_unfinished_session_survives_a_lock_at_start(quick_lock_wait: None) -> None:
    """The resume offer reads while another process writes: WAL lets it, nothing is lost."""
    path = paths.database_path()
    with Database.open(path) as db:
        session = db.start_session("Left open", {})
        db.log_set(session, exercise_id="fixture-curl", exercise_name="Fixture ball curl",
                   set_number=1, side=None, reps=7)  # fmt: skip
    with WriteLock(path):
        app = clocked_app(FakeClock())
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, ResumeScreen)
            await pilot.press("c")  # close it: needs the lock, which is held
            await pilot.pause()
            assert any("locked by another program" in m for m in messages(app))
    with Database.open(path, read_only=True) as db:
        left = db.unfinished_session()
        assert left is not None and [s.reps for s in left.sets] == [7]
