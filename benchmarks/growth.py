"""How the costs grow with the number of exercises: 100, 1,000 and 10,000 user exercises.

Usage: uv run python benchmarks/growth.py [--sizes 100,1000,10000] [--runs N] [--filter-runs N]
       [--dataset JSON]

For each size (user exercises besides the bundled ones; copies of the bundled exercises, or a
free-exercise-db JSON file imported and padded, made in a temporary folder):

- `hiptui cues glute-bridge` from a warm cache, beside `python -c pass` (runs taking turns);
- the whole first screen in tmux (list, count and card), beside the minimal Textual app
  (benchmarks/first_frame.py), and the app's peak memory beside the minimal app's;
- one more character typed into the catalog filter, until the box and the new count are on
  screen (benchmarks/filter_latency.py), beside a minimal Textual filter app.

Prints one table, each figure beside its baseline from the same run, and how much each cost
grew per 1,000 exercises from one size to the next (equal steps mean linear growth). Targets
(issue 20): nothing worse than linear; the filter under 50 ms a key at 10,000.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import filter_latency
import first_frame
from _datasets import hiptui_env, user_exercises
from _timing import load_line, median, time_interleaved
from _tmux import Terminal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--filter-runs", type=int, default=4)
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument("--dataset", type=Path, help="a free-exercise-db JSON file to import")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    script = shutil.which("hiptui") or str(Path(sys.executable).parent / "hiptui")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Terminal() as term:
        minimal_filter = filter_latency.measure_minimal(term, args.filter_runs, tmp)
        for size in sizes:
            home = Path(tmp) / f"home-{size}"
            folder = user_exercises(home / "data" / "exercises", size, args.dataset)
            print(f"{size} user exercises: {load_line()}", flush=True)
            cues = time_interleaved(
                [
                    ([sys.executable, "-c", "pass"], hiptui_env(home)),
                    ([script, "cues", "glute-bridge"], hiptui_env(home)),
                ],
                runs=args.runs,
            )
            screens = first_frame.first_screens(term, home, args.runs)
            peaks = first_frame.peak_memory(term, home, args.memory_runs)
            other = Path(tmp) / f"filter-{size}"
            other.mkdir()
            total, keys = filter_latency.measure_hiptui(
                term, [folder], args.filter_runs, str(other)
            )
            rows.append(
                {
                    "size": size,
                    "total": total,
                    "pass": median(cues[0]),
                    "cues": median(cues[1]),
                    "minimal": statistics.median(screens["minimal"]),
                    "screen": statistics.median(screens["screen"]),
                    "peak minimal": statistics.median(peaks["minimal"]) / 1024,
                    "peak": statistics.median(peaks["hiptui"]) / 1024,
                    "filter minimal": statistics.median(minimal_filter),
                    "filter": statistics.median(keys),
                    "filter p90": sorted(keys)[int(len(keys) * 0.9)],
                }
            )
        print(load_line())
    print()
    print(
        f"{'exercises':>10} | {'cues ms (x pass)':>18} | {'first screen ms (x min.)':>25} | "
        f"{'peak MiB (x min.)':>18} | {'filter ms/key (p90)':>20}"
    )
    for row in rows:
        print(
            f"{row['total']:>10} | {row['cues']:7.1f} ({row['cues'] / row['pass']:4.2f}x)     | "
            f"{row['screen']:8.1f} ({row['screen'] / row['minimal']:4.2f}x)          | "
            f"{row['peak']:6.1f} ({row['peak'] / row['peak minimal']:4.2f}x)   | "
            f"{row['filter']:6.1f} ({row['filter p90']:5.1f})"
        )
    print(
        f"baselines: python -c pass {rows[0]['pass']:.1f} ms; minimal app "
        f"{rows[0]['minimal']:.1f} ms, {rows[0]['peak minimal']:.1f} MiB; minimal filter app "
        f"{rows[0]['filter minimal']:.1f} ms/key"
    )
    for before, after in itertools.pairwise(rows):
        per_1000 = 1000 / (after["total"] - before["total"])
        steps = ", ".join(
            f"{key} +{(after[key] - before[key]) * per_1000:.1f}"
            for key in ("cues", "screen", "peak", "filter")
        )
        print(f"growth per 1,000 exercises from {before['total']} to {after['total']}: {steps}")
    slow = [row for row in rows if row["total"] >= 10000 and row["filter"] >= 50]
    print("filter under 50 ms a key at 10,000:", "MISSED" if slow else "met (or not measured)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
