"""The served app in a real browser: headless Chromium at a phone's size, by taps and keys.

Marked ``browser`` (run by ``.ci/run`` as ``pytest -m browser``); skipped, saying why, when
Debian's chromium and chromium-driver are not installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from hiptui import paths
from hiptui.store.db import Database
from tests.serve.browser import BrowserPage, chromium
from tests.serve.helpers import Terminal, served

pytestmark = pytest.mark.browser

PHONE = (390, 580)  # CSS pixels: at font size 14, a terminal of about 46 x 30
LANDSCAPE = (740, 360)  # the same phone on its side: about 88 x 18
# Where the screenshots of the served runner go when set (docs/serve.md's are made so:
# HIPTUI_SCREENSHOTS=docs uv run pytest -m browser -n 0 tests/serve).
SCREENSHOTS = os.environ.get("HIPTUI_SCREENSHOTS")


def saved_sets() -> list[tuple[str, int, int]]:
    with Database.open(paths.database_path()) as db:
        return [(s.exercise_id, s.set_number, s.reps) for x in db.sessions() for s in x.sets]


def screenshot(driver: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS, name).write_bytes(driver.get_screenshot_as_png())


def test_a_set_logged_from_a_phone_is_in_the_database(tmp_path: Path) -> None:
    """Open the printed address (with its token), tap through the catalog to glute-bridge,
    count reps by the mat view's +1 rep button and a key, tap Finish: the set is in this
    test's database. The runner's header, bottom bar and buttons are all drawn on the phone
    upright and on its side."""
    with (
        served("--lan", "--host", "127.0.0.1") as server,
        chromium(tmp_path / "chromium", *PHONE) as driver,
    ):
        driver.get(server.url + "?fontsize=14")
        page = BrowserPage(driver)
        page.wait_for("Glute bridge")
        assert page.terminal is not None
        assert page.terminal.screen.columns < 50 and page.terminal.screen.lines >= 29
        page.wait_for("sitting")  # the history read at start (no resume offer to come)
        page.wait_for("r Start")  # the bottom bar of keys, before any input (the page focuses it)
        assert page.terminal.find("Hip thrust")  # the list alone: no card
        assert not page.terminal.find("Muscles")

        page.tap("Glute bridge")  # the catalog's row: opens the card
        page.wait_for("Lying on your back")
        page.tap("Start")  # the Footer's key
        page.wait_for("Cancel")  # the dosage dialog
        page.tap("Start", below="Rest, s")  # its button
        page.wait_for("set 1 of 3")
        whole_runner(page.settled(), "set 1 of 3", "+1 rep", "Finish", "space Rep")
        for count in (page.tap_rep, lambda: page.keys(" ")):  # a tap, then the key
            count()  # a rep: its 2 s top hold runs, then it counts
            page.wait_for("Squeeze and hold")
            page.wait_gone("Squeeze and hold")  # the hold is over: the rep counted
            if count == page.tap_rep:
                page.settled()
                screenshot(driver, "serve-runner-phone.png")
        page.tap("Finish", below="Heels down")  # the mat view's button, not the bottom bar's
        page.wait_for("Skip rest")  # the rest after set 1 has begun
        assert saved_sets() == [("glute-bridge", 1, 2)]
        whole_runner(page.settled(), "set 2 of 3", "Pause", "End", "Skip rest")

        page.turn(*LANDSCAPE)
        terminal = page.wait_for_size(columns_over=80)
        assert terminal.screen.lines < 24
        whole_runner(page.settled(), "set 2 of 3", "Pause", "End", "Skip rest")
        screenshot(driver, "serve-runner-landscape.png")


def whole_runner(terminal: Terminal, *texts: str) -> None:
    """The runner is drawn whole: its header at the top, ``texts`` (the title, the mat view's
    buttons, the bottom bar) each on a row, the bottom bar on the last row."""
    rows = terminal.text().split("\n")
    assert "hiptui" in rows[0], rows
    for text in texts:
        assert terminal.find(text) is not None, (text, rows)
    last = max(i for i, row in enumerate(rows) if row.strip())
    assert last == terminal.screen.lines - 1 and "palette" in rows[last], rows


def test_without_the_token_the_browser_gets_403_and_no_app(tmp_path: Path) -> None:
    with (
        served("--lan", "--host", "127.0.0.1") as server,
        chromium(tmp_path / "chromium", *PHONE) as driver,
    ):
        driver.get(server.origin + "/")
        assert "403" in driver.page_source
        assert driver.execute_script("return window.__hiptui.length") == 0
        assert server.app_pids() == []
