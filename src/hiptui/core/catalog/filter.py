"""Filtering the catalog: a typed query plus quick filters, pure and fast.

Each word of the query must match the exercise: as a substring of its searchable text (name,
muscles, equipment, tags, level) or, failing that, as a subsequence of its name, so "glbr"
finds "Glute bridge". Quick filters narrow by primary muscle, equipment, level and per side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
            if exercise.needs_equipment:
                return False
        elif self.equipment is not None and not exercise.uses_equipment(self.equipment):
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
        kit.update(exercise.equipment, exercise.equipment_choice)
        levels.add(exercise.level)
        any_without_kit = any_without_kit or not exercise.needs_equipment
    order = {"beginner": 0, "intermediate": 1, "advanced": 2}
    return {
        "muscle": sorted(muscles),
        "equipment": ([NO_EQUIPMENT] if any_without_kit else []) + sorted(kit),
        "level": sorted(levels, key=lambda level: order.get(level, 9)),
    }


class CatalogIndex:
    """What filtering needs of each exercise, worked out once for a library's ordered list.

    :meth:`matching` remembers its last answer: when the new query only extends the last one
    (another character typed) with the same quick filters, only the last matches can still
    match, so only they are searched again.
    """

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        self.exercises = list(exercises)
        self._haystacks: list[str] = []
        self._names: list[str] = []
        self._groups: list[int] = []
        self._last: tuple[CatalogFilter, list[int]] | None = None

    def prepare(self) -> None:
        """Work out what filtering needs (made once; the first filter does it if this was not
        called before: some 50 ms at 10,000 exercises, better spent while nothing is typed)."""
        self._prepare()

    def _prepare(self) -> None:
        if len(self._haystacks) != len(self.exercises):  # the first filter: made once
            self._haystacks = [ex.search_text() for ex in self.exercises]
            self._names = [ex.name.lower() for ex in self.exercises]
            self._groups = [ex.group.order for ex in self.exercises]

    def matching(self, filter_: CatalogFilter) -> list[int]:
        """Indexes of the exercises that match. Within each catalog group, exercises whose
        name holds every typed word come first ("glute" puts the glute bridge before exercises
        that only train the glutes); otherwise the list's order is kept."""
        words = filter_.query.lower().split()
        if not words and filter_ == CatalogFilter():
            return list(range(len(self.exercises)))
        self._prepare()
        candidates: Iterable[int] = range(len(self.exercises))
        quick = replace(filter_, query="")
        if self._last is not None:
            last, found_then = self._last
            narrower = filter_.query.lower().startswith(last.query.lower())
            if narrower and replace(last, query="") == quick:
                candidates = found_then
        haystacks, names, exercises = self._haystacks, self._names, self.exercises
        if len(words) == 1:  # (one word, the usual search: no all() per exercise)
            word = words[0]
            found = [i for i in candidates if word in haystacks[i] or _subsequence(word, names[i])]
        else:
            found = [
                i
                for i in candidates
                if all(word in haystacks[i] or _subsequence(word, names[i]) for word in words)
            ]
        if quick != CatalogFilter():  # a muscle, equipment, level or side chosen as well
            found = [i for i in found if quick.matches(exercises[i])]
        self._last = (filter_, found)
        if not words:
            return found
        return self._ranked(found, words)

    def _ranked(self, found: list[int], words: list[str]) -> list[int]:
        """``found`` (in the list's order) by group, then those whose name holds every word,
        then the list's order: the order a sort by that key gives, in one pass (a key
        function called for each of 10,000 matches on every keystroke cost more than the
        search)."""
        groups, names = self._groups, self._names
        in_name: dict[int, list[int]] = {}
        rest: dict[int, list[int]] = {}
        if len(words) == 1:
            word = words[0]
            for i in found:
                (in_name if word in names[i] else rest).setdefault(groups[i], []).append(i)
        else:
            for i in found:
                named = all(word in names[i] for word in words)
                (in_name if named else rest).setdefault(groups[i], []).append(i)
        ranked: list[int] = []
        for group in sorted(in_name.keys() | rest.keys()):
            ranked += in_name.get(group, ())
            ranked += rest.get(group, ())
        return ranked
