"""The two settings the break clock needs, read the quick way for ``hiptui status``.

``break_minutes`` and ``day_start_hour`` from ``settings.toml``, with the rules of
:mod:`hiptui.store.settings` for these two keys (tests check they agree): an unusable value,
or a file that is not TOML, means the default, and nothing is reported (reporting problems is
the app's and ``hiptui check``'s job).

``tomllib`` (with the ``typing`` module it imports) takes about as long as the rest of
``hiptui status``, so a file made only of plain lines, as hiptui writes it (comments,
``[table]`` headers, ``key = value`` with a whole number, true/false or a string without
escapes), is read line by line; anything else (escapes, arrays, inline tables, dates, dotted
keys, a repeated key) goes to ``tomllib``, which then decides.
"""

from __future__ import annotations

import os
import re

from hiptui.content.toml_bounds import MAX_FILE_BYTES, check_toml_shape
from hiptui.regular_file import read_regular

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
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)"  # a whole number
    r"|true|false"
    r'|"[^"\\\x00-\x1f\x7f]*"'  # a basic string without escapes
    r"|'[^'\x00-\x1f\x7f]*'"  # a literal string
    r")"
    r")?[ \t]*+(?:#[^\x00-\x08\x0a-\x1f\x7f]*+)?"
)
_WHOLE = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)")


class _NotPlain(Exception):
    """The file needs a real TOML parser."""


def _whole(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def _plain_top_level(text: str) -> dict[str, object]:
    """The top-level keys of a file of plain lines, each value as TOML reads it (whole
    numbers as ``int``, anything else as ``str`` or ``bool``). Raises :class:`_NotPlain`."""
    values: dict[str, object] = {}
    keys: set[tuple[str, str]] = set()  # (table, key) of every value
    headers: set[str] = set()
    within: set[str] = set()  # every header and every table above one ("a" for [a.b])
    table = ""
    for line in text.split("\n"):
        match = _PLAIN_LINE.fullmatch(line.removesuffix("\r"))
        if match is None:
            raise _NotPlain
        header = match.group("header")
        if header is not None:
            if header.startswith("[["):  # arrays of tables: not worth following
                raise _NotPlain
            table = header.strip("[] \t")
            parts = table.split(".")
            for depth in range(len(parts)):
                if (".".join(parts[:depth]), parts[depth]) in keys:
                    raise _NotPlain  # a table over a value already set
            if table in headers:
                raise _NotPlain
            headers.add(table)
            within.update(".".join(parts[: depth + 1]) for depth in range(len(parts)))
            continue
        key = match.group("key")
        if key is None:
            continue
        key = key.strip('"')
        full = f"{table}.{key}" if table else key
        if (table, key) in keys or full in within:
            raise _NotPlain
        keys.add((table, key))
        if table:
            continue
        raw = match.group("value")
        if _WHOLE.fullmatch(raw):
            values[key] = int(raw.replace("_", ""))
        elif raw in ("true", "false"):
            values[key] = raw == "true"
        else:
            values[key] = raw[1:-1]
    return values


def read_clock_settings(path: str | os.PathLike[str]) -> tuple[int | None, int]:
    """``(break_minutes or None, day_start_hour)`` from the settings file at ``path``."""
    try:
        # A regular file within the limit, like every TOML file hiptui reads (a named pipe
        # would block hiptui status for good).
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
        try:
            data = _plain_top_level(text)
        except _NotPlain:
            if check_toml_shape(text) is not None:  # a shape tomllib would be slow on
                return None, DEFAULT_DAY_START_HOUR
            import tomllib

            data = tomllib.loads(text)
    except (OSError, ValueError, RecursionError, MemoryError):  # missing, a pipe, not TOML
        return None, DEFAULT_DAY_START_HOUR
    minutes = _whole(data.get("break_minutes"), *BREAK_MINUTES_RANGE)
    hour = _whole(data.get("day_start_hour"), *DAY_START_HOUR_RANGE)
    return minutes, DEFAULT_DAY_START_HOUR if hour is None else hour
