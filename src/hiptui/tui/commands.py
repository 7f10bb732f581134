"""Command palette (ctrl+p) provider: jump to any exercise by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from hiptui.content.text import printable


class ExerciseCommands(Provider):
    """Offers "Open <exercise>" for every loaded exercise."""

    def _exercises(self) -> list[tuple[str, str]]:
        library = getattr(self.app, "library", None)
        if library is None:
            return []
        return [(ex.id, printable(ex.name, keep_newlines=False)) for ex in library.ordered()]

    async def discover(self) -> Hits:
        for exercise_id, name in self._exercises()[:20]:
            yield DiscoveryHit(
                f"Open {name}",
                partial(self.app.open_exercise, exercise_id),  # type: ignore[attr-defined]
                help="Exercise",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for exercise_id, name in self._exercises():
            for text in (f"Open {name}", exercise_id):
                score = matcher.match(text)
                if score > 0:
                    yield Hit(
                        score,
                        matcher.highlight(f"Open {name}"),
                        partial(self.app.open_exercise, exercise_id),  # type: ignore[attr-defined]
                        text=f"Open {name}",
                        help=exercise_id,
                    )
                    break
