"""The driver of an app that ``hiptui serve`` started for a browser.

Textual's web driver, which ``hiptui serve`` runs each app with, closes the app when the server
asks it to quit. This one also closes it when the server is gone: if the server is killed, the
app's input reaches its end, and an app left running with no browser would hold its session
open for nothing. (Every set is already on disk; the next start offers to resume.)
"""

from __future__ import annotations

import contextlib

from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    """Textual's web driver that also closes the app when its input ends."""

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # the input ended without the app stopping it
            with contextlib.suppress(RuntimeError):  # the app is already closing
                self._app.call_from_thread(self._app.exit)
