"""The first frame and the rep press of this checkout beside another checkout's (an older
commit in a worktree of its own), with the minimal Textual apps as the baseline, in one run.

Usage: uv run python benchmarks/against_tree.py OTHER... [--runs N] [--presses N]
       [--only first-frame|rep-press]

Each OTHER is a checkout with its own environment, e.g. the commit before a redesign:
    git worktree add /tmp/base 14908a0 && (cd /tmp/base && uv sync --locked)
Each checkout's app runs from its own ``.venv`` (this one's: the Python running the script),
with HIPTUI_* folders of its own, so neither reads the other's content cache or history.

1. First frame (tmux 120x40, bundled content, warm content cache): from launch until the
   catalog's count ("N of M exercises") and the highlighted exercise's card ("Muscles") are
   both on screen, as benchmarks/first_frame.py times it; the minimal app is
   benchmarks/baseline_app.py. Runs alternate: this, each other, the minimal app, ...
2. Rep press (tmux 80x24): ``hiptui run`` of a 200-rep exercise in each checkout and the
   minimal counter of benchmarks/runner_timing.py, all running at once on one tmux
   server; presses alternate between them, each timed from send-keys until the program
   writes its frame (a control-mode client sees the pane's %output), as runner_timing.py
   does by default.
Prints the medians, each checkout against the minimal app, and this checkout against each
other (below 1.00: this one is faster).
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
import runner_timing
from _datasets import hiptui_env
from _timing import load_line
from _tmux import Terminal

HERE = Path(__file__).resolve().parent
COUNT = re.compile(r"\d+ of \d+ exercises")
CARD = re.compile(r"Muscles")
BASELINE = re.compile(r"Baseline option 8")


def app_command(python: str, home: Path, args: str = "") -> str:
    """``python -m hiptui`` with the HIPTUI_* folders under ``home``, bytecode caching on as on
    a user's machine (this sandbox turns it off)."""
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in hiptui_env(home).items())
    return f"env -u PYTHONDONTWRITEBYTECODE {env} {shlex.quote(python)} -m hiptui {args}"


def first_frames(pythons: dict[str, str], home: Path, runs: int) -> dict[str, list[float]]:
    minimal = f"env -u PYTHONDONTWRITEBYTECODE {shlex.quote(sys.executable)} "
    minimal += shlex.quote(str(HERE / "baseline_app.py"))
    commands = {name: app_command(python, home / name) for name, python in pythons.items()}
    samples: dict[str, list[float]] = {"minimal": [], **{name: [] for name in pythons}}
    with Terminal(120, 40) as term:
        for command in commands.values():  # warm: bytecode, the content cache
            term.times_to_markers(command, [COUNT, CARD])
        term.times_to_markers(minimal, [BASELINE])
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(max(term.times_to_markers(command, [COUNT, CARD])))
            samples["minimal"] += term.times_to_markers(minimal, [BASELINE])
    return samples


def rep_presses(pythons: dict[str, str], home: Path, presses: int) -> dict[str, list[float]]:
    folder = home / "bench-exercises"
    folder.mkdir()
    (folder / "bench-reps.toml").write_text(runner_timing.BENCH_EXERCISE, encoding="utf-8")
    counter = home / "counter.py"
    counter.write_text(runner_timing.COUNTER_APP, encoding="utf-8")
    run = f"--exercises {shlex.quote(str(folder))} run bench-reps"
    size = (80, 24)
    clients: dict[str, runner_timing.ControlClient] = {}
    try:
        for name, python in pythons.items():
            runner_timing._started(name, app_command(python, home / f"{name}-run", run),
                                   "sets saved", size)  # fmt: skip
        minimal = f"env -u PYTHONDONTWRITEBYTECODE {shlex.quote(sys.executable)} "
        runner_timing._started("minimal", minimal + shlex.quote(str(counter)),
                               "counter ready", size)  # fmt: skip
        clients = {name: runner_timing.ControlClient(name) for name in (*pythons, "minimal")}
        samples: dict[str, list[float]] = {name: [] for name in clients}
        for _ in range(presses):
            for name, client in clients.items():
                samples[name].append(client.press("Space"))
        return samples
    finally:
        for client in clients.values():
            client.close()
        runner_timing._tmux("kill-server")


def report(title: str, samples: dict[str, list[float]]) -> None:
    base = statistics.median(samples["minimal"])
    this = statistics.median(samples["this"])
    print(f"{title}:")
    print(f"  {'minimal Textual app':<28} median {base:7.1f} ms  n={len(samples['minimal'])}")
    for name, times in samples.items():
        if name != "minimal":
            mid = statistics.median(times)
            against = "" if name == "this" else f"  this / {name}: {this / mid:.2f}"
            print(f"  {'hiptui, ' + name:<28} median {mid:7.1f} ms  {mid / base:5.2f}x the "
                  f"minimal{against}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", type=Path, nargs="+", help="other checkouts, each with a .venv")
    parser.add_argument("--runs", type=int, default=15, help="first-frame runs of each")
    parser.add_argument("--presses", type=int, default=30, help="rep presses of each")
    parser.add_argument("--only", choices=("first-frame", "rep-press"), help="one of the two")
    args = parser.parse_args()
    pythons = {"this": sys.executable}
    for number, other in enumerate(args.others, start=1):
        python = other.resolve() / ".venv" / "bin" / "python"
        if not python.exists():
            parser.error(f"{python} not found: run uv sync in {other}")
        pythons[f"other{number}"] = str(python)
    for name, python in pythons.items():
        print(f"{name}: {python}")
    print(load_line())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        if args.only != "rep-press":
            report("first frame, 120x40, bundled exercises", first_frames(pythons, home, args.runs))
            print(f"  {load_line()}")
        if args.only != "first-frame":
            report("rep press, 80x24, key to frame", rep_presses(pythons, home, args.presses))
            print(f"  {load_line()}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TERM", "xterm-256color")
    raise SystemExit(main())
