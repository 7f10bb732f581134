"""The exercise cache gives exactly what the loader gives, and notices every change."""

from __future__ import annotations

import json
import os
import shutil
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

import hiptui.content.cache as cache_module
import hiptui.content.index as index_module
from hiptui.content import loader
from hiptui.content.cache import RACY_NS, load_library_cached
from hiptui.content.index import loader_fingerprint
from hiptui.content.library import Library
from hiptui.content.loader import load_library
from hiptui.content.models import Exercise, Problem
from tests.unit.cache_folders import FIXTURES, LATER, OLD_NS, age, make_folders


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    return make_folders(tmp_path)


def read_document(cache: Path) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    """The cache file's header, its index and its records (checking every checksum)."""
    data = cache.read_bytes()
    header, _, rest = data.partition(b"\n")
    head = json.loads(header)
    (index_length, index_crc), (records_length, records_crc) = head["index"], head["records"]
    index_bytes, records = rest[:index_length], rest[index_length:]
    assert zlib.crc32(index_bytes) == index_crc and len(index_bytes) == index_length
    assert zlib.crc32(records) == records_crc and len(records) == records_length
    index = json.loads(index_bytes)
    for number, (offset, length, crc) in enumerate(index["spans"]):
        assert zlib.crc32(records[offset : offset + length]) == crc, number
    return head, index, json.loads(records)


def write_document(
    cache: Path, head: dict[str, Any], index: dict[str, Any], records: list[Any]
) -> None:
    """A cache file with this index and these records, every checksum matching."""
    chunks = [json.dumps(record).encode("utf-8") for record in records]
    spans, offset = [], 1
    for chunk in chunks:
        spans.append([offset, len(chunk), zlib.crc32(chunk)])
        offset += len(chunk) + 1
    blob = b"[" + b",".join(chunks) + b"]"
    index_bytes = json.dumps({**index, "spans": spans}).encode("utf-8")
    head = {
        **head,
        "index": [len(index_bytes), zlib.crc32(index_bytes)],
        "records": [len(blob), zlib.crc32(blob)],
    }
    cache.write_bytes(json.dumps(head).encode("utf-8") + b"\n" + index_bytes + blob)


def file_entries(index: dict[str, Any]) -> dict[str, list[Any]]:
    """Each file's entry in the index, by path."""
    return {
        str(Path(folder) / entry[0]): entry
        for folder, _kind, files in index["folders"]
        for entry in files
    }


def assert_same(cached: Library, plain: Library) -> None:
    assert cached == plain
    assert list(cached.exercises) == list(plain.exercises)
    assert {k: e.path for k, e in cached.exercises.items()} == {
        k: e.path for k, e in plain.exercises.items()
    }


class CountingLoader:
    """Counts the files the cache has parsed (not those a plain load_library parses)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[Path] = []
        real = loader.load_exercise_file  # what the cache calls, counted below

        def counting(path: Path) -> Exercise | list[Problem]:
            if sys._getframe(1).f_code.co_filename == cache_module.__file__:
                self.paths.append(path)
            return real(path)

        monkeypatch.setattr(loader, "load_exercise_file", counting)


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
        b'{"key": "someone else", "index": [2, 0], "records": [2, 0]}\n{}[]',
        b"",
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten(
    folders: list[Path], tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "library.json"
    cache.write_bytes(content)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    head, index, records = read_document(cache)
    assert head["key"] == loader_fingerprint() and index["complete"] and records


def test_a_damaged_payload_is_not_read(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index that no longer matches its checksum is not trusted, even when it is still
    valid JSON: every file is loaded again."""
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    data = cache.read_bytes()
    # Change one digit of a file's size: still JSON, but not what was written.
    at = data.index(b'"fixture-bridge.toml",') + len(b'"fixture-bridge.toml",')
    digit = b"1" if data[at : at + 1] != b"1" else b"2"
    cache.write_bytes(data[:at] + digit + data[at + 1 :])
    counter = CountingLoader(monkeypatch)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    expected = {p for folder in folders if folder.is_dir() for p in folder.glob("*.toml")}
    assert set(counter.paths) == expected
    read_document(cache)  # rewritten whole


def test_damaged_records_are_not_reused(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records part failing its checksum: every exercise file is parsed again (problems,
    which the index holds, are still reused)."""
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    head, _index, _records = read_document(cache)
    data = cache.read_bytes()
    records_at = len(data) - head["records"][0]
    at = data.index(b"Fixture", records_at)  # still JSON, but not what was written
    cache.write_bytes(data[:at] + b"Fixturf" + data[at + 7 :])
    counter = CountingLoader(monkeypatch)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    loaded = load_library(folders)
    exercise_files = {e.path for e in loaded.exercises.values()}
    assert exercise_files <= set(counter.paths)
    read_document(cache)


def test_damaged_entries_are_loaded_again(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    head, index, records = read_document(cache)
    damaged = []
    for path, entry in file_entries(index).items():
        if isinstance(entry[3], int):
            records[entry[3]][10] = "three sets"  # the dosage
            damaged.append(Path(path).name)
            break
    for path, entry in file_entries(index).items():
        if isinstance(entry[3], list):
            entry[3] = "five"
            damaged.append(Path(path).name)
            break
    # As after a file was added: the library is put together again, file by file.
    write_document(cache, head, {**index, "complete": False}, records)
    counter = CountingLoader(monkeypatch)
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    assert sorted(p.name for p in counter.paths) == sorted(damaged)


def test_a_damaged_record_in_the_library_is_loaded_again(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    load_library_cached(folders, cache, now_ns=LATER)
    head, index, records = read_document(cache)
    exercise_id, record = index["exercises"][0]
    records[record][10] = "three sets"
    write_document(cache, head, index, records)
    counter = CountingLoader(monkeypatch)
    cached = load_library_cached(folders, cache, now_ns=LATER)
    assert_same(cached, load_library(folders))
    assert [p for p in counter.paths] == [cached.exercises[exercise_id].path]


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
    _, index, _ = read_document(caches[0])
    assert any(name.startswith(str(user)) for name in file_entries(index))


def test_the_cache_key_covers_every_loader_module_by_its_current_name() -> None:
    here = Path(cache_module.__file__).parent
    missing = [name for name in index_module._LOADER_MODULES if not (here / name).is_file()]
    assert missing == []
    assert "?" not in loader_fingerprint()
    # Every module the loader and the index import from content/ is covered.
    sources = [here / name for name in ("loader.py", "index.py", "cache.py", "toml_source.py")]
    imported = {
        f"{line.split()[1].rsplit('.', 1)[1]}.py"
        for source in sources
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.startswith("from hiptui.content.")
    }
    assert imported <= set(index_module._LOADER_MODULES)


def test_a_rewrite_after_an_edit_is_the_cache_a_fresh_load_writes(
    folders: list[Path], tmp_path: Path
) -> None:
    """After one file changes, the records of the others are kept as they were written (not
    encoded again): the rewritten file is byte for byte the one a load without a cache writes."""
    cache, fresh = tmp_path / "library.json", tmp_path / "fresh.json"
    load_library_cached(folders, cache, now_ns=LATER)
    target = folders[0] / "fixture-curl.toml"
    target.write_text(target.read_text(encoding="utf-8").replace("Hips", "Hips high"))
    age(folders[0])
    assert_same(load_library_cached(folders, cache, now_ns=LATER), load_library(folders))
    load_library_cached(folders, fresh, now_ns=LATER)
    assert cache.read_bytes() == fresh.read_bytes()


def test_the_key_follows_the_loader_s_code_not_its_files_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same code installed again (new modification times) keeps the cache; any change to
    a loader module drops it."""
    here = Path(index_module.__file__).parent
    copy = tmp_path / "content"
    copy.mkdir()
    for name in index_module._LOADER_MODULES:
        shutil.copy(here / name, copy / name)
    monkeypatch.setattr(index_module, "__file__", str(copy / "index.py"))
    before = loader_fingerprint()
    for name in index_module._LOADER_MODULES:
        os.utime(copy / name, ns=(OLD_NS, OLD_NS))
    assert loader_fingerprint() == before
    with (copy / "toml_fields.py").open("a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    assert loader_fingerprint() != before
