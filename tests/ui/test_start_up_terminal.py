"""The start-up on a real terminal: a hang-up at any moment of it ends hiptui, and TERM=dumb
starts, draws and quits like any terminal.

A real hiptui runs on a pty that is its controlling terminal (tests/ui/pty_helpers.py). Closing
the pty sends SIGHUP and then SIGCONT, as closing a window or tmux kill-window does; each run
must end with hiptui's hang-up code (129), never stay asleep on the deleted terminal. The
moments are the points a start-up passes through, each found in what hiptui has drawn so far.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.ui.pty_helpers import (
    RUNNER_DRAWN,
    WAIT,
    Terminal,
    db_sessions,
    hiptui_argv,
    hiptui_env,
    wait_for,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

# What has been drawn when the terminal closes: nothing yet (Python still importing), the
# driver's first sequence (alternate screen), the catalog's first frame, the history read
# after it (the title shows the break clock's line).
MOMENTS = {
    "before anything is drawn": b"",
    "as the driver starts": b"\x1b[?1049h",
    "at the first frame": b"exercises",
    "after the first frame": b"sitting",
}


@pytest.mark.parametrize("moment", sorted(MOMENTS))
@pytest.mark.parametrize("attempt", range(3))
def test_a_hangup_at_any_moment_of_the_start_ends_hiptui(
    moment: str, attempt: int, tmp_path: Path
) -> None:
    terminal = Terminal(hiptui_argv(), hiptui_env(tmp_path / f"home{attempt}"))
    try:
        marker = MOMENTS[moment]
        if marker:
            wait_for(lambda: marker in terminal.output, moment)
        code = terminal.hang_up()  # waits for the process, failing after WAIT seconds
    finally:
        terminal.kill()
    # Before Python has run hiptui's first line, SIGHUP's default action ends it (-1); from
    # then on hiptui's own handler does, with 129.
    expected = (129, -1) if moment == "before anything is drawn" else (129,)
    assert code in expected, (moment, code, bytes(terminal.output[-300:]))


def test_a_hangup_as_a_run_starts_keeps_the_session_to_resume(tmp_path: Path) -> None:
    database = tmp_path / "data" / "hiptui.sqlite3"
    terminal = Terminal(hiptui_argv("run", "fixture-curl"), hiptui_env(tmp_path))
    try:
        wait_for(lambda: RUNNER_DRAWN in terminal.output, "the runner to draw")
        assert terminal.hang_up() == 129
    finally:
        terminal.kill()
    assert db_sessions(database) == 1


def test_term_dumb_starts_draws_and_quits(tmp_path: Path) -> None:
    """rich's console answers 80x25 under TERM=dumb whatever the terminal is; the catalog's
    resize handling then chased two sizes at full CPU and never read a key."""
    env = {**hiptui_env(tmp_path), "TERM": "dumb"}
    terminal = Terminal(hiptui_argv(), env)
    try:
        wait_for(lambda: b"exercises" in terminal.output, "the first frame")
        terminal.send("q")
        assert terminal.process.wait(timeout=WAIT) == 0
    finally:
        terminal.kill()


@pytest.mark.slow
@pytest.mark.parametrize("attempt", range(30))
def test_many_hangups_as_the_first_frame_is_drawn(attempt: int, tmp_path: Path) -> None:
    """The moment the stuck process was found at (about one try in five before the fix)."""
    terminal = Terminal(hiptui_argv(), hiptui_env(tmp_path))
    try:
        marker = (b"\x1b[?1049h", b"exercises")[attempt % 2]
        wait_for(lambda: marker in terminal.output, "the start")
        assert terminal.hang_up() == 129
    finally:
        terminal.kill()
