"""The break clock as the app holds it: off (the ``break_reminder`` option, or no database), or
one :class:`~hiptui.tui.break_clock.BreakClock`, read from the history after the first frame
and then started on the app's loop; and what the app tells it: a session running (a break
that comes due waits for its end), new settings, a self-check saved (its interval applies at
once). Light to import: the break clock's own modules come when the history is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiptui.core.breaks.idle import IdleSource
    from hiptui.core.breaks.schedule import BreakHistory
    from hiptui.store.settings import Settings
    from hiptui.tui.app_base import HomeApp
    from hiptui.tui.app_options import Clock, WallClock
    from hiptui.tui.break_clock import BreakClock


class BreakWiring:
    def __init__(
        self,
        app: HomeApp,
        *,
        enabled: bool = True,
        clock: Clock | None = None,
        wall: WallClock | None = None,
        idle: IdleSource | None = None,
    ) -> None:
        self.app = app
        self.enabled = enabled
        self._clock = clock
        self._wall = wall
        self._idle = idle
        self.running: BreakClock | None = None  # once started

    def read(self) -> tuple[BreakHistory, int] | None:
        """What the break clock starts from (any thread); ``None`` when it is off."""
        from hiptui.tui.break_clock import read_breaks

        return read_breaks(self.app, self._wall) if self.enabled else None

    def start(self, read: tuple[BreakHistory, int] | None) -> None:
        """Start the clock on what :meth:`read` found (on the app's loop)."""
        from hiptui.tui.break_clock import BreakClock

        if read is not None:
            self.running = BreakClock.start(self.app, read, clock=self._clock, wall=self._wall,
                                            idle=self._idle)  # fmt: skip

    def session_running(self, busy: bool) -> None:
        if self.running is not None:
            self.running.set_busy(busy)

    def settings_changed(self, settings: Settings) -> None:
        if self.running is not None:
            self.running.set_settings(settings)

    def history_changed(self) -> None:
        if self.running is not None:
            self.running.watch()
