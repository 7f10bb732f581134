"""What the command palette's own commands do (tui/palette.py lists them): take a break now,
export the history to a file, how to import, and Textual's system commands without the ones
hiptui replaces. The app inherits them; they use only what :class:`HomeApp` holds and the
break clock the app provides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from hiptui.tui.app_base import HomeApp
from hiptui.tui.app_options import AppOptions
from hiptui.tui.palette import COMMANDS as PALETTE_COMMANDS

if TYPE_CHECKING:
    from hiptui.tui.break_clock import BreakClock


class PaletteActions(HomeApp):
    """The palette's actions, as the app's ``action_*`` methods."""

    options: AppOptions

    @property
    def breaks(self) -> BreakClock | None:
        """The break clock, once started; the app provides it."""
        raise NotImplementedError

    def action_take_break(self) -> None:
        """The palette's "Take a break now": the break dialog whatever the clock says."""
        if self.breaks is None:
            self.notify("The break reminder is off (break_minutes in the settings).",
                        severity="warning")  # fmt: skip
        else:
            self.breaks.offer_now()

    def action_export_history(self) -> None:
        self.run_worker(self._export_history, thread=True, name="export-history")

    def _export_history(self) -> None:
        """The history as `hiptui export` writes it, to a dated file beside the database."""
        from hiptui.store.errors import StoreError
        from hiptui.store.export import dumps_export, export_json
        from hiptui.store.files import atomic_write

        db = self.database()
        if db is None:
            return
        from datetime import datetime

        wall_now = self.options.get("wall_now")
        now = wall_now() if wall_now is not None else datetime.now().astimezone()
        out = self.home.database_path.parent / "exports" / f"hiptui-{now:%Y%m%d-%H%M%S}.json"
        try:
            text = dumps_export(export_json(db))
            out.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(out, text.encode("utf-8"))
        except (OSError, StoreError) as error:
            self.tell("Export failed", f"{out}: {error}", severity="error")
            return
        self.call_from_thread(self.notify, f"History exported to {out}", title="Export")

    def action_import_help(self) -> None:
        self.notify("From a shell: hiptui import-history FILE.json adds an export's history; "
                    "hiptui import FILE adds exercises from a dataset (docs/importing.md).",
                    title="Import", timeout=15)  # fmt: skip

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # The palette's own commands (tui/palette.py) in place of Textual's of the same name.
        own = {command.title.partition(":")[0] for command in PALETTE_COMMANDS}
        for command in super().get_system_commands(screen):
            if command.title not in own:
                yield command
