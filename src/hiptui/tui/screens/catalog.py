"""The catalog: every exercise beside the card of the highlighted one, filtered as you type.

The app binds the library, the units and whether the first frame is out to this screen's
reactives (``data_bind``); choosing an exercise posts a message (:mod:`hiptui.tui.messages`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import islice

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from hiptui.content.library import Library
from hiptui.content.models import Exercise, Group
from hiptui.core.catalog.filter import (
    CatalogFilter,
    CatalogIndex,
    cycle,
    cycle_tristate,
    facet_values,
)
from hiptui.tui.keys import bindings_for, key_in_force
from hiptui.tui.messages import OpenExercise, RunExercise
from hiptui.tui.render import card_content, row_label
from hiptui.tui.widgets.key_footer import KeyFooter

FIRST_PAGE = 30
REST_OF_LIST_DELAY = 0.15  # seconds without a keystroke before a long list is completed
# The rest of a long list goes in this many rows at a time, each its own turn of the event
# loop: a key typed meanwhile waits for one of them (a few ms), not for 10,000 rows.
REST_CHUNK = 250


def search_placeholder(key: str) -> str:
    """The search box's hint, short enough for the box at 80 columns (31 characters)."""
    return f"{key} search: name, muscle, kit"


class CatalogScreen(Screen[None]):
    """The first screen: find an exercise and read how to do it well."""

    HELP_TITLE = "Catalog"
    BINDINGS = bindings_for("catalog")
    # Narrower than this (a phone), the list takes the whole width and the card waits for
    # enter (or a tap) on its own screen: a card squeezed beside the list is unreadable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]

    DEFAULT_CSS = """
    CatalogScreen #catalog-body { height: 1fr; }
    CatalogScreen #catalog-left { width: 38; min-width: 28; border-right: vkey $panel; }
    CatalogScreen #search { height: 3; margin: 0 0; }
    CatalogScreen #catalog-status { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    CatalogScreen #exercise-list { height: 1fr; border: none; }
    CatalogScreen #detail { width: 1fr; padding: 0 1 0 2; scrollbar-gutter: stable; }
    CatalogScreen.-narrow #catalog-left { width: 1fr; border-right: none; }
    CatalogScreen.-narrow #detail { display: none; }
    """

    library: var[Library | None] = var(None, always_update=True, init=False)
    units: var[str] = var("imperial", init=False)
    # The list and its count make the first frame alone; the card follows once it is out.
    first_frame: var[bool] = var(False, init=False)

    def __init__(self, library: Library | None = None, *, units: str = "imperial") -> None:
        super().__init__()
        self.set_reactive(CatalogScreen.library, library)
        self.set_reactive(CatalogScreen.units, units)
        self._shown_library: Library | None = None
        self.filter = CatalogFilter()
        self._exercises: list[Exercise] = []
        self._index = CatalogIndex([])
        self._facets: dict[str, list[str]] = {}
        self._shown: list[Exercise] = []
        self._problem_count = 0
        self._labels: dict[str, Content] = {}
        self._generation = 0
        self._rest_timer: Timer | None = None
        self._card_key: tuple[str | None, str, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="catalog-body"):
            with Vertical(id="catalog-left"):
                yield Input(placeholder=search_placeholder("/"), id="search")
                yield Static("Loading exercises…", id="catalog-status")
                yield OptionList(id="exercise-list")
            with VerticalScroll(id="detail", can_focus=False):
                yield Static(id="card")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#exercise-list", OptionList).focus()
        search_key = key_in_force(self, "catalog.search")  # a [keymap] may have moved it
        if search_key and search_key != "/":
            self.query_one("#search", Input).placeholder = search_placeholder(search_key)
        self.watch(self.query_one("#search", Input), "value", self._query_changed, init=False)
        if self.library is not None:
            self.set_library(self.library)

    # -- data ------------------------------------------------------------------------------

    def watch_library(self, library: Library | None) -> None:
        if library is not None and self.is_mounted:
            self.set_library(library)

    def set_library(self, library: Library) -> None:
        if library is self._shown_library:
            return  # the binding hands over the same library again
        self._shown_library = library
        self._exercises = library.ordered()
        self._index = CatalogIndex(self._exercises)
        self._facets = {}
        problems_before, self._problem_count = self._problem_count, len(library.problems)
        self.refresh_list()
        if (problems_before > 0) != (self._problem_count > 0):
            self.refresh_bindings()  # the "problems" key comes or goes (check_action)

    def refresh_list(self, *, keep_place: bool = True) -> None:
        """Show the exercises the filter lets through. The highlight stays where it was if that
        exercise is still shown (``keep_place``), else it goes to the first one."""
        self._shown = [self._exercises[i] for i in self._index.matching(self.filter)]
        option_list = self.query_one("#exercise-list", OptionList)
        options = self._options(self._shown)
        highlighted = self.highlighted_exercise if keep_place else None
        self._generation += 1
        now = list(islice(options, FIRST_PAGE))
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None
        if len(now) == FIRST_PAGE:  # there may be more
            # Show a screenful now and the rest once typing pauses: with 1,000 exercises the
            # list, and each keystroke in the filter, stays quick (the rest of the rows are
            # only made then, too).
            generation = self._generation
            self._rest_timer = self.set_timer(
                REST_OF_LIST_DELAY, lambda: self._add_rest(generation, options)
            )
        option_list.set_options(now)
        if highlighted is not None and highlighted.id not in {o.id for o in now}:
            highlighted = None
        if self._shown:
            # (highlighted, if kept, is on the first page, so shown: no search of the list)
            target = highlighted.id if highlighted is not None else self._shown[0].id
            option_list.highlighted = option_list.get_option_index(target)
        else:
            self._show_card(None)
        self._update_status()

    def _options(self, exercises: list[Exercise]) -> Iterator[Option]:
        """The list's rows, made as they are asked for: a group heading, then its exercises."""
        group: Group | None = None
        for exercise in exercises:
            if exercise.group is not group:
                group = exercise.group
                yield Option(Content.styled(group.value, "bold $text-primary"), disabled=True)
            yield Option(self._label(exercise), id=exercise.id)

    def _label(self, exercise: Exercise) -> Content:
        label = self._labels.get(exercise.id)
        if label is None:
            label = self._labels[exercise.id] = row_label(exercise)
        return label

    def _add_rest(self, generation: int, rest: Iterator[Option]) -> None:
        if generation != self._generation:  # the filter has changed since
            return
        chunk = list(islice(rest, REST_CHUNK))
        if chunk:
            self.query_one("#exercise-list", OptionList).add_options(chunk)
        if len(chunk) == REST_CHUNK:  # there may be more: after what is waiting (a key)
            self.call_later(self._add_rest, generation, rest)
        else:  # the list is whole and nothing is being typed: ready the filter's search keys
            self.call_later(self._index.prepare)

    def _update_status(self) -> None:
        total = len(self._exercises)
        text = f"{len(self._shown)} of {total} exercises"
        described = self.filter.describe()
        parts: list[str | tuple[str, str]] = [text]
        if described:
            parts.append((f" · {described}", "$text-accent"))
        if self._problem_count:
            count = self._problem_count
            noun = "problem" if count == 1 else "problems"
            parts.append((f"\n⚠ {count} content {noun}: press ! to see", "$text-warning"))
        self.query_one("#catalog-status", Static).update(Content.assemble(*parts))

    @property
    def highlighted_exercise(self) -> Exercise | None:
        option_list = self.query_one("#exercise-list", OptionList)
        index = option_list.highlighted
        if index is None:
            return None
        option_id = option_list.get_option_at_index(index).id
        return self._shown_library.get(option_id) if option_id and self._shown_library else None

    def _show_card(self, exercise: Exercise | None) -> None:
        card = self.query_one("#card", Static)
        units = self.units
        width = self.query_one("#detail", VerticalScroll).scrollable_content_region.width
        key = (exercise.id if exercise else None, units, width)
        if key == self._card_key:
            return  # resizes and highlights often ask again for the card already shown
        self._card_key = key
        if exercise is None:
            message = "No exercise matches. Press escape to clear the filters."
            card.update(Content.styled(message, "$text-muted"))
            return
        card.update(card_content(exercise, units, width=width or None))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def watch_units(self, _units: str) -> None:
        # Not before the first frame: the binding hands over the units as the screen mounts,
        # and drawing the card then would hold back the first frame (the list alone).
        if self._exercises and self.first_frame:
            self._show_card(self.highlighted_exercise)

    def on_resize(self) -> None:
        if self._exercises:
            self.call_after_refresh(self._show_card, self.highlighted_exercise)

    # -- events ----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id
        library = self._shown_library
        exercise = library.get(option_id) if option_id and library else None
        if not self.first_frame:
            return  # the list and count make the first frame alone: see watch_first_frame
        self._show_card(exercise)

    def watch_first_frame(self, drawn: bool) -> None:
        """The first frame is on screen: now draw the card. (The list's own highlight message
        can arrive several frames later, so it is not waited for.)"""
        if drawn and self._exercises:
            self._show_card(self.highlighted_exercise)

    @on(OptionList.OptionSelected, "#exercise-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenExercise(event.option.id))

    def _query_changed(self, query: str) -> None:
        # A watcher rather than an Input.Changed handler: it runs as the key is handled, so the
        # typed character and the new list are drawn in one frame. (Input.Changed arrives after
        # the Input has been redrawn alone, and the list then waits for the next frame.)
        # A typed search starts again from its best match: enter opens what the card shows.
        self.filter = self.filter.with_query(query)
        self.refresh_list(keep_place=False)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        """enter in the search box opens the first match (the list has the focus after it,
        so escape from the card comes back to the filtered list)."""
        self.query_one("#exercise-list", OptionList).focus()
        self.action_open()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            return self._problem_count > 0
        return True

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        exercise = self.highlighted_exercise
        if exercise is not None:
            self.post_message(OpenExercise(exercise.id))

    def action_run(self) -> None:
        exercise = self.highlighted_exercise
        if exercise is not None:
            self.post_message(RunExercise(exercise.id))

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        self.filter = CatalogFilter()
        if search.value:
            search.value = ""  # the watcher shows the whole list again
        else:
            self.refresh_list()
        self.query_one("#exercise-list", OptionList).focus()

    def _set_filter(self, new: CatalogFilter) -> None:
        self.filter = new
        self.refresh_list()

    def _facet(self, name: str) -> list[str]:
        """The values a quick filter cycles through, worked out when first needed."""
        if not self._facets:
            self._facets = facet_values(self._exercises)
        return self._facets.get(name, [])

    def action_cycle_muscle(self) -> None:
        muscle = cycle(self.filter.muscle, self._facet("muscle"))
        self._set_filter(replace(self.filter, muscle=muscle))

    def action_cycle_equipment(self) -> None:
        equipment = cycle(self.filter.equipment, self._facet("equipment"))
        self._set_filter(replace(self.filter, equipment=equipment))

    def action_cycle_level(self) -> None:
        level = cycle(self.filter.level, self._facet("level"))
        self._set_filter(replace(self.filter, level=level))

    def action_cycle_side(self) -> None:
        self._set_filter(replace(self.filter, per_side=cycle_tristate(self.filter.per_side)))

    def action_cursor_down(self) -> None:
        self.query_one("#exercise-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#exercise-list", OptionList).action_cursor_up()
