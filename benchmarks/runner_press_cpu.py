"""The processor time of one rep press on the mat view, beside a minimal Textual counter.

Usage: uv run python benchmarks/runner_press_cpu.py [--presses N] [--size WxH ...]

runner_timing.py times a press end to end in tmux, which on a shared, loaded machine swings
from run to run. This script measures what the press costs the app itself, in the thread that
runs it (``time.thread_time``: time spent waiting for a core is not counted): the key's handler
(the binding, the machine, the screen's update) and the frame Textual draws for it
(``Screen._compositor_refresh``: the compositor and the text for the terminal), for the real
app's mat view (headless, an exercise of 200 reps with no hold, counted one rep after the
other) and for the same minimal counter app runner_timing.py uses, at each size asked for.
Prints the medians and the ratio of the totals.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _datasets import hiptui_env  # noqa: E402
from _timing import terminal_sizes  # noqa: E402
from runner_timing import BENCH_EXERCISE  # noqa: E402

Setup = Callable[[Any], Awaitable[None]]


class Meter:
    """Thread time of each key handler and each frame, in milliseconds."""

    def __init__(self) -> None:
        self.keys: list[float] = []
        self.frames: list[float] = []
        self.on = False

    def install(self) -> None:
        from textual.app import App
        from textual.screen import Screen

        meter, on_key, refresh = self, App._on_key, Screen._compositor_refresh

        async def timed_key(app: App[Any], event: Any) -> None:
            start = time.thread_time()
            await on_key(app, event)
            if meter.on:
                meter.keys.append((time.thread_time() - start) * 1000)

        def timed_frame(screen: Screen[Any]) -> None:
            start = time.thread_time()
            refresh(screen)
            if meter.on:
                meter.frames.append((time.thread_time() - start) * 1000)

        App._on_key = timed_key  # type: ignore[method-assign]
        Screen._compositor_refresh = timed_frame  # type: ignore[method-assign]


def counter_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.events import Key
    from textual.widgets import Digits, Static

    class Counter(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("counter ready")
            yield Digits("0")

        def on_key(self, event: Key) -> None:
            if event.key == "space":
                digits = self.query_one(Digits)
                digits.update(str(int(digits.value) + 1))

    return Counter()


async def presses(
    meter: Meter, app: Any, setup: Setup, size: tuple[int, int], count: int
) -> tuple[float, float]:
    """Median thread time of the key handler and of the frame, over ``count`` presses."""
    async with app.run_test(size=size) as pilot:
        await setup(pilot)
        for _ in range(10):
            await pilot.press("space")
        meter.keys.clear()
        meter.frames.clear()
        meter.on = True
        for _ in range(count):
            await pilot.press("space")
        meter.on = False
    return statistics.median(meter.keys), statistics.median(meter.frames)


async def main_async(sizes: list[tuple[int, int]], count: int, folder: Path) -> None:
    from hiptui import paths
    from hiptui.tui.app import make_app

    meter = Meter()
    meter.install()

    async def runner(pilot: Any) -> None:
        app = pilot.app
        for _ in range(500):  # the content loaded and the history read at start
            await app.workers.wait_for_complete()
            if getattr(app, "history_checked", True):
                break
            await pilot.pause(0.01)
        app.sessions.run_exercise("bench-reps", ask=False)
        await pilot.pause()
        await pilot.pause()

    async def nothing(pilot: Any) -> None:
        await pilot.pause()

    for size in sizes:
        app = make_app(
            [paths.bundled_content_dir()],
            extra_dirs=[folder],
            history_delay=0.001,
            break_reminder=False,
        )
        ours = await presses(meter, app, runner, size, count)
        base = await presses(meter, counter_app(), nothing, size, count)
        label = f"{size[0]}x{size[1]}"
        print(f"{label:>7}  minimal Textual counter   key {base[0]:.2f} ms + frame "
              f"{base[1]:.2f} ms = {sum(base):.2f} ms")  # fmt: skip
        print(f"{label:>7}  hiptui mat view (rep)     key {ours[0]:.2f} ms + frame "
              f"{ours[1]:.2f} ms = {sum(ours):.2f} ms")  # fmt: skip
        print(f"{label:>7}  ratio {sum(ours) / sum(base):.2f} (n={count} each, thread time)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=150)
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (default 80x24, 120x40)")
    args = parser.parse_args()
    sizes = terminal_sizes(args.size, ["80x24", "120x40"])
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(hiptui_env(Path(home)))
        folder = Path(home) / "exercises"
        folder.mkdir()
        (folder / "bench-reps.toml").write_text(BENCH_EXERCISE)
        asyncio.run(main_async(sizes, args.presses, folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
