"""Command palette (ctrl+p) provider: jump to any exercise by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from hiptui.content.library import Library
from hiptui.content.text import printable
from hiptui.tui.messages import OpenExercise
from hiptui.tui.palette import highlighted, rank


@runtime_checkable
class HasLibrary(Protocol):
    """What the palette reads from the app: the exercises loaded so far (``None`` while they
    load). The app has it; a test app without it gets no exercise commands."""

    library: Library | None


class ExerciseCommands(Provider):
    """Offers "Open <exercise>" for every loaded exercise; choosing one posts
    :class:`~hiptui.tui.messages.OpenExercise`."""

    def _exercises(self) -> list[tuple[str, str]]:
        app = self.app
        library = app.library if isinstance(app, HasLibrary) else None
        if library is None:
            return []
        return [(ex.id, printable(ex.name, keep_newlines=False)) for ex in library.ordered()]

    def _opener(self, exercise_id: str) -> Callable[[], None]:
        def open_it() -> None:
            self.app.post_message(OpenExercise(exercise_id))

        return open_it

    # Names come from files and datasets: every prompt is Content, never a markup string (a
    # name "[link=...]x[/link]" would otherwise be a link, "[b]" bold, a stray "[/x]" a crash).

    async def discover(self) -> Hits:
        for exercise_id, name in self._exercises()[:20]:
            text = f"Open {name}"
            yield DiscoveryHit(Content(text), self._opener(exercise_id), text=text,
                               help="Exercise")  # fmt: skip

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for exercise_id, name in self._exercises():
            text = f"Open {name}"
            for candidate in (text, exercise_id):
                score = rank(query, candidate, (), matcher)
                if score > 0:
                    yield Hit(
                        score,
                        highlighted(matcher, text),
                        self._opener(exercise_id),
                        text=text,
                        help=exercise_id,  # a kebab-case id: no markup in it
                    )
                    break
