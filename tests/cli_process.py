"""Running the ``hiptui`` command as a user does: a child process of this Python, with this
process's environment (the test's HIPTUI_* folders)."""

from __future__ import annotations

import os
import subprocess
import sys


def hiptui(*args: str) -> subprocess.CompletedProcess[str]:
    """``hiptui ARGS...`` in a child process; its exit code, standard output and error."""
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
