"""A closed terminal ends hiptui within a second, from the app's first instruction on.

Closing the terminal (a closed window, a dropped ssh link, ``tmux kill-window``) makes the kernel
send SIGHUP and then SIGCONT. Two things went wrong with that:

- Textual's driver handles SIGCONT (the ``fg`` after ctrl+z) by starting its application mode
  again, from a Python signal handler that runs between any two bytecodes of the main thread:
  when that is inside the driver's output queue (its lock held), the handler's writes wait for
  the lock for ever, and hiptui sleeps on a deleted terminal (about one hang-up in five, just
  as the first frame is drawn). After a hang-up there is no terminal to resume: SIGCONT is
  ignored from then on.
- Until the app's own handler was in place (after the first frame), nothing saved or ended it
  in a controlled way, and after a hang-up Textual's shutdown writes to a terminal that is gone
  (its writer thread dies on the first EIO, and the next writes wait for it).

:class:`Hangup` is installed by ``run_app`` before Textual is even imported. Before the app
runs, a hang-up ends the process at once (there is nothing to save yet). Once the app has
handed over its loop (:meth:`Hangup.hand_to`), the app's handler saves what it holds and asks
Textual to exit; :meth:`Hangup.end_within` then makes sure the process is gone within a second,
whatever Textual's shutdown does with the dead terminal.
"""

from __future__ import annotations

import os
import signal
import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable
    from types import FrameType
    from typing import NoReturn

EXIT_CODE = 129  # 128 + SIGHUP, as a shell reports a process that SIGHUP ended


class Hangup:
    """SIGHUP (and the SIGCONT after it) for one run of the app."""

    EXIT_CODE = EXIT_CODE

    def __init__(self) -> None:
        self.happened = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._handler: Callable[[], None] | None = None

    def install(self) -> None:
        """Take SIGHUP from now on (the main thread only, as Python's signals are)."""
        signal.signal(signal.SIGHUP, self._on_hangup)

    def hand_to(self, loop: asyncio.AbstractEventLoop, handler: Callable[[], None]) -> None:
        """The app is up: from now on a hang-up runs ``handler`` on ``loop``. Also puts a guard
        in front of Textual's SIGCONT handler (see the module's docstring)."""
        self._loop, self._handler = loop, handler
        resume = signal.getsignal(signal.SIGCONT)

        def on_continue(number: int, frame: FrameType | None) -> None:
            if not self.happened and callable(resume):
                resume(number, frame)

        signal.signal(signal.SIGCONT, on_continue)
        if self.happened:  # it came while the app was starting
            loop.call_soon_threadsafe(handler)

    def _on_hangup(self, _number: int, _frame: FrameType | None) -> None:
        # A signal handler: it runs between two bytecodes of whatever the main thread does, so
        # it takes no lock; call_soon_threadsafe only appends and writes to the loop's pipe.
        if self.happened:
            return
        self.happened = True
        if self._loop is None or self._handler is None:
            os._exit(EXIT_CODE)  # the app is not running yet: nothing to save
        try:
            self._loop.call_soon_threadsafe(self._handler)
        except RuntimeError:  # the loop is closed: the app is past saving, ending anyway
            os._exit(EXIT_CODE)

    def end_now(self) -> NoReturn:
        """End the process at once with the hang-up code (nothing is flushed: the terminal
        it would go to is gone; the history's writes are committed already)."""
        os._exit(EXIT_CODE)

    def end_within(self, seconds: float) -> None:
        """End the process ``seconds`` from now unless it has ended by then."""
        timer = threading.Timer(seconds, os._exit, args=(EXIT_CODE,))
        timer.daemon = True
        timer.start()
