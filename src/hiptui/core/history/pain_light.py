"""The pain-monitoring traffic light of an exercise's last session.

The pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007) lets training go on while the
pain stays low and eases off when it climbs: pain during the activity and the next morning, on
a 0-10 scale, decide. hiptui reads the highest pain logged in any set of the exercise in its
last session and that session's next-morning pain:

- green: both 0-2, or not given;
- amber: the higher of the two is 3-5;
- red: either is over 5.

A set marked for discomfort (the yes/no flag of older records) with no pain number is amber:
hiptui's own caution, so a flag is never read as "no pain". docs/progression.md has the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from hiptui.core.history.protocols import SessionLike, SetLike

Light = Literal["green", "amber", "red", "none"]
GREEN_MAX = 2  # pain 0-2 out of 10: green
AMBER_MAX = 5  # 3-5: amber; over 5: red


def light_of(highest: int | None, next_day: int | None, *, flagged: bool = False) -> Light:
    """The light for the highest pain during the sets and the next-morning pain (0-10)."""
    worst = max((p for p in (highest, next_day) if p is not None), default=None)
    if worst is not None and worst > AMBER_MAX:
        return "red"
    if worst is not None and worst > GREEN_MAX:
        return "amber"
    if flagged and highest is None:
        return "amber"
    return "green"


@dataclass(frozen=True, slots=True)
class PainReading:
    """What the light was read from: ``highest`` over the sets, ``next_day`` the morning after."""

    light: Light
    highest: int | None
    next_day: int | None
    flagged: bool  # a set was marked for discomfort

    def words(self) -> str:
        """``pain 1/10``, ``pain 1/10, next morning 6/10``, ``no pain logged``."""
        parts = []
        if self.highest is not None:
            parts.append(f"pain {self.highest}/10")
        if self.next_day is not None:
            parts.append(f"next morning {self.next_day}/10")
        if not parts:
            return "discomfort marked, no pain number" if self.flagged else "no pain logged"
        return ", ".join(parts)


NO_READING = PainReading("none", None, None, False)


def reading(sets: Iterable[SetLike], next_day: int | None) -> PainReading:
    """The light of ``sets`` (one exercise's sets in one session) and the next-morning pain."""
    pains = []
    flagged = False
    for record in sets:
        if record.pain is not None:
            pains.append(record.pain)
        flagged = flagged or record.discomfort
    highest = max(pains, default=None)
    return PainReading(light_of(highest, next_day, flagged=flagged), highest, next_day, flagged)


def last_session(sessions: Iterable[SessionLike], exercise_id: str) -> SessionLike | None:
    """The latest session with a set of ``exercise_id`` (by start time, then id)."""
    latest: SessionLike | None = None
    for session in sessions:
        if any(r.exercise_id == exercise_id for r in session.sets) and (
            latest is None or (session.started_at, session.id) > (latest.started_at, latest.id)
        ):
            latest = session
    return latest


def exercise_sets(session: SessionLike, exercise_id: str) -> Sequence[SetLike]:
    return [r for r in session.sets if r.exercise_id == exercise_id]


def pain_light(sessions: Iterable[SessionLike], exercise_id: str) -> PainReading:
    """The light of the last session with ``exercise_id``; ``none`` when it was never done."""
    session = last_session(sessions, exercise_id)
    if session is None:
        return NO_READING
    return reading(exercise_sets(session, exercise_id), session.pain_next_day)
