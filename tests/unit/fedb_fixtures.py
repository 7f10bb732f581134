"""Invented records in the free-exercise-db shape, for the import tests.

Nothing here comes from the real dataset: names and instructions are made up for the tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

THEIR_MUSCLES = (
    "abdominals", "abductors", "adductors", "biceps", "calves", "chest", "forearms", "glutes",
    "hamstrings", "lats", "lower back", "middle back", "neck", "quadriceps", "shoulders",
    "traps", "triceps",
)  # fmt: skip

THEIR_EQUIPMENT = (
    None, "body only", "bands", "barbell", "cable", "dumbbell", "e-z curl bar", "exercise ball",
    "foam roll", "kettlebells", "machine", "medicine ball", "other",
)  # fmt: skip

THEIR_CATEGORIES = (
    "strength", "stretching", "plyometrics", "cardio", "powerlifting", "olympic weightlifting",
    "strongman",
)  # fmt: skip


def record(their_id: str, **overrides: Any) -> dict[str, Any]:
    """One well-formed record; keyword arguments replace fields (use ``name=...`` etc.)."""
    base: dict[str, Any] = {
        "id": their_id,
        "name": their_id.replace("_", " "),
        "force": "push",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "dumbbell",
        "primaryMuscles": ["glutes"],
        "secondaryMuscles": ["hamstrings"],
        "instructions": [
            "Stand tall with the weight held at your sides.",
            "Move slowly through the whole range. Tip: breathe out as you push.",
        ],
        "category": "strength",
        "images": [f"{their_id}/0.jpg", f"{their_id}/1.jpg"],
    }
    base.update(overrides)
    return base


def sample_records(count: int = 40) -> list[dict[str, Any]]:
    """``count`` varied records covering every muscle, kit, level and category."""
    levels = ("beginner", "intermediate", "expert")
    forces = ("push", "pull", "static", None)
    mechanics = ("compound", "isolation", None)
    out = []
    for n in range(count):
        primary = THEIR_MUSCLES[n % len(THEIR_MUSCLES)]
        secondary = THEIR_MUSCLES[(n * 7 + 3) % len(THEIR_MUSCLES)]
        out.append(
            record(
                f"Made_Up_Move_{n:03d}",
                name=f"Made-up move {n}",
                level=levels[n % len(levels)],
                force=forces[n % len(forces)],
                mechanic=mechanics[n % len(mechanics)],
                equipment=THEIR_EQUIPMENT[n % len(THEIR_EQUIPMENT)],
                category=THEIR_CATEGORIES[n % len(THEIR_CATEGORIES)],
                primaryMuscles=[primary],
                secondaryMuscles=[] if secondary == primary else [secondary],
                instructions=[
                    f"Set up for move number {n}.",
                    "Do the movement with control. Tip: keep the neck long.",
                    "Return to the start.",
                ],
            )
        )
    return out


def write_array(path: Path, records: list[Any]) -> Path:
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    return path


def write_folder(folder: Path, records: list[Any]) -> Path:
    """The layout the project publishes: one ``<id>.json`` per exercise."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, item in enumerate(records):
        name = item.get("id", f"record-{n}") if isinstance(item, dict) else f"record-{n}"
        (folder / f"{name}.json").write_text(json.dumps(item), encoding="utf-8")
    return folder
