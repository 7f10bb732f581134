"""Rules for text that comes from files or users, and making it safe to show.

Content text must never move the cursor, change a terminal title or write the clipboard, so
validation rejects control characters and bidirectional overrides, and :func:`printable`
strips whatever slipped through (imported data, names typed by a user) before display.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embedding/override/isolate marks: they can make text read differently from
# what is stored (a "Trojan Source" trick).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")
_UNSAFE_EXCEPT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")


def is_unsafe_char(char: str, *, allow_newlines: bool = False) -> bool:
    if char == "\n":
        return not allow_newlines
    return char in _BIDI or unicodedata.category(char) == "Cc"


def first_unsafe_char(text: str, *, allow_newlines: bool = False) -> str | None:
    """The first control or bidi character in ``text``, or ``None``."""
    pattern = _UNSAFE_EXCEPT_NEWLINE if allow_newlines else _UNSAFE
    found = pattern.search(text)
    return found.group(0) if found else None


def describe_char(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}".strip() if name else code


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control and bidi characters removed (tabs become spaces)."""
    text = text.replace("\t", "    ").replace("\r\n", "\n")
    pattern = _UNSAFE_EXCEPT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub("", text)


def placeholders(text: str) -> list[str]:
    """Names of the ``{quantity}`` references in ``text``."""
    return _PLACEHOLDER.findall(text)


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace each ``{name}`` that has a value; leave any other braces alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
