"""SIGKILL after every key of a scripted session, and at both ends: nothing completed is lost.

Each round runs a real ``hiptui run fixture-curl`` in a pty, types the first keys of a scripted
session (reps, finished sets, skipped rests, a pause), and kills it with SIGKILL a random moment
later (seeded: the same moments every run). One round per key position, so every state the
script passes through is killed once (20 random positions used to repeat some and miss
others: 4, 5, 9 and 14). Before the kill, the test notes every set the database held and the
highest "N sets saved" the runner had drawn. After it, a fresh hiptui must find all of them,
each once, and offer to resume the open session.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

from hiptui.store.db import Database
from tests.ui.pty_helpers import RUNNER_DRAWN, Terminal, db_sets, hiptui_argv, hiptui_env, wait_for

SEED = 20240501
# fixture-curl: 3 sets of 10 reps. " " counts a rep, f finishes the set, n skips the rest,
# p pauses and resumes.
SCRIPT = "   fn  pp fn    f"


def kill_points() -> list[tuple[int, float]]:
    """After each key a random moment later, and the two ends: as the runner appears, and
    well after the last set."""
    rng = random.Random(SEED)
    points = [(keys, rng.uniform(0.0, 0.3)) for keys in range(1, len(SCRIPT))]
    return [(0, 0.0), *points, (len(SCRIPT), 0.3)]


def test_the_kill_points_cover_every_key_of_the_script_once() -> None:
    points = kill_points()
    assert [keys for keys, _ in points] == list(range(len(SCRIPT) + 1))
    assert all(0.0 <= delay <= 0.3 for _, delay in points)


def unfinished(database: Path) -> tuple[int, bool] | None:
    """(sets saved, whether the runner's position was saved) of the open session, if any."""
    if not database.exists():
        return None
    with Database.open(database, read_only=True) as db:
        session = db.unfinished_session()
    if session is None:
        return None
    return len(session.sets), session.state is not None


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
@pytest.mark.parametrize(("keys", "delay"), kill_points())
def test_sigkill_at_a_random_point_loses_nothing_completed(
    tmp_path: Path, keys: int, delay: float
) -> None:
    database = tmp_path / "data" / "hiptui.sqlite3"
    first = Terminal(hiptui_argv("run", "fixture-curl"), hiptui_env(tmp_path))
    try:
        wait_for(lambda: RUNNER_DRAWN in first.output, "the runner to draw")
        first.send(SCRIPT[:keys])
        time.sleep(delay)  # the kill lands anywhere: mid-key, mid-write, mid-draw
        before = db_sets(database)  # what the database held just before the kill
        reported = first.reported_saved()
    finally:
        first.kill()
    after = db_sets(database)
    assert after[: len(before)] == before, "a set that was on disk is gone"
    assert len(after) >= reported, "the runner said a set was saved that is not there"
    assert len({number for number, _ in after}) == len(after), "a set is there twice"
    assert all(reps > 0 for _, reps in after)

    left_open = unfinished(database)
    second = Terminal(hiptui_argv(), hiptui_env(tmp_path))
    try:
        if left_open is None:  # killed before the session row was written
            wait_for(lambda: b"exercises" in second.output, "the catalog")
        else:
            wait_for(lambda: b"Unfinished session" in second.output, "the resume offer")
            done, resumable = left_open
            if resumable:
                second.send("r")
                expected = f"set {done + 1} of 3".encode() if done < 3 else b"Session complete"
                wait_for(lambda: expected in second.output, f"the resumed runner ({expected!r})")
            else:  # killed before the first position was saved: it can only be closed
                second.send("c")
                wait_for(lambda: unfinished(database) is None, "the session to be closed")
    finally:
        second.kill()
    assert db_sets(database) == after  # opening and resuming changed no set
