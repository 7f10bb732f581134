"""Time from launch until the catalog is on screen, in a real terminal (tmux, 120x40).

Usage: uv run python benchmarks/first_frame.py [--runs N] [--exercises DIR]

Each run starts a fresh tmux session and polls `capture-pane` every 5 ms until the marker
text appears: "of N exercises" for hiptui (the catalog list and its count are drawn), then
"Muscles" (the detail card, drawn in the following frame), and "Baseline option 8" for a
minimal Textual app (Header, OptionList of 8, Footer). Runs alternate between the two so
that machine noise hits both alike. Prints both medians and the ratio (issue 3 targets: <= 1.15
with the bundled content, <= 1.3 with 1,000 exercises).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SESSION = "hiptui-bench"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def time_to_marker(command: str, marker: re.Pattern[str], timeout: float = 20.0) -> float:
    return times_to_markers(command, [marker], timeout)[0]


def times_to_markers(
    command: str, markers: list[re.Pattern[str]], timeout: float = 20.0
) -> list[float]:
    """Milliseconds from launch until each marker is first on screen."""
    _tmux("kill-session", "-t", SESSION)
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command)
    seen: dict[int, float] = {}
    try:
        while time.perf_counter() - start < timeout:
            screen = _tmux("capture-pane", "-p", "-t", SESSION)
            for index, marker in enumerate(markers):
                if index not in seen and marker.search(screen):
                    seen[index] = (time.perf_counter() - start) * 1000
            if len(seen) == len(markers):
                return [seen[i] for i in range(len(markers))]
            time.sleep(0.005)
        raise RuntimeError(f"markers never all appeared for: {command}")
    finally:
        _tmux("kill-session", "-t", SESSION)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--exercises", type=Path, help="extra exercise folder (e.g. 1,000 files)")
    args = parser.parse_args()

    python = sys.executable
    with tempfile.TemporaryDirectory() as home:
        env = " ".join(
            f"HIPTUI_{name}_DIR={home}/{name.lower()}" for name in ("DATA", "CONFIG", "CACHE")
        )
        extra = f" --exercises {shlex.quote(str(args.exercises))}" if args.exercises else ""
        # bytecode caching on, as on a user's machine (this sandbox disables it by default)
        hiptui_cmd = f"env -u PYTHONDONTWRITEBYTECODE {env} {shlex.quote(python)} -m hiptui{extra}"
        base_cmd = (
            f"env -u PYTHONDONTWRITEBYTECODE {shlex.quote(python)} "
            f"{shlex.quote(str(HERE / 'baseline_app.py'))}"
        )
        # warm the file cache (and hiptui's content cache) once each
        time_to_marker(hiptui_cmd, re.compile(r"of \d+ exercises"))
        time_to_marker(base_cmd, re.compile("Baseline option 8"))
        ours, cards, base = [], [], []
        list_marker, card_marker = re.compile(r"of \d+ exercises"), re.compile(r"Muscles")
        for _ in range(args.runs):
            base.append(time_to_marker(base_cmd, re.compile("Baseline option 8")))
            at_list, at_card = times_to_markers(hiptui_cmd, [list_marker, card_marker])
            ours.append(at_list)
            cards.append(at_card)
    m_base = statistics.median(base)
    label = f"hiptui{' + ' + args.exercises.name if args.exercises else ''}"
    rows = (
        ("minimal Textual app", base),
        (f"{label}: catalog list and count", ours),
        (f"{label}: detail card too", cards),
    )
    for name, samples in rows:
        middle, low, high = statistics.median(samples), min(samples), max(samples)
        ratio = "" if samples is base else f"  ratio {middle / m_base:.2f}"
        print(f"{name:<40} median {middle:7.1f} ms  (min {low:.1f}, max {high:.1f}){ratio}")
    print(f"(n={args.runs} each, 120x40 tmux; the card is drawn in the frame after the list)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TERM", "xterm-256color")
    raise SystemExit(main())
