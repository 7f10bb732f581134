"""A cheap pass over TOML text before ``tomllib`` sees it, refusing the shapes that make parsing
slow or make ``tomllib`` raise something other than a syntax error.

``tomllib`` is linear in most things but not all. Measured on Python 3.11 (see
``benchmarks/toml_parse_bounds.py``): a dotted key ``k.k.k...`` of 64 KB takes 33 s (cubic in
its parts), a table header ``[k.k.k...]`` of 64 KB 0.8 s (quadratic); a number of more than
4,300 digits raises a bare ``ValueError``; arrays nested a few hundred deep exhaust the
recursion limit. Even the linear shapes cost: 1 MiB of ``[1,1,1,...]`` or of ``a.b.c = 1``
lines takes about 2 s on a loaded 2-core machine. So the pass refuses, with the line:

- a dotted key or table name of more than :data:`MAX_KEY_PARTS` parts;
- arrays and inline tables nested more than :data:`MAX_NESTING` deep;
- a bare number (or other bare value) longer than :data:`MAX_BARE_CHARS` characters;
- more than :data:`MAX_ITEMS` keys, values, brackets and lines in all (parse time is linear in
  these, so this bounds it whatever the bytes are spent on).

The largest bundled file holds about 1,500 items, so the limits are far from anything real.
The pass tokenizes with one regular expression whose every branch is linear (strings and
comments are matched whole, possessively), and stops at the first limit crossed. Text it
cannot tokenize (an unterminated string, a stray character) is left to ``tomllib``, which
reports it as a syntax error at that point: everything before it was within the limits.
"""

from __future__ import annotations

import re

MAX_FILE_BYTES = 1024 * 1024  # the size limit of every TOML file hiptui reads
MAX_KEY_PARTS = 10
MAX_NESTING = 32
MAX_BARE_CHARS = 64
MAX_ITEMS = 100_000

_TOKEN = re.compile(
    r"(?P<space>[ \t]++)"
    r"|(?P<newline>\r?\n)"
    r"|(?P<comment>\#[^\n]*+)"
    r'|(?P<string>"""(?:[^"\\]|\\[\s\S]|"(?!""))*+"""(?:""?)?'
    r"|'''(?:[^']|'(?!''))*+'''(?:''?)?"
    r'|"(?:[^"\\\n]|\\[^\n])*+"'
    r"|'[^'\n]*+')"
    r"|(?P<bare>[A-Za-z0-9_+\-:]++)"
    r"|(?P<open>[\[{])"
    r"|(?P<close>[\]}])"
    r"|(?P<dot>\.)"
    r"|(?P<mark>[,=])"
)
_NUMBER_START = re.compile(r"[+\-]?[0-9]")


def check_toml_shape(text: str) -> tuple[int, str] | None:
    """``(line, what is wrong)`` for the first limit ``text`` crosses, or ``None``."""
    return check_toml_shape_and_strings(text)[0]


def check_toml_shape_and_strings(text: str) -> tuple[tuple[int, str] | None, set[int]]:
    """:func:`check_toml_shape`, and the lines that lie wholly inside a multi-line string (after
    the line it opens on, before the line it closes on): what the key-line scan must not read
    as keys, whatever the string holds."""
    inside: set[int] = set()
    return _check(text, inside), inside


def _check(text: str, inside: set[int]) -> tuple[int, str] | None:
    line = 1
    items = 0
    depth = 0
    parts = 0
    after_dot = False
    position = 0
    end = len(text)
    match = _TOKEN.match
    while position < end:
        token = match(text, position)
        if token is None:
            return None  # not TOML from here on: tomllib reports it
        kind = token.lastgroup
        position = token.end()
        if kind == "space" or kind == "comment":
            continue
        items += 1
        if items > MAX_ITEMS:
            return line, f"holds more than {MAX_ITEMS:,} keys, values and lines; not read"
        if kind == "newline":
            line += 1
        elif kind == "string" or kind == "bare":
            parts = parts + 1 if after_dot else 1
            if parts > MAX_KEY_PARTS:
                return line, f"a dotted key or table name has more than {MAX_KEY_PARTS} parts"
            value = token.group()
            if kind == "bare" and len(value) > MAX_BARE_CHARS and _NUMBER_START.match(value):
                return line, (
                    f"a number is {len(value):,} characters long; the limit is {MAX_BARE_CHARS}"
                )
            if kind == "string":
                newlines = value.count("\n")
                if newlines > 1:
                    inside.update(range(line + 1, line + newlines))
                line += newlines
                items += newlines
        elif kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                return line, f"arrays and tables are nested more than {MAX_NESTING} deep"
        elif kind == "close":
            depth = max(depth - 1, 0)
        after_dot = kind == "dot"
    return None
