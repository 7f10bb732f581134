"""Turning free-exercise-db records into hiptui exercise data.

free-exercise-db publishes its exercises as one JSON array, or as a folder of JSON files with
one object each. :func:`read_dataset` reads either; :func:`convert` maps every record onto the
content format (the dicts that :func:`hiptui.content.loader.parse_exercise` accepts) and reports
each malformed record as one :class:`Problem`. Nothing here writes files.

The vocabulary tables and default dosages live in
:mod:`hiptui.content.free_exercise_db_vocab`; this module reads, checks, cleans and names.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hiptui.content.files import read_json
from hiptui.content.free_exercise_db_vocab import (
    LEVEL_MAP,
    MUSCLE_MAP,
    default_dosage,
    is_one_sided,
    map_category,
    map_equipment,
    summary_for,
)
from hiptui.content.models import Problem
from hiptui.content.text import printable

DATASET = "free-exercise-db"
MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_ID = 60
MAX_NAME = 80
MAX_STEP = 1000
MAX_STEPS = 40
# An instruction is read up to this many characters: room for every step and tip kept (at most
# MAX_STEPS of MAX_STEP characters each), and what a longer one holds past it is dropped.
MAX_LINE = MAX_STEPS * MAX_STEP * 4
MAX_TAG = 40
RESERVED_SUFFIX = "imported"

_TIP = re.compile(r"\s*\(?\s*\b(?:Tips?|TIPS?)\s*:\s*")
_SPACES = re.compile(r"\s+")
_PLACEHOLDER_LIKE = re.compile(r"\{([^{}]*)\}")
_NOT_KEBAB = re.compile(r"[^a-z0-9]+")


class DatasetError(Exception):
    """The input cannot be read at all; ``str()`` is ``path: message`` (``path:line: ...``
    when the line is known)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(str(Problem(path, line, message)))
        self.path = path
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class RawRecord:
    origin: str  # the JSON file the record came from
    number: int  # 1-based position in that file
    data: Any


@dataclass(frozen=True, slots=True)
class Converted:
    """One record in our format; ``data`` is what an exercise TOML file holds."""

    id: str
    their_id: str
    data: dict[str, Any]
    origin: str
    number: int
    key: str  # unique in one conversion: the source, with "#2"... when records repeat it

    @property
    def source(self) -> str:
        return str(self.data["source"])


@dataclass
class Conversion:
    exercises: list[Converted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# -- reading -----------------------------------------------------------------------------------


def read_dataset(path: Path) -> list[RawRecord]:
    """The records of a JSON array file, or of a folder of ``*.json`` files (one object each).

    Raises :class:`DatasetError` when the input cannot be read at all. In a folder, a file
    that is not valid JSON becomes a record whose data is a :class:`DatasetError`, so it is
    reported with the other malformed records.
    """
    if path.is_dir():
        try:
            # Every *.json entry: one that is not a regular file is reported, not skipped.
            files = sorted(path.glob("*.json"))
        except OSError as error:
            raise DatasetError(str(path), f"cannot be read: {error.strerror or error}") from error
        if not files:
            raise DatasetError(str(path), "folder holds no *.json files")
        records: list[RawRecord] = []
        for file in files:
            try:
                records.extend(_records_in(file, _load_json(file)))
            except DatasetError as error:
                records.append(RawRecord(str(file), 1, error))
        return records
    return _records_in(path, _load_json(path))


def _load_json(path: Path) -> Any:
    data = read_json(
        path,
        str(path),
        kind="a JSON file",
        limit=MAX_INPUT_BYTES,
        too_large=f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB",
    )
    if isinstance(data, Problem):
        raise DatasetError(str(path), data.message, data.line)
    return data


def _records_in(path: Path, document: Any) -> list[RawRecord]:
    if isinstance(document, list):
        return [RawRecord(str(path), n, item) for n, item in enumerate(document, start=1)]
    if isinstance(document, dict):
        return [RawRecord(str(path), 1, document)]
    raise DatasetError(str(path), "must hold a JSON array of exercises or one exercise object")


# -- mapping -----------------------------------------------------------------------------------


def convert(records: Iterable[RawRecord], *, reserved: Collection[str] = ()) -> Conversion:
    """Map every record; give each a unique kebab-case id that avoids ``reserved`` ids.

    Ids come from the record's ``id`` (else its name). Records whose ids collide are ordered by
    their own id, then position; the first keeps the id and the others get ``-2``, ``-3``...
    An id in ``reserved`` (an exercise hiptui already has) gets ``-imported`` instead. Each
    record also gets a unique key (its source, with ``#2``, ``#3``... for repeats), by which
    a later import recognises it. Linear in the number of records (after one sort).
    """
    # Every record made here lives to the end of the import and holds no cycles: the cyclic
    # collector's passes over a growing heap of them were a third of converting 100,000.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _convert(records, reserved)
    finally:
        if collecting:
            gc.enable()


def _convert(records: Iterable[RawRecord], reserved: Collection[str]) -> Conversion:
    out = Conversion()
    mapped: list[tuple[str, str, dict[str, Any], RawRecord]] = []
    for record in records:
        result = map_record(record.data)
        if isinstance(result, str):
            where = f"record {record.number} ({_label(record.data)})"
            out.problems.append(Problem(record.origin, None, f"{where}: {result}"))
            continue
        their_id, data = result
        mapped.append((kebab_id(their_id or data["name"]), their_id, data, record))

    taken = set(reserved)
    bases = {m[0] for m in mapped}
    next_number: dict[str, int] = {}  # per base id: the first suffix not tried yet
    repeats: dict[str, int] = {}  # per source: how many records cite it so far
    order = sorted(range(len(mapped)), key=lambda i: (mapped[i][0], mapped[i][1], i))
    ids: dict[int, tuple[str, str]] = {}
    for index in order:
        base, _their_id, data, _record = mapped[index]
        candidate = _suffixed(base, RESERVED_SUFFIX) if base in reserved else base
        number = next_number.get(base, 2)
        while candidate in taken or (candidate != base and candidate in bases):
            candidate = _suffixed(base, str(number))
            number += 1
        next_number[base] = number
        taken.add(candidate)
        source = str(data["source"])
        repeats[source] = repeats.get(source, 0) + 1
        ids[index] = (candidate, source if repeats[source] == 1 else f"{source}#{repeats[source]}")

    for index, (_base, their_id, data, record) in enumerate(mapped):
        new_id, key = ids[index]
        data = {"id": new_id, **data}
        out.exercises.append(Converted(new_id, their_id, data, record.origin, record.number, key))
    return out


def kebab_id(text: str) -> str:
    """``"3_4_Sit-Up"`` -> ``"3-4-sit-up"``; accents dropped; at most ``MAX_ID`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_KEBAB.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug.strip("-") or "exercise"


def _suffixed(base: str, suffix: str) -> str:
    return f"{base[: MAX_ID - len(suffix) - 1].rstrip('-')}-{suffix}"


def _label(data: Any) -> str:
    if isinstance(data, DatasetError):
        return "unreadable"
    if isinstance(data, dict):
        for key in ("id", "name"):
            if isinstance(data.get(key), str) and clean(data[key], 60):
                return clean(data[key], 60)
    return "no id"


def map_record(data: Any) -> tuple[str, dict[str, Any]] | str:
    """``(their id, our data without "id")``, or what is wrong with the record."""
    if isinstance(data, DatasetError):
        return data.message
    if not isinstance(data, dict):
        return f"is not a JSON object but {_json_kind(data)}"
    wrong: list[str] = []

    def text_or_none(key: str) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        wrong.append(f"'{key}' must be text, not {_json_kind(value)}")
        return None

    def text_list(key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            wrong.append(f"'{key}' must be a list of text")
            return []
        return value

    their_id = clean(text_or_none("id") or "", 180)
    name = clean(text_or_none("name") or "", MAX_NAME)
    if not name and not isinstance(data.get("name"), str) and data.get("name") is None:
        wrong.append("missing 'name'")
    elif not name and isinstance(data.get("name"), str):
        wrong.append("'name' is empty")
    level_text = text_or_none("level")
    level = LEVEL_MAP.get((level_text or "").strip().lower())
    if level is None and level_text is not None:
        wrong.append(f"unknown level '{clean(level_text, 40)}'")
    elif level is None and data.get("level") is None:
        wrong.append("missing 'level'")
    category = map_category(text_or_none("category"))
    force, mechanic = text_or_none("force"), text_or_none("mechanic")
    equipment = map_equipment(text_or_none("equipment"))
    primary = _muscles(text_list("primaryMuscles"), wrong)
    secondary = [m for m in _muscles(text_list("secondaryMuscles"), wrong) if m not in primary]
    if not primary and "'primaryMuscles' must be a list of text" not in wrong:
        wrong.append("no primary muscle")
    steps, tips = split_tips(text_list("instructions"))
    if wrong or level is None:
        return "; ".join(wrong)

    if not steps:
        steps = ["The dataset gives no steps for this exercise."]
    tags = _unique(clean(t, MAX_TAG).lower() for t in (force, mechanic, category) if t)
    return their_id, {
        "name": name,
        "summary": summary_for(level, category, primary, secondary, equipment),
        "level": level,
        "category": category,
        "per_side": is_one_sided(name),
        "source": f"{DATASET}:{their_id or name}",
        "tags": [t for t in tags if t],
        "steps": steps,
        "tips": tips,
        "muscles": {"primary": primary, "secondary": secondary},
        "equipment": {"required": [equipment] if equipment else [], "optional": []},
        "dosage": default_dosage(category),
    }


def _muscles(names: list[str], wrong: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        ours = MUSCLE_MAP.get(name.strip().lower())
        if ours is None:
            wrong.append(f"unknown muscle '{clean(name, 40)}'")
        elif ours not in out:
            out.append(ours)
    return out


def split_tips(instructions: Iterable[str]) -> tuple[list[str], list[str]]:
    """Steps with the inline ``Tip:`` text taken out, and those tips, both cleaned."""
    steps: list[str] = []
    tips: list[str] = []
    for line in instructions:
        # Single spaces first: on a run of n spaces (or " ( ( ("), the pattern's \s*\(?\s*
        # backtracks in n**3 steps at every start (1,000 spaces took 15 s); clean() would
        # make them single spaces anyway.
        step, *extras = _TIP.split(_SPACES.sub(" ", line[:MAX_LINE]))
        if clean(step, MAX_STEP):
            steps.append(clean(step, MAX_STEP))
        for extra in extras:
            tip = extra.strip()
            if tip.endswith(")") and tip.count(")") > tip.count("("):
                tip = tip[:-1]
            tip = clean(tip, MAX_STEP)
            if tip:
                tips.append(tip[0].upper() + tip[1:])
    return steps[:MAX_STEPS], _unique(tips)[:MAX_STEPS]


def clean(text: str, limit: int) -> str:
    """One line of safe text: no control or bidi characters, single spaces, no ``{name}``
    placeholders (braces become parentheses), at most ``limit`` characters."""
    # What is kept is at most ``limit`` characters: a text far longer (a 64 MiB name) is cut
    # first, so cleaning it costs what the result does, not what the dataset does.
    text = printable(_SPACES.sub(" ", text[: limit * 64 + 4096]), keep_newlines=False)
    if "{" in text:
        text = _PLACEHOLDER_LIKE.sub(_in_parentheses, text)
    if "  " in text:  # a control character removed between two spaces
        text = _SPACES.sub(" ", text)
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _in_parentheses(found: re.Match[str]) -> str:
    return f"({found.group(1)})"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


_JSON_KINDS = {list: "an array", dict: "an object", str: "text", bool: "true/false",
               int: "a number", float: "a number", type(None): "null"}  # fmt: skip


def _json_kind(value: Any) -> str:
    return _JSON_KINDS.get(type(value)) or type(value).__name__
