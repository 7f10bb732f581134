"""Where a session stands in its plan, and the walk over the halves still to do.

A set of a per-side exercise has two halves (the start side first), any other set one. The walk
knows the position (plan item, set number, half), which halves are done and which exercises were
skipped, and gives the halves not done in plan order from any position on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from hiptui.core.session.completed_set import SetKey
from hiptui.core.session.plan import SIDES, ExercisePlan, SessionPlan, other_side

Position = tuple[int, int, int]  # (plan item, set number, half); item -1 is the warm-up


class HalfWalk:
    """``first_sides``: the side that goes first, by exercise id (left when not given)."""

    def __init__(self, plan: SessionPlan, first_sides: Mapping[str, str]) -> None:
        self.plan = plan
        self.first_sides = dict(first_sides)
        self.item, self.set_number, self.half = 0, 1, 0
        self.current: ExercisePlan = plan.items[0]  # the plan item here (the warm-up in it)
        self.done: set[SetKey] = set()
        self.skipped: list[str] = []

    @property
    def in_warmup(self) -> bool:
        return self.item < 0

    def start_warmup(self) -> None:
        """Stand at the plan's warm-up (item -1), which must be there."""
        assert self.plan.warmup is not None
        self.item, self.set_number, self.half = -1, 1, 0
        self.current = self.plan.warmup

    @property
    def side(self) -> str | None:
        return self.side_of(self.current, self.half)

    @property
    def key(self) -> SetKey:
        """The key of the half at the position."""
        return (self.current.exercise_id, self.set_number, self.side)

    @property
    def step(self) -> int:
        """How many halves of the current item come before this one (cues rotate by it)."""
        return (self.set_number - 1) * self.current.halves + self.half

    def side_of(self, item: ExercisePlan, half: int) -> str | None:
        if not item.per_side:
            return None
        first = self.first_sides.get(item.exercise_id, SIDES[0])
        return first if half == 0 else other_side(first)

    def move_to(self, position: Position) -> None:
        self.item, self.set_number, self.half = position
        self.current = self.plan.items[self.item]

    def next_open(self, item: int, set_number: int, half: int) -> Position | None:
        """The first half not done from the given position on, in plan order; ``None`` when
        every half left is done or skipped."""
        return next(self._open_halves(item, set_number, half), None)

    def next_after_here(self) -> Position | None:
        return self.next_open(self.item, self.set_number, self.half + 1)

    def _key_at(self, item: int, set_number: int, half: int) -> SetKey:
        plan_item = self.plan.items[item]
        return (plan_item.exercise_id, set_number, self.side_of(plan_item, half))

    def _open_halves(self, item: int, set_number: int, half: int) -> Iterator[Position]:
        for index in range(max(item, 0), len(self.plan.items)):
            plan_item = self.plan.items[index]
            if plan_item.exercise_id in self.skipped:
                continue
            first_set = set_number if index == item else 1
            for number in range(first_set, plan_item.sets + 1):
                first_half = half if (index == item and number == first_set) else 0
                for h in range(first_half, plan_item.halves):
                    if self._key_at(index, number, h) not in self.done:
                        yield index, number, h
