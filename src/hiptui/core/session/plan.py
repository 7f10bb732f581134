"""What a session is going to do: the exercises in order, each with its sets, reps, hold, timed
work and rest, and an optional timed warm-up.

Plans are plain frozen values. :meth:`SessionPlan.to_dict` gives JSON-safe data (the database
keeps it with the session) and :meth:`SessionPlan.from_dict` reads it back, checking every field,
so a damaged row becomes a ``ValueError`` with a one-line message instead of a crash later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hiptui.content.load import LOAD_UNITS, Load
from hiptui.content.models import Exercise, Range

PLAN_FORMAT_VERSION = 1
# The rest when neither the exercise, the routine nor the user gives one.
DEFAULT_REST_SECONDS = 60
# The parts of a dosage an ExercisePlan can say are hiptui's defaults rather than the source's.
DOSAGE_FIELDS = ("sets", "reps", "hold_seconds", "work_seconds", "rest_seconds")

SIDES: tuple[str, str] = ("left", "right")
SQUEEZE_CUE = "Squeeze and hold"


def other_side(side: str) -> str:
    return SIDES[1] if side == SIDES[0] else SIDES[0]


def first_sides(
    plan: SessionPlan, start_side: str | None = None, chosen: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The side each per-side exercise of ``plan`` starts with: ``chosen`` for that exercise
    (the weaker side, say), else ``start_side`` (the user's), else the side the exercise's
    steps work first, else the left."""
    chosen = chosen or {}
    return {
        item.exercise_id: chosen.get(item.exercise_id) or start_side or item.first_side or SIDES[0]
        for item in plan.items
        if item.per_side
    }


def squeeze_cue(cues: Iterable[str]) -> str:
    """The cue shown during a top hold: the exercise's own squeeze cue if it has one."""
    return next((c for c in cues if "squeeze" in c.casefold()), SQUEEZE_CUE)


@dataclass(frozen=True, slots=True)
class ExercisePlan:
    """One exercise as it will be done in a session.

    A plan item is either counted (``target_reps``, optionally with a ``hold_seconds`` top hold
    on every rep) or timed (``work_seconds``: a stretch hold or the warm-up, which counts down
    and completes itself). A ``per_side`` item runs every set as two halves, one per side.
    """

    exercise_id: str
    name: str
    sets: int
    target_reps: Range | None = None
    hold_seconds: int | None = None
    work_seconds: int | None = None
    rest_seconds: int = DEFAULT_REST_SECONDS
    per_side: bool = False
    cues: tuple[str, ...] = ()
    # Which of DOSAGE_FIELDS are hiptui's defaults (the runner labels them as such).
    defaults: tuple[str, ...] = ()
    # The side whose half comes first, as the exercise's steps have it (None: the user's).
    first_side: str | None = None
    # The load the start dialog advised or the user chose (None: body weight, or not said).
    load: Load | None = None

    def __post_init__(self) -> None:
        where = f"plan item {self.exercise_id!r}"
        if not self.exercise_id:
            raise ValueError("plan item: exercise_id must not be empty")
        if self.sets < 1:
            raise ValueError(f"{where}: sets must be 1 or more, not {self.sets}")
        if self.rest_seconds < 0:
            raise ValueError(f"{where}: rest_seconds must be 0 or more, not {self.rest_seconds}")
        if self.hold_seconds is not None and self.hold_seconds < 1:
            raise ValueError(f"{where}: hold_seconds must be 1 or more, not {self.hold_seconds}")
        if self.work_seconds is not None and self.work_seconds < 1:
            raise ValueError(f"{where}: work_seconds must be 1 or more, not {self.work_seconds}")
        if self.target_reps is not None and not 1 <= self.target_reps.low <= self.target_reps.high:
            raise ValueError(f"{where}: target reps {self.target_reps} is not a range from 1 up")
        if self.work_seconds is not None and (
            self.target_reps is not None or self.hold_seconds is not None
        ):
            raise ValueError(f"{where}: a timed item (work_seconds) has no reps or hold")
        if self.first_side is not None and self.first_side not in SIDES:
            raise ValueError(f"{where}: first_side must be left or right, not {self.first_side!r}")
        if any(name not in DOSAGE_FIELDS for name in self.defaults):
            raise ValueError(f"{where}: defaults may only name {', '.join(DOSAGE_FIELDS)}")

    @property
    def is_timed(self) -> bool:
        return self.work_seconds is not None

    @property
    def halves(self) -> int:
        """Halves per set: two for a per-side exercise, else one."""
        return 2 if self.per_side else 1

    @classmethod
    def from_exercise(
        cls,
        ex: Exercise,
        *,
        sets: int | None = None,
        reps: Range | int | None = None,
        hold: int | None = None,
        rest: int | None = None,
        work: int | None = None,
        rest_default: int = DEFAULT_REST_SECONDS,
    ) -> ExercisePlan:
        """The exercise with its default dosage, any part of which can be overridden.

        Defaults: the top of the dosage's sets range, its rep range, hold and rest, and for a
        timed exercise the low end of its work range (the shortest advised time). The rest is
        ``rest`` if given, else the exercise's own, else ``rest_default`` (the user's default
        rest). ``hold=0`` removes the top hold. An override of ``reps`` or ``work`` switches
        the item between counted and timed. A part overridden with another value than the
        exercise's is no longer labelled a hiptui default.
        """
        dosage = ex.dosage
        target = dosage.reps
        seconds = dosage.work_seconds.low if dosage.is_timed and dosage.work_seconds else None
        hold_seconds = dosage.hold_seconds
        if reps is not None:
            target = Range(reps, reps) if isinstance(reps, int) else reps
            seconds = None
        if work is not None:
            seconds, target, hold_seconds = work, None, None
        if hold is not None:
            hold_seconds = hold or None
        own_rest = dosage.rest_seconds
        rest_seconds = rest_default if own_rest is None else own_rest
        if rest is not None:
            rest_seconds = rest
        set_count = dosage.sets.high if sets is None else sets
        planned = {"sets": set_count, "reps": target, "hold_seconds": hold_seconds,
                   "work_seconds": seconds, "rest_seconds": rest_seconds}  # fmt: skip
        written = {"sets": dosage.sets.high, "reps": dosage.reps,
                   "hold_seconds": dosage.hold_seconds,
                   "work_seconds": dosage.work_seconds.low if dosage.work_seconds else None,
                   "rest_seconds": own_rest}  # fmt: skip
        labels = tuple(
            name for name in DOSAGE_FIELDS
            if name in dosage.defaults and planned[name] == written[name]
        )  # fmt: skip
        return cls(
            exercise_id=ex.id,
            name=ex.name,
            sets=set_count,
            target_reps=target,
            hold_seconds=hold_seconds,
            work_seconds=seconds,
            rest_seconds=rest_seconds,
            per_side=ex.per_side,
            cues=tuple(ex.cues),
            defaults=labels,
            first_side=ex.first_side if ex.per_side else None,
        )

    def to_dict(self) -> dict[str, Any]:
        reps = self.target_reps
        return {
            "exercise_id": self.exercise_id,
            "name": self.name,
            "sets": self.sets,
            "target_reps": None if reps is None else [reps.low, reps.high],
            "hold_seconds": self.hold_seconds,
            "work_seconds": self.work_seconds,
            "rest_seconds": self.rest_seconds,
            "per_side": self.per_side,
            "cues": list(self.cues),
            "defaults": list(self.defaults),
            "first_side": self.first_side,
            **({} if self.load is None else {"load": list(self.load)}),
        }

    @classmethod
    def from_dict(cls, data: object, where: str = "plan item") -> ExercisePlan:
        fields = _mapping(data, where)
        reps = fields.get("target_reps")
        target: Range | None = None
        if reps is not None:
            if not (isinstance(reps, list) and len(reps) == 2 and all(_is_int(n) for n in reps)):
                raise ValueError(f"{where}: target_reps must be [low, high] or null")
            target = Range(reps[0], reps[1])
        cues = fields.get("cues", [])
        if not (isinstance(cues, list) and all(isinstance(c, str) for c in cues)):
            raise ValueError(f"{where}: cues must be a list of text")
        per_side = fields.get("per_side", False)
        if not isinstance(per_side, bool):
            raise ValueError(f"{where}: per_side must be true or false")
        defaults = fields.get("defaults", [])
        if not (isinstance(defaults, list) and all(isinstance(d, str) for d in defaults)):
            raise ValueError(f"{where}: defaults must be a list of names")
        first_side = fields.get("first_side")
        if first_side is not None and not isinstance(first_side, str):
            raise ValueError(f"{where}: first_side must be left, right or null")
        return cls(
            exercise_id=_text(fields, "exercise_id", where),
            name=_text(fields, "name", where),
            sets=_int(fields, "sets", where),
            target_reps=target,
            hold_seconds=_optional_int(fields, "hold_seconds", where),
            work_seconds=_optional_int(fields, "work_seconds", where),
            rest_seconds=_int(fields, "rest_seconds", where),
            per_side=per_side,
            cues=tuple(cues),
            defaults=tuple(defaults),
            first_side=first_side,
            load=_load(fields.get("load"), where),
        )


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A whole session: an optional timed warm-up, then the items in order.

    Exercise ids are unique within a plan (warm-up included), matching how the history keys a
    set by exercise, set number and side.
    """

    name: str
    items: tuple[ExercisePlan, ...]
    warmup: ExercisePlan | None = None
    routine_id: str | None = None

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError(f"plan {self.name!r}: has no exercises")
        ids = [item.exercise_id for item in self.items]
        if self.warmup is not None:
            if not self.warmup.is_timed or self.warmup.per_side:
                raise ValueError(
                    f"plan {self.name!r}: the warm-up must be timed (work_seconds) and not per side"
                )
            ids.append(self.warmup.exercise_id)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"plan {self.name!r}: exercise {repeated[0]!r} appears twice")

    def item_index(self, exercise_id: str) -> int | None:
        for index, item in enumerate(self.items):
            if item.exercise_id == exercise_id:
                return index
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": PLAN_FORMAT_VERSION,
            "name": self.name,
            "routine_id": self.routine_id,
            "warmup": None if self.warmup is None else self.warmup.to_dict(),
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: object) -> SessionPlan:
        fields = _mapping(data, "plan")
        version = fields.get("version")
        if version != PLAN_FORMAT_VERSION:
            raise ValueError(f"plan: format version {version!r} is not {PLAN_FORMAT_VERSION}")
        items = fields.get("items")
        if not isinstance(items, list):
            raise ValueError("plan: items must be a list")
        routine_id = fields.get("routine_id")
        if routine_id is not None and not isinstance(routine_id, str):
            raise ValueError("plan: routine_id must be text or null")
        warmup = fields.get("warmup")
        return cls(
            name=_text(fields, "name", "plan"),
            items=tuple(
                ExercisePlan.from_dict(item, f"plan item {n}") for n, item in enumerate(items, 1)
            ),
            warmup=None if warmup is None else ExercisePlan.from_dict(warmup, "plan warm-up"),
            routine_id=routine_id,
        )


def _load(value: object, where: str) -> Load | None:
    """``[40.0, "kg"]`` as to_dict writes it; absent or null: no load."""
    if value is None:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int | float)
        and not isinstance(value[0], bool)
        and 0 <= value[0] <= 10000
        and value[1] in LOAD_UNITS
    ):
        return Load(float(value[0]), value[1])
    raise ValueError(f"{where}: load must be [value, unit] with unit kg, lb or band")


def _mapping(data: object, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    return data


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(fields: Mapping[str, Any], key: str, where: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key} must be text")
    return value


def _int(fields: Mapping[str, Any], key: str, where: str) -> int:
    value = fields.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be a whole number")
    return value


def _optional_int(fields: Mapping[str, Any], key: str, where: str) -> int | None:
    return None if fields.get(key) is None else _int(fields, key, where)
