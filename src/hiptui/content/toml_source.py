"""Reading a TOML file safely and finding the line a key sits on.

``tomllib`` gives values but no positions, so :class:`KeyLines` scans the raw text once and
records the line of every ``key =`` and ``[table]`` it sees. Error messages then point at the
offending key: ``exercises/x.toml:12: dosage.reps: low (12) is above high (8)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hiptui.content.files import read_text
from hiptui.content.models import Problem
from hiptui.content.toml_bounds import MAX_FILE_BYTES, MAX_KEY_PARTS, check_toml_shape_and_strings

KeyPath = tuple[str | int, ...]

# Every pattern here is linear on any line (no two quantifiers can share the same characters):
# the scanner also meets lines that are really inside a string it lost track of.
_TABLE = re.compile(r"^\s*+(\[\[?)([^\]\n]*+)\]\]?\s*+(?:#.*)?$")
_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# A key of more than MAX_KEY_PARTS parts is refused before the scan (toml_bounds), so a line
# holding one is inside a string: the pattern stops after that many parts instead of reading
# a megabyte of them.
_KEY = re.compile(
    rf"^\s*+({_BARE_OR_QUOTED}(?:\s*+\.\s*+{_BARE_OR_QUOTED}){{0,{MAX_KEY_PARTS - 1}}})"
    r"\s*+=\s*+(.*)$"
)
_LINE_IN_ERROR = re.compile(r"\(at line (\d+), column \d+\)")


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(_BARE_OR_QUOTED, text)
    return [_unquote(p) if p[:1] in "\"'" else p for p in parts]


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SHORT_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _BadEscape(ValueError):
    pass


def _decode_escape(found: re.Match[str]) -> str:
    four, eight, short = found.groups()
    if short is not None:
        if short not in _SHORT_ESCAPES:
            raise _BadEscape(short)
        return _SHORT_ESCAPES[short]
    code = int(four or eight, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # not a Unicode scalar value: TOML refuses
        raise _BadEscape(four or eight)
    return chr(code)


def _unquote(part: str) -> str:
    """A quoted key as TOML reads it: a basic string's escapes (``"a\\nb"``) are decoded (in
    one linear pass: a file may hold tens of thousands of such keys); a key with an escape
    TOML does not know is kept as written, for tomllib reports it."""
    inner = part[1:-1]
    if part[:1] == '"' and "\\" in inner:
        try:
            return _ESCAPE.sub(_decode_escape, inner)
        except _BadEscape:
            return inner
    return inner


@dataclass
class KeyLines:
    """Maps key paths (``("dosage", "reps")``, ``("variations", 1, "name")``) to 1-based lines."""

    lines: dict[KeyPath, int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str, inside_strings: set[int] | frozenset[int] = frozenset()) -> KeyLines:
        """The lines of ``text``'s keys; ``inside_strings``: the lines known to lie inside a
        multi-line string (:func:`check_toml_shape_and_strings`), never read as keys (the
        scan's own tracking of strings is line by line and can be fooled, by ``\\\"""`` for
        one)."""
        found: dict[KeyPath, int] = {}
        table: KeyPath = ()
        array_counts: dict[KeyPath, int] = {}
        in_string: str | None = None
        open_array: KeyPath | None = None
        element = 0
        # Only "\n" ends a line in TOML: str.splitlines() would also split at U+2028, U+0085
        # and form feeds, which may sit in strings and comments, and shift every line after.
        for number, line in enumerate(text.split("\n"), start=1):
            if number in inside_strings:
                continue
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if open_array is not None:
                stripped = line.strip()
                if stripped[:1] in ('"', "'", "{", "[") or stripped[:1].isdigit():
                    found.setdefault((*open_array, element), number)
                    element += 1
                closes = stripped.endswith("]") and not stripped.endswith("[]")
                if stripped.startswith("]") or closes:
                    open_array = None
                continue
            header = _TABLE.match(line)
            if header:
                names = tuple(_split_dotted(header.group(2)))
                if header.group(1) == "[[":
                    index = array_counts.get(names, 0)
                    array_counts[names] = index + 1
                    table = (*names, index)
                else:
                    table = names
                found.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            path: KeyPath = (*table, *_split_dotted(key.group(1)))
            found.setdefault(path, number)
            rest = key.group(2)
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
            if in_string is None and rest.startswith("[") and "]" not in _strip_strings(rest):
                open_array, element = path, 0
        return cls(found)

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest recorded parent."""
        for end in range(len(path), 0, -1):
            hit = self.lines.get(path[:end])
            if hit is not None:
                return hit
        return None


_STRING = re.compile(r'"(?:\\.|[^"\\])*+"?|\'[^\']*+\'?')


def _strip_strings(text: str) -> str:
    """``text`` without its strings (an unclosed one runs to the end)."""
    return _STRING.sub("", text)


@dataclass
class TomlDocument:
    path: Path
    data: dict[str, Any]
    keys: KeyLines


def read_toml(path: Path, display: str | None = None) -> TomlDocument | Problem:
    """Read and parse ``path``; any failure is returned as one :class:`Problem`."""
    name = display if display is not None else str(path)
    text = read_text(
        path,
        name,
        kind="a TOML file",
        limit=MAX_FILE_BYTES,
        too_large=f"is larger than {MAX_FILE_BYTES // 1024} KiB; not loaded",
    )
    if isinstance(text, Problem):
        return text
    return parse_toml_text(text, path, name)


def parse_toml_text(text: str, path: Path, display: str) -> TomlDocument | Problem:
    """Parse ``text`` (from ``path``, shown as ``display``): the document, or one Problem for
    whatever is wrong, with its line when it can be found. Shapes that would make parsing
    slow are refused first (:mod:`hiptui.content.toml_bounds`), so this takes a bounded time
    whatever the text holds, and nothing the parser raises gets out."""
    refused, inside_strings = check_toml_shape_and_strings(text)
    if refused is not None:
        return Problem(display, refused[0], refused[1])
    import tomllib  # here, not at the top: the app's start and the quick commands need no TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _LINE_IN_ERROR.search(message)
        line = int(found.group(1)) if found else None
        reason = _LINE_IN_ERROR.sub("", message).strip()
        return Problem(display, line, f"TOML syntax error: {reason}")
    except RecursionError:
        return Problem(display, None, "TOML is nested too deeply")
    except (ValueError, MemoryError) as error:  # what the bounds above should already stop
        return Problem(display, None, f"cannot be read as TOML: {error}")
    return TomlDocument(path, data, KeyLines.scan(text, inside_strings))
