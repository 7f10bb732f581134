"""The Footer every screen shows, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and mounts all its keys again each time the screen's bindings are
refreshed: on every focus change, every ``refresh_bindings()`` a screen makes when its
``check_action`` may answer differently, every reactive declared with ``bindings=True``. Most of
those leave the keys shown as they were (the self-check refreshes them on each question, the
runner on each phase), and each rebuild costs a layout and a repaint of the whole footer, a
frame later than the change that caused it. This footer works out what it would show (key,
label, action, greyed out or not, tooltip) and recomposes only when that differs from what it
shows; many refreshes before the next frame make one look.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[Hashable, ...]


class KeyFooter(Footer):
    """A ``Footer`` that recomposes when the keys shown change, at most once a frame."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None  # what the last compose showed (None: nothing yet)
        self._look_pending = False

    def shown_keys(self) -> Shown:
        """What ``compose`` would show now, as a value that compares equal when nothing moved."""
        app = self.app
        keys: list[Hashable] = [self.show_command_palette, app.ENABLE_COMMAND_PALETTE]
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if binding.show or key == app.COMMAND_PALETTE_BINDING:
                keys.append(
                    (key, binding.action, binding.description, binding.group, enabled, tooltip,
                     app.get_key_display(binding))
                )  # fmt: skip
        return tuple(keys)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self.shown_keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._look_pending:
            self._look_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._look_pending = False
        if self.is_attached and self.shown_keys() != self._shown:
            await self.recompose()
