"""The content model: exercises, their dosage, quantities and variations.

Small frozen value classes (:class:`hiptui.content.frozen.Frozen`), built by
:mod:`hiptui.content.loader` from TOML files or by :mod:`hiptui.content.index` from the content
cache. Nothing here knows about files, terminals or Textual, and importing it costs almost
nothing (``hiptui cues`` imports it).
"""

from __future__ import annotations

import os
from enum import Enum

from hiptui.content.frozen import Frozen, _set

TYPE_CHECKING = False
if TYPE_CHECKING:
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
ORDER_MAX = 9999  # the largest ``order`` an exercise file may give


class Group(Enum):
    """Where an exercise belongs in the catalog, in display order."""

    ARTICLE = "From the article"
    EXTRAS = "hiptui extras"
    USER = "Your exercises"
    IMPORTED = "Imported"

    @property
    def order(self) -> int:
        return _GROUP_ORDER[self]


_GROUP_ORDER = {group: number for number, group in enumerate(Group)}
_BUNDLED: list[str] = []  # the bundled folder, worked out when first asked


def is_bundled(path: os.PathLike[str] | str) -> bool:
    """Whether the file at ``path`` is one of the bundled exercises (shipped with hiptui)."""
    if not _BUNDLED:
        from hiptui.paths import bundled_content_dir_str

        _BUNDLED.append(bundled_content_dir_str())
    return os.path.dirname(os.fspath(path)) == _BUNDLED[0]


class Range(Frozen):
    """An inclusive integer range; ``low == high`` for a single number."""

    __slots__ = FIELDS = COMPARED = ("low", "high")
    low: int
    high: int

    def __init__(self, low: int, high: int) -> None:
        _set(self, "low", low)
        _set(self, "high", high)

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


class Quantity(Frozen):
    """A distance or angle that the UI can show in imperial or metric units."""

    __slots__ = FIELDS = COMPARED = ("low", "high", "unit")
    low: float
    high: float
    unit: str

    def __init__(self, low: float, high: float, unit: str) -> None:
        _set(self, "low", low)
        _set(self, "high", high)
        _set(self, "unit", unit)


class Dosage(Frozen):
    __slots__ = FIELDS = COMPARED = (
        "sets", "reps", "hold_seconds", "work_seconds", "rest_seconds", "defaults",
        "load_step_kg", "load_step_lb", "hold_cap_seconds",
    )  # fmt: skip
    sets: Range
    reps: Range | None
    hold_seconds: int | None
    work_seconds: Range | None
    # None: the file gives no rest; the user's default rest (settings) applies.
    rest_seconds: int | None
    # Names of the fields above whose values are hiptui defaults, not from the source.
    defaults: tuple[str, ...]
    # The weight to add when the double progression moves a loaded set up (kilograms and
    # pounds); None: the user's setting (load_step_kg / load_step_lb) applies.
    load_step_kg: float | None
    load_step_lb: float | None
    # The longest a timed set grows to before the next rung; None: the top of work_seconds.
    hold_cap_seconds: int | None

    def __init__(
        self,
        sets: Range,
        reps: Range | None = None,
        hold_seconds: int | None = None,
        work_seconds: Range | None = None,
        rest_seconds: int | None = None,
        defaults: tuple[str, ...] = (),
        load_step_kg: float | None = None,
        load_step_lb: float | None = None,
        hold_cap_seconds: int | None = None,
    ) -> None:
        _set(self, "sets", sets)
        _set(self, "reps", reps)
        _set(self, "hold_seconds", hold_seconds)
        _set(self, "work_seconds", work_seconds)
        _set(self, "rest_seconds", rest_seconds)
        _set(self, "defaults", defaults)
        _set(self, "load_step_kg", load_step_kg)
        _set(self, "load_step_lb", load_step_lb)
        _set(self, "hold_cap_seconds", hold_cap_seconds)

    @property
    def is_timed(self) -> bool:
        return self.reps is None and self.work_seconds is not None


class Variation(Frozen):
    __slots__ = FIELDS = COMPARED = ("name", "text", "source")
    name: str
    text: str
    source: str

    def __init__(self, name: str, text: str, source: str = "") -> None:
        _set(self, "name", name)
        _set(self, "text", text)
        _set(self, "source", source)


class Art(Frozen):
    """Small line drawings of the start and top positions."""

    __slots__ = FIELDS = COMPARED = ("start", "top")
    start: str
    top: str

    def __init__(self, start: str = "", top: str = "") -> None:
        _set(self, "start", start)
        _set(self, "top", top)


_NO_ART = Art()


class Exercise(Frozen):
    FIELDS = (
        "id", "name", "summary", "level", "category", "primary_muscles", "secondary_muscles",
        "equipment", "optional_equipment", "per_side", "dosage", "steps", "source", "cues",
        "faults", "cautions", "tips", "variations", "tags", "quantities", "art", "path",
        "equipment_choice", "first_side", "step_seconds", "order",
    )  # fmt: skip
    # Every field but the file it came from.
    COMPARED = tuple(name for name in FIELDS if name != "path")
    __slots__ = (*COMPARED, "_path")
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
    cues: tuple[str, ...]
    faults: tuple[str, ...]
    cautions: tuple[str, ...]
    tips: tuple[str, ...]
    variations: tuple[Variation, ...]
    tags: tuple[str, ...]
    quantities: dict[str, Quantity]
    art: Art
    _path: Path | str | None
    # Equipment of which any one will do ("a box or a bench"), on top of ``equipment``.
    equipment_choice: tuple[str, ...]
    # The side the steps work first ("right" when they lift the right leg first); per-side
    # exercises only. None: the user's start side.
    first_side: str | None
    # Seconds of each step at the shortest timed work (the warm-up's movements one by one);
    # the runner shares out the time chosen in these proportions. Empty: no timed steps.
    step_seconds: tuple[int, ...]
    # Where the exercise stands within its catalog group (the article's numbering for the
    # article's exercises); None: after those that have one, by name.
    order: int | None

    def __init__(
        self,
        id: str,
        name: str,
        summary: str,
        level: str,
        category: str,
        primary_muscles: tuple[str, ...],
        secondary_muscles: tuple[str, ...],
        equipment: tuple[str, ...],
        optional_equipment: tuple[str, ...],
        per_side: bool,
        dosage: Dosage,
        steps: tuple[str, ...],
        source: str,
        cues: tuple[str, ...] = (),
        faults: tuple[str, ...] = (),
        cautions: tuple[str, ...] = (),
        tips: tuple[str, ...] = (),
        variations: tuple[Variation, ...] = (),
        tags: tuple[str, ...] = (),
        quantities: dict[str, Quantity] | None = None,
        art: Art = _NO_ART,
        path: Path | str | None = None,
        equipment_choice: tuple[str, ...] = (),
        first_side: str | None = None,
        step_seconds: tuple[int, ...] = (),
        order: int | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "summary", summary)
        _set(self, "level", level)
        _set(self, "category", category)
        _set(self, "primary_muscles", primary_muscles)
        _set(self, "secondary_muscles", secondary_muscles)
        _set(self, "equipment", equipment)
        _set(self, "optional_equipment", optional_equipment)
        _set(self, "per_side", per_side)
        _set(self, "dosage", dosage)
        _set(self, "steps", steps)
        _set(self, "source", source)
        _set(self, "cues", cues)
        _set(self, "faults", faults)
        _set(self, "cautions", cautions)
        _set(self, "tips", tips)
        _set(self, "variations", variations)
        _set(self, "tags", tags)
        _set(self, "quantities", {} if quantities is None else quantities)
        _set(self, "art", art)
        _set(self, "_path", path)
        _set(self, "equipment_choice", equipment_choice)
        _set(self, "first_side", first_side)
        _set(self, "step_seconds", step_seconds)
        _set(self, "order", order)

    @property
    def path(self) -> Path | None:
        """The file the exercise was loaded from. (The content cache hands it over as text, and
        it becomes a ``Path`` when first asked for: a look-up need not import ``pathlib``.)"""
        path = self._path
        if isinstance(path, str):
            from pathlib import Path

            path = Path(path)
            _set(self, "_path", path)
        return path

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
        """Where the catalog lists it. Only hiptui's own files (the bundled folder, or an
        exercise made in code) may claim the article or hiptui: a file of the user's or a
        dataset's saying ``source = "article"`` is the user's."""
        if self.source.startswith("free-exercise-db"):
            return Group.IMPORTED
        if self.path is None or is_bundled(self.path):
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


class Problem(Frozen):
    """One thing wrong with a content file, shown as ``path:line: message``."""

    __slots__ = FIELDS = COMPARED = ("path", "line", "message")
    path: str
    line: int | None
    message: str

    def __init__(self, path: str, line: int | None, message: str) -> None:
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "message", message)

    def __str__(self) -> str:
        """One line, always: a line break quoted from a file (a TOML key may hold one) is
        shown as ``\\n``, so each problem stays one ``path:line: message`` line."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")
