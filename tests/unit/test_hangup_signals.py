"""The hang-up handling's two promises, in this process: SIGHUP hands the app's handler to its
loop (or ends a process whose app is not running yet), and the SIGCONT that follows a hang-up
never reaches Textual's driver (which would start its application mode again on a dead terminal
from inside a signal handler, and could wait for ever on its own output lock)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from hiptui.hangup import EXIT_CODE, Hangup

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def signals() -> Iterator[None]:
    saved = {number: signal.getsignal(number) for number in (signal.SIGHUP, signal.SIGCONT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def test_a_hangup_runs_the_apps_handler_and_mutes_sigcont(signals: None) -> None:
    resumed: list[int] = []
    signal.signal(signal.SIGCONT, lambda number, _frame: resumed.append(number))  # Textual's
    loop = asyncio.new_event_loop()
    handled: list[str] = []
    try:
        hangup = Hangup()
        hangup.install()
        hangup.hand_to(loop, lambda: handled.append("saved and exiting"))
        signal.raise_signal(signal.SIGCONT)  # ctrl+z then fg: the driver resumes as before
        assert resumed == [signal.SIGCONT]
        signal.raise_signal(signal.SIGHUP)
        signal.raise_signal(signal.SIGCONT)  # what the kernel sends right after a hang-up
        signal.raise_signal(signal.SIGHUP)  # a second one changes nothing
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()
    assert hangup.happened and handled == ["saved and exiting"]
    assert resumed == [signal.SIGCONT]


def test_a_hangup_during_the_start_is_handed_over_once_the_app_runs(signals: None) -> None:
    loop = asyncio.new_event_loop()
    handled: list[str] = []
    try:
        hangup = Hangup()
        hangup.happened = True  # it came before hand_to (between install and the app's mount)
        hangup.hand_to(loop, lambda: handled.append("saved"))
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()
    assert handled == ["saved"]


def test_a_hangup_before_the_app_runs_ends_the_process() -> None:
    code = (
        "import signal, time; from hiptui.hangup import Hangup; Hangup().install(); "
        "signal.raise_signal(signal.SIGHUP); print('still here')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_CODE and "still here" not in done.stdout


def test_end_within_ends_a_process_that_would_hang() -> None:
    code = (
        "import threading; from hiptui.hangup import Hangup; Hangup().end_within(0.2); "
        "threading.Event().wait()"  # a shutdown that never finishes
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == EXIT_CODE
