"""Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, on loopback.

The page draws the terminal on a canvas, so a test cannot read the screen from the page's
text. Instead a script put in before the page's own wraps its WebSocket: every byte the app
sent and every terminal size the page asked for are kept in ``window.__hiptui``, and the test
replays them into a pyte terminal of the same size, which is what the browser drew.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.serve.helpers import DRAW_TIMEOUT, Terminal

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The flags this machine needs (no sandbox as root, no background connections), and a rule
# that every host name other than loopback resolves to nothing: the browser reaches nothing else.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)

TEE = """
(() => {
  const Native = window.WebSocket;
  const log = (window.__hiptui = []);
  const encode = (bytes) => {
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return btoa(text);
  };
  function Teed(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const size = /[?&]width=(\\d+)&height=(\\d+)/.exec(url);
    if (size) log.push(["size", +size[1], +size[2]]);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") log.push(["data", encode(new Uint8Array(event.data))]);
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") log.push(["size", message[1].width, message[1].height]);
      } catch (error) {}
      send(data);
    };
    return socket;
  }
  Teed.prototype = Native.prototype;
  Object.assign(Teed, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Teed;
})();
"""


def require_chromium() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not installed: Debian's chromium and chromium-driver "
            "(.ci/run installs them with apt-get)"
        )


@contextmanager
def chromium(profile: Path, width: int, height: int) -> Iterator[Any]:
    """A headless Chromium at a phone's size (CSS pixels, touch screen), closed afterwards."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TEE})
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
        yield driver
    finally:
        driver.quit()


class BrowserPage:
    """The served app in a browser tab: read what it drew, tap it, type into it."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.terminal: Terminal | None = None
        self._seen = 0

    def _pump(self) -> str:
        events = self.driver.execute_script(
            "return window.__hiptui.slice(arguments[0])", self._seen
        )
        self._seen += len(events)
        for event in events:
            if event[0] == "size":
                if self.terminal is None:
                    self.terminal = Terminal(event[1], event[2])
                else:
                    self.terminal.screen.resize(event[2], event[1])
            elif self.terminal is not None:
                self.terminal.feed(base64.b64decode(event[1]))
        return self.terminal.text() if self.terminal else ""

    def wait_for(self, text: str, timeout: float = DRAW_TIMEOUT) -> Terminal:
        deadline = time.monotonic() + timeout
        while text not in self._pump():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never drawn:\n{self._pump()}")
            time.sleep(0.05)
        assert self.terminal is not None
        return self.terminal

    def settled(self, quiet: float = 0.3, timeout: float = DRAW_TIMEOUT) -> Terminal:
        """The screen once the app has drawn nothing new for ``quiet`` seconds (a dialog can
        be laid out again a frame after it first appears: tap where things end up)."""
        deadline = time.monotonic() + timeout
        seen, still_since = self._seen, time.monotonic()
        while time.monotonic() - still_since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never settled:\n{self._pump()}")
            time.sleep(0.05)
            self._pump()
            if self._seen != seen:
                seen, still_since = self._seen, time.monotonic()
        assert self.terminal is not None
        return self.terminal

    def wait_gone(self, text: str, timeout: float = DRAW_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text in self._pump():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} still drawn:\n{self._pump()}")
            time.sleep(0.05)

    def tap(self, text: str, *, below: str | None = None, offset: int = 1) -> None:
        """A finger's tap on ``text`` where it is drawn (``offset`` cells into it); with
        ``below``, on the first ``text`` under the row that shows ``below``."""
        self.wait_for(text)
        terminal = self.settled()
        under = terminal.find(below) if below else None
        found = terminal.find(text, below=under[1] if under else -1)
        assert found is not None
        column, row = found
        left, top, width, height = self.driver.execute_script(
            "const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            "return [r.left, r.top, r.width, r.height];"
        )
        x = left + (column + offset + 0.5) * width / terminal.screen.columns
        y = top + (row + 0.5) * height / terminal.screen.lines
        self.driver.execute_cdp_cmd(
            "Input.synthesizeTapGesture", {"x": x, "y": y, "gestureSourceType": "touch"}
        )

    def tap_rep(self) -> None:
        """A tap on the mat view's +1 rep button."""
        self.tap("+1 rep", offset=2)

    def turn(self, width: int, height: int) -> None:
        """The phone turned: the window takes a new size (CSS pixels), and the page asks
        the app for a terminal to fit."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )

    def wait_for_size(self, *, columns_over: int, timeout: float = DRAW_TIMEOUT) -> Terminal:
        """The terminal once the page has asked for more than ``columns_over`` columns."""
        deadline = time.monotonic() + timeout
        while True:
            self._pump()
            if self.terminal is not None and self.terminal.screen.columns > columns_over:
                return self.terminal
            if time.monotonic() > deadline:
                raise AssertionError(f"the terminal never grew past {columns_over} columns")
            time.sleep(0.05)

    def keys(self, text: str) -> None:
        """Type ``text`` as a keyboard would (xterm's input box has the focus)."""
        box = self.driver.find_element("css selector", ".xterm-helper-textarea")
        self.driver.execute_script("arguments[0].focus()", box)
        box.send_keys(text)
