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

DEFAULT_DAY_START_HOUR = 4
BREAK_MINUTES_RANGE = (5, 240)
DAY_START_HOUR_RANGE = (0, 23)

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"[^"\\\x00-\x1f\x7f]*")'
_PLAIN_LINE = re.compile(
    r"[ \t]*(?:"
    rf"(?P<header>\[\[?[ \t]*{_BARE}(?:\.{_BARE})*[ \t]*\]\]?)"
    rf"|(?P<key>{_KEY})[ \t]*=[ \t]*(?P<value>"
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)"  # a whole number
    r"|true|false"
    r'|"[^"\\\x00-\x1f\x7f]*"'  # a basic string without escapes
    r"|'[^'\x00-\x1f\x7f]*'"  # a literal string
    r")"
    r")?[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
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
            continue
        key = match.group("key")
        if key is None:
            continue
        key = key.strip('"')
        full = f"{table}.{key}" if table else key
        if (table, key) in keys or any(h == full or h.startswith(full + ".") for h in headers):
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
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            data = _plain_top_level(raw.decode("utf-8"))
        except _NotPlain:
            import tomllib

            data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # missing, a folder, not TOML, too deep
        return None, DEFAULT_DAY_START_HOUR
    minutes = _whole(data.get("break_minutes"), *BREAK_MINUTES_RANGE)
    hour = _whole(data.get("day_start_hour"), *DAY_START_HOUR_RANGE)
    return minutes, DEFAULT_DAY_START_HOUR if hour is None else hour
