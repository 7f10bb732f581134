"""The mat view's own drawing shortcuts give what Textual's general drawing would: the board
hands its strips to the compositor itself, the one-line widgets draw their Content straight
into a strip, the runner's screen draws its solid background once, and its containers, which
their children cover, draw nothing."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from hiptui.tui.widgets.mat_board import MatBoard
from hiptui.tui.widgets.one_line import OneLine
from hiptui.tui.widgets.ready_lines import SolidBackdrop

NEXT = Content.assemble(
    ("12 more to 15 (target 15-20)", "bold"), " · ", ("hold 2 s at the top", "$text-muted")
)


class Lines(App[None]):
    CSS = """
    Static { height: 1; text-wrap: nowrap; text-overflow: ellipsis; text-style: bold; }
    OneLine { text-style: bold; }
    MatBoard { height: 14; }
    MatBoard.-padded { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield OneLine(id="one")
        yield Static(id="static")
        yield MatBoard(id="board")


def generic(widget: Widget, crop: Region) -> list[str]:
    """What Textual's own per-line styling draws for ``widget`` in ``crop``."""
    widget._styles_cache.clear()
    return [repr(strip) for strip in Widget.render_lines(widget, crop)]


def own(widget: Widget, crop: Region) -> list[str]:
    return [repr(strip) for strip in widget.render_lines(crop)]


async def test_the_board_hands_over_the_lines_textual_would_draw() -> None:
    app = Lines()
    async with app.run_test(size=(60, 20)) as pilot:
        board = app.query_one(MatBoard)
        board.show("REPS", "11", "LEFT")
        await pilot.pause()
        whole = Region(0, 0, *board.size)
        assert own(board, whole) == generic(board, whole)
        board.show("REPS", "12", "LEFT")  # a rep: some columns of the number's rows
        await pilot.pause()
        assert own(board, whole) == generic(board, whole)
        assert any("█" in line for line in own(board, whole))
        part = Region(3, 2, 20, 9)
        assert own(board, part) == generic(board, part)
        board.show("REST", "45", "LEFT", "rest")  # another colour for the number
        await pilot.pause()
        assert own(board, whole) == generic(board, whole)
        board.add_class("-padded")  # styling of its own: Textual draws it
        await pilot.pause()
        assert own(board, Region(0, 0, *board.size)) == generic(board, Region(0, 0, *board.size))


async def test_one_line_draws_its_content_as_a_static_would() -> None:
    app = Lines()
    async with app.run_test(size=(80, 10)) as pilot:
        one, static = app.query_one(OneLine), app.query_one(Static)
        for width in (80, 30):  # it fits, then it is cut with "…"
            for widget in (one, static):
                widget.styles.width = width
                widget.update(NEXT, layout=True)
            await pilot.pause()
            line = Region(0, 0, width, 1)
            assert own(one, line) == generic(static, line)
            assert ("…" in own(one, line)[0]) == (width == 30)
        one.update("plain words", layout=False)
        static.update("plain words", layout=False)
        await pilot.pause()
        assert own(one, Region(0, 0, 30, 1)) == generic(static, Region(0, 0, 30, 1))
        assert str(one.render()) == "plain words"


class Backdrop(SolidBackdrop[None]):
    CSS = "Static { margin: 0 2; }"

    def compose(self) -> ComposeResult:
        yield Static("between the margins")


async def test_a_solid_screen_gives_the_lines_textual_would_draw() -> None:
    app = App[None]()
    async with app.run_test(size=(40, 6)) as pilot:
        screen = Backdrop()
        await app.push_screen(screen)
        await pilot.pause()
        whole = Region(0, 0, 40, 6)
        assert own(screen, whole) == generic(screen, whole)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert own(screen, whole) == generic(screen, whole)  # the new theme's background
        screen.styles.background = "red 50%"  # see-through: Textual draws it
        await pilot.pause()
        assert own(screen, whole) == generic(screen, whole)


async def test_the_mat_view_containers_are_covered_by_what_they_hold() -> None:
    """The containers drawn blank are never seen: the screen shows the same with them drawn
    as Textual would draw them."""
    from hiptui.tui.screens.session import SessionScreen
    from hiptui.tui.widgets.covered import CoveredColumn, CoveredRow
    from tests.ui.helpers import FakeClock, loaded
    from tests.ui.test_runner_mat import mat_app

    for size, keys in (((80, 24), "   "), ((120, 40), "")):
        app = mat_app(FakeClock())
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            app.sessions.run_exercise("glute-bridge", ask=False)
            await pilot.pause()
            await pilot.press(*keys)
            assert isinstance(app.screen, SessionScreen)
            blank = app.export_screenshot()
            for container in [*app.screen.query(CoveredRow), *app.screen.query(CoveredColumn)]:
                container.BLANK = False  # (an instance attribute: drawn as Textual would)
            app.screen.refresh()
            await pilot.pause()
            assert app.export_screenshot() == blank
