"""A session snapshot, written and read back: which halves are done, which exercises were
skipped, and the half that was in progress, checked against the plan on reading.

A snapshot is what :func:`write_snapshot` returns (JSON-safe), kept by the history database
while a session runs, so a crash resumes where it stopped. Anything that does not fit the plan
raises ``ValueError`` with a one-line message, so a damaged row is reported instead of resuming
somewhere wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hiptui.core.session.completed_set import CompletedSet, SetKey
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import SIDES, SessionPlan

SNAPSHOT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ResumePoint:
    start_side: str
    first_sides: dict[str, str]  # by exercise id (a snapshot without them: empty)
    completed: tuple[CompletedSet, ...]
    skipped: tuple[str, ...]
    at: SetKey | None  # the half in progress when the snapshot was taken
    reps: int  # reps counted in that half (0 unless it was counting reps)
    discomfort: bool


def write_snapshot(
    *,
    phase: Phase,
    at: SetKey,
    start_side: str,
    first_sides: Mapping[str, str],
    reps: int,
    discomfort: bool,
    warmup_done: bool,
    skipped: Iterable[str],
    ended_early: bool,
    completed: Iterable[CompletedSet],
) -> dict[str, Any]:
    """Where the session stands, JSON-safe: ``at`` is the half in progress (or next)."""
    exercise_id, set_number, side = at
    return {
        "version": SNAPSHOT_VERSION,
        "phase": phase.value,
        "exercise_id": exercise_id,
        "set": set_number,
        "side": side,
        "start_side": start_side,
        "first_sides": dict(first_sides),
        "reps": reps,
        "discomfort": discomfort,
        "warmup_done": warmup_done,
        "skipped": list(skipped),
        "ended_early": ended_early,
        "completed": [record.to_dict() for record in completed],
    }


def read_snapshot(
    plan: SessionPlan, snapshot: Mapping[str, Any], saved: Iterable[CompletedSet] = ()
) -> ResumePoint:
    if not isinstance(snapshot, Mapping):
        raise ValueError("snapshot: expected an object")
    if snapshot.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"snapshot: version {snapshot.get('version')!r} is not {SNAPSHOT_VERSION}")
    start_side = snapshot.get("start_side", SIDES[0])
    if start_side not in SIDES:
        raise ValueError(f"snapshot: start_side {start_side!r} is not left or right")
    sides = snapshot.get("first_sides", {})
    if not isinstance(sides, Mapping) or not all(
        isinstance(k, str) and v in SIDES for k, v in sides.items()
    ):
        raise ValueError("snapshot: first_sides must map exercise ids to left or right")
    raw = snapshot.get("completed", [])
    skipped = snapshot.get("skipped", [])
    if not isinstance(raw, list) or not isinstance(skipped, list):
        raise ValueError("snapshot: completed and skipped must be lists")
    if not all(isinstance(s, str) for s in skipped):
        raise ValueError("snapshot: skipped must list exercise ids")
    merged: dict[SetKey, CompletedSet] = {}
    for record in [*(CompletedSet.from_dict(r) for r in raw), *saved]:
        _check_fits(plan, record, start_side)
        merged[record.key] = record
    reps = snapshot.get("reps", 0)
    if not isinstance(reps, int) or isinstance(reps, bool) or reps < 0:
        raise ValueError("snapshot: reps must be a whole number, 0 or more")
    at: SetKey | None = None
    exercise_id, set_number, side = (snapshot.get(k) for k in ("exercise_id", "set", "side"))
    if isinstance(exercise_id, str) and isinstance(set_number, int):
        at = (exercise_id, set_number, side if isinstance(side, str) else None)
    counting = snapshot.get("phase") in (Phase.SET, Phase.HOLD)
    return ResumePoint(
        start_side=start_side,
        first_sides={k: v for k, v in sides.items() if plan.item_index(k) is not None},
        completed=tuple(merged.values()),
        skipped=tuple(s for s in skipped if plan.item_index(s) is not None),
        at=at,
        reps=reps if counting else 0,
        discomfort=snapshot.get("discomfort") is True,
    )


def _check_fits(plan: SessionPlan, record: CompletedSet, start_side: str) -> None:
    where = f"snapshot: set {record.set_number} of {record.exercise_id!r}"
    if plan.warmup is not None and record.exercise_id == plan.warmup.exercise_id:
        if record.set_number != 1 or record.side is not None:
            raise ValueError(f"{where} does not fit the warm-up")
        return
    index = plan.item_index(record.exercise_id)
    if index is None:
        raise ValueError(f"{where}: the exercise is not in the plan")
    item = plan.items[index]
    if record.set_number > item.sets:
        raise ValueError(f"{where}: the plan has only {item.sets} sets")
    if item.per_side != (record.side is not None):
        raise ValueError(f"{where}: side {record.side!r} does not fit the plan")
