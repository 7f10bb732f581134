"""The served app in a real browser: headless Chromium at a phone's size, by taps and keys.

Marked ``browser`` (run by ``.ci/run`` as ``pytest -m browser``); skipped, saying why, when
Debian's chromium and chromium-driver are not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptui import paths
from hiptui.store.db import Database
from tests.serve.browser import BrowserPage, chromium
from tests.serve.helpers import served

pytestmark = pytest.mark.browser

PHONE = (390, 520)  # CSS pixels: at font size 14, a terminal of about 46 x 27


def saved_sets() -> list[tuple[str, int, int]]:
    with Database.open(paths.database_path()) as db:
        return [(s.exercise_id, s.set_number, s.reps) for x in db.sessions() for s in x.sets]


def test_a_set_logged_from_a_phone_is_in_the_database(tmp_path: Path) -> None:
    """Open the printed address (with its token), tap through the catalog to glute-bridge,
    count reps, finish the set: the set is in this test's database."""
    with (
        served("--lan", "--host", "127.0.0.1") as server,
        chromium(tmp_path / "chromium", *PHONE) as driver,
    ):
        driver.get(server.url + "?fontsize=14")
        page = BrowserPage(driver)
        page.wait_for("Glute bridge")
        assert page.terminal is not None and page.terminal.screen.columns < 50
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
        for _rep in range(2):
            page.keys(" ")  # a rep: its 2 s top hold runs, then it counts
            page.wait_for("Squeeze and hold")
            page.wait_gone("Squeeze and hold")  # the hold is over: the rep counted
        page.keys("f")  # finish the set
        page.wait_for("Skip rest")  # the rest after set 1 has begun
        assert saved_sets() == [("glute-bridge", 1, 2)]


def test_without_the_token_the_browser_gets_403_and_no_app(tmp_path: Path) -> None:
    with (
        served("--lan", "--host", "127.0.0.1") as server,
        chromium(tmp_path / "chromium", *PHONE) as driver,
    ):
        driver.get(server.origin + "/")
        assert "403" in driver.page_source
        assert driver.execute_script("return window.__hiptui.length") == 0
        assert server.app_pids() == []
