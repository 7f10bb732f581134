"""Progression ladders: exercises ordered from easiest to hardest (``progression/ladders.toml``).

A ladder is content, validated like exercises: every problem becomes a ``path:line: message``
:class:`Problem`, a broken ladder is left out and the valid ones still load. When several
content folders hold a ladders file, a later ladder with the same id replaces an earlier one
(bundled first, then the user's folder, then ``--exercises`` folders).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hiptui.content.loader import KEBAB
from hiptui.content.models import Problem
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import TomlDocument, read_toml

LADDERS_FILE = Path("progression") / "ladders.toml"
LADDER_KEYS = ("id", "name", "steps")
MAX_STEPS = 20


@dataclass(frozen=True, slots=True)
class Ladder:
    """Exercise ids from easiest to hardest; at least two, none repeated."""

    id: str
    name: str
    steps: tuple[str, ...]

    def next_after(self, exercise_id: str) -> str | None:
        """The rung above ``exercise_id``; ``None`` at the top or when it is not on the ladder."""
        if exercise_id not in self.steps:
            return None
        index = self.steps.index(exercise_id)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def before(self, exercise_id: str) -> str | None:
        """The rung below ``exercise_id``; ``None`` at the bottom or when it is not on it."""
        if exercise_id not in self.steps:
            return None
        index = self.steps.index(exercise_id)
        return self.steps[index - 1] if index > 0 else None


@dataclass(frozen=True, slots=True)
class NextStep:
    """The rung above an exercise on one ladder."""

    ladder: Ladder
    exercise_id: str


@dataclass(frozen=True)
class Ladders:
    """Every ladder that loaded, in file order."""

    ladders: tuple[Ladder, ...] = ()

    def containing(self, exercise_id: str) -> list[Ladder]:
        return [ladder for ladder in self.ladders if exercise_id in ladder.steps]

    def next_steps(self, exercise_id: str) -> list[NextStep]:
        """The next rung on each ladder holding ``exercise_id`` (none at the top of all)."""
        steps: list[NextStep] = []
        seen: set[str] = set()
        for ladder in self.containing(exercise_id):
            after = ladder.next_after(exercise_id)
            if after is not None and after not in seen:
                seen.add(after)
                steps.append(NextStep(ladder, after))
        return steps

    def easier_steps(self, exercise_id: str) -> list[NextStep]:
        """The rung below ``exercise_id`` on each ladder holding it (none at the bottom)."""
        steps: list[NextStep] = []
        seen: set[str] = set()
        for ladder in self.containing(exercise_id):
            below = ladder.before(exercise_id)
            if below is not None and below not in seen:
                seen.add(below)
                steps.append(NextStep(ladder, below))
        return steps

    def tops(self, exercise_id: str) -> bool:
        """True when ``exercise_id`` is on at least one ladder and on none has a rung above."""
        return bool(self.containing(exercise_id)) and not self.next_steps(exercise_id)


def load_ladders(
    content_dirs: Sequence[Path], known: Collection[str] | None = None
) -> tuple[Ladders, list[Problem]]:
    """Ladders from ``<dir>/progression/ladders.toml`` in each folder (a missing file is fine).

    ``known``: exercise ids that exist; a step naming another id is a problem and its ladder
    is left out. ``None`` skips that check.
    """
    by_id: dict[str, Ladder] = {}
    problems: list[Problem] = []
    for folder in content_dirs:
        path = folder / LADDERS_FILE
        if not path.exists() and not path.is_symlink():
            continue
        ladders, found = load_ladders_file(path, known)
        problems.extend(found)
        for ladder in ladders:
            by_id.pop(ladder.id, None)
            by_id[ladder.id] = ladder
    return Ladders(tuple(by_id.values())), problems


def load_ladders_file(
    path: Path, known: Collection[str] | None = None
) -> tuple[list[Ladder], list[Problem]]:
    document = read_toml(path)
    if isinstance(document, Problem):
        return [], [document]
    return parse_ladders(document, known)


def parse_ladders(
    document: TomlDocument, known: Collection[str] | None = None
) -> tuple[list[Ladder], list[Problem]]:
    reader = TomlFieldReader(str(document.path), document.keys)
    data = document.data
    reader.known_keys(data, (), ("ladders",))
    raw = data.get("ladders", [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        reader.error(("ladders",), "must be an array of tables ([[ladders]])")
        raw = []
    ladders: list[Ladder] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        before = len(reader.problems)
        ladder = _ladder(reader, item, index, known)
        if ladder.id in seen:
            reader.error(
                ("ladders", index, "id"),
                f"duplicate ladder id '{ladder.id}' (also ladder {seen[ladder.id] + 1})",
            )
        elif ladder.id:
            seen[ladder.id] = index
        if len(reader.problems) == before:
            ladders.append(ladder)
    return ladders, reader.problems


def _ladder(
    reader: TomlFieldReader, item: dict[str, Any], index: int, known: Collection[str] | None
) -> Ladder:
    path = ("ladders", index)
    reader.known_keys(item, path, LADDER_KEYS)
    ladder_id = reader.text(item, (*path, "id"), required=True, max_length=60)
    if ladder_id and not KEBAB.match(ladder_id):
        reader.error((*path, "id"), f"'{ladder_id}' is not kebab-case")
    name = reader.text(item, (*path, "name"), required=True, max_length=80)
    return Ladder(ladder_id, name, _steps(reader, item, (*path, "steps"), known))


def _steps(
    reader: TomlFieldReader,
    item: dict[str, Any],
    path: tuple[str | int, ...],
    known: Collection[str] | None,
) -> tuple[str, ...]:
    """The steps, each problem named by the step's own position in the list."""
    raw = item.get("steps")
    if raw is None:
        reader.error(path[:-1], "missing key 'steps'")
        return ()
    if not isinstance(raw, list):
        reader.error(path, "must be a list of exercise ids")
        return ()
    if len(raw) < 2:
        reader.error(path, "a ladder needs at least 2 steps")
    if len(raw) > MAX_STEPS:
        reader.error(path, f"has {len(raw)} steps; the limit is {MAX_STEPS}")
        return ()
    steps: list[str] = []
    for position, value in enumerate(raw):
        step_path = (*path, position)
        step = reader.check_text(value, step_path, max_length=80)
        if not step:
            continue
        if not KEBAB.match(step):
            reader.error(step_path, f"'{step}' is not an exercise id (kebab-case)")
        elif step in steps:
            reader.error(step_path, f"'{step}' appears twice")
        elif known is not None and step not in known:
            reader.error(step_path, f"unknown exercise '{step}'{reader.suggest(step, known)}")
        steps.append(step)
    return tuple(steps)
