"""The session machine's own cost per rep press (``rep()`` then ``view``), beside another commit.

Usage: uv run python benchmarks/session_machine.py [--against REV] [--runs N] [--presses N]

The pure part of a rep press, without Textual: each run is a fresh process that presses the rep
key ``--presses`` times on a counted set and reads the view after each press, as the runner
screen does. The same measure runs on the source of ``--against`` (default: 14908a0, the flat
core/ before the session package), taken out of git into a temporary folder; runs alternate
between the two so machine load falls on both alike. Prints medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRESSES = r"""
import sys, time
try:
    from hiptui.core.session.machine import SessionMachine
    from hiptui.core.session.plan import ExercisePlan, SessionPlan
except ImportError:  # the layout before core/session/
    from hiptui.core.session import SessionMachine
    from hiptui.core.plan import ExercisePlan, SessionPlan
from hiptui.content.models import Range

now = [1000.0]
item = ExercisePlan("x", "X", 1, target_reps=Range(1, 10**9), cues=("a", "b", "c"))
machine = SessionMachine(SessionPlan("bench", (item,)), lambda: now[0])
presses = int(sys.argv[1])
start = time.perf_counter()
for _ in range(presses):
    now[0] += 0.5
    machine.rep()
    machine.view
print((time.perf_counter() - start) / presses * 1e6)
"""


def source_of(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def one_run(src: Path, presses: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    done = subprocess.run(
        [sys.executable, "-c", PRESSES, str(presses)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="14908a0")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--presses", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sources = {args.against: source_of(args.against, Path(folder)), "this tree": ROOT / "src"}
        times: dict[str, list[float]] = {name: [] for name in sources}
        for _ in range(args.runs):
            for name, src in sources.items():
                times[name].append(one_run(src, args.presses))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:>10}: {median:.2f} us per rep press and view (median of {args.runs} runs)")
    print(f"ratio this tree / {args.against}: {medians['this tree'] / medians[args.against]:.3f}")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
