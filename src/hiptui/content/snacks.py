"""Movement snacks: short things to do when a sitting break comes due.

Loaded from ``snacks/movement-snacks.toml`` in a content folder. A snack may point at an
exercise (with a small dose, to start as a mini session) or at a routine. The break screen
shows one, picked by :func:`pick_snack` in a fixed rotation so the suggestion changes from
break to break without any randomness.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hiptui.content.loader import KEBAB
from hiptui.content.models import Problem
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import KeyPath, read_toml

SNACKS_FILE = Path("snacks") / "movement-snacks.toml"
SNACK_KEYS = (
    "id", "name", "text", "minutes", "source", "exercise", "routine", "sets", "reps", "seconds",
)  # fmt: skip
SOURCES = ("article", "hiptui")
MAX_SNACKS = 100


@dataclass(frozen=True, slots=True)
class Snack:
    id: str
    name: str
    text: str  # what to do, shown literally
    minutes: int  # about how long it takes
    source: str  # "article" or "hiptui"
    exercise: str | None = None  # an exercise id to start as a mini session
    routine: str | None = None  # or a routine id
    sets: int = 1  # with ``exercise``
    reps: int | None = None  # with ``exercise``: reps per set (per side for a per-side one)
    seconds: int | None = None  # with ``exercise``: a timed hold per set (per side)


# Shown when no snack file could be loaded, so a break always has a suggestion. It restates
# the article's advice: stand up and stay up for 5 minutes or more.
FALLBACK_SNACK = Snack(
    id="stand-up",
    name="Stand up for five minutes",
    text="Get up from the chair and stay on your feet, moving about, for five minutes or more.",
    minutes=5,
    source="article",
)


def pick_snack(snacks: Sequence[Snack], index: int) -> Snack:
    """The snack for the ``index``-th break (for example the number of breaks taken so far):
    a fixed rotation through ``snacks``; :data:`FALLBACK_SNACK` when there are none."""
    if not snacks:
        return FALLBACK_SNACK
    return snacks[index % len(snacks)]


def load_snacks(content_dir: Path) -> tuple[list[Snack], list[Problem]]:
    """Every valid snack in ``content_dir``'s snack file, and every problem found in it.

    A snack with a problem is left out; the others still load.
    """
    document = read_toml(content_dir / SNACKS_FILE)
    if isinstance(document, Problem):
        return [], [document]
    reader = TomlFieldReader(str(document.path), document.keys)
    data = document.data
    reader.known_keys(data, (), ("snacks",))
    raw = data.get("snacks")
    if not isinstance(raw, list) or not raw or not all(isinstance(s, dict) for s in raw):
        reader.error(("snacks",), "must be a non-empty array of tables ([[snacks]])")
        return [], reader.problems
    if len(raw) > MAX_SNACKS:
        reader.error(("snacks",), f"has {len(raw)} snacks; the limit is {MAX_SNACKS}")
        return [], reader.problems
    snacks: list[Snack] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        path: KeyPath = ("snacks", index)
        before = len(reader.problems)
        snack = _read_snack(reader, item, path)
        if snack.id in seen:
            reader.error((*path, "id"), f"'{snack.id}' is used by an earlier snack")
        seen.add(snack.id)
        if len(reader.problems) == before:
            snacks.append(snack)
    return snacks, reader.problems


def unknown_links(
    snacks: Sequence[Snack], exercises: Collection[str], routines: Collection[str]
) -> list[str]:
    """Descriptions of links to exercises or routines that do not exist (for ``hiptui check``
    and tests); empty when every link resolves."""
    missing = []
    for snack in snacks:
        if snack.exercise is not None and snack.exercise not in exercises:
            missing.append(f"snack '{snack.id}': no exercise '{snack.exercise}'")
        if snack.routine is not None and snack.routine not in routines:
            missing.append(f"snack '{snack.id}': no routine '{snack.routine}'")
    return missing


def _read_snack(reader: TomlFieldReader, item: dict[str, Any], path: KeyPath) -> Snack:
    reader.known_keys(item, path, SNACK_KEYS)
    snack_id = reader.text(item, (*path, "id"), required=True, max_length=60)
    if snack_id and not KEBAB.match(snack_id):
        reader.error((*path, "id"), f"'{snack_id}' is not kebab-case")
    exercise = _link(reader, item, (*path, "exercise"))
    routine = _link(reader, item, (*path, "routine"))
    if exercise and routine:
        reader.error((*path, "routine"), "give an exercise or a routine, not both")
    sets = reader.integer(item, (*path, "sets"), low=1, high=5)
    reps = reader.integer(item, (*path, "reps"), low=1, high=50)
    seconds = reader.integer(item, (*path, "seconds"), low=5, high=300)
    if reps is not None and seconds is not None:
        reader.error((*path, "seconds"), "give reps or seconds, not both")
    if exercise is None and (sets, reps, seconds) != (None, None, None):
        key = next(k for k in ("sets", "reps", "seconds") if k in item)
        reader.error((*path, key), "sets, reps and seconds need an exercise")
    return Snack(
        id=snack_id,
        name=reader.text(item, (*path, "name"), required=True, max_length=80),
        text=reader.text(item, (*path, "text"), required=True, max_length=600),
        minutes=reader.integer(item, (*path, "minutes"), low=1, high=30, required=True) or 0,
        source=reader.choice(item, (*path, "source"), SOURCES, required=True),
        exercise=exercise,
        routine=routine,
        sets=sets or 1,
        reps=reps,
        seconds=seconds,
    )


def _link(reader: TomlFieldReader, item: dict[str, Any], path: KeyPath) -> str | None:
    value = reader.text(item, path, max_length=80)
    if not value:
        return None
    if not KEBAB.match(value):
        reader.error(path, f"'{value}' is not a kebab-case id")
        return None
    return value
