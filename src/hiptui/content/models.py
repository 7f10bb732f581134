"""The content model: exercises, their dosage, quantities and variations.

Plain frozen dataclasses, built by :mod:`hiptui.content.loader` from TOML files. Nothing here
knows about files, terminals or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

LEVELS = ("beginner", "intermediate", "advanced")

CATEGORIES = (
    "strength",
    "stretching",
    "warm-up",
    "mobility",
    "plyometrics",
    "cardio",
    "powerlifting",
    "olympic weightlifting",
    "strongman",
)

# The fixed muscle vocabulary. The first block is what hip extension and the rest of the hip
# programme (abduction, adduction, rotation, pelvic control) are about; the rest lets imported
# exercises (free-exercise-db) keep their muscles.
MUSCLES = (
    "gluteus maximus",
    "gluteus medius",
    "gluteus minimus",
    "hamstrings",
    "adductor magnus",
    "adductors",
    "abductors",
    "deep rotators",
    "hip flexors",
    "quadriceps",
    "core",
    "lower back",
    "calves",
    "abdominals",
    "obliques",
    "middle back",
    "lats",
    "traps",
    "chest",
    "shoulders",
    "biceps",
    "triceps",
    "forearms",
    "neck",
)

# The fixed equipment vocabulary. "No equipment" is an empty ``required`` list.
EQUIPMENT = (
    "mat",
    "dumbbell",
    "mini band",
    "resistance band",
    "barbell",
    "barbell pad",
    "bench",
    "box",
    "wall",
    "stability ball",
    "kettlebell",
    "cable",
    "machine",
    "medicine ball",
    "ez bar",
    "foam roller",
    "stable pole",
    "bed",
    "other",
)

UNITS = ("in", "ft", "cm", "m", "deg")


class Group(Enum):
    """Where an exercise belongs in the catalog, in display order."""

    ARTICLE = "From the article"
    EXTRAS = "hiptui extras"
    USER = "Your exercises"
    IMPORTED = "Imported"

    @property
    def order(self) -> int:
        return list(Group).index(self)


@dataclass(frozen=True, slots=True)
class Range:
    """An inclusive integer range; ``low == high`` for a single number."""

    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A distance or angle that the UI can show in imperial or metric units."""

    low: float
    high: float
    unit: str


@dataclass(frozen=True, slots=True)
class Dosage:
    sets: Range
    reps: Range | None = None
    hold_seconds: int | None = None
    work_seconds: Range | None = None
    rest_seconds: int = 60
    # Names of the fields above whose values are hiptui defaults, not from the source.
    defaults: tuple[str, ...] = ()

    @property
    def is_timed(self) -> bool:
        return self.reps is None and self.work_seconds is not None


@dataclass(frozen=True, slots=True)
class Variation:
    name: str
    text: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Art:
    """Small line drawings of the start and top positions."""

    start: str = ""
    top: str = ""


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    summary: str
    level: str
    category: str
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    optional_equipment: tuple[str, ...]
    per_side: bool
    dosage: Dosage
    steps: tuple[str, ...]
    source: str
    cues: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    variations: tuple[Variation, ...] = ()
    tags: tuple[str, ...] = ()
    quantities: dict[str, Quantity] = field(default_factory=dict)
    art: Art = field(default_factory=Art)
    path: Path | None = field(default=None, compare=False)
    # Equipment of which any one will do ("a box or a bench"), on top of ``equipment``.
    equipment_choice: tuple[str, ...] = ()

    @property
    def needs_equipment(self) -> bool:
        return bool(self.equipment or self.equipment_choice)

    def uses_equipment(self, name: str) -> bool:
        """Whether ``name`` is required, or is one of the items to choose from."""
        return name in self.equipment or name in self.equipment_choice

    def equipment_words(self) -> tuple[str, ...]:
        """What the exercise needs, for display: ``("mat", "box or bench")``."""
        choice = (" or ".join(self.equipment_choice),) if self.equipment_choice else ()
        return (*self.equipment, *choice)

    @property
    def group(self) -> Group:
        if self.source.startswith("free-exercise-db"):
            return Group.IMPORTED
        if self.source == "article":
            return Group.ARTICLE
        if self.source.startswith("hiptui"):
            return Group.EXTRAS
        return Group.USER

    def search_text(self) -> str:
        """Lower-case text that a catalog filter matches against."""
        parts = [
            self.name,
            self.id,
            self.level,
            self.category,
            *self.primary_muscles,
            *self.secondary_muscles,
            *self.equipment,
            *self.equipment_choice,
            *self.optional_equipment,
            *self.tags,
        ]
        if not self.needs_equipment:
            parts.append("no equipment")
        if self.per_side:
            parts.append("per side")
        return " ".join(parts).lower()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a content file, shown as ``path:line: message``."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        """One line, always: a line break quoted from a file (a TOML key may hold one) is
        shown as ``\\n``, so each problem stays one ``path:line: message`` line."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")
