"""Timed work shown step by step: which of an exercise's steps is due, and for how long.

An exercise with ``step_seconds`` (the warm-up) gives each step its seconds at the shortest
work time; a longer (or shorter) time is shared out in the same proportions, so the steps
always fill the time planned. Pure arithmetic on the seconds worked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StepNow:
    index: int  # 0-based
    count: int
    seconds: float  # this step's share of the time
    left: float  # seconds left of this step


def step_shares(step_seconds: Sequence[int], work_seconds: float) -> list[float]:
    """Each step's share of ``work_seconds``, in proportion to ``step_seconds``."""
    total = sum(step_seconds)
    if total <= 0 or work_seconds <= 0:
        return [0.0 for _ in step_seconds]
    return [work_seconds * seconds / total for seconds in step_seconds]


def step_at(step_seconds: Sequence[int], work_seconds: float, worked: float) -> StepNow | None:
    """The step due after ``worked`` seconds of ``work_seconds`` (the last one once the time
    is up); ``None`` without timed steps."""
    shares = step_shares(step_seconds, work_seconds)
    if not shares:
        return None
    start = 0.0
    for index, share in enumerate(shares):
        end = start + share
        if worked < end or index == len(shares) - 1:
            return StepNow(index, len(shares), share, max(0.0, end - max(worked, start)))
        start = end
    raise AssertionError("unreachable")  # pragma: no cover
