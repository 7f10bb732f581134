"""The content cache, read back: an index of every exercise file, checked against the folders,
and the exercises decoded from it one at a time (``hiptui cues ID``) or all together.

:mod:`hiptui.content.cache` writes the file; it is made of three parts::

    {"key": KEY, "index": [LENGTH, CRC32], "records": [LENGTH, CRC32]}     one line
    INDEX      LENGTH bytes of JSON (below)
    RECORDS    LENGTH bytes: a JSON array, one entry per exercise file that loaded

    INDEX = {
      "folders":   [[FOLDER, KIND, [[NAME, SIZE, MTIME_NS, RESULT], ...]], ...],
      "complete":  true when every file was cached, so the next four are the library,
      "exercises": [[ID, RECORD], ...],          in the library's order
      "problems":  [[PATH, LINE, MESSAGE], ...],
      "replaced":  [[ID, [PATH, ...]], ...],
      "spans":     [[OFFSET, LENGTH, CRC32], ...] of each RECORD within RECORDS,
    }

RESULT is a record number, or the file's problems as ``[[PATH, LINE, MESSAGE], ...]``. The key
changes with hiptui's version and the loader's own source files; each part is read only when
its checksum matches, and so is each record (a look-up reads one record, not all of them). The
checksums are there to catch damage, not tampering: whoever can write the cache folder can
write the exercise folders too. Nothing read is ever executed: it is JSON, made into the
content's value classes.

When the folders, their ``*.toml`` names and every file's size and modification time are what
the index holds, the library is exactly what :func:`hiptui.content.loader.load_library` gave
when the file was written (files modified moments before are never cached, so a second edit
within one clock tick cannot hide). This module is light on purpose (``os``, ``json``,
``zlib``): ``hiptui cues`` imports it and not the loader.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import stat
import sys
import zlib

from hiptui import __version__
from hiptui.content.models import Art, Dosage, Exercise, Problem, Quantity, Range, Variation
from hiptui.paths import join
from hiptui.regular_file import open_regular  # a named pipe as the cache must not block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeVar

    T = TypeVar("T")
    R = TypeVar("R")

CACHE_FORMAT = 7
MAX_HEADER_BYTES = 4096
# What a folder was when the index was written: as load_library treats it.
MISSING, FOLDER, NOT_A_FOLDER = "missing", "folder", "not a folder"
_LOADER_MODULES = (
    "cache.py", "index.py", "loader.py", "toml_fields.py", "models.py", "frozen.py",
    "toml_source.py", "toml_bounds.py", "text.py", "files.py", "library.py",
)  # fmt: skip
# The errors for which Path.exists() says False instead of raising.
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def loader_fingerprint() -> str:
    """Changes whenever hiptui, the loader's own source files or Python (its TOML parser)
    change. The files count by their content, not their times: installing the same code again
    (a new environment, a reinstall) keeps the cache."""
    here = os.path.dirname(__file__)
    parts = [f"{CACHE_FORMAT}", __version__, sys.version]
    for module in _LOADER_MODULES:
        try:
            with open(os.path.join(here, module), "rb") as source:
                parts.append(f"{module}:{zlib.crc32(source.read()):08x}")
        except OSError:
            parts.append(f"{module}:?")
    return "|".join(parts)


def folder_kind(folder: str) -> str:
    """:data:`MISSING`, :data:`FOLDER` or :data:`NOT_A_FOLDER`, as ``Path.exists`` and
    ``Path.is_dir`` tell them apart (other errors are raised, as they raise them)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError as error:
        if error.errno in _ABSENT:
            return MISSING
        raise
    except ValueError:  # a NUL in the name
        return MISSING
    return FOLDER if stat.S_ISDIR(mode) else NOT_A_FOLDER


def toml_stats(folder: str) -> list[list[object]]:
    """``[name, size, mtime_ns]`` of each entry :func:`toml_names` lists, in its order (the
    size and time of what a link points to, as ``os.stat`` gives them). Raises ``OSError``
    when an entry cannot be looked at. (``os.stat`` by name: faster here than the directory
    entries' own ``stat()``.)"""
    stats = []
    for name in toml_names(folder):
        found = os.stat(join(folder, name))
        stats.append([name, found.st_size, found.st_mtime_ns])
    return stats


def toml_names(folder: str) -> list[str]:
    """The names of the ``*.toml`` entries directly inside ``folder``, in load order
    (sub-folders hold other content); none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if os.path.normcase(e.name).endswith(".toml")]
    except OSError:
        return []
    return sorted(names, key=os.path.normcase)


class CacheIndex:
    """The index part of a cache file whose key and checksum matched."""

    def __init__(
        self, cache_file: str, index: dict[str, Any], records_at: int, records: bytes | None
    ) -> None:
        self.cache_file = cache_file
        self.index = index
        self._records_at = records_at
        self._records = records

    @classmethod
    def read(cls, cache_file: str, key: str, *, whole: bool = False) -> CacheIndex | None:
        """The index of ``cache_file``, or ``None`` if it is missing, damaged or another
        loader's. ``whole`` also reads the records (every exercise is wanted)."""
        try:
            with os.fdopen(open_regular(cache_file), "rb") as handle:
                head = json.loads(handle.readline(MAX_HEADER_BYTES))
                if not isinstance(head, dict) or head.get("key") != key:
                    return None
                (index_length, index_crc), (records_length, records_crc) = (
                    head["index"],
                    head["records"],
                )
                records_at = handle.tell() + index_length
                raw = handle.read(index_length + records_length if whole else index_length)
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        index_bytes = raw[:index_length]
        if len(index_bytes) != index_length or zlib.crc32(index_bytes) != index_crc:
            return None
        records = None
        if whole:
            records = raw[index_length:]
            if len(records) != records_length or zlib.crc32(records) != records_crc:
                records = b"[]"  # damaged records: no file's result is reused
        try:
            index = without_cyclic_gc(json.loads, index_bytes)
        except (ValueError, RecursionError):
            return None
        if not isinstance(index, dict):
            return None
        return cls(cache_file, index, records_at, records)

    # -- the library it describes ----------------------------------------------------------

    def describes(self, folders: Sequence[str]) -> bool:
        """Whether ``folders`` (written as ``str(Path)`` writes them) still hold what the index
        describes as a complete library: same folders, same ``*.toml`` names, and every file
        of the same size and modification time."""
        try:
            if self.index["complete"] is not True:
                return False
            stored = self.index["folders"]
            if [entry[0] for entry in stored] != list(folders):
                return False
            for folder, kind, files in stored:
                if folder_kind(folder) != kind:
                    return False
                if kind == FOLDER and toml_stats(folder) != [entry[:3] for entry in files]:
                    return False
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            return False
        return True

    def problems(self) -> list[Problem]:
        """The library's problems, in order (only for an index that :meth:`describes` the
        folders)."""
        return [Problem(path, line, message) for path, line, message in self.index["problems"]]

    def holds(self, exercise_id: str) -> bool:
        """Whether the library has an exercise ``exercise_id``."""
        return any(i == exercise_id for i, _record in self.index["exercises"])

    def exercise(self, exercise_id: str) -> Exercise | None:
        """The library's exercise ``exercise_id``, read and decoded alone; ``None`` when there
        is none, or its record is damaged (the caller then loads the plain way)."""
        try:
            record = next((r for i, r in self.index["exercises"] if i == exercise_id), None)
            if record is None:
                return None
            offset, length, crc = self.index["spans"][record]
            with os.fdopen(open_regular(self.cache_file), "rb") as handle:
                handle.seek(self._records_at + offset)
                data = handle.read(length)
            if len(data) != length or zlib.crc32(data) != crc:
                return None
            path = next(
                join(folder, entry[0])
                for folder, _kind, files in self.index["folders"]
                for entry in files
                if entry[3] == record and type(entry[3]) is int
            )
            return decode_exercise(json.loads(data), path)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        except StopIteration:  # no file holds the record: not what this loader wrote
            return None

    def record_paths(self) -> dict[int, str]:
        """The file each record came from."""
        return {
            result: join(folder, name)
            for folder, _kind, files in self.index["folders"]
            for name, _size, _mtime_ns, result in files
            if type(result) is int
        }

    def record(self, number: int) -> Any:
        """Record ``number`` (of an index read with ``whole=True``), decoded from JSON alone:
        a whole library is decoded one record at a time, so the decoded records never all
        exist at once beside the exercises made from them. Raises ``ValueError`` (or
        ``IndexError``, ``TypeError``) when the records were damaged."""
        return json.loads(self.record_bytes(number))

    def record_bytes(self, number: int) -> bytes:
        """Record ``number`` as written (of an index read with ``whole=True``; the part's
        checksum matched), for a rewrite of the cache to keep without encoding it again."""
        offset, length, _crc = self.index["spans"][number]
        return self._records[offset : offset + length] if self._records else b""


def without_cyclic_gc(work: Callable[[T], R], argument: T) -> R:
    """``work(argument)`` with the cyclic garbage collector paused: decoding thousands of
    entries makes objects that hold no cycles, and the collector's passes over a growing heap
    made the decoding grow faster than the number of exercises."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return work(argument)
    finally:
        if paused:
            gc.enable()


def decode_exercise(data: list[Any], path: str) -> Exercise:
    """The exercise :func:`hiptui.content.cache.encode_exercise` wrote (the checksum vouches
    for the types)."""
    (
        id_, name, summary, level, category, primary, secondary, equipment, optional,
        per_side, dosage, steps, source, cues, faults, cautions, tips, variations, tags,
        quantities, art, choice, first_side, step_seconds, order,
    ) = data  # fmt: skip
    sets, reps, hold, work, rest, defaults, step_kg, step_lb, hold_cap = dosage
    return Exercise(
        id_,
        name,
        summary,
        level,
        category,
        tuple(primary),
        tuple(secondary),
        tuple(equipment),
        tuple(optional),
        per_side,
        Dosage(
            Range(*sets),
            None if reps is None else Range(*reps),
            hold,
            None if work is None else Range(*work),
            rest,
            tuple(defaults),
            step_kg,
            step_lb,
            hold_cap,
        ),
        tuple(steps),
        source,
        tuple(cues),
        tuple(faults),
        tuple(cautions),
        tuple(tips),
        tuple([Variation(*v) for v in variations]),
        tuple(tags),
        {k: Quantity(lo, hi, unit) for k, (lo, hi, unit) in quantities.items()},
        Art(*art),
        path,
        tuple(choice),
        first_side,
        tuple(step_seconds),
        order,
    )


def decode_problem(item: list[Any]) -> Problem:
    path, line, message = item
    return Problem(path, line, message)
