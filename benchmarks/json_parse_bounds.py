"""Read time of the worst JSON shapes within the size limits: hiptui's JSON readers beside json.

Usage: uv run python benchmarks/json_parse_bounds.py [--runs N] [--bytes N] [--only NAME]

hiptui reads three kinds of JSON from outside: history exports (``hiptui import-history``),
free-exercise-db datasets (``hiptui import free-exercise-db``) and the import manifest, each at
most 64 MiB and 1,000,000 values (``hiptui.content.files``). Every shape is built at up to
``--bytes`` (default: that limit), written to disk, and timed, median of ``--runs`` runs:

- ``json``: ``json.loads`` on the text alone, the baseline;
- ``read``: hiptui's reader (regular file, size, UTF-8, the value count, json with a bounded
  integer parser, every exception one problem);
- ``history``: the whole check of an import before anything is written (read, then every
  field of every record: ``parse_export``);
- ``dataset``: a dataset read and converted to hiptui's exercise files, not written
  (``read_dataset`` and ``convert``: the ids, the text cleaned, the muscles mapped);
- ``manifest``: the import manifest read from a folder.

The 2 s bound is on reading and checking; a dataset of 100,000 good records also becomes
100,000 files, which ``benchmarks/import_ids.py`` times. Tests never run this script.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from hiptui.content.files import MAX_JSON_VALUES
from hiptui.content.free_exercise_db import MAX_INPUT_BYTES, DatasetError, convert, read_dataset
from hiptui.store.exercise_files import MANIFEST_NAME, read_manifest
from hiptui.store.history_import import load_export_file, parse_export

VALUES = MAX_JSON_VALUES - 10  # just inside the value bound


def a_set(number: int) -> dict[str, Any]:
    done = {"exercise": "glute-bridge", "exercise_name": "Glute bridge", "set": number % 9999 + 1}
    done.update(side="left", reps=10, hold_seconds=2, work_seconds=None, discomfort=False)
    return {**done, "note": None, "completed_at": "2024-06-05T10:00:00+00:00"}


def export_with_sets(count: int) -> str:
    sessions = [
        {"uid": f"s{i}", "name": "Session", "routine": None, "started_at": "2024-06-05T09:00:00Z",
         "ended_at": "2024-06-05T10:00:00Z", "status": "completed",
         "sets": [a_set(n) for n in range(100)]}
        for i in range(count // 100)
    ]  # fmt: skip
    return json.dumps({"format_version": 1, "sessions": sessions})


def record(number: int, **changes: Any) -> dict[str, Any]:
    data = {"id": f"Squat_{number}", "name": f"Squat {number}", "force": "push",
            "level": "beginner", "mechanic": "compound", "equipment": "dumbbell",
            "primaryMuscles": ["glutes"], "secondaryMuscles": ["hamstrings"],
            "instructions": ["Stand tall.", "Move slowly. Tip: breathe out."],
            "category": "strength", "images": []}  # fmt: skip
    data.update(changes)
    return data


def values_in(text: str) -> int:
    return sum(text.count(mark) for mark in ",[{") + 1


def shapes(size: int) -> Iterator[tuple[str, str]]:
    yield "export: 100 sessions of 100 sets", export_with_sets(10_000)
    # Refused before or by the parser.
    yield "a 5,000-digit number", "[" + "9" * 5000 + "]"
    yield f"more than {MAX_JSON_VALUES:,} values", "[" + "1," * MAX_JSON_VALUES + "1]"
    yield "arrays nested 100,000 deep", "[" * 100_000 + "]" * 100_000
    yield "a byte order mark", "\ufeff[]"
    # Just inside every bound.
    yield f"array of {VALUES:,} ints", "[" + "1," * (VALUES - 2) + "1]"
    yield f"object of {VALUES:,} keys", "{" + ",".join(f'"k{i}":1' for i in range(VALUES)) + "}"
    digits = "9" * 100  # the longest whole number read
    count = min(VALUES, size // 102)
    yield f"{count:,} 100-digit numbers", "[" + ",".join([digits] * count) + "]"
    count = min(VALUES, size // 1002)
    yield f"{count:,} floats of 1,000 digits", "[" + ",".join(["0." + "9" * 998] * count) + "]"
    unit = "\\u0041"
    yield "64 MiB string of \\u escapes", '["' + unit * ((size - 4) // len(unit)) + '"]'
    yield "64 MiB string of spaces", '["' + " " * (size - 4) + '"]'
    # Each set is 12 values: the most sets within the value bound.
    sets = VALUES // 12 // 100 * 100
    yield f"export: {sets:,} sets", export_with_sets(sets)
    bad = json.loads(export_with_sets(sets))
    for session in bad["sessions"]:
        for done in session["sets"]:
            done["completed_at"] = "9999-12-31T23:00:00-05:00"
    yield f"export: {sets:,} sets, every time bad", json.dumps(bad)
    count = VALUES // 20  # a record is about 18 values
    yield f"dataset: {count:,} records", json.dumps([record(i) for i in range(count)])
    yield (
        f"dataset: {count:,} records, one id",
        json.dumps([record(0, name="Squat") for _ in range(count)]),
    )
    spaces = " " * ((size - 400) // 2)
    yield (
        "dataset: one record, 64 MiB of steps",
        json.dumps([record(0, instructions=["Stand." + spaces + "( " * (len(spaces) // 2)])]),
    )
    count = VALUES // 4
    yield (
        f"manifest: {count:,} files",
        json.dumps({"files": {f"x{i}.toml": {"sha256": "0", "source": "s"} for i in range(count)}}),
    )


def median_seconds(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def json_alone(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        return error


def history(path: Path) -> object:
    data = load_export_file(path)
    return data if not isinstance(data, (dict, list)) else parse_export(data, path=str(path))


def dataset(path: Path) -> object:
    try:
        return convert(read_dataset(path))
    except DatasetError as error:
        return error


def outcome(path: Path) -> str:
    data = load_export_file(path)
    if not isinstance(data, (dict, list)):
        return f"refused: {getattr(data, 'message', data)}"[:60]
    return f"read: {values_in(path.read_text(encoding='utf-8')):,} values"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bytes", type=int, default=MAX_INPUT_BYTES)
    parser.add_argument("--only", help="only shapes whose name holds this")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each, medians")  # fmt: skip
    print(f"{'shape':<40} {'bytes':>11} {'json':>7} {'read':>7} {'history':>8} {'dataset':>8} "
          f"{'manifest':>9}  outcome")  # fmt: skip
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / MANIFEST_NAME
        for name, text in shapes(args.bytes):
            if args.only and args.only not in name:
                continue
            path.write_text(text, encoding="utf-8")
            figures = [
                median_seconds(partial(json_alone, text), args.runs),
                median_seconds(partial(load_export_file, path), args.runs),
                median_seconds(partial(history, path), args.runs),
                median_seconds(partial(dataset, path), args.runs),
                median_seconds(partial(read_manifest, Path(folder)), args.runs),
            ]
            worst = max(worst, *figures[1:])
            pairs = zip(figures, (7, 7, 8, 8, 9), strict=True)
            columns = " ".join(f"{figure:>{width}.3f}" for figure, width in pairs)
            print(f"{name[:40]:<40} {len(text.encode()):>11,} {columns}  {outcome(path)}",
                  flush=True)  # fmt: skip
    print(f"slowest hiptui reader: {worst:.3f} s (the bound is 2 s)")


if __name__ == "__main__":
    main()
