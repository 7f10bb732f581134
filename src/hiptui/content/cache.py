"""Loading many exercise files fast: the content cache, written.

One file (its layout is in :mod:`hiptui.content.index`, which reads it) holds, for every
exercise file seen, its size and modification time and what it loaded as: the exercise, or its
problems; and, when every file could be cached, the library they made (which exercise each id
is, the problems in order, what replaced what). A load first asks the index whether the folders
are still exactly what it describes; then the library is rebuilt from JSON with no TOML parsing
or validation at all. Otherwise each file whose size and time still match is rebuilt from its
record, any other loads as usual, and the cache is rewritten. Files are put together by
:func:`hiptui.content.loader.load_library` itself (later folders replace earlier ones, duplicate
ids within a folder are problems), so the result is always equal to it.

The cache is only a shortcut: a missing, unreadable, damaged or foreign cache file is ignored
and rewritten, and failing to write it is not an error. It is also dropped whenever the loader
itself changes (a checksum of each of its source files is part of the key), and a file modified
within the last few seconds is never cached, since a second edit in the same clock tick could
keep its size and time. No pickle and nothing executable: JSON only.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from hiptui.content.index import (
    FOLDER,
    CacheIndex,
    decode_exercise,
    decode_problem,
    folder_kind,
    loader_fingerprint,
    toml_names,
    without_cyclic_gc,
)
from hiptui.content.library import Library
from hiptui.content.models import Exercise, Problem, Range
from hiptui.paths import join

# Files younger than this (by their mtime) are loaded but not cached.
RACY_NS = 3_000_000_000

Result = Exercise | list[Problem]


def load_library_cached(
    folders: Sequence[Path],
    cache_file: Path | None,
    *,
    now_ns: Callable[[], int] = time.time_ns,
) -> Library:
    """What ``load_library(folders)`` returns, using and refreshing ``cache_file``.

    ``cache_file=None`` loads without a cache. ``now_ns`` is the wall clock in nanoseconds
    (the same clock file modification times use).
    """
    if cache_file is None:
        from hiptui.content.loader import load_library

        return load_library(folders)
    key = loader_fingerprint()
    index = CacheIndex.read(str(cache_file), key, whole=True)
    if index is not None and index.describes([str(folder) for folder in folders]):
        library = without_cyclic_gc(_library_from, index)
        if library is not None:
            return library  # no TOML parser or validator imported, let alone run
    from hiptui.content import loader

    files = _CachedFiles(index, young=now_ns() - RACY_NS, parse=loader.load_exercise_file)
    library = loader.load_library(folders, load_file=files.load)
    _write_cache(cache_file, key, folders, library, files.loaded)
    return library


def _library_from(index: CacheIndex) -> Library | None:
    """The library an index :meth:`~CacheIndex.describes`, or ``None`` if a record is
    damaged."""
    paths = index.record_paths()
    try:
        exercises = {
            exercise_id: decode_exercise(index.record(record), paths[record])
            for exercise_id, record in index.index["exercises"]
        }
        replaced = {
            exercise_id: [Path(path) for path in earlier]
            for exercise_id, earlier in index.index["replaced"]
        }
        problems = index.problems()
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return Library(exercises, problems, replaced)


class _Loaded(NamedTuple):
    size: int
    mtime_ns: int
    result: Result
    cacheable: bool  # old enough to trust its size and time
    encoded: bytes | None = None  # the old cache's record, when the exercise came from it


class _CachedFiles:
    """Loads one exercise file at a time, from the old cache's record when its size and time
    still match, and keeps what each file loaded as for the next cache."""

    def __init__(
        self, index: CacheIndex | None, *, young: int, parse: Callable[[Path], Result]
    ) -> None:
        self.young = young
        self._parse = parse
        self.loaded: dict[str, _Loaded] = {}
        self._old: dict[str, list[Any]] = {}
        self._index = index
        if index is not None:
            try:
                for folder, _kind, files in index.index["folders"]:
                    for entry in files:
                        self._old[join(folder, entry[0])] = entry
            except (KeyError, TypeError, ValueError, IndexError):
                self._old = {}

    def load(self, path: Path) -> Result:
        name = str(path)
        try:
            found = os.stat(path)
        except OSError:
            return self._parse(path)
        result, encoded = self._reuse(self._old.get(name), found, name)
        if result is None:
            result = self._parse(path)
        cacheable = found.st_mtime_ns < self.young
        self.loaded[name] = _Loaded(found.st_size, found.st_mtime_ns, result, cacheable, encoded)
        return result

    def _reuse(
        self, entry: Any, found: os.stat_result, name: str
    ) -> tuple[Result | None, bytes | None]:
        """The cached result when ``entry`` matches the file's size and time (and the record
        it came from, for an exercise), else ``(None, None)``."""
        try:
            _name, size, mtime_ns, result = entry
            if size != found.st_size or mtime_ns != found.st_mtime_ns:
                return None, None
            if isinstance(result, int) and not isinstance(result, bool):
                if self._index is None:
                    return None, None
                encoded = self._index.record_bytes(result)
                return decode_exercise(json.loads(encoded), name), encoded
            return [decode_problem(item) for item in result], None
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None, None


def _write_cache(
    cache_file: Path,
    key: str,
    folders: Sequence[Path],
    library: Library,
    loaded: dict[str, _Loaded],
) -> None:
    try:
        index, records = _encode(folders, library, loaded)
        index_bytes = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a file name that is not UTF-8: load without a cache
        return
    except OSError:  # a folder that changed under the load: the next load writes it
        return
    header = {
        "key": key,
        "index": [len(index_bytes), zlib.crc32(index_bytes)],
        "records": [len(records), zlib.crc32(records)],
    }
    head = json.dumps(header).encode("utf-8")
    import tempfile

    try:
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{cache_file.name}.", suffix=".tmp", dir=cache_file.parent
        )
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(b"".join((head, b"\n", index_bytes, records)))
        os.replace(temporary, cache_file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _encode(
    folders: Sequence[Path], library: Library, loaded: dict[str, _Loaded]
) -> tuple[dict[str, Any], bytes]:
    """The index and the records of the next cache file."""
    chunks: list[bytes] = []
    spans: list[list[int]] = []
    record_of: dict[int, int] = {}  # id() of an exercise -> its record
    offset = 1  # past the array's "["
    complete = True
    stored = []
    for folder in folders:
        text = str(folder)
        kind = folder_kind(text)
        files: list[list[Any]] = []
        for name in toml_names(text) if kind == FOLDER else ():
            got = loaded.get(join(text, name))
            if got is None or not got.cacheable:
                complete = False
                continue
            if isinstance(got.result, list):
                result: Any = [[p.path, p.line, p.message] for p in got.result]
            else:
                result = record_of.get(id(got.result))
                if result is None:
                    result = record_of[id(got.result)] = len(spans)
                    data = got.encoded or json.dumps(
                        encode_exercise(got.result), ensure_ascii=False, separators=(",", ":")
                    ).encode("utf-8")
                    spans.append([offset, len(data), zlib.crc32(data)])
                    chunks.append(data)
                    offset += len(data) + 1  # and the comma after it
            files.append([name, got.size, got.mtime_ns, result])
        stored.append([text, kind, files])
    exercises = []
    for exercise_id, exercise in library.exercises.items():
        record = record_of.get(id(exercise))
        if record is None:
            complete = False
            break
        exercises.append([exercise_id, record])
    index = {
        "folders": stored,
        "complete": complete,
        "exercises": exercises if complete else [],
        "problems": [[p.path, p.line, p.message] for p in library.problems] if complete else [],
        "replaced": [[k, [str(p) for p in v]] for k, v in library.replaced.items()],
        "spans": spans,
    }
    return index, b"[" + b",".join(chunks) + b"]"


def _range(value: Range | None) -> list[int] | None:
    return None if value is None else [value.low, value.high]


def encode_exercise(ex: Exercise) -> list[Any]:
    """An exercise as a JSON list, in the order
    :func:`hiptui.content.index.decode_exercise` reads it."""
    d = ex.dosage
    dosage = [
        _range(d.sets), _range(d.reps), d.hold_seconds, _range(d.work_seconds),
        d.rest_seconds, list(d.defaults), d.load_step_kg, d.load_step_lb, d.hold_cap_seconds,
    ]  # fmt: skip
    return [
        ex.id, ex.name, ex.summary, ex.level, ex.category,
        list(ex.primary_muscles), list(ex.secondary_muscles),
        list(ex.equipment), list(ex.optional_equipment), ex.per_side, dosage,
        list(ex.steps), ex.source, list(ex.cues), list(ex.faults), list(ex.cautions),
        list(ex.tips), [[v.name, v.text, v.source] for v in ex.variations], list(ex.tags),
        {k: [q.low, q.high, q.unit] for k, q in ex.quantities.items()},
        [ex.art.start, ex.art.top], list(ex.equipment_choice), ex.first_side,
        list(ex.step_seconds), ex.order,
    ]  # fmt: skip
