"""What one answer of the self-check costs the app, beside a minimal Textual question screen.

Usage: uv run python benchmarks/checkup_answer_cpu.py [--rounds N] [--size WxH ...]

Each answer key moves the self-check to the next question: new prompt, new answers, the
Footer's keys looked at again. This script answers the 15 bundled questions ``--rounds`` times
(headless, each key pressed as Pilot presses it) and, for each answer, measures in the thread
that runs the app (``time.thread_time``: time spent waiting for a core is not counted):

- the work from the key until the app is idle again (the handler, every frame it causes, the
  Footer's rebuild if any), and how many frames that took;
- the wall time from the key to the first frame drawn after it.

It does that for the app as it is, for the same app with Textual's own ``Footer`` (which rebuilds
its keys on every ``refresh_bindings``: what the self-check had before
``hiptui/tui/widgets/key_footer.py``), and for a minimal Textual app that shows a question, an
OptionList of 9 answers and a Footer, and replaces them on each key. Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _datasets import hiptui_env
from _timing import terminal_sizes

# The first 14 of the 15 answers (the 15th opens the result), a key each.
ANSWER_KEYS = ["9", "5", "4", "3", "1", "6", "3", "4", "4", "0", "n", "y", "1", "3"]


class Meter:
    """Frames drawn (Screen._compositor_refresh) and when the first one after a key ended."""

    def __init__(self) -> None:
        self.frames = 0
        self.first_frame_at: float | None = None

    def install(self) -> None:
        from textual.screen import Screen

        meter, refresh = self, Screen._compositor_refresh

        def counted(screen: Screen[Any]) -> None:
            refresh(screen)
            meter.frames += 1
            if meter.first_frame_at is None:
                meter.first_frame_at = time.perf_counter()

        Screen._compositor_refresh = counted  # type: ignore[method-assign, assignment]


def minimal_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.events import Key
    from textual.widgets import Footer, OptionList, Static

    class Questions(App[None]):
        BINDINGS = [Binding("b", "back", "Back"), Binding("escape", "leave", "Leave")]

        def __init__(self) -> None:
            super().__init__()
            self.number = 0

        def compose(self) -> ComposeResult:
            yield Static("Question 1", id="prompt")
            yield OptionList(*[f"{n} answer {n}" for n in range(1, 10)])
            yield Footer()

        def on_key(self, event: Key) -> None:
            if event.character and event.character.isdigit():
                self.number += 1
                self.query_one("#prompt", Static).update(f"Question {self.number}")
                answers = self.query_one(OptionList)
                answers.set_options(f"{n} answer {n} of {self.number}" for n in range(1, 10))
                answers.highlighted = 0
                self.refresh_bindings()

    return Questions()


async def measure(
    meter: Meter, app: Any, keys: list[str], start: Any, rounds: int
) -> dict[str, Any]:
    """Median thread ms per answer, frames per answer, ms from key to first frame."""
    cpu: list[float] = []
    frames: list[int] = []
    first: list[float] = []
    async with app.run_test(size=SIZE[0]) as pilot:
        await start(pilot, first_round=True)
        for round_number in range(rounds + 1):  # the first round warms up
            if round_number:
                await start(pilot, first_round=False)
            for key in keys:
                meter.frames, meter.first_frame_at = 0, None
                began, sent = time.thread_time(), time.perf_counter()
                await pilot.press(key)
                if round_number:
                    cpu.append((time.thread_time() - began) * 1000)
                    frames.append(meter.frames)
                    if meter.first_frame_at is not None:
                        first.append((meter.first_frame_at - sent) * 1000)
    return {"cpu": statistics.median(cpu), "frames": statistics.median(frames),
            "first": statistics.median(first), "n": len(cpu)}  # fmt: skip


SIZE: list[tuple[int, int]] = [(100, 30)]


async def main_async(sizes: list[tuple[int, int]], rounds: int) -> None:
    from textual.widgets import Footer

    from hiptui import paths
    from hiptui.tui.app import make_app
    from hiptui.tui.widgets.key_footer import KeyFooter

    def hiptui_app() -> Any:
        return make_app([paths.bundled_content_dir()], history_delay=0.001,
                        break_reminder=False)  # fmt: skip

    meter = Meter()
    meter.install()

    async def checkup(pilot: Any, *, first_round: bool) -> None:
        if first_round:  # the content loaded and the history read at start
            for _ in range(500):
                await pilot.app.workers.wait_for_complete()
                if getattr(pilot.app, "history_checked", True):
                    break
                await pilot.pause(0.01)
        else:  # back to the first question, every answer kept
            await pilot.press("escape", "y")
            await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    async def nothing(pilot: Any, *, first_round: bool) -> None:
        await pilot.pause()

    stock = (Footer.compose, Footer.bindings_changed)
    ours = (KeyFooter.compose, KeyFooter.bindings_changed)
    for size in sizes:
        SIZE[0] = size
        base = await measure(meter, minimal_app(), ["1"] * 14, nothing, rounds)
        KeyFooter.compose, KeyFooter.bindings_changed = stock  # type: ignore[method-assign]
        before = await measure(meter, hiptui_app(), ANSWER_KEYS, checkup, rounds)
        KeyFooter.compose, KeyFooter.bindings_changed = ours  # type: ignore[method-assign]
        now = await measure(meter, hiptui_app(), ANSWER_KEYS, checkup, rounds)
        label = f"{size[0]}x{size[1]}"
        for name, got in (("minimal Textual questions", base),
                          ("self-check, Textual Footer", before),
                          ("self-check, KeyFooter", now)):  # fmt: skip
            print(f"{label:>7}  {name:<27} {got['cpu']:6.2f} ms CPU a key, "
                  f"{got['frames']:.0f} frames, first frame {got['first']:5.1f} ms after "
                  f"the key (n={got['n']})")  # fmt: skip
        print(f"{label:>7}  CPU a key: KeyFooter / Textual Footer "
              f"{now['cpu'] / before['cpu']:.2f}, KeyFooter / minimal "
              f"{now['cpu'] / base['cpu']:.2f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (default 80x24, 120x40)")
    args = parser.parse_args()
    sizes = terminal_sizes(args.size, ["80x24", "120x40"])
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(hiptui_env(Path(home)))
        asyncio.run(main_async(sizes, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
