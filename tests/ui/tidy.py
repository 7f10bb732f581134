"""Lines cut mid-word: what a screen at 80x24 shows against the words it shows when wide.

A word is cut when the narrow screen shows a piece of it: a token that is no word of the wide
screen but begins one (``equipmen`` of ``equipment``), or such a piece with Textual's ellipsis
(``d…``). A line that holds only ``…`` is a wrap gone wrong."""

from __future__ import annotations

import re

from tests.ui.contrast import is_block, is_drawing

_TOKEN = re.compile(r"[^\s]+")
_EDGE = ".,;:!?()[]\"'“”‘’·"


def _pieces(line: str) -> list[str]:
    """The runs of text of a line between borders, rules and blocks."""
    cleaned = "".join(" " if is_drawing(c) or is_block(c) else c for c in line)
    return [p.strip() for p in re.split(r"\s{3,}", cleaned) if p.strip()]


def words(lines: list[str]) -> set[str]:
    return {t.strip(_EDGE) for line in lines for t in _TOKEN.findall(line)} - {""}


def cut_words(narrow: list[str], wide: list[str]) -> list[str]:
    """What ``narrow`` shows cut: lone ellipses and pieces of the wide screen's words."""
    known = words(wide)
    found: list[str] = []
    for line in narrow:
        for piece in _pieces(line):
            if piece == "…":
                found.append(f"a lone … in {line.strip()!r}")
        for token in _TOKEN.findall("".join(" " if is_drawing(c) else c for c in line)):
            word = token.rstrip("…").strip(_EDGE)
            if len(word) < 2 or word in known or not word[-1].isalnum() or "/" in word:
                continue  # a file's path may break anywhere: it is no word
            if any(k.startswith(word) and len(k) > len(word) for k in known):
                found.append(f"{token!r} (cut) in {line.strip()!r}")
    return found
