"""A second baseline for the first screen: Textual alone drawing the catalog's layout (header,
search box, count, a list of 23 two-line rows, a card of 58 lines with a scrollbar, footer) in
plain text, with no hiptui code. What the first screen costs Textual itself, before any of
hiptui's work; benchmarks/first_frame.py times it beside the minimal app and hiptui.
"""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static

ROWS = [f"Exercise {n}\n  beginner · mat" for n in range(1, 24)]
CARD = "\n".join(f"Card line {n}: some words to wrap at the width of the pane" for n in range(58))


class LayoutTwin(App[None]):
    CSS = """
    #body { height: 1fr; }
    #left { width: 38; min-width: 28; border-right: vkey $panel; }
    #search { height: 3; }
    #status { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    #list { height: 1fr; border: none; }
    #detail { width: 1fr; padding: 0 1 0 2; scrollbar-gutter: stable; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Input(placeholder="/ search name, muscle, equipment", id="search")
                yield Static("23 of 23 twin exercises", id="status")
                yield OptionList(*ROWS, id="list")
            with VerticalScroll(id="detail", can_focus=False):
                yield Static(CARD, id="card")
        yield Footer()


if __name__ == "__main__":
    LayoutTwin().run()
