"""Closing the terminal mid-session (SIGHUP) saves exactly what ctrl+q saves.

A real hiptui runs on a pty that is its controlling terminal, as in a terminal emulator or an
ssh session; closing the pty makes the kernel send SIGHUP. The app's handler (``hang_up``)
must leave the database as quitting does: the session still ``active``, every completed set,
and the runner's position, so that the next start offers to resume at the same rep.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.ui.pty_helpers import RUNNER_DRAWN, Terminal, db_sets, hiptui_argv, hiptui_env, wait_for

POSITION = ("exercise_id", "set", "side", "phase", "reps", "paused", "ended_early")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def saved_state(database: Path) -> tuple[str, list[tuple[int, int]], dict[str, Any]]:
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        status, state = connection.execute("SELECT status, state_json FROM sessions").fetchone()
    finally:
        connection.close()
    snapshot = json.loads(state)
    position = {key: snapshot.get(key) for key in POSITION}
    position["completed"] = [(c["set_number"], c["reps"]) for c in snapshot["completed"]]
    return status, db_sets(database), position


def into_set_two(home: Path) -> Terminal:
    """Set 1 done with 3 reps, set 2 paused at 2 reps (not completed, so only in the state)."""
    database = home / "data" / "hiptui.sqlite3"
    terminal = Terminal(hiptui_argv("run", "fixture-curl"), hiptui_env(home))
    wait_for(lambda: RUNNER_DRAWN in terminal.output, "the runner to draw")
    terminal.send("   f")
    wait_for(lambda: db_sets(database) == [(1, 3)], "set 1 to be saved")
    terminal.send("n  p")  # skip the rest, two reps, pause: keys are handled in order
    wait_for(lambda: b"PAUSED" in terminal.output, "the pause to show")
    return terminal


def test_closing_the_terminal_saves_like_ctrl_q(tmp_path: Path) -> None:
    hung = into_set_two(tmp_path / "hup")
    try:
        code = hung.hang_up()
    finally:
        hung.kill()
    assert code == 129  # hang_up's exit code: it ran, rather than the default SIGHUP death
    quit_ = into_set_two(tmp_path / "quit")
    try:
        quit_.send("\x11")  # ctrl+q
        assert quit_.process.wait(timeout=30) == 0
    finally:
        quit_.kill()
    after_hangup = saved_state(tmp_path / "hup" / "data" / "hiptui.sqlite3")
    after_quit = saved_state(tmp_path / "quit" / "data" / "hiptui.sqlite3")
    assert after_hangup == after_quit
    status, sets, position = after_hangup
    assert status == "active" and sets == [(1, 3)]
    assert position["set"] == 2 and position["reps"] == 2 and position["phase"] == "set"

    again = Terminal(hiptui_argv(), hiptui_env(tmp_path / "hup"))
    try:
        wait_for(lambda: b"Unfinished session" in again.output, "the resume offer")
        again.send("r")
        wait_for(lambda: b"set 2 of 3" in again.output, "the runner back at set 2")
    finally:
        again.kill()
