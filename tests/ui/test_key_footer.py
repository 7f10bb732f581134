"""The Footer every screen shows follows the keys in force, and is not rebuilt when they stay."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from hiptui.tui.keys import relabel
from hiptui.tui.widgets.key_footer import KeyFooter
from tests.ui.helpers import until


class Board(Screen[None]):
    BINDINGS = [
        Binding("p", "pause", "Pause", id="board.pause"),
        Binding("m", "more", "More text", id="board.more"),
        Binding("x", "hidden", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.more = False

    def compose(self) -> ComposeResult:
        yield Static("board")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.more if action == "more" else True

    def action_pause(self) -> None:
        relabel(self, "board.pause", "Resume")
        self.refresh_bindings()


class BoardApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Board())


def shown(pilot: Pilot[None]) -> list[tuple[str, str]]:
    return [(k.key, k.description) for k in pilot.app.screen.query(FooterKey)]


async def test_the_footer_follows_the_keys_in_force_and_keeps_its_keys_otherwise() -> None:
    app = BoardApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await until(pilot, lambda: ("p", "Pause") in shown(pilot))
        screen = app.screen
        assert isinstance(screen, Board)
        assert ("p", "Pause") in shown(pilot) and ("x", "Hidden") not in shown(pilot)
        assert "m" not in [key for key, _ in shown(pilot)]  # check_action says no
        keys = list(screen.query(FooterKey))
        for _ in range(5):  # nothing moved: the same key widgets stay
            screen.refresh_bindings()
        await pilot.pause()
        assert list(screen.query(FooterKey)) == keys
        screen.more = True
        screen.refresh_bindings()
        await until(pilot, lambda: ("m", "More text") in shown(pilot))
        await pilot.press("p")
        await until(pilot, lambda: ("p", "Resume") in shown(pilot))
        assert ("p", "Pause") not in shown(pilot)
