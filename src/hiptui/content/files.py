"""Reading a file someone else may have written: the one way hiptui reads outside input.

Every reader of outside input (content files, settings, answers, datasets, history exports,
the content cache, the database's header) goes through :func:`read_bytes` (built on
:mod:`hiptui.regular_file`, which the quickest commands use directly), so each of them

- opens only regular files: the type is checked before ``open`` (a named pipe, a device or a
  socket would block or have side effects), and again on the opened descriptor, so a file
  swapped in between is refused too;
- is bounded in bytes (``limit``): what is larger is refused without being read;
- turns every failure into one :class:`Problem` naming the file.

:func:`read_text` adds UTF-8 (with the line of a bad byte) and names a byte order mark;
:func:`read_json` adds JSON, turning everything :mod:`json` can raise into one problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from hiptui.content.models import Problem
from hiptui.regular_file import NotRegularFile, TooLarge, file_kind, open_regular, read_regular

__all__ = [
    "NotRegularFile", "decode_text", "file_kind", "open_regular", "parse_json", "read_bytes",
    "read_json", "read_text",
]  # fmt: skip

# A whole number longer than this in a JSON file is refused (Python's own limit, 4,300
# digits, raises a bare ValueError; no hiptui file needs more than a few digits).
MAX_JSON_DIGITS = 100
# At most this many JSON values (counted from the commas, brackets and braces, also those in
# strings, so the count is a cheap upper bound): parsing time and memory grow with the number
# of values more than with the bytes (16 MiB of "[]," takes over a second and 400 MB). Half a
# million keeps the worst shapes within 2 s on a loaded 2-core machine (an object of 1,000,000
# keys took 2.1 s to read and check, benchmarks/json_parse_bounds.py) and is some 45,000 sets
# of history, 30 times the largest free-exercise-db dataset.
MAX_JSON_VALUES = 500_000
_LONGEST = 10**MAX_JSON_DIGITS - 1  # the largest whole number of MAX_JSON_DIGITS digits


def read_bytes(path: Path, name: str, *, kind: str, limit: int, too_large: str) -> bytes | Problem:
    """At most ``limit`` bytes of the regular file ``path`` (shown as ``name``), or a Problem:
    missing, unreadable, not a regular file ("is a folder, not ``kind``"), or larger than
    ``limit`` (``too_large`` says so)."""
    try:
        return read_regular(path, limit)
    except NotRegularFile as error:
        return Problem(name, None, f"is {error.kind}, not {kind}")
    except TooLarge:
        return Problem(name, None, too_large)
    except OSError as error:
        return Problem(name, None, f"cannot be read: {error.strerror or error}")


def read_text(path: Path, name: str, *, kind: str, limit: int, too_large: str) -> str | Problem:
    """The text of ``path`` (see :func:`read_bytes`), or a Problem: also when it is not UTF-8
    (with the line of the bad byte) or starts with a byte order mark."""
    raw = read_bytes(path, name, kind=kind, limit=limit, too_large=too_large)
    if isinstance(raw, Problem):
        return raw
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str | Problem:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(name, line, f"is not valid UTF-8 (byte {error.start})")
    if text.startswith("\ufeff"):
        return Problem(
            name,
            1,
            "starts with a byte order mark (U+FEFF, as 'UTF-8 with BOM' editors write); "
            "save it as plain UTF-8",
        )
    return text


def _loads(text: str) -> object:
    """``json.loads``, raising :class:`_LongNumber` for a whole number of more than
    MAX_JSON_DIGITS digits. json's own parser first (a call per number to check each costs
    seconds on a file of half a million), then one walk over what it made; only a file that
    does hold a long number (or one past Python's own limit) is parsed again number by number,
    which finds it in the text."""
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # a number past Python's own limit of digits
        return json.loads(text, parse_int=_bounded_int)
    if _holds_a_long_whole_number(data):
        return json.loads(text, parse_int=_bounded_int)
    return data


def _holds_a_long_whole_number(data: object) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, int) and not -_LONGEST <= value <= _LONGEST:
            return True
    return False


class _LongNumber(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _LongNumber(text)
    return int(text)


def read_json(
    path: Path,
    name: str,
    *,
    kind: str,
    limit: int,
    too_large: str,
    max_values: int = MAX_JSON_VALUES,
) -> object | Problem:
    """The parsed JSON document in ``path`` (see :func:`read_text`), or one Problem for
    anything the JSON parser can raise: a syntax error (with its line), nesting too deep for
    the parser, a number longer than :data:`MAX_JSON_DIGITS` digits, or more than
    ``max_values`` values."""
    text = read_text(path, name, kind=kind, limit=limit, too_large=too_large)
    if isinstance(text, Problem):
        return text
    return parse_json(text, name, max_values=max_values)


def parse_json(text: str, name: str, *, max_values: int = MAX_JSON_VALUES) -> object | Problem:
    values = sum(text.count(mark) for mark in ",[{") + 1
    if values > max_values:
        return Problem(name, None, f"holds more than {max_values:,} JSON values; not read")
    try:
        data = _loads(text)
    except json.JSONDecodeError as error:
        return Problem(name, error.lineno, f"is not valid JSON: {error.msg} (column {error.colno})")
    except _LongNumber as error:
        line = text[: max(text.find(error.digits), 0)].count("\n") + 1
        digits = len(error.digits.lstrip("-"))
        return Problem(name, line, f"holds a {digits}-digit number; the limit is {MAX_JSON_DIGITS}")
    except RecursionError:
        return Problem(name, None, "JSON is nested too deeply")
    except (ValueError, MemoryError) as error:
        return Problem(name, None, f"cannot be read as JSON: {error}")
    return data
