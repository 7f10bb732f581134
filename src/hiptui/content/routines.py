"""Routines: a named list of exercises (with optional dosage overrides) and a warm-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hiptui.content.loader import KEBAB, exercise_files
from hiptui.content.models import Problem, Range
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import read_toml

ROUTINES_FOLDER = "routines"


@dataclass(frozen=True, slots=True)
class RoutineItem:
    exercise: str
    sets: int | None = None
    reps: Range | None = None
    hold_seconds: int | None = None
    rest_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    name: str
    summary: str
    source: str
    items: tuple[RoutineItem, ...]
    warmup: str | None = None
    path: Path | None = None


def load_routines(content_dirs: list[Path]) -> tuple[dict[str, Routine], list[Problem]]:
    """Every ``routines/*.toml`` under the content folders; later folders replace earlier ids."""
    routines: dict[str, Routine] = {}
    problems: list[Problem] = []
    for folder in content_dirs:
        for path in exercise_files(folder / ROUTINES_FOLDER):
            result = load_routine_file(path)
            if isinstance(result, list):
                problems.extend(result)
            else:
                routines[result.id] = result
    return routines, problems


def load_routine_file(path: Path) -> Routine | list[Problem]:
    document = read_toml(path)
    if isinstance(document, Problem):
        return [document]
    data = document.data
    reader = TomlFieldReader(str(path), document.keys)
    reader.known_keys(data, (), ("id", "name", "summary", "source", "warmup", "items"))
    routine_id = reader.text(data, ("id",), required=True, max_length=80)
    if routine_id and not KEBAB.match(routine_id):
        reader.error(("id",), f"'{routine_id}' is not kebab-case")
    name = reader.text(data, ("name",), required=True, max_length=80)
    summary = reader.text(data, ("summary",), required=True, max_length=300)
    source = reader.text(data, ("source",), required=True, max_length=200)
    warmup = reader.text(data, ("warmup",), max_length=80) or None
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list) or not all(isinstance(i, dict) for i in raw_items):
        reader.error(("items",), "must be an array of tables ([[items]])")
        raw_items = []
    if not raw_items:
        reader.error(("items",), "a routine needs at least one [[items]] entry")
    items = []
    for index, raw in enumerate(raw_items):
        path_ = ("items", index)
        reader.known_keys(raw, path_, ("exercise", "sets", "reps", "hold_seconds", "rest_seconds"))
        items.append(
            RoutineItem(
                exercise=reader.text(raw, (*path_, "exercise"), required=True, max_length=80),
                sets=reader.integer(raw, (*path_, "sets"), low=1, high=20),
                reps=reader.int_range(raw, (*path_, "reps"), low=1, high=500),
                hold_seconds=reader.integer(raw, (*path_, "hold_seconds"), low=1, high=600),
                rest_seconds=reader.integer(raw, (*path_, "rest_seconds"), low=0, high=3600),
            )
        )
    if reader.problems:
        return reader.problems
    return Routine(routine_id, name, summary, source, tuple(items), warmup, path)
