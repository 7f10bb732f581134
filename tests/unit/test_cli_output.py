"""Command-line values, file names and everything else a command prints reach the terminal
only as terminal-safe text (hiptui.cli.output), on a terminal or piped; hiptui's own styling
still reaches a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from hiptui.cli.main import main
from hiptui.cli.output import SafeStream, raw_stream, safe_streams, terminal_safe
from tests.hostile import C1_CSI, OSC_TITLE, RLO, assert_terminal_safe

HOSTILE = OSC_TITLE + C1_CSI + RLO + "\x08\x7f\rx"
# Commands that echo what they were given: argparse's own errors and hiptui's.
ECHOING = [
    ["list", "--muscle", HOSTILE],
    ["list", "--equipment", HOSTILE],
    ["list", "--level", HOSTILE],
    ["show", HOSTILE],
    ["cues", HOSTILE],
    ["show", "glute-bridge", "--units", HOSTILE],
    ["export", "--format", HOSTILE],
    ["export", "--out", f"/nonexistent/{HOSTILE}/x.json"],
    ["import-history", f"/nonexistent/{HOSTILE}.json"],
    ["import", "free-exercise-db", f"/nonexistent/{HOSTILE}.json"],
    ["import", "free-exercise-db", "x.json", "--muscle", HOSTILE],
    ["import", "free-exercise-db", "x.json", "--level", HOSTILE],
    ["status", "--format", HOSTILE],
    ["status", "--format", "{" + HOSTILE + "}"],
    ["break", "--snooze", HOSTILE],
    ["checkup", "--answers", f"/nonexistent/{HOSTILE}.toml"],
    ["check", f"/nonexistent/{HOSTILE}"],
    ["new", HOSTILE],
    ["keys", "--format", HOSTILE],
    ["--exercises", f"/nonexistent/{HOSTILE}", "list"],
    [HOSTILE],
]


@pytest.mark.parametrize("args", ECHOING, ids=lambda args: " ".join(a[:12] for a in args))
def test_command_line_values_never_reach_the_terminal_raw(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream and b"\x9b" not in stream.replace(b"\xc2\x9b", b"")
        assert_terminal_safe(stream.decode("utf-8"), " ".join(args))
    assert result.stdout or result.stderr  # each says something


def test_terminal_safe_keeps_text_tabs_and_line_breaks() -> None:
    assert terminal_safe("a\tb\nc\r\nd") == "a\tb\nc\r\nd"  # CSV's line breaks stay
    assert terminal_safe(f"x{OSC_TITLE}y\rz{RLO}\ud800") == "x]0;pwned titleyzevil\ufffd"
    assert terminal_safe("é ✓ 𝄞 [bold]") == "é ✓ 𝄞 [bold]"


def test_the_safe_streams_are_in_place_for_a_command_and_put_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def current() -> object:
        return sys.stdout

    before = sys.stdout
    with safe_streams():
        inside = current()
        assert isinstance(inside, SafeStream) and raw_stream(inside) is before
        print("a\x1b[2Jb", file=sys.stderr)
        with safe_streams():  # nested: not wrapped twice
            assert current() is inside
    assert current() is before
    assert capsys.readouterr().err == "a[2Jb\n"
    assert main(["show", "no-such\x1b]0;x\x07id"]) == 1
    assert "\x1b" not in capsys.readouterr().err and current() is before


def test_a_write_counts_what_it_was_given() -> None:
    sink = io.StringIO()
    assert SafeStream(sink).write("a\x1bb") == 3 and sink.getvalue() == "ab"


def test_hiptuis_own_styling_still_reaches_a_terminal(tmp_path: Path) -> None:
    """On a terminal ``show`` prints bold headings: those sequences are hiptui's own and pass;
    the card's texts around them are cleaned as everywhere else."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptui", "show", "glute-bridge"],
        stdout=terminal,
        stderr=terminal,
        env={**env, "TERM": "xterm-256color"},
    )
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 0
    assert b"\x1b[1mGlute bridge\x1b[0m" in output
    assert output.count(b"\x1b") == output.count(b"\x1b[1m") + output.count(b"\x1b[2m") + (
        output.count(b"\x1b[0m")
    )
