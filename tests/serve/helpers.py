"""A real ``hiptui serve`` process for the tests, and a terminal that reads what a page drew.

Traffic goes to loopback only: the server listens on 127.0.0.1 at a port the system picks
(``--port 0``), and every request is made to the address it prints.
"""

from __future__ import annotations

import asyncio
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pyte

URL = re.compile(r"http://127\.0\.0\.1:\d+/\S*")
START_TIMEOUT = 20.0  # seconds for the server to print its address on a loaded machine
DRAW_TIMEOUT = 30.0  # seconds for a page's app to draw what a test waits for


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)  # every stdout line so far

    @property
    def origin(self) -> str:
        match = re.match(r"http://[^/]+", self.url)
        assert match
        return match.group(0)

    def app_pids(self) -> list[int]:
        """The app processes the server has running (its children)."""
        return children(self.process.pid)

    def stop(self, sig: int = signal.SIGINT) -> int:
        return stop(self.process, sig)


def stop(process: subprocess.Popen[str], sig: int = signal.SIGINT, timeout: float = 15.0) -> int:
    """Send ``sig`` (ctrl+c by default) and wait; kill the process if it does not end."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"still running {timeout} s after signal {sig}") from None


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(part) for part in text.split()]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` is a process that has not exited (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_gone(pids: list[int], timeout: float = 15.0) -> list[int]:
    """Wait until every process of ``pids`` has exited; the ones still running after."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return []
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


async def eventually(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Whether ``condition`` comes true within ``timeout`` seconds (checked every 50 ms)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hiptui", "serve", "--port", "0", *args]


@contextmanager
def served(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``hiptui serve --port 0 ARGS`` on loopback until the block ends (then ctrl+c)."""
    process = subprocess.Popen(
        serve_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, **(env or {})},
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    output: list[str] = []
    url = None
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while url is None:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no address printed: {output}") from None
            if line is None:
                err = process.stderr.read() if process.stderr else ""
                raise AssertionError(f"server exited: {output} {err}")
            output.append(line)
            found = URL.search(line)
            url = found.group(0) if found else None
        server = Served(process, url, output)
        # Take the rest of the output (the notice, the "stopped" line) as it comes.
        threading.Thread(target=_drain, args=(lines, output), daemon=True).start()
        yield server
    finally:
        stop(process)


def _drain(lines: queue.Queue[str | None], output: list[str]) -> None:
    while (line := lines.get()) is not None:
        output.append(line)


class Terminal:
    """What a browser's terminal would show for the bytes an app sent: a pyte screen."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def find(self, text: str, below: int = -1) -> tuple[int, int] | None:
        """The (column, row) where ``text`` first starts on screen, below row ``below``."""
        for row, line in enumerate(self.screen.display):
            column = line.find(text) if row > below else -1
            if column >= 0:
                return column, row
        return None


class Page:
    """A page's websocket to a served app, as textual.js speaks to it, with its screen."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse, width: int, height: int):
        self.websocket = websocket
        self.terminal = Terminal(width, height)

    async def keys(self, text: str) -> None:
        await self.websocket.send_json(["stdin", text])

    async def wait_for(self, text: str, timeout: float = DRAW_TIMEOUT) -> None:
        """Read what the app draws until ``text`` is on screen."""
        await self._read_until(lambda: text in self.terminal.text(), f"{text!r} drawn", timeout)

    async def wait_gone(self, text: str, timeout: float = DRAW_TIMEOUT) -> None:
        """Read what the app draws until ``text`` is no longer on screen."""
        await self._read_until(lambda: text not in self.terminal.text(), f"{text!r} gone", timeout)

    async def _read_until(self, done: Callable[[], bool], what: str, timeout: float) -> None:
        try:
            async with asyncio.timeout(timeout):
                while not done():
                    message = await self.websocket.receive()
                    if message.type == aiohttp.WSMsgType.BINARY:
                        self.terminal.feed(message.data)
                    elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        raise AssertionError(f"closed before {what}:\n{self.terminal.text()}")
        except TimeoutError:
            raise AssertionError(f"never {what}:\n{self.terminal.text()}") from None
