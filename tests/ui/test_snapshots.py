"""Snapshot tests: what a user sees, at a fixed terminal size, on fixture content."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.helpers import fixture_app, loaded

SIZE = (100, 30)
# The catalog and the help as a new user meets them, on a laptop's terminal and a larger one.
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


async def settle(pilot: Pilot[None]) -> None:
    pilot.app.animation_level = "none"
    await loaded(pilot)
    for search in pilot.app.screen.query(Input):
        search.cursor_blink = False
    await pilot.pause()


@SIZES
def test_catalog_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(fixture_app(), terminal_size=size, run_before=settle)


def test_catalog_filtered_snapshot(snap_compare: Any) -> None:
    async def filtered(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"ham")
        await pilot.pause()

    assert snap_compare(fixture_app(), terminal_size=SIZE, run_before=filtered)


def test_exercise_detail_snapshot(snap_compare: Any) -> None:
    async def open_bridge(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()

    assert snap_compare(fixture_app(), terminal_size=SIZE, run_before=open_bridge)


@SIZES
def test_help_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    async def help_open(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(fixture_app(), terminal_size=size, run_before=help_open)


def test_guide_snapshot(snap_compare: Any) -> None:
    async def guide_open(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()

    assert snap_compare(fixture_app(), terminal_size=SIZE, run_before=guide_open)
