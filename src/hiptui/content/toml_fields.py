"""Typed field readers that collect problems instead of stopping at the first.

A :class:`TomlFieldReader` wraps one parsed TOML document. Each ``text``/``integer``/... call
returns the value when it is valid, records a ``path:line: message`` problem and returns a
fallback when it is not, so one pass over a file reports everything wrong with it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from hiptui.content.models import Problem, Range
from hiptui.content.text import describe_char, first_unsafe_char, quoted
from hiptui.content.toml_source import KeyLines, KeyPath

MAX_TEXT = 2000
MAX_LIST = 200
# "Did you mean ...?" hints per file: each costs a fuzzy comparison with every choice, and a
# file of 25,000 unknown keys (within every bound) would spend seconds on hints nobody reads.
MAX_HINTS = 50


def dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class TomlFieldReader:
    def __init__(self, display: str, keys: KeyLines) -> None:
        self.display = display
        self.keys = keys
        self.problems: list[Problem] = []
        self._hints_left = MAX_HINTS

    def error(self, path: KeyPath, message: str) -> None:
        where = dotted(path)
        if len(where) > 100:  # a key can be a megabyte long
            where = where[:100] + "…"
        text = f"{where}: {message}" if where else message
        self.problems.append(Problem(self.display, self.keys.line(path), text))

    # -- structure -----------------------------------------------------------------------

    def known_keys(self, table: Mapping[str, Any], path: KeyPath, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                self.error((*path, key), f"unknown key {quoted(key)}{self.suggest(key, allowed)}")

    def suggest(self, value: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
        """`` (did you mean 'x'?)`` for the choice closest to ``value``, or ``""``; only for
        the first :data:`MAX_HINTS` calls of a file (see there)."""
        if self._hints_left <= 0:
            return ""
        self._hints_left -= 1
        return _hint(value, choices, cutoff)

    def table(
        self, parent: Mapping[str, Any], path: KeyPath, *, required: bool = False
    ) -> dict[str, Any]:
        key = path[-1]
        assert isinstance(key, str)
        if key not in parent:
            if required:
                self.error(path[:-1], f"missing table [{dotted(path)}]")
            return {}
        value = parent[key]
        if not isinstance(value, dict):
            self.error(path, f"must be a table, not {_kind(value)}")
            return {}
        return value

    def _get(self, parent: Mapping[str, Any], path: KeyPath, required: bool) -> Any:
        key = str(path[-1])
        if key not in parent:
            if required:
                self.error(path[:-1], f"missing key '{key}'")
            return None
        return parent[key]

    # -- scalars -------------------------------------------------------------------------

    def text(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        *,
        required: bool = False,
        default: str = "",
        multiline: bool = False,
        max_length: int = MAX_TEXT,
    ) -> str:
        value = self._get(parent, path, required)
        if value is None:
            return default
        return self.check_text(
            value, path, multiline=multiline, max_length=max_length, default=default
        )

    def check_text(
        self,
        value: Any,
        path: KeyPath,
        *,
        multiline: bool = False,
        max_length: int = MAX_TEXT,
        default: str = "",
    ) -> str:
        if not isinstance(value, str):
            self.error(path, f"must be text, not {_kind(value)}")
            return default
        if not value.strip():
            self.error(path, "must not be empty")
            return default
        if len(value) > max_length:
            self.error(path, f"is {len(value)} characters long; the limit is {max_length}")
            return default
        bad = first_unsafe_char(value, allow_newlines=multiline)
        if bad is not None:
            self.error(path, f"contains a control character ({describe_char(bad)})")
            return default
        return value

    def choice(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        choices: tuple[str, ...],
        *,
        required: bool = False,
        default: str = "",
    ) -> str:
        value = self.text(parent, path, required=required, default=default)
        if value and value not in choices:
            listed = ", ".join(choices)
            self.error(path, f"'{value}' is not one of: {listed}{self.suggest(value, choices)}")
            return default
        return value

    def boolean(self, parent: Mapping[str, Any], path: KeyPath, *, default: bool = False) -> bool:
        value = self._get(parent, path, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(path, f"must be true or false, not {_kind(value)}")
            return default
        return value

    def integer(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        *,
        low: int,
        high: int,
        required: bool = False,
        default: int | None = None,
    ) -> int | None:
        value = self._get(parent, path, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"must be a whole number, not {_kind(value)}")
            return default
        if not low <= value <= high:
            self.error(path, f"{value} is out of range ({low} to {high})")
            return default
        return value

    def number(self, value: Any, path: KeyPath, *, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(path, f"must be a number, not {_kind(value)}")
            return None
        if not low <= value <= high:
            self.error(path, f"{value} is out of range ({low:g} to {high:g})")
            return None
        return float(value)

    def int_range(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        *,
        low: int,
        high: int,
        required: bool = False,
    ) -> Range | None:
        """An integer or a ``[low, high]`` pair."""
        value = self._get(parent, path, required)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value, value]
        if (
            not isinstance(value, list)
            or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, int) for v in value)
        ):
            self.error(path, "must be a whole number or a pair [low, high] of whole numbers")
            return None
        first, second = value
        if first > second:
            self.error(path, f"low ({first}) is above high ({second})")
            return None
        if first < low or second > high:
            self.error(path, f"[{first}, {second}] is out of range ({low} to {high})")
            return None
        return Range(first, second)

    # -- lists ---------------------------------------------------------------------------

    def text_list(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        *,
        required: bool = False,
        vocabulary: tuple[str, ...] | None = None,
        max_length: int = MAX_TEXT,
    ) -> tuple[str, ...]:
        value = self._get(parent, path, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(path, f"must be a list of text, not {_kind(value)}")
            return ()
        if len(value) > MAX_LIST:
            self.error(path, f"has {len(value)} entries; the limit is {MAX_LIST}")
            return ()
        if required and not value:
            self.error(path, "must not be empty")
        out: list[str] = []
        for index, item in enumerate(value):
            item_path = (*path, index)
            text = self.check_text(item, item_path, max_length=max_length)
            if not text:
                continue
            if vocabulary is not None and text not in vocabulary:
                self.error(item_path, f"unknown value '{text}'{self.suggest(text, vocabulary)}")
                continue
            out.append(text)
        return tuple(out)


# Everyday names people write for words of the vocabulary.
ALIASES = {
    "glutes": "gluteus maximus",
    "glute": "gluteus maximus",
    "abs": "abdominals",
    "hams": "hamstrings",
    "quads": "quadriceps",
    "band": "resistance band",
    "ball": "stability ball",
    "yoga mat": "mat",
}


def _hint(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    choices = list(choices)
    alias = ALIASES.get(value.lower())
    if alias in choices:
        return f" (did you mean '{alias}'?)"
    close = difflib.get_close_matches(value, choices, n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)
