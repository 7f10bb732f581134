"""The baseline for first-frame benchmarks: a minimal Textual app (Header, OptionList of 8,
Footer), started the same way the real app is."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class Baseline(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*[f"Baseline option {n}" for n in range(1, 9)])
        yield Footer()


if __name__ == "__main__":
    Baseline().run()
