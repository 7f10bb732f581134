"""Big letters and digits for the mat view, drawn with block characters at any size.

Each glyph is a 5x7 bitmap (hiptui's own). Drawn at scale ``s``, a bitmap pixel is ``s``
columns wide and ``s`` half-rows tall: the half-block characters (``▀``, ``▄``, ``█``) put two
pixel rows in one terminal row, and a terminal cell is about twice as tall as it is wide, so
the pixels come out square. A glyph is then ``5 * s`` columns wide and ``ceil(7 * s / 2)`` rows
tall: 4 rows at scale 1, 7 at scale 2, 11 at scale 3, 14 at scale 4.

Plain Python (no Textual): the mat board widget turns the lines into styled Content.
"""

from __future__ import annotations

from functools import lru_cache

GLYPH_HEIGHT = 7

_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("####.", "....#", "....#", ".###.", "....#", "....#", "####."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ":": (".", "#", ".", ".", ".", "#", "."),
    "-": ("....", "....", "....", "####", "....", "....", "...."),
    " ": ("...", "...", "...", "...", "...", "...", "..."),
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": ("###", ".#.", ".#.", ".#.", ".#.", ".#.", "###"),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
}

# (top pixel on, bottom pixel on) -> the character for one terminal row.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    """Whether every character of ``text`` has a glyph (letters are drawn upper-case)."""
    return all(char in _GLYPHS for char in text.upper())


def rows_at(scale: int) -> int:
    """Terminal rows a line of big text takes at ``scale`` (one row at scale 0: plain text)."""
    return 1 if scale <= 0 else (GLYPH_HEIGHT * scale + 1) // 2


def width_at(text: str, scale: int) -> int:
    """Columns ``text`` takes at ``scale`` (a one-pixel gap between glyphs; plain at 0)."""
    if scale <= 0:
        return len(text)
    pixels = sum(len(_GLYPHS[char][0]) for char in text.upper()) + max(0, len(text) - 1)
    return pixels * scale


def draw(text: str, scale: int) -> list[str]:
    """``text`` as :func:`rows_at` lines of block characters, each :func:`width_at` wide."""
    return list(_drawn(text, scale))


@lru_cache(maxsize=512)
def _drawn(text: str, scale: int) -> tuple[str, ...]:
    if scale <= 0:
        return (text,)
    if not text:
        return ("",) * rows_at(scale)
    # Each column's characters depend on that column's pixels only, so the text is its glyphs
    # drawn one by one (each drawn once per scale) side by side, a blank column between them.
    glyphs = [_glyph(char, scale) for char in text.upper()]
    gap = " " * scale
    return tuple(gap.join(rows) for rows in zip(*glyphs, strict=True))


@lru_cache(maxsize=256)
def _glyph(char: str, scale: int) -> tuple[str, ...]:
    bitmap = _GLYPHS[char]
    half_rows = GLYPH_HEIGHT * scale
    lines = []
    for row in range(rows_at(scale)):
        top, bottom = 2 * row, 2 * row + 1
        top_pixels = bitmap[top // scale]
        bottom_pixels = bitmap[bottom // scale] if bottom < half_rows else "." * len(top_pixels)
        lines.append(
            "".join(
                _HALVES[a == "#", b == "#"] * scale
                for a, b in zip(top_pixels, bottom_pixels, strict=True)
            )
        )
    return tuple(lines)
