"""A real hiptui process in a pseudo-terminal, killed with SIGKILL mid-session.

Every completed set must be in the database afterwards, and the next start must offer to resume.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hiptui.store.db import Database
from tests.ui.pty_helpers import (
    RUNNER_DRAWN,
    Terminal,
    db_sessions,
    db_sets,
    hiptui_argv,
    hiptui_env,
    wait_for,
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_sigkill_mid_session_loses_no_completed_set(tmp_path: Path) -> None:
    env = hiptui_env(tmp_path)
    database = tmp_path / "data" / "hiptui.sqlite3"

    first = Terminal(hiptui_argv("run", "fixture-curl"), env)
    try:
        wait_for(lambda: db_sessions(database) == 1, "the session to start")
        wait_for(lambda: RUNNER_DRAWN in first.output, "the runner to draw")
        first.send("   f")
        wait_for(lambda: db_sets(database) == [(1, 3)], "set 1 to be saved")
        first.send("n")  # skip the rest
        first.send("  f")
        wait_for(lambda: db_sets(database) == [(1, 3), (2, 2)], "set 2 to be saved")
        first.send("n ")  # set 3 has one rep counted, not completed
    finally:
        first.kill()
    assert db_sets(database) == [(1, 3), (2, 2)]

    second = Terminal(hiptui_argv(), env)
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
