"""The self-check's answers: the :class:`Answers` value and the answers-file parser.

An answers file is TOML (see docs/checkup.md)::

    breaks = "D"          # A B C D
    strength_days = 0     # 0 1 2 3
    thigh_check = "N"     # Y N U
    knee_check = "Y"      # Y N U
    wall_gap = "none"     # none hand forearm unsure
    bridge_hold = "C"     # A B C D E
    abdominal_check = "B" # A B C E U (may be left out: the check is then "not done")

    [weekday]             # minutes: 0 15 30 60 120 180 240 300 360
    desk = 360
    screens = 120
    travel = 60
    other = 30

    [weekend]
    desk = 0
    screens = 180
    travel = 30
    other = 60

Parsing collects every problem (a missing key, an unknown key with a "did you mean", a value of
the wrong type or off its scale, a control character) as a ``path:line: message``
:class:`~hiptui.content.models.Problem`, and gives answers only when there are none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hiptui.content.checkup_form import (
    ACTIVITIES,
    ANSWER_SCALES,
    DAYS,
    MINUTES_SCALE,
    OPTIONAL_KEYS,
    QUESTION_KEYS,
    AnswerValue,
)
from hiptui.content.models import Problem
from hiptui.content.text import printable
from hiptui.content.toml_fields import TomlFieldReader
from hiptui.content.toml_source import KeyLines, KeyPath, read_toml

# The answers that sit at the top of the file (the sitting minutes are in [weekday]/[weekend]).
TOP_LEVEL_KEYS: tuple[str, ...] = tuple(key for key in QUESTION_KEYS if "." not in key)


@dataclass(frozen=True, slots=True)
class SittingDay:
    """Minutes sitting on one typical day, in the four kinds of sitting asked about."""

    desk: int
    screens: int
    travel: int
    other: int

    @property
    def total(self) -> int:
        return self.desk + self.screens + self.travel + self.other


@dataclass(frozen=True, slots=True)
class Answers:
    """All 15 answers. Building one with a value off its scale raises ``ValueError``.

    ``abdominal_check`` is ``None`` when the check was not done (an answers file written
    before it existed): it then scores nothing and is reported as not done."""

    weekday: SittingDay
    weekend: SittingDay
    breaks: str
    strength_days: int
    thigh_check: str
    knee_check: str
    wall_gap: str
    bridge_hold: str
    abdominal_check: str | None = None

    def __post_init__(self) -> None:
        for key, value in self.values().items():
            if not _on_scale(value, ANSWER_SCALES[key]):
                raise ValueError(f"{key}: {value!r} is not one of {_listed(ANSWER_SCALES[key])}")

    def values(self) -> dict[str, AnswerValue]:
        """Every answer given by its key (``"weekday.desk"``, ``"breaks"``, ...), in question
        order; an optional check not done is left out."""
        found: dict[str, AnswerValue] = {}
        for day in DAYS:
            sitting: SittingDay = getattr(self, day)
            for activity in ACTIVITIES:
                found[f"{day}.{activity}"] = getattr(sitting, activity)
        for key in TOP_LEVEL_KEYS:
            value = getattr(self, key)
            if value is not None:
                found[key] = value
        return found

    def to_dict(self) -> dict[str, Any]:
        """The answers in the shape of an answers file (``weekday`` and ``weekend`` tables);
        an optional check not done is left out, as in a file written before it existed."""
        data: dict[str, Any] = {
            key: getattr(self, key) for key in TOP_LEVEL_KEYS if getattr(self, key) is not None
        }
        for day in DAYS:
            sitting: SittingDay = getattr(self, day)
            data[day] = {activity: getattr(sitting, activity) for activity in ACTIVITIES}
        return data

    @classmethod
    def from_values(cls, values: Mapping[str, AnswerValue]) -> Answers:
        """Answers from ``{"weekday.desk": 360, ..., "bridge_hold": "C"}``, as a screen collects
        them. ``ValueError`` lists every missing, unknown or off-scale answer."""
        nested: dict[str, Any] = {}
        for key, value in values.items():
            day, dot, activity = key.partition(".")
            if dot and day in DAYS:
                nested.setdefault(day, {})[activity] = value
            else:
                nested[key] = value
        for day in DAYS:
            nested.setdefault(day, {})
        answers, problems = parse_answers(nested, "answers")
        if answers is None:
            raise ValueError("; ".join(problem.message for problem in problems))
        return answers


def load_answers(path: Path) -> tuple[Answers | None, list[Problem]]:
    """Read an answers file. ``(answers, [])``, or ``(None, problems)`` with at least one."""
    document = read_toml(path)
    if isinstance(document, Problem):
        return None, [document]
    return parse_answers(document.data, str(document.path), document.keys)


def parse_answers(
    data: Mapping[str, Any], display: str, keys: KeyLines | None = None
) -> tuple[Answers | None, list[Problem]]:
    """Check parsed TOML data (or a dict saved earlier); ``display`` names it in problems."""
    reader = TomlFieldReader(display, keys if keys is not None else KeyLines())
    _unknown_keys(reader, data, (), (*TOP_LEVEL_KEYS, *DAYS))
    days: dict[str, SittingDay] = {}
    for day in DAYS:
        if day not in data:
            reader.error((), f"missing table [{day}] (the minutes for {', '.join(ACTIVITIES)})")
            continue
        table = data[day]
        if not isinstance(table, Mapping):
            reader.error((day,), f"must be a table [{day}], not {_kind(table)}")
            continue
        _unknown_keys(reader, table, (day,), ACTIVITIES)
        minutes = [_answer(reader, table, (day, activity)) for activity in ACTIVITIES]
        numbers = [m for m in minutes if isinstance(m, int)]
        if len(numbers) == len(ACTIVITIES):
            days[day] = SittingDay(*numbers)
    top = {
        key: _answer(reader, data, (key,))
        for key in TOP_LEVEL_KEYS
        if key in data or key not in OPTIONAL_KEYS
    }
    if reader.problems:
        # In file order; problems with no line (a missing top-level key) come last.
        return None, sorted(reader.problems, key=lambda p: (p.line is None, p.line or 0))
    strength = top["strength_days"]
    assert isinstance(strength, int)
    return (
        Answers(
            weekday=days["weekday"],
            weekend=days["weekend"],
            breaks=str(top["breaks"]),
            strength_days=strength,
            thigh_check=str(top["thigh_check"]),
            knee_check=str(top["knee_check"]),
            wall_gap=str(top["wall_gap"]),
            bridge_hold=str(top["bridge_hold"]),
            abdominal_check=None
            if top.get("abdominal_check") is None
            else str(top["abdominal_check"]),
        ),
        [],
    )


def _answer(
    reader: TomlFieldReader, parent: Mapping[str, Any], path: KeyPath
) -> AnswerValue | None:
    """The answer at ``path`` when it is on its scale; otherwise records why and gives None."""
    name = str(path[-1])
    scale = ANSWER_SCALES[".".join(str(part) for part in path)]
    if name not in parent:
        reader.error(path[:-1], f"missing key '{name}' (answer with one of {_listed(scale)})")
        return None
    value: object = parent[name]
    wants_number = isinstance(scale[0], int)
    if wants_number:
        if isinstance(value, bool) or not isinstance(value, int):
            quoted = isinstance(value, str) and value.strip().isdigit()
            tip = " (write it without quotes)" if quoted else ""
            reader.error(
                path, f"must be a whole number, one of {_listed(scale)}; not {_kind(value)}{tip}"
            )
            return None
    else:
        if not isinstance(value, str):
            reader.error(path, f"must be text, one of {_listed(scale)}; not {_kind(value)}")
            return None
        if not reader.check_text(value, path, max_length=40):
            return None
    assert isinstance(value, int | str)
    if _on_scale(value, scale):
        return value
    shown = f"'{value}'" if isinstance(value, str) else str(value)
    reader.error(path, f"{shown} is not on the scale: {_listed(scale)}{_hint(value, scale)}")
    return None


def _unknown_keys(
    reader: TomlFieldReader, table: Mapping[str, Any], path: KeyPath, allowed: Iterable[str]
) -> None:
    allowed = tuple(allowed)
    for key in table:
        if key in allowed:
            continue
        hint = reader.suggest(key.lower(), allowed)
        where = ".".join((*(str(p) for p in path), printable(key, keep_newlines=False)))
        line = reader.keys.line((*path, key))
        reader.problems.append(Problem(reader.display, line, f"{where}: unknown key{hint}"))


def _on_scale(value: object, scale: tuple[AnswerValue, ...]) -> bool:
    return any(type(value) is type(allowed) and value == allowed for allowed in scale)


def _listed(scale: tuple[AnswerValue, ...]) -> str:
    return " ".join(str(value) for value in scale)


def _hint(value: AnswerValue, scale: tuple[AnswerValue, ...]) -> str:
    if isinstance(value, int):
        numbers = [v for v in scale if isinstance(v, int)]
        below = [v for v in numbers if v < value]
        above = [v for v in numbers if v > value]
        if below and above:
            return f" (the nearest are {below[-1]} and {above[0]})"
        if below:
            top = below[-1]
            meaning = f"{top // 60} hours" if scale is MINUTES_SCALE else str(top)
            return f" (use {top} for {meaning} or more)"
        return f" ({above[0]} is the lowest)" if above else ""
    texts = [v for v in scale if isinstance(v, str)]
    for candidate in texts:
        if candidate.lower() == value.strip().lower():
            return f" (did you mean '{candidate}'?)"
    close = difflib.get_close_matches(value, texts, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "text"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)
