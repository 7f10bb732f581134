from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.pilot import Pilot

from hiptui.tui.app import HiptuiApp, make_app

FIXTURES = Path(__file__).parent.parent / "fixtures"


def fixture_app(*folders: str, extra: Sequence[Path] = ()) -> HiptuiApp:
    """The real app on fixture content (no bundled exercises)."""
    dirs = [FIXTURES / f for f in (folders or ("exercises",))]
    return make_app(dirs, extra_dirs=extra)


async def loaded(pilot: Pilot[None]) -> None:
    """Wait for the content to load, the history to be read at start, and the screen to settle."""
    app = pilot.app
    for _ in range(500):
        await app.workers.wait_for_complete()
        if getattr(app, "history_checked", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clocked_app(clock: FakeClock, *folders: str) -> HiptuiApp:
    dirs = [FIXTURES / f for f in (folders or ("exercises",))]
    return make_app(dirs, clock=clock)
