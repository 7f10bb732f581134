"""Loading many exercise files fast: a JSON cache of what each file loaded as.

One file holds, for every exercise file seen, its ``(path, size, mtime_ns)`` and the result
of loading it: the exercise, or its problems. A file whose size and modification time still
match is rebuilt from JSON, with no TOML parsing or validation; any other file loads as usual,
and the cache is rewritten.

The cache file is a one-line JSON header (the key below and a CRC-32 of the rest) followed by
the JSON payload. Only a payload whose checksum matches is read, so what is read is exactly
what this loader wrote, and entries are rebuilt without checking each value's type again
(that checking was a third of a warm start with 1,000 exercises). The checksum is there to
catch damage, not tampering: whoever can write the cache folder can write the exercise
folders too. Files are then put together exactly as
:func:`hiptui.content.loader.load_library` does (later folders replace earlier ones,
duplicate ids within a folder are problems), so the result is always equal to it.

The cache is only a shortcut: a missing, unreadable, damaged or foreign cache file is ignored
and rewritten, and failing to write it is not an error. It is also dropped whenever the loader
itself changes (its source files' sizes and times are part of the key), and a file modified
within the last few seconds is never cached, since a second edit in the same clock tick could
keep its size and time.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hiptui import __version__
from hiptui.content.loader import Library, load_exercise_file, load_library
from hiptui.content.models import Art, Dosage, Exercise, Problem, Quantity, Range, Variation

CACHE_FORMAT = 3
# Files younger than this (by their mtime) are loaded but not cached.
RACY_NS = 3_000_000_000
_LOADER_MODULES = (
    "cache.py", "loader.py", "toml_fields.py", "models.py", "toml_source.py", "text.py",
)  # fmt: skip

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
        return load_library(folders)
    key = loader_fingerprint()
    old = _read_cache(cache_file, key)
    files = _CachedFiles(old, young=now_ns() - RACY_NS)
    library = load_library(folders, load_file=files.load)
    if files.changed or files.new.keys() != old.keys():
        _write_cache(cache_file, key, files.new)
    return library


class _CachedFiles:
    """Loads one exercise file at a time, from the cache when its size and time still match,
    and keeps what the cache should hold next (files younger than ``young`` are left out)."""

    def __init__(self, old: dict[str, Any], *, young: int) -> None:
        self.old = old
        self.young = young
        self.new: dict[str, Any] = {}
        self.changed = False

    def load(self, path: Path) -> Result:
        name = str(path)
        try:
            stat = os.stat(path)
        except OSError:
            self.changed = True
            return load_exercise_file(path)
        entry = self.old.get(name)
        result = _reuse(entry, stat, path)
        if result is None:
            result, self.changed = load_exercise_file(path), True
            entry = _encode_entry(stat, result)
        if stat.st_mtime_ns < self.young:
            self.new[name] = entry
        else:
            self.changed = True
        return result


def loader_fingerprint() -> str:
    """Changes whenever hiptui or the loader's own source files change."""
    here = Path(__file__).parent
    parts = [f"{CACHE_FORMAT}", __version__]
    for module in _LOADER_MODULES:
        try:
            stat = os.stat(here / module)
            parts.append(f"{module}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{module}:?")
    return "|".join(parts)


def _read_cache(cache_file: Path, key: str) -> dict[str, Any]:
    try:
        data = cache_file.read_bytes()
    except OSError:
        return {}
    header, _newline, payload = data.partition(b"\n")
    try:
        head = json.loads(header)
        if not isinstance(head, dict) or head.get("key") != key:
            return {}
        if head.get("crc32") != zlib.crc32(payload):
            return {}  # damaged: load everything again
        files = json.loads(payload)
    except (ValueError, RecursionError):
        return {}
    return files if isinstance(files, dict) else {}


def _write_cache(cache_file: Path, key: str, files: dict[str, Any]) -> None:
    text = json.dumps(files, ensure_ascii=False, separators=(",", ":"))
    try:
        payload = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: load without a cache
        return
    header = json.dumps({"key": key, "crc32": zlib.crc32(payload)}).encode("utf-8")
    try:
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{cache_file.name}.", suffix=".tmp", dir=cache_file.parent
        )
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(header + b"\n" + payload)
        os.replace(temporary, cache_file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _reuse(entry: Any, stat: os.stat_result, path: Path) -> Result | None:
    """The cached result when ``entry`` matches the file's size and time, else ``None``."""
    if not isinstance(entry, dict):
        return None
    if entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
        return None
    try:
        if "exercise" in entry:
            return _decode_exercise(entry["exercise"], path)
        return [_decode_problem(item) for item in entry["problems"]]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _decode_problem(item: list[Any]) -> Problem:
    path, line, message = item
    return Problem(path, line, message)


def _encode_entry(stat: os.stat_result, result: Result) -> dict[str, Any]:
    entry: dict[str, Any] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if isinstance(result, list):
        entry["problems"] = [[p.path, p.line, p.message] for p in result]
    else:
        entry["exercise"] = _encode_exercise(result)
    return entry


def _range(value: Range | None) -> list[int] | None:
    return None if value is None else [value.low, value.high]


def _encode_exercise(ex: Exercise) -> list[Any]:
    """An exercise as a JSON list, in the order :func:`_decode_exercise` reads it."""
    d = ex.dosage
    dosage = [
        _range(d.sets), _range(d.reps), d.hold_seconds, _range(d.work_seconds),
        d.rest_seconds, list(d.defaults),
    ]  # fmt: skip
    return [
        ex.id, ex.name, ex.summary, ex.level, ex.category,
        list(ex.primary_muscles), list(ex.secondary_muscles),
        list(ex.equipment), list(ex.optional_equipment), ex.per_side, dosage,
        list(ex.steps), ex.source, list(ex.cues), list(ex.faults), list(ex.cautions),
        list(ex.tips), [[v.name, v.text, v.source] for v in ex.variations], list(ex.tags),
        {k: [q.low, q.high, q.unit] for k, q in ex.quantities.items()},
        [ex.art.start, ex.art.top], list(ex.equipment_choice),
    ]  # fmt: skip


def _decode_exercise(data: list[Any], path: Path) -> Exercise:
    """The exercise :func:`_encode_exercise` wrote (the checksum vouches for the types)."""
    (
        id_, name, summary, level, category, primary, secondary, equipment, optional,
        per_side, dosage, steps, source, cues, faults, cautions, tips, variations, tags,
        quantities, art, choice,
    ) = data  # fmt: skip
    sets, reps, hold, work, rest, defaults = dosage
    return Exercise(
        id=id_,
        name=name,
        summary=summary,
        level=level,
        category=category,
        primary_muscles=tuple(primary),
        secondary_muscles=tuple(secondary),
        equipment=tuple(equipment),
        optional_equipment=tuple(optional),
        per_side=per_side,
        dosage=Dosage(
            sets=Range(*sets),
            reps=None if reps is None else Range(*reps),
            hold_seconds=hold,
            work_seconds=None if work is None else Range(*work),
            rest_seconds=rest,
            defaults=tuple(defaults),
        ),
        steps=tuple(steps),
        source=source,
        cues=tuple(cues),
        faults=tuple(faults),
        cautions=tuple(cautions),
        tips=tuple(tips),
        variations=tuple(Variation(*v) for v in variations),
        tags=tuple(tags),
        quantities={k: Quantity(lo, hi, unit) for k, (lo, hi, unit) in quantities.items()},
        art=Art(*art),
        path=path,
        equipment_choice=tuple(choice),
    )
