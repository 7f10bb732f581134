"""An exercise laid out as titled sections, in the user's units.

The CLI prints these sections as text and the TUI renders them as widgets, so both show the
same card in the same order.
"""

from __future__ import annotations

from hiptui.content.frozen import Frozen, _set
from hiptui.content.units import render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hiptui.content.models import Dosage, Exercise


class Section(Frozen):
    __slots__ = FIELDS = COMPARED = ("title", "lines", "numbered")
    title: str
    lines: tuple[str, ...]
    numbered: bool

    def __init__(self, title: str, lines: tuple[str, ...], numbered: bool = False) -> None:
        _set(self, "title", title)
        _set(self, "lines", lines)
        _set(self, "numbered", numbered)


DEFAULT_LABEL = " (hiptui default)"


def dosage_line(exercise: Exercise, *, rest_default: int | None = None) -> str:
    """``2-3 sets x 8-12 reps, hold 2 s at the top; rest 60 s (hiptui default)`` and the like.

    Every value that is hiptui's rather than the source's is labelled ``(hiptui default)``.
    A file with no rest takes the user's default rest (``rest_default``, from the settings).
    """
    dosage: Dosage = exercise.dosage

    def ours(field: str) -> str:
        return DEFAULT_LABEL if field in dosage.defaults else ""

    side = " per side" if exercise.per_side else ""
    sets = "set" if dosage.sets.high == 1 else "sets"
    parts = [f"{dosage.sets} {sets}{ours('sets')}"]
    if dosage.reps is not None:
        parts.append(f"x {dosage.reps} reps{side}{ours('reps')}")
    if dosage.work_seconds is not None:
        work = _duration(dosage.work_seconds.low, dosage.work_seconds.high)
        parts.append(f"x {work}{side}{ours('work_seconds')}")
    text = " ".join(parts)
    if dosage.hold_seconds:
        text += f", hold {dosage.hold_seconds} s at the top{ours('hold_seconds')}"
    if dosage.rest_seconds is not None:
        rest = f"rest {dosage.rest_seconds} s{ours('rest_seconds')}"
    elif rest_default is not None:
        rest = f"rest {rest_default} s (your default rest)"
    else:
        rest = "rest as in your settings"
    if exercise.per_side and exercise.first_side:
        rest += f"; {exercise.first_side} side first"
    return f"{text}; {rest}"


def _duration(low: int, high: int) -> str:
    if low % 60 == 0 and high % 60 == 0 and low >= 60:
        return f"{low // 60} min" if low == high else f"{low // 60}-{high // 60} min"
    return f"{low} s" if low == high else f"{low}-{high} s"


def equipment_line(exercise: Exercise) -> str:
    needed = ", ".join(exercise.equipment_words()) or "none"
    if exercise.optional_equipment:
        return f"{needed} (optional: {', '.join(exercise.optional_equipment)})"
    return needed


def card_sections(
    exercise: Exercise, units: str, *, cues_only: bool = False, rest_default: int | None = None
) -> list[Section]:
    def fill(lines: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(render(line, exercise.quantities, units) for line in lines)

    if cues_only:
        return [
            Section("Form cues", fill(exercise.cues)),
            Section("Steps", fill(exercise.steps), numbered=True),
            Section("Dosage", (dosage_line(exercise, rest_default=rest_default),)),
        ]
    muscles = [f"primary: {', '.join(exercise.primary_muscles)}"]
    if exercise.secondary_muscles:
        muscles.append(f"secondary: {', '.join(exercise.secondary_muscles)}")
    sections = [
        Section("Muscles", tuple(muscles)),
        Section("Equipment", (equipment_line(exercise),)),
        Section("Dosage", (dosage_line(exercise, rest_default=rest_default),)),
        Section("Steps", fill(exercise.steps), numbered=True),
        Section("Form cues", fill(exercise.cues)),
        Section("Common faults", fill(exercise.faults)),
        Section("Cautions", fill(exercise.cautions)),
        Section("Tips", fill(exercise.tips)),
        Section(
            "Variations",
            tuple(
                f"{v.name}: {render(v.text, exercise.quantities, units)}"
                for v in exercise.variations
            ),
        ),
        Section("Source", source_lines(exercise)),
    ]
    return [s for s in sections if s.lines]


def source_lines(exercise: Exercise) -> tuple[str, ...]:
    """The source line, then one line per reference a ``hiptui: A; B`` source cites."""
    return (source_line(exercise), *cited_references(exercise.source))


def cited_references(source: str) -> tuple[str, ...]:
    """The published sources that hiptui's own content names: ``hiptui: A; B`` -> (A, B)."""
    head, colon, rest = source.partition(":")
    if head.strip() != "hiptui" or not colon:
        return ()
    return tuple(part.strip() for part in rest.split(";") if part.strip())


def source_line(exercise: Exercise) -> str:
    if exercise.source == "article":
        text = "the hip-extension article hiptui is based on"
    elif exercise.source.startswith("hiptui"):
        text = "hiptui's own content (not from the article)"
        if cited_references(exercise.source):
            text += ", built on the published sources below"
    elif exercise.source.startswith("free-exercise-db:"):
        text = f"free-exercise-db (Unlicense), id {exercise.source.split(':', 1)[1]}"
    else:
        text = exercise.source
    if exercise.dosage.defaults:
        text += f"; hiptui defaults: {', '.join(exercise.dosage.defaults)}"
    return text
