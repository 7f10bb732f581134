"""A tmux server of the benchmark's own, so two people can run benchmarks at once.

Every script that drives an app in a terminal makes one :class:`Terminal`: its own socket
(``tmux -L hiptui-bench-<pid>-<n>``) and its own session names, and the server is killed when
the script is done (``with Terminal() as term:``).
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

_servers = itertools.count(1)

# Runs a command and writes its peak resident memory (KiB) to a file once it exits.
PEAK_MEMORY = """
import resource, subprocess, sys
subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


class Terminal:
    def __init__(self, width: int = 120, height: int = 40) -> None:
        self.socket = f"hiptui-bench-{os.getpid()}-{next(_servers)}"
        self.width, self.height = width, height
        self._sessions = itertools.count(1)
        self.session = ""

    def __enter__(self) -> Terminal:
        # A server of its own that stays up between sessions (else the next session can race
        # the old server's exit), reading no one's tmux.conf.
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "start-server", ";",
             "set", "-g", "exit-empty", "off"],
            capture_output=True,
        )  # fmt: skip
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.tmux("kill-server")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True
        ).stdout

    def start(self, command: str) -> float:
        """Start ``command`` in a fresh session (ending the last one); returns the moment."""
        self.stop()
        self.session = f"bench-{next(self._sessions)}"
        start = time.perf_counter()
        size = ["-x", str(self.width), "-y", str(self.height)]
        self.tmux("new-session", "-d", "-s", self.session, *size, command)
        return start

    def stop(self) -> None:
        if self.session:
            self.tmux("kill-session", "-t", self.session)
            self.session = ""

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def wait(self, done: Callable[[str], bool], limit: float = 30.0, poll: float = 0.002) -> str:
        deadline = time.monotonic() + limit
        while True:
            screen = self.screen()
            if done(screen):
                return screen
            if time.monotonic() > deadline:
                raise RuntimeError(f"the expected screen never appeared:\n{screen}")
            time.sleep(poll)

    def times_to_markers(
        self, command: str, markers: Sequence[re.Pattern[str]], limit: float = 30.0
    ) -> list[float]:
        """Milliseconds from launch until each marker is first on screen (polled every 5 ms);
        the session is ended afterwards."""
        start = self.start(command)
        seen: dict[int, float] = {}
        try:
            while time.perf_counter() - start < limit:
                screen = self.screen()
                for index, marker in enumerate(markers):
                    if index not in seen and marker.search(screen):
                        seen[index] = (time.perf_counter() - start) * 1000
                if len(seen) == len(markers):
                    return [seen[i] for i in range(len(markers))]
                time.sleep(0.005)
            raise RuntimeError(f"markers never all appeared for: {command}")
        finally:
            self.stop()

    def peak_memory(
        self, python: str, command: list[str], ready: Callable[[str], object], folder: Path
    ) -> int:
        """Peak resident memory (KiB) of ``command`` run until ``ready`` is on screen, a second
        more (what starts after the first frame), then ctrl+q."""
        out = folder / f"peak-{self.session or 'x'}-{time.monotonic_ns()}"
        script = folder / "peak_memory.py"
        script.write_text(PEAK_MEMORY, encoding="utf-8")
        import shlex

        argv = [python, str(script), str(out), *command]
        self.start(" ".join(shlex.quote(part) for part in argv))
        try:
            self.wait(lambda screen: bool(ready(screen)))
            time.sleep(1.0)
            self.keys("C-q")
            deadline = time.monotonic() + 20
            while not out.exists() or not out.read_text(encoding="utf-8"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the app did not quit on ctrl+q")
                time.sleep(0.02)
            return int(out.read_text(encoding="utf-8"))
        finally:
            self.stop()
