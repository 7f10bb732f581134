"""The exercise library: every exercise that loaded, where each came from, every problem found.

Made by :func:`hiptui.content.loader.load_library` (which parses files) or by the content cache
(which does not): this module imports neither, so the app's start, served from the cache, does
not import the TOML parser or the validator.
"""

from __future__ import annotations

from hiptui.content.models import ORDER_MAX, Exercise, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class Library:
    """Every exercise that loaded (by id, in load order), every problem found, and for each
    id the earlier files that a later source replaced."""

    __slots__ = ("exercises", "problems", "replaced")

    def __init__(
        self,
        exercises: dict[str, Exercise] | None = None,
        problems: list[Problem] | None = None,
        replaced: dict[str, list[Path]] | None = None,
    ) -> None:
        self.exercises: dict[str, Exercise] = {} if exercises is None else exercises
        self.problems: list[Problem] = [] if problems is None else problems
        self.replaced: dict[str, list[Path]] = {} if replaced is None else replaced

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Library)
        return (self.exercises, self.problems, self.replaced) == (
            other.exercises,
            other.problems,
            other.replaced,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is

    def __repr__(self) -> str:
        return (
            f"Library(exercises={self.exercises!r}, problems={self.problems!r}, "
            f"replaced={self.replaced!r})"
        )

    def ordered(self) -> list[Exercise]:
        """Article first, then hiptui extras, the user's own, imported. Within a group, those
        with an ``order`` by it (the article's exercises in the article's order), then the
        rest by name."""
        return sorted(self.exercises.values(), key=catalog_position)

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)

    def add(self, path: Path, result: Exercise | list[Problem], seen_here: dict[str, Path]) -> None:
        """Take one file's result: its problems, or its exercise. ``seen_here`` holds the ids
        met so far in the same folder (a repeat there is an error; a later folder replaces)."""
        if isinstance(result, list):
            self.problems.extend(result)
            return
        if result.id in seen_here:
            also = seen_here[result.id].name
            self.problems.append(
                Problem(str(path), None, f"duplicate id '{result.id}' (also in {also})")
            )
            return
        seen_here[result.id] = path
        earlier = self.exercises.get(result.id)
        if earlier is not None and earlier.path is not None:
            self.replaced.setdefault(result.id, []).append(earlier.path)
        self.exercises[result.id] = result


def catalog_position(exercise: Exercise) -> tuple[int, int, str]:
    """Where ``exercise`` stands in :meth:`Library.ordered`."""
    order = exercise.order
    return (exercise.group.order, ORDER_MAX + 1 if order is None else order, exercise.name.lower())
