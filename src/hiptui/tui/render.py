"""Turning content into Textual ``Content``: always literal, never markup."""

from __future__ import annotations

from textual.content import Content

from hiptui.content.card import card_sections
from hiptui.content.models import Exercise
from hiptui.content.text import printable
from hiptui.content.units import render

ROW_META_WIDTH = 31  # the list's row holds 33 at 80 columns: the indent and 31


def literal(text: str, style: str = "") -> Content:
    """``text`` from a file or a user, shown exactly as written (markup stays text)."""
    return Content.styled(printable(text), style)


def side_by_side(left: str, right: str, gap: int = 4) -> str:
    """Two drawings next to each other, each keeping its own columns."""
    left_lines = left.splitlines() or [""]
    right_lines = right.splitlines() or [""]
    width = max(len(line) for line in left_lines)
    height = max(len(left_lines), len(right_lines))
    left_lines += [""] * (height - len(left_lines))
    right_lines += [""] * (height - len(right_lines))
    return "\n".join(
        f"{a:<{width}}{' ' * gap}{b}".rstrip() for a, b in zip(left_lines, right_lines, strict=True)
    )


def art_content(exercise: Exercise, width: int | None = None) -> Content | None:
    """The start and top drawings: side by side when ``width`` allows, else one above the other."""
    art = exercise.art
    if not (art.start or art.top):
        return None
    start, top = printable(art.start), printable(art.top)
    start_width = max((len(line) for line in start.splitlines()), default=5)
    top_width = max((len(line) for line in top.splitlines()), default=0)
    if not top or not start:
        label = "start" if start else "top"
        return Content.assemble((label + "\n", "$text-muted"), start or top)
    if width is None or start_width + 4 + top_width <= width:
        labels = f"{'start':<{start_width}}    top"
        return Content.assemble((labels + "\n", "$text-muted"), side_by_side(start, top))
    return Content.assemble(("start\n", "$text-muted"), start, ("\ntop\n", "$text-muted"), top)


def card_content(
    exercise: Exercise, units: str, *, with_art: bool = True, width: int | None = None
) -> Content:
    """The whole card: header, summary, art (fitted to ``width``), then each section."""
    parts: list[str | Content | tuple[str, str]] = [
        (printable(exercise.name), "bold $text-accent"),
        ("  " + exercise.level, "$text-muted"),
        (" · per side" if exercise.per_side else "", "$text-muted"),
        "\n",
        printable(render(exercise.summary, exercise.quantities, units)),
        "\n",
    ]
    art = art_content(exercise, width) if with_art else None
    if art is not None:
        parts += ["\n", art, "\n"]
    for section in card_sections(exercise, units):
        parts.append(("\n" + section.title + "\n", "bold $text-primary"))
        for index, line in enumerate(section.lines, start=1):
            marker = f"{index:>2}. " if section.numbered else " • "
            parts.append(marker + printable(line, keep_newlines=False) + "\n")
    return Content.assemble(*parts)


def row_meta(level: str, kit: list[str], width: int = ROW_META_WIDTH) -> str:
    """A row's second line, level and kit, within ``width``: kit that does not fit is left
    out whole and ends in " …" (never a word cut, never a "…" wrapped onto a line alone)."""
    meta = f"{level} · {', '.join(kit) or 'no kit'}"
    if len(meta) <= width:
        return meta
    shown: list[str] = []
    for word in kit:
        if len(f"{level} · {', '.join([*shown, word])} …") > width:
            break
        shown.append(word)
    return f"{level} · {', '.join(shown)} …" if shown else f"{level} …"[:width]


def row_label(exercise: Exercise) -> Content:
    """One catalog row: name, then level, kit and a per-side marker, dimmed."""
    meta = row_meta(exercise.level, [printable(w, keep_newlines=False)
                                     for w in exercise.equipment_words()])  # fmt: skip
    marker = " ⇄" if exercise.per_side else ""
    return Content.assemble(
        printable(exercise.name, keep_newlines=False),
        (marker, "$text-accent"),
        (f"\n  {meta}", "$text-muted"),
    )
