"""Loading exercise files into a :class:`~hiptui.content.library.Library`, collecting every
problem on the way.

Sources load in order (bundled, the user's folder, ``--exercises`` folders); a later file with
the same id replaces an earlier one. A bad file never stops the load: its problems are kept
and the valid exercises still come through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from hiptui.content.index import MISSING, NOT_A_FOLDER, folder_kind, toml_names
from hiptui.content.library import Library
from hiptui.content.models import (
    CATEGORIES,
    EQUIPMENT,
    LEVELS,
    MUSCLES,
    ORDER_MAX,
    UNITS,
    Art,
    Dosage,
    Exercise,
    Problem,
    Quantity,
    Variation,
)
from hiptui.content.text import placeholders
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import TomlDocument, read_toml

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUANTITY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

TOP_KEYS = (
    "id", "name", "summary", "level", "category", "per_side", "source", "tags", "steps",
    "cues", "faults", "cautions", "tips", "muscles", "equipment", "dosage", "quantities",
    "variations", "art", "first_side", "step_seconds", "order",
)  # fmt: skip
SIDES = ("left", "right")
DOSAGE_KEYS = ("sets", "reps", "hold_seconds", "work_seconds", "rest_seconds", "defaults")
# Progression settings of the dosage table, not dosage fields (``defaults`` cannot name them).
PROGRESSION_KEYS = ("load_step", "hold_cap_seconds")
LOAD_STEP_UNITS = ("kg", "lb")
MAX_LOAD_STEP = 100.0
TEXT_LISTS = ("steps", "cues", "faults", "cautions", "tips")
ART_MAX_LINES = 12
ART_MAX_COLUMNS = 40


def exercise_files(folder: Path) -> list[Path]:
    """The ``*.toml`` entries directly inside ``folder``, by name (sub-folders hold other
    content). Names are matched and sorted as text, as ``Path.glob`` and sorting paths would,
    but several times faster: this runs on every start, for 1,000 files or more."""
    return [folder / name for name in toml_names(str(folder))]


def load_library(
    folders: Sequence[Path],
    *,
    load_file: Callable[[Path], Exercise | list[Problem]] | None = None,
) -> Library:
    """Every exercise file in ``folders``, in order; ``load_file`` loads one (by default
    :func:`load_exercise_file`; the content cache passes its own)."""
    load = load_exercise_file if load_file is None else load_file
    library = Library()
    for folder in folders:
        seen_here: dict[str, Path] = {}
        kind = folder_kind(str(folder))
        if kind == MISSING:
            continue
        if kind == NOT_A_FOLDER:
            library.problems.append(Problem(str(folder), None, "is not a folder"))
            continue
        for path in exercise_files(folder):
            library.add(path, load(path), seen_here)
    return library


def load_exercise_file(path: Path) -> Exercise | list[Problem]:
    document = read_toml(path)
    if isinstance(document, Problem):
        return [document]
    return parse_exercise(document)


def parse_exercise(document: TomlDocument) -> Exercise | list[Problem]:
    data = document.data
    reader = TomlFieldReader(str(document.path), document.keys)
    reader.known_keys(data, (), TOP_KEYS)

    exercise_id = reader.text(data, ("id",), required=True, max_length=80)
    if exercise_id and not KEBAB.match(exercise_id):
        reader.error(("id",), f"'{exercise_id}' is not kebab-case (like 'glute-bridge')")
    name = reader.text(data, ("name",), required=True, max_length=80)
    summary = reader.text(data, ("summary",), required=True, max_length=300)
    level = reader.choice(data, ("level",), LEVELS, required=True)
    category = reader.choice(data, ("category",), CATEGORIES, default="strength")
    per_side = reader.boolean(data, ("per_side",))
    source = reader.text(data, ("source",), required=True, max_length=600)
    tags = reader.text_list(data, ("tags",), max_length=40)
    texts = {key: reader.text_list(data, (key,), required=key == "steps") for key in TEXT_LISTS}

    muscles = reader.table(data, ("muscles",), required=True)
    reader.known_keys(muscles, ("muscles",), ("primary", "secondary"))
    primary = reader.text_list(muscles, ("muscles", "primary"), required=True, vocabulary=MUSCLES)
    secondary = reader.text_list(muscles, ("muscles", "secondary"), vocabulary=MUSCLES)

    equipment = reader.table(data, ("equipment",))
    reader.known_keys(equipment, ("equipment",), ("required", "one_of", "optional"))
    required_kit = reader.text_list(equipment, ("equipment", "required"), vocabulary=EQUIPMENT)
    kit_choice = reader.text_list(equipment, ("equipment", "one_of"), vocabulary=EQUIPMENT)
    optional_kit = reader.text_list(equipment, ("equipment", "optional"), vocabulary=EQUIPMENT)
    if len(kit_choice) == 1:
        reader.error(("equipment", "one_of"), "needs two or more items to choose from")
    if set(kit_choice) & set(required_kit):
        reader.error(("equipment", "one_of"), "repeats an item that 'required' already lists")

    dosage = _dosage(reader, data)
    quantities = _quantities(reader, data)
    variations = _variations(reader, data)
    art = _art(reader, data)

    _check_placeholders(reader, data, quantities)
    first_side = _first_side(reader, data, per_side)
    step_seconds = _step_seconds(reader, data, texts["steps"], dosage)
    order = reader.integer(data, ("order",), low=1, high=ORDER_MAX)

    if reader.problems or dosage is None:
        return sorted(reader.problems, key=lambda p: p.line or 0)
    return Exercise(
        id=exercise_id,
        name=name,
        summary=summary,
        level=level,
        category=category,
        primary_muscles=primary,
        secondary_muscles=secondary,
        equipment=required_kit,
        optional_equipment=optional_kit,
        per_side=per_side,
        dosage=dosage,
        steps=texts["steps"],
        source=source,
        cues=texts["cues"],
        faults=texts["faults"],
        cautions=texts["cautions"],
        tips=texts["tips"],
        variations=variations,
        tags=tags,
        quantities=quantities,
        art=art,
        path=document.path,
        equipment_choice=kit_choice,
        first_side=first_side,
        step_seconds=step_seconds,
        order=order,
    )


def _first_side(reader: TomlFieldReader, data: dict[str, Any], per_side: bool) -> str | None:
    side = reader.choice(data, ("first_side",), SIDES) or None
    if side is not None and not per_side:
        reader.error(("first_side",), "only a per-side exercise (per_side = true) has one")
    return side


def _step_seconds(
    reader: TomlFieldReader, data: dict[str, Any], steps: tuple[str, ...], dosage: Dosage | None
) -> tuple[int, ...]:
    """Seconds per step of a timed exercise: one whole number (1 to 3600) for each step."""
    path = ("step_seconds",)
    value = data.get("step_seconds")
    if value is None:
        return ()
    if not isinstance(value, list) or any(
        isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3600 for n in value
    ):
        reader.error(path, "must be a list of whole numbers from 1 to 3600, one per step")
        return ()
    if len(value) != len(steps):
        reader.error(path, f"has {len(value)} entries for {len(steps)} steps; give one per step")
        return ()
    if dosage is not None and not dosage.is_timed:
        reader.error(path, "only a timed exercise (work_seconds, no reps) has timed steps")
        return ()
    return tuple(value)


def _dosage(reader: TomlFieldReader, data: dict[str, Any]) -> Dosage | None:
    table = reader.table(data, ("dosage",), required=True)
    if not table:
        return None
    path = ("dosage",)
    reader.known_keys(table, path, (*DOSAGE_KEYS, *PROGRESSION_KEYS))
    sets = reader.int_range(table, (*path, "sets"), low=1, high=20, required=True)
    reps = reader.int_range(table, (*path, "reps"), low=1, high=500)
    hold = reader.integer(table, (*path, "hold_seconds"), low=1, high=600)
    work = reader.int_range(table, (*path, "work_seconds"), low=1, high=7200)
    rest = reader.integer(table, (*path, "rest_seconds"), low=0, high=3600)
    defaults = reader.text_list(table, (*path, "defaults"), vocabulary=DOSAGE_KEYS[:-1])
    steps = _load_step(reader, table, (*path, "load_step"))
    hold_cap = reader.integer(table, (*path, "hold_cap_seconds"), low=1, high=7200)
    if hold_cap is not None and (work is None or reps is not None):
        reader.error((*path, "hold_cap_seconds"), "only a timed exercise (work_seconds) has one")
    elif hold_cap is not None and work is not None and hold_cap < work.low:
        reader.error((*path, "hold_cap_seconds"), f"{hold_cap} is below work_seconds ({work.low})")
    if reps is None and work is None and "reps" not in table and "work_seconds" not in table:
        reader.error(path, "needs 'reps' or 'work_seconds'")
    if sets is None or (reps is None and work is None):
        return None
    return Dosage(
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        work_seconds=work,
        rest_seconds=rest,
        defaults=defaults,
        load_step_kg=steps.get("kg"),
        load_step_lb=steps.get("lb"),
        hold_cap_seconds=hold_cap,
    )


def _load_step(
    reader: TomlFieldReader, table: dict[str, Any], path: tuple[str, ...]
) -> dict[str, float]:
    """``load_step = { kg = 5, lb = 10 }``: either unit or both, each above 0."""
    value = table.get("load_step")
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.error(path, "must be a table like { kg = 5, lb = 10 }")
        return {}
    reader.known_keys(value, path, LOAD_STEP_UNITS)
    steps: dict[str, float] = {}
    for unit in LOAD_STEP_UNITS:
        if unit in value:
            step = reader.number(value[unit], (*path, unit), low=0, high=MAX_LOAD_STEP)
            if step == 0:
                reader.error((*path, unit), "must be above 0")
            elif step is not None:
                steps[unit] = step
    return steps


def _quantities(reader: TomlFieldReader, data: dict[str, Any]) -> dict[str, Quantity]:
    table = reader.table(data, ("quantities",))
    out: dict[str, Quantity] = {}
    for name, value in table.items():
        path = ("quantities", name)
        if not _QUANTITY_NAME.match(name):
            reader.error(path, f"quantity name '{name}' must be lower-case letters, digits, _")
            continue
        if not isinstance(value, dict):
            reader.error(path, 'must be a table like { low = 12, high = 16, unit = "in" }')
            continue
        reader.known_keys(value, path, ("low", "high", "unit"))
        unit = reader.choice(value, (*path, "unit"), UNITS, required=True)
        low = reader.number(value.get("low"), (*path, "low"), low=0, high=10000)
        high_value = value.get("high", value.get("low"))
        high = reader.number(high_value, (*path, "high"), low=0, high=10000)
        if low is not None and high is not None and low > high:
            reader.error(path, f"low ({low:g}) is above high ({high:g})")
            continue
        if low is None or high is None or not unit:
            continue
        out[name] = Quantity(low, high, unit)
    return out


def _variations(reader: TomlFieldReader, data: dict[str, Any]) -> tuple[Variation, ...]:
    value = data.get("variations", [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        reader.error(("variations",), "must be an array of tables ([[variations]])")
        return ()
    out = []
    for index, item in enumerate(value):
        path = ("variations", index)
        reader.known_keys(item, path, ("name", "text", "source"))
        name = reader.text(item, (*path, "name"), required=True, max_length=80)
        text = reader.text(item, (*path, "text"), required=True)
        source = reader.text(item, (*path, "source"), max_length=200)
        if name and text:
            out.append(Variation(name, text, source))
    return tuple(out)


def _art(reader: TomlFieldReader, data: dict[str, Any]) -> Art:
    table = reader.table(data, ("art",))
    reader.known_keys(table, ("art",), ("start", "top"))
    drawings: dict[str, str] = {}
    for key in ("start", "top"):
        text = reader.text(table, ("art", key), multiline=True)
        lines = text.strip("\n").splitlines()
        if len(lines) > ART_MAX_LINES or any(len(line) > ART_MAX_COLUMNS for line in lines):
            reader.error(
                ("art", key),
                f"drawing is larger than {ART_MAX_COLUMNS} columns x {ART_MAX_LINES} lines",
            )
            continue
        drawings[key] = "\n".join(line.rstrip() for line in lines)
    return Art(**drawings)


def _texts_with_paths(data: dict[str, Any]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(data.get("summary"), str):
        yield ("summary",), data["summary"]
    for key in TEXT_LISTS:
        items = data.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, str):
                    yield (key, index), item
    variations = data.get("variations")
    if isinstance(variations, list):
        for index, item in enumerate(variations):
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                yield ("variations", index, "text"), item["text"]


def _check_placeholders(
    reader: TomlFieldReader, data: dict[str, Any], quantities: dict[str, Quantity]
) -> None:
    # A [quantities] that is not a table was reported already; it declares nothing.
    declared = data.get("quantities")
    if not isinstance(declared, dict):
        declared = {}
    for path, text in _texts_with_paths(data):
        for name in placeholders(text):
            if name not in quantities and name not in declared:
                reader.error(path, f"refers to {{{name}}}, which is not in [quantities]")
