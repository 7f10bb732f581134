"""Snapshots of the runner: a set in progress, a hold, a rest, and the summary."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from hiptui.tui.screens.session import SessionScreen
from tests.ui.helpers import FakeClock, clocked_app, loaded

SIZE = (100, 30)


def start(exercise_id: str, clock: FakeClock, *keys: str, advance: float = 0.0) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.animation_level = "none"
        await loaded(pilot)
        pilot.app.sessions.run_exercise(exercise_id, ask=False)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*keys)
        if advance:
            clock.advance(advance)
            screen = pilot.app.screen
            assert isinstance(screen, SessionScreen)
            screen.tick()
        await pilot.pause()

    return run_before


def test_set_in_progress_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=start("fixture-thrust", clock, *"   "))


def test_hold_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    assert snap_compare(
        app, terminal_size=SIZE, run_before=start("fixture-bridge", clock, "space", advance=0.5)
    )


def test_rest_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=start("fixture-thrust", clock, "space", "space", "f", advance=12.0),
    )


def test_summary_snapshot(snap_compare: Any) -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    keys = ("space", "space", "d", "f", "escape", "y")
    assert snap_compare(app, terminal_size=SIZE, run_before=start("fixture-curl", clock, *keys))
