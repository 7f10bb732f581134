"""Every problem found in the content files, one ``path:line: message`` a line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from hiptui.content.models import Problem
from hiptui.tui.keys import bindings_for
from hiptui.tui.render import literal
from hiptui.tui.widgets.key_footer import KeyFooter


class ProblemsScreen(Screen[None]):
    HELP_TITLE = "Content problems"
    BINDINGS = bindings_for("problems")

    DEFAULT_CSS = """
    ProblemsScreen #problems-scroll { padding: 1 2; }
    ProblemsScreen .problem { margin-bottom: 1; }
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems-scroll"):
            intro = (
                f"{len(self.problems)} problems in content files. The files named here were "
                "skipped; everything else loaded. Fix them and run `hiptui check`.\n"
            )
            yield Static(literal(intro, "$text-warning"))
            for problem in self.problems:
                yield Static(literal(str(problem)), classes="problem")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Content problems"
        self.query_one("#problems-scroll").focus()
