"""Which side is behind: for a per-side exercise, the side that did less the last time both
sides were done, when the gap is big enough to matter.

Used to put the weaker side first when the user asks for it (the ``weaker_side_first``
setting), so it works while fresh. The 10% threshold is hiptui's rule of thumb, not a figure
from the source article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from hiptui.core.history.protocols import SetLike

# The weaker side goes first only when it did more than this much less than the other side.
WEAKER_GAP = 0.10


def side_totals(records: Iterable[SetLike]) -> dict[str, float] | None:
    """Reps per side (seconds worked, for a timed exercise) in the latest session that has
    both sides; ``None`` when no session has both."""
    by_session: dict[int, list[SetLike]] = defaultdict(list)
    for record in records:
        if record.side in ("left", "right"):
            by_session[record.session_id].append(record)
    both = [sets for sets in by_session.values() if {s.side for s in sets} == {"left", "right"}]
    if not both:
        return None
    latest = max(both, key=lambda sets: max(s.completed_at for s in sets))
    timed = all(s.reps == 0 for s in latest)
    totals = {"left": 0.0, "right": 0.0}
    for record in latest:
        side = record.side or ""
        totals[side] += (record.work_seconds or 0.0) if timed else record.reps
    return totals


def weaker_side(records: Iterable[SetLike], gap: float = WEAKER_GAP) -> str | None:
    """The side that did more than ``gap`` (a fraction) less than the other the last time
    both were done; ``None`` when they were close, or there is nothing to compare."""
    totals = side_totals(records)
    if totals is None:
        return None
    low, high = sorted(totals, key=lambda side: totals[side])
    if totals[high] <= 0 or (totals[high] - totals[low]) / totals[high] <= gap:
        return None
    return low
