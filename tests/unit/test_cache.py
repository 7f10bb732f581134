"""The exercise cache gives exactly what the loader gives, and notices every change."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import hiptui.content.cache as cache_module
from hiptui.content import loader
from hiptui.content.cache import RACY_NS, load_library_cached
from hiptui.content.loader import Library, load_library
from hiptui.content.models import Exercise, Problem

FIXTURES = Path(__file__).parent.parent / "fixtures"
# A wall clock far past every file's modification time, so no file counts as just written.
LATER: Callable[[], int] = lambda: 2**62  # noqa: E731
OLD_NS = 1_600_000_000 * 10**9


def age(folder: Path) -> None:
    """Give every file an old modification time, as files a user has had for a while."""
    for path in folder.rglob("*"):
        os.utime(path, ns=(OLD_NS, OLD_NS))


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    """Good files, broken files (with a duplicate id), an override and odd entries."""
    good = shutil.copytree(FIXTURES / "exercises", tmp_path / "good")
    broken = shutil.copytree(FIXTURES / "broken", tmp_path / "broken")
    override = tmp_path / "override"
    override.mkdir()
    shutil.copy(good / "fixture-bridge.toml", override / "bridge-again.toml")
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    (override / "folder.toml").mkdir()
    for folder in (good, broken, override):
        age(folder)
    return [good, tmp_path / "missing", broken, override, tmp_path / "not-a-folder"]


def read_document(cache: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cache file's header and its files."""
    header, _, payload = cache.read_bytes().partition(b"\n")
    head = json.loads(header)
    assert head["crc32"] == zlib.crc32(payload)
    return head, json.loads(payload)


def write_document(cache: Path, head: dict[str, Any], files: dict[str, Any]) -> None:
    """A cache file with these files and a matching checksum."""
    payload = json.dumps(files).encode("utf-8")
    head = {**head, "crc32": zlib.crc32(payload)}
    cache.write_bytes(json.dumps(head).encode("utf-8") + b"\n" + payload)


def assert_same(cached: Library, plain: Library) -> None:
    assert cached == plain
    assert list(cached.exercises) == list(plain.exercises)
    assert {k: e.path for k, e in cached.exercises.items()} == {
        k: e.path for k, e in plain.exercises.items()
    }


class CountingLoader:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[Path] = []
        real = loader.load_exercise_file  # what the cache calls, counted below

        def counting(path: Path) -> Exercise | list[Problem]:
            self.paths.append(path)
            return real(path)

        monkeypatch.setattr(cache_module, "load_exercise_file", counting)


def test_cold_and_warm_loads_equal_the_loader(folders: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "library.json"
    plain = load_library(folders)
    assert plain.problems and plain.replaced and plain.exercises  # the fixture covers all three
    assert_same(load_library_cached(folders, cache, now_ns=LATER), plain)
    assert cache.exists()
    assert_same(load_library_cached(folders, cache, now_ns=LATER), plain)


def test_warm_load_parses_no_toml(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    written = cache.stat().st_mtime_ns
    counter = CountingLoader(monkeypatch)
    monkeypatch.setattr("tomllib.loads", lambda *a, **k: pytest.fail("TOML was parsed"))
    result = load_library_cached(folders, cache, now_ns=LATER)
    assert counter.paths == []
    assert result.exercises and result.problems
    assert cache.stat().st_mtime_ns == written  # nothing changed, nothing rewritten


@pytest.mark.parametrize("change", ["touch", "edit", "add", "delete", "break"])
def test_any_change_is_noticed(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    good = folders[0]
    target = good / "fixture-curl.toml"
    if change == "touch":
        os.utime(target, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    elif change == "edit":
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('name = "', 'name = "Edited '), encoding="utf-8")
    elif change == "add":
        shutil.copy(target, good / "zz-new.toml")
        new = (good / "zz-new.toml").read_text(encoding="utf-8")
        (good / "zz-new.toml").write_text(new.replace("fixture-curl", "zz-new"), encoding="utf-8")
    elif change == "delete":
        target.unlink()
    else:
        target.write_text("id = ", encoding="utf-8")
    counter = CountingLoader(monkeypatch)
    cached = load_library_cached(folders, cache, now_ns=LATER)
    assert_same(cached, load_library(folders))
    expected = {"add": {"zz-new.toml"}, "delete": set()}.get(change, {target.name})
    assert {p.name for p in counter.paths} == expected
    # And the rewritten cache serves the next load without parsing.
    counter.paths.clear()
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    assert counter.paths == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff garbage",
        b"[]",
        b'{"key": "someone else", "files": {}}',
        b"",
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten(
    folders: list[Path], tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "library.json"
    cache.write_bytes(content)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    head, files = read_document(cache)
    assert head["key"] == cache_module.loader_fingerprint() and files


def test_a_damaged_payload_is_not_read(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A payload that no longer matches its checksum is not trusted, even when it is still
    valid JSON: every file is loaded again."""
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    data = cache.read_bytes()
    # Change one digit of a modification time: still JSON, but not what was written.
    at = data.index(b'"mtime_ns":') + len(b'"mtime_ns":')
    digit = b"1" if data[at : at + 1] != b"1" else b"2"
    cache.write_bytes(data[:at] + digit + data[at + 1 :])
    counter = CountingLoader(monkeypatch)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    expected = {p for folder in folders if folder.is_dir() for p in folder.glob("*.toml")}
    assert set(counter.paths) == expected
    read_document(cache)  # rewritten whole


def test_damaged_entries_are_loaded_again(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    head, files = read_document(cache)
    damaged = []
    for name, entry in files.items():
        if "exercise" in entry:
            entry["exercise"][10] = "three sets"  # the dosage
            damaged.append(Path(name).name)
            break
    for name, entry in files.items():
        if "problems" in entry:
            entry["problems"] = 5
            damaged.append(Path(name).name)
            break
    write_document(cache, head, files)
    counter = CountingLoader(monkeypatch)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    assert sorted(p.name for p in counter.paths) == sorted(damaged)


def test_an_unwritable_cache_location_is_not_an_error(folders: list[Path], tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    cached = load_library_cached(folders, blocker / "cache" / "library.json", now_ns=LATER)
    assert_same(cached, load_library(folders))


def test_no_cache_file_means_a_plain_load(folders: list[Path], tmp_path: Path) -> None:
    assert_same(load_library_cached(folders, None), load_library(folders))
    assert not list(tmp_path.rglob("*.json"))


def test_files_written_just_now_are_not_trusted(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    good = folders[0]
    fresh = good / "fixture-thrust.toml"
    fresh_ns = OLD_NS + 50 * 10**9
    os.utime(fresh, ns=(fresh_ns, fresh_ns))
    now = fresh_ns + RACY_NS // 2  # the file changed moments ago
    load_library_cached(folders, cache, now_ns=lambda: now)
    counter = CountingLoader(monkeypatch)
    load_library_cached(folders, cache, now_ns=lambda: now)
    assert [p.name for p in counter.paths] == ["fixture-thrust.toml"]
    counter.paths.clear()
    later = fresh_ns + RACY_NS + 1
    load_library_cached(folders, cache, now_ns=lambda: later)  # old enough: cached now
    assert [p.name for p in counter.paths] == ["fixture-thrust.toml"]
    counter.paths.clear()
    load_library_cached(folders, cache, now_ns=lambda: later)
    assert counter.paths == []


def test_the_cli_lookups_use_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptui.cli.main import main
    from hiptui.paths import cache_dir

    user = tmp_path / "mine"
    shutil.copytree(FIXTURES / "exercises", user)
    age(user)
    assert main(["list", "--exercises", str(user)]) == 0
    caches = list(cache_dir().glob("*.json"))
    assert len(caches) == 1
    _, files = read_document(caches[0])
    assert any(name.startswith(str(user)) for name in files)


def test_the_cache_key_covers_every_loader_module_by_its_current_name() -> None:
    here = Path(cache_module.__file__).parent
    missing = [name for name in cache_module._LOADER_MODULES if not (here / name).is_file()]
    assert missing == []
    assert "?" not in cache_module.loader_fingerprint()
