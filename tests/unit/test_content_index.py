"""The content cache's index answers a look-up exactly as the loader would, or not at all."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from hiptui.content.cache import RACY_NS, load_library_cached
from hiptui.content.index import CacheIndex, loader_fingerprint
from hiptui.content.loader import load_library
from tests.unit.cache_folders import LATER, OLD_NS, make_folders


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    return make_folders(tmp_path)


def written(folders: list[Path], cache: Path) -> CacheIndex:
    load_library_cached(folders, cache, now_ns=LATER)
    index = CacheIndex.read(str(cache), loader_fingerprint())
    assert index is not None
    return index


def test_each_exercise_and_the_problems_are_the_loaders(
    folders: list[Path], tmp_path: Path
) -> None:
    index = written(folders, tmp_path / "cache.json")
    plain = load_library(folders)
    assert index.describes([str(folder) for folder in folders])
    for exercise_id, exercise in plain.exercises.items():
        found = index.exercise(exercise_id)
        assert found == exercise and found is not None and found.path == exercise.path
    assert index.problems() == plain.problems
    assert index.exercise("no-such-id") is None


def test_a_look_up_reads_its_own_record_only(folders: list[Path], tmp_path: Path) -> None:
    """Damage to other records does not matter to a look-up, and its own damage is caught."""
    cache = tmp_path / "cache.json"
    index = written(folders, cache)
    record = dict(index.index["exercises"])["fixture-curl"]
    offset, _length, _crc = index.index["spans"][record]
    data = bytearray(cache.read_bytes())
    header = bytes(data[: data.index(b"\n")])
    records_at = len(header) + 1 + json.loads(header)["index"][0]
    for number, (other, size, _) in enumerate(index.index["spans"]):
        if number != record:
            data[records_at + other : records_at + other + size] = b" " * size
    cache.write_bytes(bytes(data))
    again = CacheIndex.read(str(cache), loader_fingerprint())
    assert again is not None and again.exercise("fixture-curl") == load_library(folders).get(
        "fixture-curl"
    )
    assert again.exercise("fixture-thrust") is None  # its record is blank now
    data[records_at + offset] ^= 1
    cache.write_bytes(bytes(data))
    damaged = CacheIndex.read(str(cache), loader_fingerprint())
    assert damaged is not None and damaged.exercise("fixture-curl") is None


@pytest.mark.parametrize(
    "change", ["touch", "edit", "add", "delete", "folder gone", "folder is a file", "folders"]
)
def test_any_change_means_the_index_does_not_answer(
    folders: list[Path], tmp_path: Path, change: str
) -> None:
    index = written(folders, tmp_path / "cache.json")
    names = [str(folder) for folder in folders]
    good = folders[0]
    target = good / "fixture-curl.toml"
    if change == "touch":
        os.utime(target, ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    elif change == "edit":
        with target.open("a", encoding="utf-8") as handle:
            handle.write("# more\n")
        os.utime(target, ns=(OLD_NS, OLD_NS))  # the same time, another size
    elif change == "add":
        shutil.copy(target, good / "zz-new.toml")
    elif change == "delete":
        target.unlink()
    elif change == "folder gone":
        shutil.rmtree(folders[2])
    elif change == "folder is a file":
        folders[1].write_text("now a file", encoding="utf-8")
    else:
        names = names[:-1]
    assert not index.describes(names)


def test_files_written_just_now_keep_the_index_from_answering(
    folders: list[Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache.json"
    fresh = folders[0] / "fixture-thrust.toml"
    fresh_ns = OLD_NS + 50 * 10**9
    os.utime(fresh, ns=(fresh_ns, fresh_ns))
    load_library_cached(folders, cache, now_ns=lambda: fresh_ns + RACY_NS // 2)
    index = CacheIndex.read(str(cache), loader_fingerprint())
    assert index is not None and not index.describes([str(folder) for folder in folders])
    load_library_cached(folders, cache, now_ns=lambda: fresh_ns + RACY_NS + 1)
    index = CacheIndex.read(str(cache), loader_fingerprint())
    assert index is not None and index.describes([str(folder) for folder in folders])


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage\n", b"[]\n", b'{"key": "other", "index": [0, 0], "records": [2, 0]}\n[]'],
)
def test_a_foreign_or_broken_file_is_no_index(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "cache.json"
    cache.write_bytes(content)
    assert CacheIndex.read(str(cache), loader_fingerprint()) is None
    assert CacheIndex.read(str(tmp_path / "missing.json"), loader_fingerprint()) is None


def test_another_loader_s_index_is_not_read(folders: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    written(folders, cache)
    assert CacheIndex.read(str(cache), loader_fingerprint() + "|changed") is None
