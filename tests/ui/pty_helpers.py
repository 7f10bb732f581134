"""Driving a real hiptui in a pseudo-terminal: start it, type, read what it drew, kill it or
close its terminal, and read the database it wrote (read-only, never changing it)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

from hiptui.store.db import Database
from hiptui.store.errors import StoreError

FIXTURES = Path(__file__).parent.parent / "fixtures"
WAIT = 30.0  # generous: CI machines can be slow to start Python
_SAVED = re.compile(rb"(\d+) sets? saved")
# On screen once the runner has drawn (its status line; the phase word is drawn in blocks).
RUNNER_DRAWN = b" saved"


def _own_the_terminal() -> None:
    """In the child, after ``setsid``: make the pty its controlling terminal, as a terminal
    emulator or sshd does, so closing the terminal sends it SIGHUP."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A child process on a pty of a fixed size, with everything it prints collected."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.master: int | None = master
        self.output = bytearray()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_own_the_terminal,
        )
        os.close(slave)
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, args=(master,), daemon=True)
        self._reader.start()

    def _read(self, master: int) -> None:
        # Never block in read(): a thread blocked there keeps the pty open after close(), and
        # the child would not get its SIGHUP until it next printed something.
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def send(self, keys: str) -> None:
        assert self.master is not None
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(0.05)  # a person's typing pace; the app is not timed by this

    def reported_saved(self) -> int:
        """The highest "N sets saved" the runner has drawn so far."""
        return max((int(n) for n in _SAVED.findall(bytes(self.output))), default=0)

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=WAIT)
        self._close()

    def hang_up(self) -> int:
        """Close the terminal, as a closed window or a dropped ssh link does: the kernel sends
        SIGHUP to the process that owns it. Returns the exit code."""
        self._close()
        return self.process.wait(timeout=WAIT)

    def _close(self) -> None:
        self._stop.set()
        self._reader.join(timeout=WAIT)
        if self.master is not None:
            os.close(self.master)
            self.master = None


def hiptui_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "hiptui", "--exercises", str(FIXTURES / "exercises"), *args]


def hiptui_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TERM": "xterm-256color",
        "HIPTUI_DATA_DIR": str(home / "data"),
        "HIPTUI_CONFIG_DIR": str(home / "config"),
        "HIPTUI_CACHE_DIR": str(home / "cache"),
    }


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def db_sets(path: Path) -> list[tuple[int, int]]:
    try:
        with Database.open(path, read_only=True) as db:
            return [(s.set_number, s.reps) for session in db.sessions() for s in session.sets]
    except StoreError:  # not created yet, or the app is still creating its tables
        return []


def db_sessions(path: Path) -> int:
    try:
        with Database.open(path, read_only=True) as db:
            return len(db.sessions())
    except StoreError:
        return 0
