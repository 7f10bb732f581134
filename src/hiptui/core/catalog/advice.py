"""What to suggest after a set flagged for discomfort: an easier option and a cue to watch.

The easier option is the exercise's own variation named "Easier: ..." (a content convention,
see docs/content-format.md) or else the rung below it on a progression ladder. The cue is the
first of its cues, cautions or faults that speaks to the lower back or the pelvis, since that is
where the article says weak hip extensors push the work (back extensors, anterior tilt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hiptui.content.ladders import Ladders
from hiptui.content.models import Exercise

_BACK_WORDS = ("back", "spine", "arch", "rib", "pelvi", "core", "brace")


@dataclass(frozen=True, slots=True)
class DiscomfortAdvice:
    exercise_id: str
    easier: str | None  # text of the easier option
    easier_exercise: str | None  # an exercise id to try instead, when one is known
    cue: str | None


def easier_option(exercise: Exercise, ladders: Ladders | None) -> tuple[str | None, str | None]:
    for variation in exercise.variations:
        if variation.name.lower().startswith("easier"):
            # "Easier: glute bridge" is shown after "easier: ": the label once, not twice.
            name = re.sub(r"^easier\s*:?\s*", "", variation.name, flags=re.IGNORECASE)
            return (f"{name}: {variation.text}" if name else variation.text), None
    if ladders is not None:
        for ladder in ladders.containing(exercise.id):
            index = ladder.steps.index(exercise.id)
            if index > 0:
                below = ladder.steps[index - 1]
                return f"the rung below on the {ladder.name}", below
    return None, None


def back_cue(exercise: Exercise) -> str | None:
    for text in (*exercise.cues, *exercise.cautions, *exercise.faults):
        lowered = text.lower()
        if any(word in lowered for word in _BACK_WORDS):
            return text
    return exercise.cautions[0] if exercise.cautions else None


def discomfort_advice(exercise: Exercise, ladders: Ladders | None = None) -> DiscomfortAdvice:
    easier, easier_id = easier_option(exercise, ladders)
    return DiscomfortAdvice(exercise.id, easier, easier_id, back_cue(exercise))
