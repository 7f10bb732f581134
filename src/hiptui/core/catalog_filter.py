"""Filtering the catalog: a typed query plus quick filters, pure and fast.

Each word of the query must match the exercise: as a substring of its searchable text (name,
muscles, equipment, tags, level) or, failing that, as a subsequence of its name, so "glbr"
finds "Glute bridge". Quick filters narrow by primary muscle, equipment, level and per side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from hiptui.content.models import Exercise

NO_EQUIPMENT = "none"


@dataclass(frozen=True, slots=True)
class CatalogFilter:
    query: str = ""
    muscle: str | None = None
    equipment: str | None = None  # an equipment name, or NO_EQUIPMENT
    level: str | None = None
    per_side: bool | None = None

    def with_query(self, query: str) -> CatalogFilter:
        return replace(self, query=query)

    def matches(self, exercise: Exercise, haystack: str | None = None) -> bool:
        if self.muscle is not None and self.muscle not in exercise.primary_muscles:
            return False
        if self.equipment == NO_EQUIPMENT:
            if exercise.equipment:
                return False
        elif self.equipment is not None and self.equipment not in exercise.equipment:
            return False
        if self.level is not None and exercise.level != self.level:
            return False
        if self.per_side is not None and exercise.per_side != self.per_side:
            return False
        if not self.query.strip():
            return True
        text = haystack if haystack is not None else exercise.search_text()
        name = exercise.name.lower()
        return all(word in text or _subsequence(word, name) for word in self.query.lower().split())

    def describe(self) -> str:
        parts = []
        if self.muscle:
            parts.append(f"muscle: {self.muscle}")
        if self.equipment:
            parts.append("no equipment" if self.equipment == NO_EQUIPMENT else self.equipment)
        if self.level:
            parts.append(self.level)
        if self.per_side is not None:
            parts.append("per side" if self.per_side else "both sides together")
        return ", ".join(parts)


def _subsequence(needle: str, haystack: str) -> bool:
    position = 0
    for char in needle:
        position = haystack.find(char, position) + 1
        if position == 0:
            return False
    return True


def cycle(current: str | None, options: list[str]) -> str | None:
    """The next value after ``current`` in ``options``, wrapping round through ``None``."""
    if not options:
        return None
    if current is None:
        return options[0]
    try:
        index = options.index(current)
    except ValueError:
        return None
    return options[index + 1] if index + 1 < len(options) else None


def cycle_tristate(current: bool | None) -> bool | None:
    return {None: True, True: False, False: None}[current]


def facet_values(exercises: Iterable[Exercise]) -> dict[str, list[str]]:
    """The quick-filter values present in ``exercises``, each list sorted."""
    muscles: set[str] = set()
    kit: set[str] = set()
    levels: set[str] = set()
    any_without_kit = False
    for exercise in exercises:
        muscles.update(exercise.primary_muscles)
        kit.update(exercise.equipment)
        levels.add(exercise.level)
        any_without_kit = any_without_kit or not exercise.equipment
    order = {"beginner": 0, "intermediate": 1, "advanced": 2}
    return {
        "muscle": sorted(muscles),
        "equipment": ([NO_EQUIPMENT] if any_without_kit else []) + sorted(kit),
        "level": sorted(levels, key=lambda level: order.get(level, 9)),
    }


def apply(filter_: CatalogFilter, exercises: list[Exercise], haystacks: list[str]) -> list[int]:
    """Indexes of the exercises that match. Within each catalog group, exercises whose name
    holds every typed word come first ("glute" puts the glute bridge before exercises that
    only train the glutes); otherwise the given order is kept."""
    found = [i for i, ex in enumerate(exercises) if filter_.matches(ex, haystacks[i])]
    words = filter_.query.lower().split()
    if not words:
        return found

    def rank(index: int) -> tuple[int, int, int]:
        exercise = exercises[index]
        in_name = all(word in exercise.name.lower() for word in words)
        return (exercise.group.order, 0 if in_name else 1, index)

    return sorted(found, key=rank)
