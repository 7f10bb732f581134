"""The settings the quick commands need, read the quick way: the break clock's two for
``hiptui status`` and the units for ``hiptui cues`` and ``hiptui show``.

``break_minutes``, ``day_start_hour`` and ``units`` from ``settings.toml``, with the rules of
:mod:`hiptui.store.settings` for these keys (tests check they agree): an unusable value, or a
file that is not TOML, means the default, and nothing is reported (reporting problems is the
app's and ``hiptui check``'s job).

``tomllib`` (with the ``typing`` module it imports) takes about as long as the rest of
``hiptui status``, so a file made only of plain lines, as hiptui writes it (comments,
``[table]`` headers, ``key = value`` with a whole or decimal number (``2.5``; no exponent),
true/false, a string without escapes
or an array of such strings, on one line or one item a line), is read line by line; anything
else (escapes, other arrays, inline tables, dates, dotted keys, a repeated key) goes to
``tomllib``, which then decides.
"""

from __future__ import annotations

import os
import re

from hiptui.content.toml_bounds import MAX_FILE_BYTES, MAX_KEY_PARTS, check_toml_shape
from hiptui.content.units import DEFAULT_UNITS, UNIT_SYSTEMS
from hiptui.regular_file import read_regular

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

DEFAULT_DAY_START_HOUR = 4
BREAK_MINUTES_RANGE = (5, 240)
DAY_START_HOUR_RANGE = (0, 23)

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"[^"\\\x00-\x1f\x7f]*")'
# Possessive where two parts could take the same characters: linear on any line.
_PLAIN_LINE = re.compile(
    r"[ \t]*+(?:"
    rf"(?P<header>\[\[?[ \t]*{_BARE}(?:\.{_BARE})*[ \t]*\]\]?)"
    rf"|(?P<key>{_KEY})[ \t]*=[ \t]*(?P<value>"
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?"  # a whole or decimal number
    r"|true|false"
    r'|"[^"\\\x00-\x1f\x7f]*"'  # a basic string without escapes
    r"|'[^'\x00-\x1f\x7f]*'"  # a literal string
    r")"
    r")?[ \t]*+(?:#[^\x00-\x08\x0a-\x1f\x7f]*+)?"
)
_WHOLE = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)")
_DECIMAL = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)\.[0-9](?:_?[0-9])*")
_STRING = r"""(?:"[^"\\\x00-\x1f\x7f]*"|'[^'\x00-\x1f\x7f]*')"""
_COMMENT = r"[ \t]*+(?:#[^\x00-\x08\x0a-\x1f\x7f]*+)?"
# An array of plain strings: all on one line, or opened at the end of the key's line and
# written one item a line after it (as tomli-w writes them), closed by a line of its own.
_ARRAY_LINE = re.compile(
    rf"[ \t]*+(?P<key>{_KEY})[ \t]*=[ \t]*\[[ \t]*+"
    rf"(?P<items>(?:{_STRING}[ \t]*+,[ \t]*+)*+(?:{_STRING}[ \t]*+)?)"
    rf"(?P<close>\])?{_COMMENT}"
)
_ARRAY_ITEM = re.compile(rf"[ \t]*+(?P<item>{_STRING})[ \t]*+,{_COMMENT}")
_ARRAY_END = re.compile(rf"[ \t]*+\]{_COMMENT}")
_ITEMS = re.compile(_STRING)


class NotPlain(Exception):
    """The file needs a real TOML parser."""


def _whole(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def _plain_top_level(text: str) -> dict[str, object]:
    """The top-level keys of a file of plain lines, each value as TOML reads it (whole
    numbers as ``int``, decimals such as ``2.5`` as ``float``, anything else as ``str`` or
    ``bool``). Raises :class:`NotPlain`."""
    return plain_tables(text)[""]


def plain_tables(text: str) -> dict[str, dict[str, object]]:
    """The values of a file of plain lines by table (``""`` the top level, ``"a.b"`` for
    ``[a.b]``; every table named by a header is there, empty or not), each value as TOML
    reads it (see :func:`_plain_top_level`). Raises :class:`NotPlain`."""
    values: dict[str, dict[str, object]] = {"": {}}
    keys: set[tuple[str, str]] = set()  # (table, key) of every value
    headers: set[str] = set()
    within: set[str] = set()  # every header and every table above one ("a" for [a.b])
    table = ""
    lines = iter(text.split("\n"))
    for line in lines:
        line = line.removesuffix("\r")
        array = _ARRAY_LINE.fullmatch(line)
        if array is not None:
            items = [item[1:-1] for item in _ITEMS.findall(array.group("items"))]
            if array.group("close") is None:
                if array.group("items"):  # items after "[" on a line that does not close it
                    raise NotPlain
                items = _array_items(lines)
            _add_value(values, keys, within, table, array.group("key"), items)
            continue
        match = _PLAIN_LINE.fullmatch(line)
        if match is None:
            raise NotPlain
        header = match.group("header")
        if header is not None:
            if header.startswith("[["):  # arrays of tables: not worth following
                raise NotPlain
            table = header.strip("[] \t")
            parts = table.split(".")
            if len(parts) > MAX_KEY_PARTS:  # refused as the loader refuses it (each part
                raise NotPlain  # checked below would cost the square of the parts)
            for depth in range(len(parts)):
                if (".".join(parts[:depth]), parts[depth]) in keys:
                    raise NotPlain  # a table over a value already set
            if table in headers:
                raise NotPlain
            headers.add(table)
            values.setdefault(table, {})
            within.update(".".join(parts[: depth + 1]) for depth in range(len(parts)))
            continue
        key = match.group("key")
        if key is None:
            continue
        raw = match.group("value")
        value: object
        if _WHOLE.fullmatch(raw):
            try:
                value = int(raw.replace("_", ""))
            except ValueError:  # more digits than int() takes: for tomllib (and the bounds)
                raise NotPlain from None
        elif _DECIMAL.fullmatch(raw):
            value = float(raw.replace("_", ""))
        elif raw in ("true", "false"):
            value = raw == "true"
        else:
            value = raw[1:-1]
        _add_value(values, keys, within, table, key, value)
    return values


def _array_items(lines: Iterator[str]) -> list[str]:
    """The items of an array written one a line, up to its closing line."""
    items: list[str] = []
    for line in lines:
        line = line.removesuffix("\r")
        if _ARRAY_END.fullmatch(line):
            return items
        item = _ARRAY_ITEM.fullmatch(line)
        if item is None:
            raise NotPlain
        items.append(item.group("item")[1:-1])
    raise NotPlain  # never closed: not TOML


def _add_value(
    values: dict[str, dict[str, object]],
    keys: set[tuple[str, str]],
    within: set[str],
    table: str,
    key: str,
    value: object,
) -> None:
    """Note ``key = value`` under ``[table]``. Raises :class:`NotPlain` for a key set twice
    or over a table."""
    key = key.strip('"')
    full = f"{table}.{key}" if table else key
    if (table, key) in keys or full in within:
        raise NotPlain
    keys.add((table, key))
    values[table][key] = value


def _read_top_level(path: str | os.PathLike[str]) -> dict[str, object] | None:
    """The top-level values of the settings file at ``path``; ``None`` when it cannot be used
    at all (missing, not a regular file, too large, not UTF-8, not TOML)."""
    try:
        # A regular file within the limit, like every TOML file hiptui reads (a named pipe
        # would block hiptui status for good).
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
        try:
            return _plain_top_level(text)
        except NotPlain:
            if check_toml_shape(text) is not None:  # a shape tomllib would be slow on
                return None
            import tomllib

            return tomllib.loads(text)
    except (OSError, ValueError, RecursionError, MemoryError):  # missing, a pipe, not TOML
        return None


def read_units(path: str | os.PathLike[str]) -> str:
    """The ``units`` setting of the settings file at ``path`` (the default when unusable)."""
    data = _read_top_level(path) or {}
    units = data.get("units")
    return units if isinstance(units, str) and units in UNIT_SYSTEMS else DEFAULT_UNITS


def read_clock_settings(path: str | os.PathLike[str]) -> tuple[int | None, int]:
    """``(break_minutes or None, day_start_hour)`` from the settings file at ``path``."""
    data = _read_top_level(path)
    if data is None:
        return None, DEFAULT_DAY_START_HOUR
    minutes = _whole(data.get("break_minutes"), *BREAK_MINUTES_RANGE)
    hour = _whole(data.get("day_start_hour"), *DAY_START_HOUR_RANGE)
    return minutes, DEFAULT_DAY_START_HOUR if hour is None else hour
