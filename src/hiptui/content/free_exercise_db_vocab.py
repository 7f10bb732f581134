"""The free-exercise-db vocabulary and hiptui's choices for what the dataset leaves out.

Their muscle, equipment, level and category names map onto ours (:mod:`hiptui.content.models`);
the dataset has no sets, reps or holds, so each category gets a default dosage, every field of
it listed in ``defaults``; a one-line summary is generated from the fields.
"""

from __future__ import annotations

import re
from typing import Any

from hiptui.content.models import CATEGORIES

# Their 17 muscle names -> the hiptui vocabulary (models.MUSCLES).
MUSCLE_MAP: dict[str, str] = {
    "abdominals": "abdominals",
    "abductors": "abductors",
    "adductors": "adductors",
    "biceps": "biceps",
    "calves": "calves",
    "chest": "chest",
    "forearms": "forearms",
    "glutes": "gluteus maximus",
    "hamstrings": "hamstrings",
    "lats": "lats",
    "lower back": "lower back",
    "middle back": "middle back",
    "neck": "neck",
    "quadriceps": "quadriceps",
    "shoulders": "shoulders",
    "traps": "traps",
    "triceps": "triceps",
}

# Their equipment names -> ours (models.EQUIPMENT); None means "no equipment".
EQUIPMENT_MAP: dict[str, str | None] = {
    "body only": None,
    "none": None,
    "bands": "resistance band",
    "barbell": "barbell",
    "cable": "cable",
    "dumbbell": "dumbbell",
    "e-z curl bar": "ez bar",
    "exercise ball": "stability ball",
    "foam roll": "foam roller",
    "kettlebells": "kettlebell",
    "machine": "machine",
    "medicine ball": "medicine ball",
    "other": "other",
}
UNKNOWN_EQUIPMENT = "other"

LEVEL_MAP: dict[str, str] = {
    "beginner": "beginner",
    "intermediate": "intermediate",
    "expert": "advanced",
    "advanced": "advanced",
}

# Spellings of categories that are not ours word for word; anything else unknown -> strength.
CATEGORY_ALIASES: dict[str, str] = {
    "stretch": "stretching",
    "stretches": "stretching",
    "plyometric": "plyometrics",
    "olympic lifting": "olympic weightlifting",
    "weightlifting": "olympic weightlifting",
    "warmup": "warm-up",
    "warm up": "warm-up",
    "conditioning": "cardio",
}
UNKNOWN_CATEGORY = "strength"

# hiptui's default dosage per category; the dataset gives none, so every field is a default.
DOSAGE_DEFAULTS: dict[str, dict[str, Any]] = {
    "strength": {"sets": 3, "reps": [8, 12], "rest_seconds": 90},
    "powerlifting": {"sets": [3, 5], "reps": [3, 5], "rest_seconds": 180},
    "olympic weightlifting": {"sets": [3, 5], "reps": [2, 3], "rest_seconds": 120},
    "strongman": {"sets": 3, "reps": [3, 5], "rest_seconds": 120},
    "plyometrics": {"sets": 3, "reps": [5, 8], "rest_seconds": 90},
    "stretching": {"sets": 2, "work_seconds": 30, "rest_seconds": 15},
    "cardio": {"sets": 1, "work_seconds": [600, 1200], "rest_seconds": 0},
    "warm-up": {"sets": 1, "work_seconds": [300, 600], "rest_seconds": 0},
    "mobility": {"sets": 2, "reps": [8, 10], "rest_seconds": 30},
}

# How a summary names each category and each piece of kit.
CATEGORY_NOUN = {
    "strength": "strength exercise",
    "stretching": "stretch",
    "warm-up": "warm-up",
    "mobility": "mobility drill",
    "plyometrics": "plyometric drill",
    "cardio": "cardio exercise",
    "powerlifting": "powerlifting lift",
    "olympic weightlifting": "Olympic lift",
    "strongman": "strongman exercise",
}
KIT_PHRASE = {
    "cable": "a cable machine",
    "ez bar": "an EZ bar",
    "other": "other equipment",
}

# Names that say one limb works at a time: "One-Arm Row", "Single Leg Hop", "Unilateral ...".
ONE_SIDE = re.compile(
    r"\b(?:one|single)[\s_-]*(?:arm|armed|leg|legged|hand|handed|side|sided)\b|\bunilateral\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


def map_category(value: str | None) -> str:
    key = _SPACES.sub(" ", (value or "").strip().lower())
    if key in CATEGORIES:
        return key
    return CATEGORY_ALIASES.get(key, UNKNOWN_CATEGORY)


def map_equipment(value: str | None) -> str | None:
    """Our name for their equipment; ``None`` for no equipment."""
    if value is None:
        return None
    key = _SPACES.sub(" ", value.strip().lower())
    if not key:
        return None
    return EQUIPMENT_MAP.get(key, UNKNOWN_EQUIPMENT)


def is_one_sided(name: str) -> bool:
    """True only when the name says one arm or leg works at a time ("One-Arm", "Single Leg",
    "Unilateral"). Alternating exercises train both sides within a set, so they stay False."""
    return ONE_SIDE.search(name) is not None


def default_dosage(category: str) -> dict[str, Any]:
    values = DOSAGE_DEFAULTS.get(category, DOSAGE_DEFAULTS[UNKNOWN_CATEGORY])
    return {**values, "defaults": list(values)}


def summary_for(
    level: str, category: str, primary: list[str], secondary: list[str], kit: str | None
) -> str:
    """A one-line summary built from the fields, e.g. "A beginner stretch for the hamstrings,
    with no equipment; also works the calves." """
    noun = CATEGORY_NOUN.get(category, f"{category} exercise")
    article = "An" if level[0] in "aeiou" else "A"
    text = f"{article} {level} {noun} for the {_and(primary)}"
    if kit is None:
        text += ", with no equipment"
    else:
        phrase = KIT_PHRASE.get(kit) or ("an " if kit[0] in "aeiou" else "a ") + kit
        text += f", with {phrase}"
    if len(secondary) > 3:
        text += f"; also works the {', '.join(secondary[:3])} and {len(secondary) - 3} more"
    elif secondary:
        text += f"; also works the {_and(secondary)}"
    return text + "."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
