"""The first frame and the rep press of this checkout beside another checkout's (an older
commit in a worktree of its own), with the minimal Textual apps as the baseline, in one run.

Usage: uv run python benchmarks/against_tree.py OTHER [--runs N] [--presses N]

OTHER is a checkout with its own environment, e.g. the commit before a redesign:
    git worktree add /tmp/base 14908a0 && (cd /tmp/base && uv sync --locked)
Each checkout's app runs from its own ``.venv`` (this one's: the Python running the script),
with HIPTUI_* folders of its own, so neither reads the other's content cache or history.

1. First frame (tmux 120x40, bundled content, warm content cache): from launch until the
   catalog's count ("N of M exercises") and the highlighted exercise's card ("Muscles") are
   both on screen, as benchmarks/first_frame.py times it; the minimal app is
   benchmarks/baseline_app.py. Runs alternate: this, the other, the minimal app, ...
2. Rep press (tmux 80x24): ``hiptui run`` of a 200-rep exercise in each checkout and the
   minimal counter of benchmarks/runner_timing.py, all three running at once on one tmux
   server; presses alternate between them, each timed from send-keys until the program
   writes its frame (a control-mode client sees the pane's %output), as runner_timing.py
   does by default.
Prints the medians, each checkout against the minimal app, and this checkout against the
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


def report(title: str, samples: dict[str, list[float]], names: tuple[str, str]) -> None:
    base = statistics.median(samples["minimal"])
    print(f"{title}:")
    print(f"  {'minimal Textual app':<28} median {base:7.1f} ms  n={len(samples['minimal'])}")
    for name in names:
        mid = statistics.median(samples[name])
        print(f"  {'hiptui, ' + name:<28} median {mid:7.1f} ms  {mid / base:5.2f}x the minimal")
    this, other = (statistics.median(samples[name]) for name in names)
    print(f"  this / other: {this / other:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="another checkout with its own .venv")
    parser.add_argument("--runs", type=int, default=15, help="first-frame runs of each")
    parser.add_argument("--presses", type=int, default=30, help="rep presses of each")
    args = parser.parse_args()
    other_python = args.other.resolve() / ".venv" / "bin" / "python"
    if not other_python.exists():
        parser.error(f"{other_python} not found: run uv sync in {args.other}")
    names = ("this", "other")
    pythons = {"this": sys.executable, "other": str(other_python)}
    print(f"this: {sys.executable}; other: {other_python}")
    print(load_line())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        report("first frame, 120x40, bundled exercises", first_frames(pythons, home, args.runs),
               names)  # fmt: skip
        print(f"  {load_line()}")
        report("rep press, 80x24, key to frame", rep_presses(pythons, home, args.presses),
               names)  # fmt: skip
        print(f"  {load_line()}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TERM", "xterm-256color")
    raise SystemExit(main())
