"""Giving dataset records unique ids: 100,000 records sharing a few ids beside distinct ones.

Usage: uv run python benchmarks/import_ids.py [--records N] [--runs N] [--old N]

Prints the in-process time of ``convert`` (map every record, then give each a unique id and
record key) for ``--records`` records

- with distinct ids (the baseline: no id is repeated),
- sharing 5 ids (``squat``, ``squat-2`` ... ``squat-20000``),
- all named alike and without an id (the name gives the id),

medians of ``--runs`` runs, and the time of the id loop the importer had before (it tried
``-2``, ``-3``... from the start for every repeat: quadratic) on ``--old`` records sharing
5 ids, beside the new loop on the same records. Tests never run this script.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hiptui.content.free_exercise_db import RawRecord, _suffixed, convert, kebab_id

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.unit.fedb_fixtures import record


def records(count: int, their_id: Callable[[int], str | None]) -> list[RawRecord]:
    out = []
    for number in range(count):
        data: dict[str, Any] = record(f"Exercise_{number}")
        given = their_id(number)
        if given is None:
            del data["id"]
            data["name"] = "Lunge"
        else:
            data["id"] = given
        out.append(RawRecord("bench.json", number + 1, data))
    return out


def old_ids(bases: list[str]) -> None:
    """The id loop as it was: every repeat counts up from -2 again."""
    taken: set[str] = set()
    every = set(bases)
    for base in sorted(bases):
        candidate, number = base, 2
        while candidate in taken or (candidate != base and candidate in every):
            candidate = _suffixed(base, str(number))
            number += 1
        taken.add(candidate)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", type=int, default=20_000)
    args = parser.parse_args()
    count = args.records
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"medians of {args.runs} runs")  # fmt: skip
    cases = {
        "distinct ids (baseline)": records(count, lambda n: f"Exercise_{n}"),
        "5 ids shared": records(count, lambda n: ("Squat", "Lunge", "Row", "Curl", "Dip")[n % 5]),
        "no id, one name": records(count, lambda n: None),
    }
    baseline = 0.0
    for label, raw in cases.items():
        seconds = median_seconds(lambda raw=raw: convert(raw), args.runs)
        baseline = baseline or seconds
        done = convert(raw)
        unique = len({e.id for e in done.exercises}) == len({e.key for e in done.exercises})
        print(f"convert {count:,} records, {label:<24} {seconds:7.2f} s  "
              f"x{seconds / baseline:4.2f}  all ids and keys unique: {unique}")  # fmt: skip
    shared = [kebab_id(("Squat", "Lunge", "Row", "Curl", "Dip")[n % 5]) for n in range(args.old)]
    old = median_seconds(lambda: old_ids(shared), 1)
    raw = records(args.old, lambda n: ("Squat", "Lunge", "Row", "Curl", "Dip")[n % 5])
    new = median_seconds(lambda: convert(raw), 1)
    print(f"ids for {args.old:,} records sharing 5 ids: old loop {old:.2f} s, "
          f"new convert (mapping included) {new:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
