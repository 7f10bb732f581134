"""What the one app factory (:func:`hiptui.tui.app.make_app`) takes besides the content: the
clocks, ``hiptui run ID``'s request, the start-up's pace, the break reminder and the sound, and
the terminal's hang-up. Every option is a parameter, never a monkeypatch: the CLI passes its
few, tests pass fakes (``tests/ui/helpers.py``'s ``build_app``). A missing key means the
default written beside it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from hiptui.core.breaks.idle import IdleSource
    from hiptui.hangup import Hangup
    from hiptui.sound.announcer import Background, Find

Clock = Callable[[], float]
WallClock = Callable[[], datetime]

HISTORY_AT_START_DELAY = 0.3  # seconds after the first frame before the history is read


class AppOptions(TypedDict, total=False):
    clock: Clock
    """The session timers' monotonic clock (default: ``time.monotonic``)."""
    break_clock: Clock | None
    """The break reminder's monotonic clock (default: one that notices the computer's sleep)."""
    wall_now: WallClock | None
    """Local time, for the break reminder, the weekly plan's day in the catalog's title and the
    day a session starts on, which decides an easier first session back (default: the
    system's)."""
    start: str | None
    """``hiptui run ID``: the exercise or routine to run once the app is up."""
    history_delay: float
    """How long after the first frame the history is read: the resume offer, the break clock,
    the weekly plan (default: ``HISTORY_AT_START_DELAY``)."""
    break_reminder: bool
    """Off: no break clock (tests: its wall clock would put the time in every header).
    Default on."""
    idle: IdleSource | None
    """The desktop's idle time for the break clock (default: found when the ``idle`` setting
    allows)."""
    find_player: Find | None
    """The runner's sound player for a level (default: the programs installed)."""
    play_in: Background | None
    """Where a player that waits for its program runs (default: one sound thread)."""
    hangup: Hangup | None
    """The CLI's SIGHUP handling (:mod:`hiptui.hangup`), handed the app's loop once it runs."""
