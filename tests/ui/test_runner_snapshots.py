"""Snapshots of the mat view at 80x24 and 120x40 (a set, a per-side set, a hold, a rest, the
warm-up with its steps), and the summary."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, loaded
from tests.ui.test_runner_mat import mat_app

SMALL, LARGE = (80, 24), (120, 40)


def start(
    what: str, clock: FakeClock, *keys: str, advance: float = 0.0, routine: bool = False
) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.animation_level = "none"
        await loaded(pilot)
        sessions = pilot.app.sessions  # type: ignore[attr-defined]
        if routine:
            sessions.run_routine(what)
        else:
            sessions.run_exercise(what, ask=False)
        await pilot.pause()
        await pilot.press(*keys)
        if advance:
            clock.advance(advance)
            screen = pilot.app.screen
            assert isinstance(screen, SessionScreen)
            screen.tick()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_set_in_progress_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    keys = ("space",) * 7
    assert snap_compare(mat_app(clock), terminal_size=size,
                        run_before=start("upright-hip-thrust", clock, *keys))  # fmt: skip


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_per_side_set_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    keys = ("space",) * 3
    assert snap_compare(mat_app(clock), terminal_size=size,
                        run_before=start("quadruped-kickback", clock, *keys))  # fmt: skip


def test_hold_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    assert snap_compare(mat_app(clock), terminal_size=SMALL,
                        run_before=start("glute-bridge", clock, "space", advance=0.5))  # fmt: skip


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_rest_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    keys = ("space", "space", "f")
    assert snap_compare(mat_app(clock), terminal_size=size,
                        run_before=start("hip-thrust", clock, *keys, advance=12.0))  # fmt: skip


def test_warm_up_steps_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    before = start("beginner-floor", clock, advance=130.0, routine=True)
    assert snap_compare(mat_app(clock), terminal_size=LARGE, run_before=before)


def test_summary_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    keys = ("space", "space", "d", "f", "escape", "y")
    assert snap_compare(mat_app(clock), terminal_size=SMALL,
                        run_before=start("hip-thrust", clock, *keys))  # fmt: skip
