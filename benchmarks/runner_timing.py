"""Timer accuracy and key-to-screen latency of the session runner.

Usage: uv run python benchmarks/runner_timing.py [--rest SECONDS] [--presses N] [--size WxH]

1. Timer accuracy: the real app (headless) runs one set of the glute bridge, then a rest of
   --rest seconds (default 60) on the real monotonic clock; the script records when the
   runner reports the rest over and prints how far that was from the deadline
   (target: within 50 ms).
2. Key-to-screen latency: the real app's mat view in tmux (80x24, or --size) beside a
   minimal Textual app that redraws a counter on a key, both running at once on a tmux server
   of the benchmark's own (`-L hiptui-bench-PID`). Presses alternate between the two (ours,
   the baseline, ours, ...), so both see the same machine load; each press is timed from
   send-keys until the program writes its new frame (a tmux control-mode client sees the
   pane's %output, no polling; --method screen instead polls capture-pane every 2 ms until
   the screen changed, which adds a few ms of tmux calls to both). The runner counts
   reps of an exercise written for the benchmark (200 reps a set, no hold, so no press
   completes the set), as a user counts them: one rep after the other. Prints both medians
   and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


async def rest_accuracy(rest: int) -> tuple[float, float]:
    from hiptui.core.session.events import Event, RestEnded, RestStarted
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

        def handle(events: list[Event]) -> None:
            for event in events:
                if isinstance(event, RestStarted):
                    marks["deadline"] = event.ends_at
                if isinstance(event, RestEnded):
                    marks["ended"] = time.monotonic()
            original(events)

        screen.handle = handle  # type: ignore[method-assign]
        await pilot.press("space")  # one rep finishes the set (1 rep target): the rest starts
        while "ended" not in marks:
            await asyncio.sleep(0.01)
    return marks["deadline"], marks["ended"]


SOCKET = f"hiptui-bench-{os.getpid()}"  # a tmux server of the benchmark's own


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def _started(session: str, command: str, ready: str, size: tuple[int, int]) -> None:
    width, height = size
    _tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command)
    deadline = time.monotonic() + 30
    while ready not in _tmux("capture-pane", "-p", "-t", session):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{ready!r} never appeared in {session}")
        time.sleep(0.01)


def _press(session: str, key: str) -> float:
    """Milliseconds from sending ``key`` until the screen is different."""
    before = _tmux("capture-pane", "-p", "-t", session)
    start = time.perf_counter()
    _tmux("send-keys", "-t", session, key)
    while _tmux("capture-pane", "-p", "-t", session) == before:
        if time.perf_counter() - start > 5:
            raise RuntimeError(f"the screen of {session} did not change after {key}")
        time.sleep(0.002)
    return (time.perf_counter() - start) * 1000


class ControlClient:
    """A tmux control-mode client on one session: it sends the key and sees the moment the
    program in the pane writes its answer (tmux's ``%output`` notice), with no polling."""

    def __init__(self, session: str) -> None:
        command = ["tmux", "-L", SOCKET, "-C", "attach", "-t", session]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0
        )
        self.outputs: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(b"%output "):
                self.outputs.put(time.perf_counter())

    def press(self, key: str) -> float:
        """Milliseconds from sending ``key`` until the program writes to the terminal."""
        time.sleep(0.05)  # let anything still on its way arrive, then forget it
        while not self.outputs.empty():
            self.outputs.get_nowait()
        assert self.process.stdin is not None
        start = time.perf_counter()
        self.process.stdin.write(f"send-keys {key}\n".encode())
        return (self.outputs.get(timeout=5) - start) * 1000

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=5)


def key_latency(
    ours: str, theirs: str, presses: int, size: tuple[int, int], method: str
) -> tuple[list[float], list[float]]:
    """Alternating presses on the runner and on the minimal counter; both lists of ms.
    ``method``: ``output`` (until the program writes) or ``screen`` (until capture-pane
    shows a changed screen, polled)."""
    clients: list[ControlClient] = []
    try:
        _started("runner", ours, "sets saved", size)
        _started("counter", theirs, "counter ready", size)
        if method == "output":
            clients = [ControlClient("runner"), ControlClient("counter")]
            press_ours, press_theirs = clients[0].press, clients[1].press
        else:
            press_ours = lambda key: _press("runner", key)  # noqa: E731
            press_theirs = lambda key: _press("counter", key)  # noqa: E731
        mine: list[float] = []
        baseline: list[float] = []
        for _ in range(presses):
            mine.append(press_ours("Space"))
            baseline.append(press_theirs("Space"))
        return mine, baseline
    finally:
        for client in clients:
            client.close()
        _tmux("kill-server")


BENCH_EXERCISE = """
id = "bench-reps"
name = "Benchmark reps"
summary = "A set of 200 reps with no hold, for timing rep presses."
level = "beginner"
source = "hiptui benchmark"
steps = ["Press the rep key."]
cues = ["Count"]

[muscles]
primary = ["gluteus maximus"]

[dosage]
sets = 1
reps = 200
rest_seconds = 60
"""

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
    parser.add_argument("--size", default="80x24", help="the terminal, WIDTHxHEIGHT")
    parser.add_argument("--method", choices=("output", "screen"), default="output",
                        help="until the program writes (default), or until capture-pane "
                        "shows a changed screen (polled, coarser)")  # fmt: skip
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    size = (int(width), int(height))

    with tempfile.TemporaryDirectory() as home:
        for name in ("DATA", "CONFIG", "CACHE"):
            os.environ[f"HIPTUI_{name}_DIR"] = f"{home}/{name.lower()}"
        deadline, ended = asyncio.run(rest_accuracy(args.rest))
        print(f"rest of {args.rest} s: ended {1000 * (ended - deadline):+.1f} ms from its deadline")

        env = " ".join(
            f"HIPTUI_{n}_DIR={home}/{n.lower()}-tmux" for n in ("DATA", "CONFIG", "CACHE")
        )
        python = shlex.quote(sys.executable)
        counter = Path(home) / "counter.py"
        counter.write_text(COUNTER_APP)
        folder = Path(home) / "exercises"
        folder.mkdir()
        (folder / "bench-reps.toml").write_text(BENCH_EXERCISE)
        run = f"-m hiptui --exercises {shlex.quote(str(folder))} run bench-reps"
        ours, theirs = key_latency(
            f"env -u PYTHONDONTWRITEBYTECODE {env} {python} {run}",
            f"env -u PYTHONDONTWRITEBYTECODE {python} {shlex.quote(str(counter))}",
            args.presses,
            size,
            args.method,
        )
    mine, base = statistics.median(ours), statistics.median(theirs)
    print(f"{'minimal Textual counter':<34} key-to-screen median {base:6.1f} ms")
    print(f"{'hiptui mat view (rep key)':<34} key-to-screen median {mine:6.1f} ms")
    load = os.getloadavg()[0]
    runs = f"n={args.presses} each, alternating, {args.size}, {args.method}; load {load:.1f}"
    print(f"ratio {mine / base:.2f} ({runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
