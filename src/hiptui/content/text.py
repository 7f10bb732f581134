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


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F. Lone surrogates (category
# Cs) come from bytes that are not UTF-8 (file names) or from JSON's "\\ud800" escapes: no
# UTF-8 stream can carry them, and printed with surrogateescape they are raw bytes again.
_SURROGATES = "\ud800-\udfff"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + _SURROGATES + "".join(sorted(_BIDI)) + "]")
_UNSAFE_EXCEPT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f" + _SURROGATES + "".join(sorted(_BIDI)) + "]"
)
_SURROGATE = re.compile("[" + _SURROGATES + "]")


def first_unsafe_char(text: str, *, allow_newlines: bool = False) -> str | None:
    """The first control or bidi character in ``text``, or ``None``."""
    pattern = _UNSAFE_EXCEPT_NEWLINE if allow_newlines else _UNSAFE
    found = pattern.search(text)
    return found.group(0) if found else None


def describe_char(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    if _SURROGATE.match(char):
        return f"{code}, not valid text"
    return f"{code} {name}".strip() if name else code


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control and bidi characters removed (tabs become spaces, and each byte
    that was not UTF-8 becomes U+FFFD, so a file name still shows where it was)."""
    text = _SURROGATE.sub("\ufffd", text.replace("\t", "    ").replace("\r\n", "\n"))
    pattern = _UNSAFE_EXCEPT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub("", text)


def placeholders(text: str) -> list[str]:
    """Names of the ``{quantity}`` references in ``text``."""
    return _PLACEHOLDER.findall(text)


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace each ``{name}`` that has a value; leave any other braces alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def quoted(text: str, limit: int = 60) -> str:
    """``text`` in single quotes as a message quotes it, cut to ``limit`` characters (a key
    or value from a file can be a megabyte long). Display escapes it like any other text."""
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit]}…' ({len(text):,} characters)"
