"""The phases of a session and which may follow which.

The machine checks every phase change against :data:`LEGAL_TRANSITIONS`; a change it forbids is a
bug (:class:`IllegalTransition`), never a user error.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Phase(StrEnum):
    WARMUP = "warmup"  # the timed warm-up is counting down
    READY = "ready"  # a timed set waits for the rep key to start its countdown
    LEAD_IN = "lead-in"  # a few seconds to get into position before a timed set counts
    SET = "set"  # counting reps
    HOLD = "hold"  # the top hold of one rep is counting down
    WORK = "work"  # a timed set is counting down
    SWITCH_SIDES = "switch-sides"  # short pause between the two halves of a per-side set
    REST = "rest"  # countdown between sets
    PAUSED = "paused"  # every deadline frozen (reported by SessionMachine.phase only)
    DONE = "done"  # terminal


# Which phase may follow which (PAUSED and DONE may follow any phase but DONE; PAUSED returns
# only to the phase it froze). The machine checks every change against this table.
LEGAL_TRANSITIONS: Mapping[Phase, frozenset[Phase]] = {
    Phase.WARMUP: frozenset({Phase.SET, Phase.READY}),
    Phase.READY: frozenset({Phase.WORK, Phase.LEAD_IN, Phase.SET, Phase.READY}),
    Phase.LEAD_IN: frozenset({Phase.WORK, Phase.SET, Phase.READY}),
    Phase.SET: frozenset(
        {Phase.HOLD, Phase.SET, Phase.READY, Phase.LEAD_IN, Phase.SWITCH_SIDES, Phase.REST}
    ),
    Phase.HOLD: frozenset({Phase.SET}),
    Phase.WORK: frozenset(
        {Phase.WORK, Phase.LEAD_IN, Phase.SET, Phase.READY, Phase.SWITCH_SIDES, Phase.REST}
    ),
    Phase.SWITCH_SIDES: frozenset({Phase.SET, Phase.WORK, Phase.LEAD_IN, Phase.READY}),
    Phase.REST: frozenset({Phase.SET, Phase.WORK, Phase.LEAD_IN, Phase.READY}),
    Phase.PAUSED: frozenset(),
    Phase.DONE: frozenset(),
}


class IllegalTransition(RuntimeError):
    """A bug: the machine tried a phase change that :data:`LEGAL_TRANSITIONS` forbids."""
