"""Loading many exercise files fast: a JSON cache of what each file loaded as.

One JSON file holds, for every exercise file seen, its ``(path, size, mtime_ns)`` and the
result of loading it: the exercise, or its problems. A file whose size and modification time
still match is rebuilt from JSON, with no TOML parsing or validation; any other file loads
as usual, and the cache is rewritten. Files are then put together exactly as
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hiptui import __version__
from hiptui.content.loader import Library, exercise_files, load_exercise_file
from hiptui.content.models import Art, Dosage, Exercise, Problem, Quantity, Range, Variation

CACHE_FORMAT = 1
# Files younger than this (by their mtime) are loaded but not cached.
RACY_NS = 3_000_000_000
_LOADER_MODULES = (
    "cache.py", "loader.py", "fields.py", "models.py", "toml_source.py", "text.py",
)  # fmt: skip

Result = Exercise | list[Problem]
_ONLY_TEXT = {str}


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
    old = _read_cache(cache_file, key)
    new: dict[str, Any] = {}
    changed = False
    young = now_ns() - RACY_NS
    library = Library()
    for folder in folders:
        seen_here: dict[str, Path] = {}
        if not folder.exists():
            continue
        if not folder.is_dir():
            library.problems.append(Problem(str(folder), None, "is not a folder"))
            continue
        for path in exercise_files(folder):
            name = str(path)
            try:
                stat = os.stat(path)
            except OSError:
                result, changed = load_exercise_file(path), True
            else:
                entry = old.get(name)
                result_or_none = _reuse(entry, stat, path)
                if result_or_none is None:
                    result, changed = load_exercise_file(path), True
                    entry = _encode_entry(stat, result)
                else:
                    result = result_or_none
                if stat.st_mtime_ns < young:
                    new[name] = entry
                else:
                    changed = True
            library.add(path, result, seen_here)
    if changed or new.keys() != old.keys():
        _write_cache(cache_file, key, new)
    return library


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
        document = json.loads(cache_file.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(document, dict) or document.get("key") != key:
        return {}
    files = document.get("files")
    return files if isinstance(files, dict) else {}


def _write_cache(cache_file: Path, key: str, files: dict[str, Any]) -> None:
    text = json.dumps({"key": key, "files": files}, ensure_ascii=False, separators=(",", ":"))
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: load without a cache
        return
    try:
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{cache_file.name}.", suffix=".tmp", dir=cache_file.parent
        )
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
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


def _decode_problem(item: Any) -> Problem:
    if not isinstance(item, list) or len(item) != 3:
        raise TypeError("a problem is [path, line, message]")
    path, line, message = item
    if not isinstance(path, str) or not isinstance(message, str):
        raise TypeError("a problem's path and message are text")
    if line is not None and (isinstance(line, bool) or not isinstance(line, int)):
        raise TypeError("a problem's line is a whole number or null")
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


def _encode_exercise(ex: Exercise) -> dict[str, Any]:
    d = ex.dosage
    return {
        "id": ex.id,
        "name": ex.name,
        "summary": ex.summary,
        "level": ex.level,
        "category": ex.category,
        "primary": list(ex.primary_muscles),
        "secondary": list(ex.secondary_muscles),
        "equipment": list(ex.equipment),
        "optional": list(ex.optional_equipment),
        "per_side": ex.per_side,
        "dosage": [
            _range(d.sets),
            _range(d.reps),
            d.hold_seconds,
            _range(d.work_seconds),
            d.rest_seconds,
            list(d.defaults),
        ],
        "steps": list(ex.steps),
        "source": ex.source,
        "cues": list(ex.cues),
        "faults": list(ex.faults),
        "cautions": list(ex.cautions),
        "tips": list(ex.tips),
        "variations": [[v.name, v.text, v.source] for v in ex.variations],
        "tags": list(ex.tags),
        "quantities": {k: [q.low, q.high, q.unit] for k, q in ex.quantities.items()},
        "art": [ex.art.start, ex.art.top],
    }


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    # set(map(type, ...)) runs in C: this is the hot path of a warm load.
    if type(value) is not list or (value and set(map(type, value)) != _ONLY_TEXT):
        raise TypeError("expected a list of text")
    return tuple(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a number")
    return float(value)


def _unrange(value: Any) -> Range | None:
    if value is None:
        return None
    low, high = value
    return Range(_int(low), _int(high))


def _decode_exercise(data: dict[str, Any], path: Path) -> Exercise:
    sets, reps, hold, work, rest, defaults = data["dosage"]
    sets_range = _unrange(sets)
    if sets_range is None:
        raise ValueError("sets missing")
    if not isinstance(data["per_side"], bool):
        raise TypeError("per_side is true or false")
    start, top = data["art"]
    return Exercise(
        id=_text(data["id"]),
        name=_text(data["name"]),
        summary=_text(data["summary"]),
        level=_text(data["level"]),
        category=_text(data["category"]),
        primary_muscles=_texts(data["primary"]),
        secondary_muscles=_texts(data["secondary"]),
        equipment=_texts(data["equipment"]),
        optional_equipment=_texts(data["optional"]),
        per_side=data["per_side"],
        dosage=Dosage(
            sets=sets_range,
            reps=_unrange(reps),
            hold_seconds=None if hold is None else _int(hold),
            work_seconds=_unrange(work),
            rest_seconds=_int(rest),
            defaults=_texts(defaults),
        ),
        steps=_texts(data["steps"]),
        source=_text(data["source"]),
        cues=_texts(data["cues"]),
        faults=_texts(data["faults"]),
        cautions=_texts(data["cautions"]),
        tips=_texts(data["tips"]),
        variations=tuple(Variation(*_texts(v)) for v in data["variations"]),
        tags=_texts(data["tags"]),
        quantities={
            _text(k): Quantity(_number(lo), _number(hi), _text(u))
            for k, (lo, hi, u) in data["quantities"].items()
        },
        art=Art(_text(start), _text(top)),
        path=path,
    )
