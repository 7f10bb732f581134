"""The hip-extension guide: sections on the left, the text and related exercises on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from hiptui.content.guide import Guide, GuideSection
from hiptui.content.library import Library
from hiptui.tui.keys import bindings_for
from hiptui.tui.messages import OpenExercise
from hiptui.tui.render import literal
from hiptui.tui.widgets.key_footer import KeyFooter


class GuideScreen(Screen[None]):
    HELP_TITLE = "Guide"
    BINDINGS = bindings_for("guide")

    DEFAULT_CSS = """
    GuideScreen #guide-body { height: 1fr; }
    GuideScreen #guide-toc { width: 32; height: 1fr; }
    GuideScreen #guide-text { width: 1fr; padding: 0 2; }
    GuideScreen #guide-related { height: auto; max-height: 8; }
    GuideScreen #guide-related-label { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, guide: Guide, library: Library) -> None:
        super().__init__()
        self.guide = guide
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="guide-body"):
            yield OptionList(
                *[Option(literal(s.title), id=s.id) for s in self.guide.sections],
                id="guide-toc",
            )
            with VerticalScroll(id="guide-text"):
                yield Static(id="guide-section")
                yield Static("Related exercises (enter opens):", id="guide-related-label")
                yield OptionList(id="guide-related")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.guide.title
        toc = self.query_one("#guide-toc", OptionList)
        toc.focus()
        if self.guide.sections:
            toc.highlighted = 0

    @on(OptionList.OptionHighlighted, "#guide-toc")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        section = next(s for s in self.guide.sections if s.id == event.option.id)
        self._show(section)

    def _show(self, section: GuideSection) -> None:
        parts: list[str | Content | tuple[str, str]] = [(section.title + "\n", "bold $text-accent")]
        for paragraph in section.paragraphs:
            parts += ["\n", literal(paragraph), "\n"]
        origin = "the article" if section.source == "article" else "hiptui (not the article)"
        parts.append((f"\nSource: {origin}", "$text-muted"))
        self.query_one("#guide-section", Static).update(Content.assemble(*parts))
        related = self.query_one("#guide-related", OptionList)
        known = [self.library.get(i) for i in section.exercises]
        options = [Option(literal(ex.name), id=ex.id) for ex in known if ex is not None]
        related.set_options(options)
        related.display = bool(options)
        self.query_one("#guide-related-label").display = bool(options)
        self.query_one("#guide-text", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#guide-related")
    def _open_related(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenExercise(event.option.id))

    @on(OptionList.OptionSelected, "#guide-toc")
    def _toc_selected(self) -> None:
        related = self.query_one("#guide-related", OptionList)
        if related.display:
            related.focus()
            related.highlighted = 0

    def action_select(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_select()

    def action_cursor_down(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_down()

    def action_cursor_up(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_up()
