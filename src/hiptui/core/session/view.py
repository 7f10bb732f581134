"""The machine as a screen sees it: what it shows (:class:`SessionView`, read at one moment) and
what it can be asked to do (:class:`Action`, and :func:`available_actions` for which of them
would do something now).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hiptui.content.models import Range
from hiptui.core.session.phase import Phase
from hiptui.core.session.tempo import Tempo, TempoStep


class Action(StrEnum):
    """What a screen can ask of the machine (``SessionMachine.perform``). Each value is also the
    name of the machine's method that does it."""

    REP = "rep"
    UNDO = "undo"
    FINISH_SET = "finish_set"
    TOGGLE_PAUSE = "toggle_pause"
    SKIP_EXERCISE = "skip_exercise"
    SKIP_REST = "skip_rest"
    ADJUST_REST = "adjust_rest"  # takes the seconds to add (negative: take off)
    MARK_DISCOMFORT = "mark_discomfort"
    END = "end"
    START_TEMPO = "start_tempo"  # takes the seconds to lift and lower (the hold: the exercise's)
    STOP_TEMPO = "stop_tempo"


_NOTHING: frozenset[Action] = frozenset()
_WHILE_PAUSED = frozenset({Action.TOGGLE_PAUSE, Action.END, Action.MARK_DISCOMFORT})
_ANY_TIME = _WHILE_PAUSED | {Action.SKIP_EXERCISE}
_BY_PHASE: dict[Phase, frozenset[Action]] = {
    phase: _ANY_TIME | extra
    for phase, extra in (
        (Phase.READY, {Action.REP}),
        (Phase.LEAD_IN, {Action.REP}),
        (Phase.WORK, {Action.FINISH_SET}),
        (Phase.WARMUP, {Action.FINISH_SET}),
        (Phase.REST, {Action.SKIP_REST, Action.ADJUST_REST}),
        (Phase.SWITCH_SIDES, {Action.SKIP_REST}),
    )
}
# In SET, by (reps counted, tempo on): the tempo key starts or stops the beat; with no rep
# counted there is nothing to finish (a set of 0 reps is never saved) and, without tempo,
# nothing to undo.
_IN_SET: dict[tuple[bool, bool], frozenset[Action]] = {
    (counted, tempo): _ANY_TIME
    | {Action.REP, Action.STOP_TEMPO if tempo else Action.START_TEMPO}
    | ({Action.FINISH_SET} if counted else set())
    | ({Action.UNDO} if counted or tempo else set())
    for counted in (False, True)
    for tempo in (False, True)
}
# In HOLD, by reps counted before this one: undo cancels the hold; finishing keeps those.
_IN_HOLD: dict[bool, frozenset[Action]] = {
    counted: _ANY_TIME | {Action.UNDO} | ({Action.FINISH_SET} if counted else set())
    for counted in (False, True)
}


def available_actions(phase: Phase, *, paused: bool, reps: int, tempo: bool) -> frozenset[Action]:
    """The actions that would do something in ``phase`` (``reps`` counted so far in this half,
    ``tempo`` on or off): none once done; while paused only pause, end and discomfort."""
    if phase is Phase.DONE:
        return _NOTHING
    if paused:
        return _WHILE_PAUSED
    if phase is Phase.SET:
        return _IN_SET[reps > 0, tempo]
    if phase is Phase.HOLD:
        return _IN_HOLD[reps > 0]
    return _BY_PHASE.get(phase, _ANY_TIME)


@dataclass(frozen=True, slots=True)
class TempoView:
    tempo: Tempo
    step: TempoStep
    remaining: float


@dataclass(frozen=True, slots=True)
class NextTarget:
    """The set that comes next, as shown during a rest or a side switch."""

    exercise_id: str
    exercise_name: str
    set_number: int
    sets: int
    side: str | None
    target_reps: Range | None
    hold_seconds: int | None
    work_seconds: int | None


@dataclass(frozen=True, slots=True)
class SessionView:
    """Everything a runner screen shows, read from the machine at one moment.

    ``phase`` is the phase the machine is in or, while ``paused``, the one it will go back to;
    countdowns are frozen while paused. During REST and SWITCH_SIDES the position fields
    (exercise, set, side) already describe the set that comes next, which ``next_target`` also
    gives. ``available`` holds the actions that would do something now.
    """

    phase: Phase
    paused: bool
    is_warmup: bool
    exercise_id: str
    exercise_name: str
    item_number: int  # 1-based position in plan.items; 0 during the warm-up
    item_count: int
    set_number: int
    sets: int
    side: str | None
    reps: int
    target_reps: Range | None
    hold_seconds: int | None
    work_seconds: int | None
    hold_remaining: float | None
    lead_in_remaining: float | None
    work_remaining: float | None
    switch_remaining: float | None
    rest_remaining: float | None
    rest_total: float | None
    next_target: NextTarget | None
    cue: str | None
    discomfort: bool
    tempo: TempoView | None
    available: frozenset[Action]
