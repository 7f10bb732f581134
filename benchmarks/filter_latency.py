"""How long the catalog takes to update after one more character is typed into the filter.

Usage: uv run python benchmarks/filter_latency.py [--exercises DIR | --total N] [--runs N]

The real app runs in tmux (120x40, a tmux server of the script's own) with the bundled
exercises, and again with DIR added (for example 1,000 files made by
`benchmarks/import_scale.py --keep DIR`) or with N generated user exercises (copies of the
bundled ones, made in a temporary folder). For each character typed
into the search box the script knows, from the same filter code, how many exercises should
match; it polls the screen every 2 ms until the search box shows exactly the typed text and
the count line shows that number.
The baseline is a minimal Textual app (an Input, a Static and an OptionList of 12 that it
refilters on every key) measured the same way: Textual's own floor for "type a key, see a
filtered list". Target (issue 8): a median under 50 ms at 1,000 exercises.
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _datasets import user_exercises
from _tmux import Terminal

QUERIES = ("glute", "hams", "bridge", "kick", "stretch", "press")

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Input, OptionList, Static
NAMES = [f"exercise {n} {w}" for n, w in enumerate(
    "glute hams bridge kick stretch press glute hams bridge kick stretch press".split())]
class Minimal(App):
    def compose(self):
        yield Input()
        yield Static("ready 12 matches", id="count")
        yield OptionList(*NAMES, id="list")
    def on_input_changed(self, event):
        shown = [n for n in NAMES if all(c in n for c in event.value)]
        self.query_one("#list", OptionList).set_options(shown)
        self.query_one("#count", Static).update(f"{len(shown)} matches for '{event.value}'")
Minimal().run()
"""


def _type_queries(
    term: Terminal,
    runs: int,
    focus: str,
    expect: Callable[[str, str], bool],
    reset: Callable[[], None],
) -> list[float]:
    samples: list[float] = []
    for run in range(runs):
        query = QUERIES[run % len(QUERIES)]
        if focus:
            term.keys(focus)
        time.sleep(0.2)
        for n, char in enumerate(query, start=1):
            typed = query[:n]
            start = time.perf_counter()
            term.keys(char, literal=True)
            term.wait(lambda screen, typed=typed: expect(screen, typed), limit=10)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        reset()
    return samples


def measure_hiptui(
    term: Terminal, extra: list[Path], runs: int, home: str
) -> tuple[int, list[float]]:
    from hiptui.content.loader import load_library
    from hiptui.core.catalog.filter import CatalogFilter
    from hiptui.paths import content_folders

    exercises = load_library(content_folders(tuple(extra))).ordered()
    total = len(exercises)
    counts = {
        query[:n]: sum(CatalogFilter(query=query[:n]).matches(ex) for ex in exercises)
        for query in QUERIES
        for n in range(1, len(query) + 1)
    }
    env = " ".join(f"HIPTUI_{n}_DIR={home}/{n.lower()}" for n in ("DATA", "CONFIG", "CACHE"))
    more = " ".join(f"--exercises {shlex.quote(str(p))}" for p in extra)
    python = shlex.quote(sys.executable)
    term.start(f"env -u PYTHONDONTWRITEBYTECODE {env} {python} -m hiptui {more}")
    try:
        term.wait(lambda s: f"{total} of {total} exercises" in s, limit=60)
        time.sleep(1.0 + total / 2000)  # let the rest of a long list arrive

        def expect(screen: str, typed: str) -> bool:
            # The search box holds exactly what was typed, and the count is the new one.
            box = re.search(rf"▊ +{re.escape(typed)} +▎", screen)
            return box is not None and f" {counts[typed]} of {total} exercises" in screen

        def reset() -> None:
            term.keys("Escape")
            term.wait(lambda s: f"{total} of {total} exercises" in s)
            time.sleep(0.3 + total / 5000)

        return total, _type_queries(term, runs, "/", expect, reset)
    finally:
        term.stop()


def measure_minimal(term: Terminal, runs: int, home: str) -> list[float]:
    script = Path(home) / "minimal_filter.py"
    script.write_text(MINIMAL_APP)
    term.start(f"env -u PYTHONDONTWRITEBYTECODE {shlex.quote(sys.executable)} {script}")
    try:
        term.wait(lambda s: "ready 12 matches" in s)

        def expect(screen: str, typed: str) -> bool:
            return f"for '{typed}'" in screen

        def reset() -> None:
            term.keys("C-u")
            time.sleep(0.3)

        return _type_queries(term, runs, "", expect, reset)
    finally:
        term.stop()


def _row(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    return (
        f"{label:<36} per key median {statistics.median(samples):6.1f} ms, "
        f"p90 {ordered[int(len(ordered) * 0.9)]:6.1f} ms (n={len(samples)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exercises", type=Path)
    parser.add_argument("--total", type=int, help="generate N user exercises instead")
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, Terminal() as term:
        base = measure_minimal(term, args.runs, home)
        print(_row("minimal Textual filter app (12)", base))
        extra = args.exercises
        if args.total:
            extra = user_exercises(Path(home) / "generated", args.total)
        cases: list[list[Path]] = [[]] + ([[extra]] if extra else [])
        for folders in cases:
            total, samples = measure_hiptui(term, folders, args.runs, home)
            print(_row(f"hiptui catalog ({total} exercises)", samples))
            ratio = statistics.median(samples) / statistics.median(base)
            print(f"{'':<36} ratio to the minimal app {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
