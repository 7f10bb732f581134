"""Timer accuracy and key-to-screen latency of the session runner.

Usage: uv run python benchmarks/runner_timing.py [--rest SECONDS] [--presses N]

1. Timer accuracy: the real app (headless) runs one set of the glute bridge, then a rest of
   --rest seconds (default 60) on the real monotonic clock; the script records when the
   runner reports the rest over and prints how far that was from the deadline
   (target: within 50 ms).
2. Key-to-screen latency: the real app in tmux (80x24); the script sends a rep key and polls
   the screen every 2 ms until the rep count changes; prints the median of --presses presses
   beside the same measure for a minimal Textual app that redraws a counter on a key.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


async def rest_accuracy(rest: int) -> tuple[float, float]:
    from hiptui.core.session.events import RestEnded, RestStarted
    from hiptui.core.session.plan import SessionPlan
    from hiptui.tui.app import make_app
    from hiptui.tui.messages import RunPlan
    from hiptui.tui.screens.session import SessionScreen

    app = make_app()
    marks: dict[str, float] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None
        from hiptui.core.session.plan_builders import plan_for_exercise

        base = plan_for_exercise(app.library, "glute-bridge", sets=2, reps=1, hold=0, rest=rest)
        plan = SessionPlan(base.name, base.items)
        app.post_message(RunPlan(plan))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen), screen
        original = screen.handle

        def handle(events: list[object]) -> None:
            for event in events:
                if isinstance(event, RestStarted):
                    marks["deadline"] = event.ends_at
                if isinstance(event, RestEnded):
                    marks["ended"] = time.monotonic()
            original(events)  # type: ignore[arg-type]

        screen.handle = handle  # type: ignore[method-assign]
        await pilot.press("space")  # one rep finishes the set (1 rep target): the rest starts
        while "ended" not in marks:
            await asyncio.sleep(0.01)
    return marks["deadline"], marks["ended"]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def key_latency(command: str, ready: str, presses: int) -> list[float]:
    session = "hiptui-latency"
    _tmux("kill-session", "-t", session)
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        deadline = time.monotonic() + 20
        while ready not in _tmux("capture-pane", "-p", "-t", session):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{ready!r} never appeared")
            time.sleep(0.01)
        samples = []
        for _ in range(presses):
            before = _tmux("capture-pane", "-p", "-t", session)
            start = time.perf_counter()
            _tmux("send-keys", "-t", session, "Space")
            while _tmux("capture-pane", "-p", "-t", session) == before:
                if time.perf_counter() - start > 5:
                    raise RuntimeError("the screen did not change after a key")
                time.sleep(0.002)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        return samples
    finally:
        _tmux("kill-session", "-t", session)


COUNTER_APP = """
from textual.app import App
from textual.widgets import Digits, Static
class Counter(App):
    def compose(self):
        yield Static("counter ready")
        yield Digits("0")
    def on_key(self, event):
        if event.key == "space":
            digits = self.query_one(Digits)
            digits.update(str(int(digits.value) + 1))
Counter().run()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rest", type=int, default=60)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        for name in ("DATA", "CONFIG", "CACHE"):
            os.environ[f"HIPTUI_{name}_DIR"] = f"{home}/{name.lower()}"
        deadline, ended = asyncio.run(rest_accuracy(args.rest))
        print(f"rest of {args.rest} s: ended {1000 * (ended - deadline):+.1f} ms from its deadline")

        env = " ".join(
            f"HIPTUI_{n}_DIR={home}/{n.lower()}-tmux" for n in ("DATA", "CONFIG", "CACHE")
        )
        python = shlex.quote(sys.executable)
        ours = key_latency(
            f"env -u PYTHONDONTWRITEBYTECODE {env} {python} -m hiptui run standing-kickback",
            "REPS",
            args.presses,
        )
        counter = Path(home) / "counter.py"
        counter.write_text(COUNTER_APP)
        theirs = key_latency(
            f"env -u PYTHONDONTWRITEBYTECODE {python} {shlex.quote(str(counter))}",
            "counter ready",
            args.presses,
        )
    print(
        f"{'minimal Textual counter':<34} key-to-screen median {statistics.median(theirs):6.1f} ms"
    )
    print(f"{'hiptui runner (rep key)':<34} key-to-screen median {statistics.median(ours):6.1f} ms")
    print(
        f"ratio {statistics.median(ours) / statistics.median(theirs):.2f} (n={args.presses} each)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
