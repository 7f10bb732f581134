"""A real hiptui process in a pseudo-terminal, killed with SIGKILL mid-session.

Every completed set must be in the database afterwards, and the next start must offer to resume.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hiptui.store.db import Database
from hiptui.store.records import StoreError

FIXTURES = Path(__file__).parent.parent / "fixtures"
WAIT = 30.0  # generous: CI machines can be slow to start Python


class Terminal:
    """A child process on a pty of a fixed size, with everything it prints collected."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.master = master
        self.output = bytearray()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def send(self, keys: str) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(0.05)  # a person's typing pace; the app is not timed by this

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=WAIT)
        os.close(self.master)


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


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_sigkill_mid_session_loses_no_completed_set(isolated_dirs: Path) -> None:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "HIPTUI_DATA_DIR": str(isolated_dirs / "data"),
        "HIPTUI_CONFIG_DIR": str(isolated_dirs / "config"),
    }
    database = isolated_dirs / "data" / "hiptui.sqlite3"
    argv = [sys.executable, "-m", "hiptui", "--exercises", str(FIXTURES / "exercises")]

    first = Terminal([*argv, "run", "fixture-curl"], env)
    try:
        wait_for(lambda: db_sessions(database) == 1, "the session to start")
        wait_for(lambda: b"REPS" in first.output, "the runner to draw")
        first.send("   f")
        wait_for(lambda: db_sets(database) == [(1, 3)], "set 1 to be saved")
        first.send("n")  # skip the rest
        first.send("  f")
        wait_for(lambda: db_sets(database) == [(1, 3), (2, 2)], "set 2 to be saved")
        first.send("n ")  # set 3 has one rep counted, not completed
    finally:
        first.kill()
    assert db_sets(database) == [(1, 3), (2, 2)]

    second = Terminal(argv, env)
    try:
        wait_for(lambda: b"Unfinished session" in second.output, "the resume offer")
        second.send("r")
        wait_for(lambda: b"set 3 of 3" in second.output, "the runner at set 3")
    finally:
        second.kill()
    with Database.open(database, read_only=True) as db:
        unfinished = db.unfinished_session()
        assert unfinished is not None
        assert [(s.set_number, s.reps) for s in unfinished.sets] == [(1, 3), (2, 2)]
