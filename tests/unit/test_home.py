"""The home: content, settings and the database, each loaded or opened once, from any thread."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from hiptui import paths
from hiptui.content.library import Library
from hiptui.content.loader import load_library
from hiptui.home import Home
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from hiptui.store.settings import Settings, load_settings
from tests.faults import make_corrupt

FIXTURES = Path(__file__).parent.parent / "fixtures"
LADDERS = """
[[ladders]]
id = "fixture-ladder"
name = "Fixture ladder"
steps = ["fixture-bridge", "fixture-thrust"]
"""
ROUTINE = """
id = "fixture-routine"
name = "Fixture routine"
summary = "Two fixture exercises"
source = "fixture"

[[items]]
exercise = "fixture-bridge"
"""


def home_on(folders: list[Path], **options: Any) -> Home:
    return Home.for_user(content_dirs=folders, **options)


def in_threads(count: int, work: Callable[[], object]) -> list[object]:
    """``work`` in ``count`` threads started together; what each returned."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        results[index] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


# -- content ---------------------------------------------------------------------------------


def test_the_library_is_loaded_once_through_the_content_cache() -> None:
    home = home_on([FIXTURES / "exercises"])
    assert home.loaded_library() is None  # nothing is loaded before it is asked for
    first = home.library()
    assert sorted(first.exercises) == ["fixture-bridge", "fixture-curl", "fixture-thrust"]
    assert home.library() is first and home.loaded_library() is first
    assert paths.content_cache_path().is_file()
    assert first == load_library([FIXTURES / "exercises"])


def test_threads_asking_at_once_share_one_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import hiptui.content.cache as cache

    loads: list[int] = []
    real = cache.load_library_cached

    def counted(*args: Any, **kwargs: Any) -> Library:
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "load_library_cached", counted)
    home = home_on([FIXTURES / "exercises"])
    results = in_threads(6, home.library)
    assert loads == [1] and all(r is results[0] for r in results)


def test_a_load_started_early_is_the_one_used() -> None:
    home = home_on([FIXTURES / "exercises"])
    home.start_loading()
    library = home.library()
    assert len(library.exercises) == 3 and home.loaded_library() is library
    home.start_loading()  # loaded already: nothing starts again
    assert home.library() is library


def test_a_finished_preload_is_seen_without_waiting_and_a_failed_one_loads_again() -> None:
    folders = [FIXTURES / "exercises"]
    ready: Future[Library] = Future()
    ready.set_result(load_library(folders))
    user = Home.for_user(content_dirs=folders)
    home = Home(folders, settings_path=user.settings_path, database_path=user.database_path,
                bundled_dir=user.bundled_dir, preload=ready)  # fmt: skip
    assert home.loaded_library() is ready.result()

    failed: Future[Library] = Future()
    failed.set_exception(OSError("the cache could not be read"))
    again = Home(folders, settings_path=user.settings_path, database_path=user.database_path,
                 bundled_dir=user.bundled_dir, preload=failed)  # fmt: skip
    assert again.loaded_library() is None  # the app then loads it in a worker
    assert len(again.library().exercises) == 3


def test_routines_and_ladders_are_loaded_once_with_their_problems(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "exercises", content)
    (content / "progression").mkdir()
    (content / "progression" / "ladders.toml").write_text(LADDERS, encoding="utf-8")
    (content / "routines").mkdir()
    (content / "routines" / "fixture-routine.toml").write_text(ROUTINE, encoding="utf-8")
    (content / "routines" / "broken.toml").write_text("id = [", encoding="utf-8")
    home = home_on([content])
    routines, problems = home.routines()
    assert list(routines) == ["fixture-routine"]
    assert [Path(p.path).name for p in problems] == ["broken.toml"]
    assert home.routines()[0] is routines
    ladders, ladder_problems = home.ladders()
    assert ladder_problems == [] and ladders.next_steps("fixture-bridge")
    (content / "progression" / "ladders.toml").unlink()
    assert home.ladders()[0] is ladders  # kept, not read again


# -- settings --------------------------------------------------------------------------------


def test_settings_default_then_change_and_save() -> None:
    home = home_on([FIXTURES / "exercises"])
    assert home.settings == Settings() and home.settings_problems == []
    assert not home.settings_path.exists()  # reading never writes
    assert home.change_settings(units="metric", rest_seconds=90) is None
    assert home.settings == Settings(units="metric", rest_seconds=90)
    assert load_settings(home.settings_path) == (home.settings, [])


def test_a_settings_file_with_problems_is_kept_as_bak_on_the_first_save() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('units = "metrc"\nrest_seconds = 75\n', encoding="utf-8")
    home = home_on([FIXTURES / "exercises"])
    assert home.settings.rest_seconds == 75
    [problem] = home.settings_problems
    assert problem.line == 1 and "units" in problem.message
    assert home.change_settings(sound="off") is None
    assert home.settings_problems == []
    assert path.with_name("settings.toml.bak").read_text(encoding="utf-8").startswith("units")
    assert load_settings(path)[0] == Settings(rest_seconds=75, sound="off")


def test_a_settings_file_that_cannot_be_written_keeps_the_change_for_this_run() -> None:
    path = paths.settings_path()
    path.mkdir(parents=True)  # a folder where the file would go
    home = home_on([FIXTURES / "exercises"])
    error = home.change_settings(units="metric")
    assert isinstance(error, StoreError) and str(path) in str(error)
    assert home.settings.units == "metric"


# -- the database ----------------------------------------------------------------------------


def test_the_database_is_opened_once_for_every_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    real: Callable[..., Database] = Database.open.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Database], /, path: Path, **options: Any) -> Database:
        opened.append(path)
        return real(cls, path, **options)

    monkeypatch.setattr(Database, "open", classmethod(counted))
    home = home_on([FIXTURES / "exercises"])
    results = in_threads(6, home.database)
    assert opened == [paths.database_path()]
    assert all(r is results[0] for r in results)
    home.close()
    assert home.database() is not results[0]  # closing lets a later call open it again
    home.close()


def test_a_database_that_cannot_be_opened_is_an_error_each_time_until_it_can() -> None:
    path = paths.database_path()
    path.mkdir(parents=True)  # a folder where the file would go
    home = home_on([FIXTURES / "exercises"])
    for _ in range(2):
        with pytest.raises(StoreError, match="is a folder"):
            home.database()
    path.rmdir()
    assert home.database().sessions() == []
    home.close()


def test_the_notice_about_a_damaged_file_is_handed_out_once() -> None:
    make_corrupt(paths.database_path())
    home = home_on([FIXTURES / "exercises"])
    home.database()
    notice = home.take_database_notice()
    assert notice is not None and "damaged" in notice
    assert home.take_database_notice() is None
    home.close()


def test_a_read_only_connection_changes_nothing() -> None:
    home = home_on([FIXTURES / "exercises"])
    assert not home.has_history()
    with pytest.raises(StoreError):
        home.read_only_database(busy_timeout=0.1)
    assert not home.has_history()  # refused without creating the file
    home.database().log_break("taken")
    home.close()
    before = paths.database_path().stat().st_mtime_ns
    with home.read_only_database(busy_timeout=0.1) as db:
        assert [b.kind for b in db.breaks()] == ["taken"]
    assert paths.database_path().stat().st_mtime_ns == before


def test_importing_the_home_loads_nothing_heavy() -> None:
    script = "import sys, hiptui.home; print(' '.join(sorted(sys.modules)))"
    env = {**os.environ}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(result.stdout.split())
    heavy = {"textual", "rich", "hiptui.tui", "hiptui.content.loader", "hiptui.store.db"}
    assert not loaded & heavy
    assert not {m for m in loaded if m.startswith(("textual.", "rich.", "concurrent"))}


def cached_home(tmp_path: Path) -> tuple[list[Path], Path, Home]:
    """Folders of every kind, their content cache written (every file old), and a home."""
    from hiptui.content.cache import load_library_cached
    from tests.unit.cache_folders import LATER, make_folders

    folders = make_folders(tmp_path)
    cache = tmp_path / "cache.json"
    load_library_cached(folders, cache, now_ns=LATER)
    home = Home(
        folders,
        settings_path=tmp_path / "settings.toml",
        database_path=tmp_path / "db.sqlite3",
        bundled_dir=folders[0],
        cache_path=cache,
    )
    return folders, cache, home


def test_a_few_exercises_come_from_the_cache_index_without_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Home.exercises`` decodes only the exercises asked for when the cache still describes
    the folders; they equal the library's, and ids the library lacks are left out."""
    folders, _cache, home = cached_home(tmp_path)
    plain = load_library(folders)
    monkeypatch.setattr(Home, "_load_library", lambda self: pytest.fail("library loaded"))
    wanted = ["fixture-curl", "fixture-bridge", "no-such-exercise"]
    found = home.exercises(wanted)
    assert found == {i: plain.exercises[i] for i in wanted if i in plain.exercises}
    assert set(found) == {"fixture-curl", "fixture-bridge"}


def test_a_damaged_record_means_the_library_answers(tmp_path: Path) -> None:
    folders, cache, home = cached_home(tmp_path)
    data = bytearray(cache.read_bytes())
    data[-3] ^= 1  # inside the last record: its own checksum no longer matches
    cache.write_bytes(bytes(data))
    plain = load_library(folders)
    assert home.exercises(list(plain.exercises)) == plain.exercises
