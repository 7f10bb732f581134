from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Unpack

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from hiptui.content.library import Library
from hiptui.tui.app import HiptuiApp, make_app
from hiptui.tui.app_options import AppOptions

FIXTURES = Path(__file__).parent.parent / "fixtures"


def build_app(
    content_dirs: Sequence[Path] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    preload: Future[Library] | None = None,
    **options: Unpack[AppOptions],
) -> HiptuiApp:
    """The one app factory with what tests change: the history is read right after the first
    frame (no pause), and the break clock is off unless ``break_reminder=True`` (its wall
    clock would put the time in every header, so screens would differ from run to run)."""
    test_options: AppOptions = {"history_delay": 0.001, "break_reminder": False}
    test_options.update(options)
    return make_app(content_dirs, extra_dirs=extra_dirs, preload=preload, **test_options)


def fixture_app(*folders: str, extra: Sequence[Path] = ()) -> HiptuiApp:
    """The real app on fixture content (no bundled exercises)."""
    dirs = [FIXTURES / f for f in (folders or ("exercises",))]
    return build_app(dirs, extra_dirs=extra)


async def loaded(pilot: Pilot[None]) -> None:
    """Wait for the content to load, the history to be read at start, and the screen to settle."""
    app = pilot.app
    for _ in range(500):
        await app.workers.wait_for_complete()
        if getattr(app, "history_checked", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def type_ahead(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` as a quick typist does: every character but the last reaches the app
    before it has handled the first, then the last as ``pilot.press`` sends it, which waits for
    the app to settle. The same key events, in the same order, as ``pilot.press(*text)``,
    without its two idle waits of 20 ms or more after each one. For characters the focused
    widget or the screen handles as it gets them (an Input's text, the self-check's answer
    keys), not for keys that act on what the last key has yet to change."""
    if not text:
        return
    app = pilot.app
    for character in text[:-1]:
        key = character if character.isalnum() else _character_to_key(character)
        app.post_message(events.Key(key, character))
    await pilot.press(text[-1])


async def until(pilot: Pilot[None], condition: Callable[[], object], tries: int = 500) -> None:
    """Let the app run until ``condition()`` is true (a short pause between looks); fail if it
    never is."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never got there")


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clocked_app(fake: FakeClock, *folders: str, **options: Unpack[AppOptions]) -> HiptuiApp:
    """The app on fixture content, its session timers on ``fake``."""
    dirs = [FIXTURES / f for f in (folders or ("exercises",))]
    timed: AppOptions = {**options, "clock": fake}
    return build_app(dirs, **timed)
