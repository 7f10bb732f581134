"""The next session's prescription for an exercise, gathered for ``hiptui next`` and the app.

Pure like :mod:`hiptui.home` (no Textual, no rich) and light: the history is read through a
read-only connection (never created) unless the caller hands over the app's database, and only
the sessions that hold the exercise's latest sets are read; the exercises come one by one from
the content cache's index (the exercise and its ladder neighbours), the ladders from their file.
The rules are :mod:`hiptui.core.history.prescription`; docs/progression.md explains them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptui.core.history.load_step import DEFAULT_STEP_KG, DEFAULT_STEP_LB
from hiptui.core.history.prescription import Prescription, prescribe

if TYPE_CHECKING:
    from hiptui.content.ladders import Ladders
    from hiptui.content.models import Exercise
    from hiptui.home import Home
    from hiptui.store.db import Database
    from hiptui.store.records import SessionRecord

BUSY_TIMEOUT = 0.5
SESSIONS_READ = 3  # the ladder rule needs the last two; one more in case of equal times


def recent_sessions(
    db: Database, exercise_id: str, count: int = SESSIONS_READ
) -> list[SessionRecord]:
    """The latest ``count`` sessions with a set of ``exercise_id``, with all their sets."""
    order: dict[int, None] = {}
    for record in reversed(db.sets_for_exercise(exercise_id)):
        order.setdefault(record.session_id, None)
        if len(order) >= count:
            break
    return [db.session(session_id) for session_id in order]


def usable_ladders(home: Home, exercise_id: str) -> tuple[Ladders, dict[str, Exercise]]:
    """The ladders holding ``exercise_id`` whose every step is a known exercise (as
    :meth:`Home.ladders` checks them), and those exercises by id."""
    from hiptui.content.ladders import Ladders, load_ladders

    every, _problems = load_ladders(home.content_dirs, None)
    holding = every.containing(exercise_id)
    known = home.exercises({exercise_id, *(step for ladder in holding for step in ladder.steps)})
    kept = tuple(ladder for ladder in holding if all(step in known for step in ladder.steps))
    return Ladders(kept), known


def load_steps(home: Home) -> tuple[float, float]:
    """The ``load_step_kg`` / ``load_step_lb`` settings (2.5 kg, 5 lb when not set)."""
    settings = home.settings
    step_kg = getattr(settings, "load_step_kg", DEFAULT_STEP_KG)
    step_lb = getattr(settings, "load_step_lb", DEFAULT_STEP_LB)
    return float(step_kg), float(step_lb)


def prescription_for(home: Home, exercise_id: str, *, db: Database | None = None) -> Prescription:
    """The prescription for ``exercise_id`` from the history (``db``, else a read-only look).

    Raises ``StoreError`` (an ``OSError``) when the history cannot be read."""
    ladders, library = usable_ladders(home, exercise_id)
    step_kg, step_lb = load_steps(home)
    if db is not None:
        sessions = recent_sessions(db, exercise_id)
    elif home.has_history():
        with home.read_only_database(busy_timeout=BUSY_TIMEOUT) as opened:
            sessions = recent_sessions(opened, exercise_id)
    else:
        sessions = []
    return prescribe(
        sessions,
        exercise_id,
        library=library,
        ladders=ladders,
        load_step_kg=step_kg,
        load_step_lb=step_lb,
    )


def plan_words(prescription: Prescription, names: dict[str, str]) -> str:
    """``Hip thrust: 3 sets of 8 reps (8-12) at 42.5 kg``."""
    doing = prescription.variation or prescription.exercise_id
    name = names.get(doing, doing)
    if prescription.work_seconds is not None and prescription.target_reps is None:
        what = f"{_sets(prescription.sets)} of {prescription.work_seconds} s"
    else:
        reps = prescription.reps
        within = f" ({reps})" if reps is not None and reps.low != reps.high else ""
        what = f"{_sets(prescription.sets)} of {prescription.target_reps} reps{within}"
    load = f" at {prescription.load.label()}" if prescription.load is not None else ""
    instead = ""
    if prescription.variation is not None:
        instead = f" (instead of {names.get(prescription.exercise_id, prescription.exercise_id)})"
    return f"{name}{instead}: {what}{load}"


def _sets(count: int) -> str:
    return "1 set" if count == 1 else f"{count} sets"


def light_words(prescription: Prescription) -> str:
    """The light as words (never a colour alone): ``green``, ``amber (pain 3-5)``..."""
    return {
        "green": "green (pain 0-2)",
        "amber": "amber (pain 3-5)",
        "red": "red (pain over 5)",
    }.get(prescription.light, "nothing logged yet")


def advice_lines(prescription: Prescription, names: dict[str, str]) -> list[str]:
    """What ``hiptui next`` prints, and the card and the start dialog show."""
    return [
        plan_words(prescription, names),
        f"Pain light: {light_words(prescription)}",
        f"Why: {prescription.reason}",
    ]
