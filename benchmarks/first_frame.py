"""Time from launch until the whole first screen is on screen, in a real terminal (tmux 120x40),
and the app's peak memory, beside a minimal Textual app in the same run.

Usage: uv run python benchmarks/first_frame.py [--runs N] [--total N] [--dataset JSON]
       [--no-memory]

Each run starts a fresh process in a tmux server of the script's own and polls the screen every
5 ms: for hiptui until the catalog's count ("of N exercises"), its list and the highlighted
exercise's card ("Muscles") are all on screen (the list and count alone are printed too), and
for the minimal app (Header, OptionList of 8, Footer: benchmarks/baseline_app.py) until
"Baseline option 8" is; and for the layout twin (benchmarks/layout_twin_app.py: Textual alone
drawing the catalog's layout in plain text) until its count and card are. Runs alternate
between the three, so machine load falls on all alike.
Then each app's peak resident memory: started again, a second after its screen is up, ctrl+q.

Cases: the bundled exercises, and TOTAL (default 1,000) user exercises besides (copies of the
bundled ones, or a free-exercise-db JSON file imported and padded), from a warm content cache.
Targets (issue 20): the whole first screen at most 1.15x the minimal app with the bundled
content and at most 1.3x with 1,000 exercises; peak memory at most 1.3x with the bundled.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _datasets import hiptui_env, user_exercises
from _timing import load_line
from _tmux import Terminal

HERE = Path(__file__).resolve().parent
COUNT = re.compile(r"\d+ of \d+ exercises")
CARD = re.compile(r"Muscles")
BASELINE = re.compile(r"Baseline option 8")
TWIN = [re.compile(r"23 of 23 twin exercises"), re.compile(r"Card line 3")]


def commands(home: Path) -> tuple[str, str, str]:
    """The shell commands for hiptui (folders under ``home``), the minimal app and the layout
    twin, bytecode caching on as on a user's machine (this sandbox turns it off)."""
    python = shlex.quote(sys.executable)
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in hiptui_env(home).items())
    plain = f"env -u PYTHONDONTWRITEBYTECODE {python}"
    return (
        f"env -u PYTHONDONTWRITEBYTECODE {env} {python} -m hiptui",
        f"{plain} {shlex.quote(str(HERE / 'baseline_app.py'))}",
        f"{plain} {shlex.quote(str(HERE / 'layout_twin_app.py'))}",
    )


def first_screens(term: Terminal, home: Path, runs: int) -> dict[str, list[float]]:
    hiptui, base, twin = commands(home)
    term.times_to_markers(hiptui, [COUNT, CARD])  # warm: bytecode, the content cache
    term.times_to_markers(base, [BASELINE])
    term.times_to_markers(twin, TWIN)
    samples: dict[str, list[float]] = {"minimal": [], "twin": [], "list": [], "screen": []}
    for _ in range(runs):
        samples["minimal"] += term.times_to_markers(base, [BASELINE])
        samples["twin"].append(max(term.times_to_markers(twin, TWIN)))
        at_count, at_card = term.times_to_markers(hiptui, [COUNT, CARD])
        samples["list"].append(at_count)
        samples["screen"].append(max(at_count, at_card))
    return samples


def peak_memory(term: Terminal, home: Path, runs: int) -> dict[str, list[int]]:
    python = sys.executable
    env = ["env", "-u", "PYTHONDONTWRITEBYTECODE"]
    hiptui = [*env, *(f"{k}={v}" for k, v in hiptui_env(home).items()), python, "-m", "hiptui"]
    base = [*env, python, str(HERE / "baseline_app.py")]
    whole = lambda screen: bool(COUNT.search(screen) and CARD.search(screen))  # noqa: E731
    peaks: dict[str, list[int]] = {"minimal": [], "hiptui": []}
    for _ in range(runs):
        peaks["minimal"].append(term.peak_memory(python, base, BASELINE.search, home))
        peaks["hiptui"].append(term.peak_memory(python, hiptui, whole, home))
    return peaks


def report(label: str, samples: dict[str, list[float]], target: float) -> None:
    base = statistics.median(samples["minimal"])
    print(f"{label}:")
    print(f"  minimal Textual app              median {base:7.1f} ms  n={len(samples['minimal'])}")
    twin = statistics.median(samples["twin"])
    print(f"  layout twin (Textual alone)      median {twin:7.1f} ms  {twin / base:5.2f}x")
    for key, name in (("list", "list and count"), ("screen", "whole first screen (+ card)")):
        mid = statistics.median(samples[key])
        verdict = f"  (target <= {target:g}x: {'met' if mid / base <= target else 'MISSED'})"
        line = f"  hiptui {name:<26} median {mid:7.1f} ms  {mid / base:5.2f}x"
        line += f"  ({mid / twin:4.2f}x the twin)"
        print(line + (verdict if key == "screen" else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--dataset", type=Path, help="a free-exercise-db JSON file to import")
    parser.add_argument("--memory-runs", type=int, default=5)
    parser.add_argument("--no-memory", dest="memory", action="store_false")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Terminal() as term:
        small, big = Path(tmp) / "small", Path(tmp) / "big"
        user_exercises(big / "data" / "exercises", args.total, args.dataset)
        print(load_line())
        for label, home, target in (
            ("bundled exercises", small, 1.15),
            (f"{args.total} user exercises and the bundled", big, 1.3),
        ):
            report(label, first_screens(term, home, args.runs), target)
            print(f"  {load_line()}")
        if args.memory:
            for label, home in (("bundled", small), (str(args.total), big)):
                peaks = peak_memory(term, home, args.memory_runs)
                base = statistics.median(peaks["minimal"])
                ours = statistics.median(peaks["hiptui"])
                target = "  (target <= 1.3x: " + ("met)" if ours / base <= 1.3 else "MISSED)")
                print(f"peak memory, {label}: minimal {base / 1024:.1f} MiB, hiptui "
                      f"{ours / 1024:.1f} MiB, {ours / base:.2f}x"
                      + (target if label == "bundled" else ""))  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TERM", "xterm-256color")
    raise SystemExit(main())
