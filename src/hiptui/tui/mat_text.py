"""The words and numbers of the mat view, read from the machine's view: the phase word, the big
number, the side, the one line that says what comes next, and what to do now.

Plain Python (no Textual), so what the runner says in every phase is tested directly; the
runner screen styles it (literally: names, steps and cues come from content files).
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptui.content.models import Exercise
from hiptui.content.units import render
from hiptui.core.session.phase import Phase
from hiptui.core.session.plan import ExercisePlan
from hiptui.core.session.steps import StepNow, step_at
from hiptui.core.session.view import SessionView

_DEFAULT_NAMES = {"sets": "sets", "reps": "reps", "hold_seconds": "hold", "work_seconds": "time",
                  "rest_seconds": "rest"}  # fmt: skip
PHASE_WORDS: dict[Phase, str] = {
    Phase.SET: "REPS",
    Phase.HOLD: "HOLD",
    Phase.REST: "REST",
    Phase.SWITCH_SIDES: "SWITCH",
    Phase.WORK: "WORK",
    Phase.WARMUP: "WARM-UP",
    Phase.READY: "READY",
    Phase.LEAD_IN: "GET SET",
    Phase.DONE: "DONE",
}


@dataclass(frozen=True, slots=True)
class MatText:
    phase: str  # the phase word (PAUSED while paused)
    number: str  # reps, or the seconds left of whatever counts down
    side: str  # LEFT, RIGHT or ""
    next: str  # one line: what comes next
    doing: str  # what to do now: the cue, or the step of timed work
    step: StepNow | None  # the step due, for timed work with timed steps (the warm-up)


def clock_text(seconds: float | None) -> str:
    """``45`` under a minute, ``1:30`` from a minute up; a countdown shows 1 until it ends."""
    if seconds is None:
        return ""
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def defaults_label(item: ExercisePlan) -> str:
    """``hiptui defaults: sets, rest`` for the parts of a planned dosage that are hiptui's."""
    ours = [_DEFAULT_NAMES[field] for field in item.defaults]
    return f"hiptui default{'s' if len(ours) > 1 else ''}: {', '.join(ours)}" if ours else ""


def step_title(step: str) -> str:
    """The name of a warm-up movement: a step's text up to its first colon or full stop."""
    head = step.split(":", 1)[0] if ":" in step[:40] else step.split(".", 1)[0]
    return head.strip()[:60]


def mat_text(
    view: SessionView, exercise: Exercise | None, *, units: str = "imperial", lead_in: int = 0
) -> MatText:
    phase = view.phase
    word = "PAUSED" if view.paused else PHASE_WORDS.get(phase, phase.value.upper())
    stretch = exercise is not None and exercise.category == "stretching"
    if phase is Phase.WORK and stretch and not view.paused:
        word = "HOLD"
    step = _step_now(view, exercise)
    return MatText(
        phase=word,
        number=_number(view),
        side=(view.side or "").upper() if phase is not Phase.DONE else "",
        next=_next(view, lead_in),
        doing=_doing(view, exercise, units, step),
        step=step,
    )


def _number(view: SessionView) -> str:
    phase = view.phase
    if phase is Phase.SET:
        return str(view.reps)
    if phase is Phase.HOLD:
        return clock_text(view.hold_remaining)
    if phase is Phase.REST:
        return clock_text(view.rest_remaining)
    if phase is Phase.SWITCH_SIDES:
        return clock_text(view.switch_remaining)
    if phase is Phase.LEAD_IN:
        return clock_text(view.lead_in_remaining)
    if phase in (Phase.WORK, Phase.WARMUP, Phase.READY):
        return clock_text(view.work_remaining)
    return ""


def _what(reps: object, work: int | None) -> str:
    return f"{reps} reps" if reps else f"{work} s"


def _next(view: SessionView, lead_in: int) -> str:
    phase = view.phase
    if phase is Phase.SET:
        return _reps_line(view)
    if phase is Phase.HOLD:
        return f"Squeeze and hold: rep {view.reps + 1} counts when the hold ends"
    if phase in (Phase.REST, Phase.SWITCH_SIDES) and view.next_target is not None:
        nxt = view.next_target
        side = f", {nxt.side.upper()} side" if nxt.side else ""
        what = _what(nxt.target_reps, nxt.work_seconds)
        if phase is Phase.SWITCH_SIDES:
            return f"next: the {(nxt.side or '').upper()} side, {what}"
        return f"next: {nxt.exercise_name}, set {nxt.set_number} of {nxt.sets}{side}, {what}"
    if phase is Phase.READY:
        first = f"{lead_in} s to get into position, then " if lead_in else ""
        return f"space starts: {first}{view.work_seconds} s"
    if phase is Phase.LEAD_IN:
        return f"get into position: {view.work_seconds} s start when this ends (space: now)"
    if phase is Phase.WORK:
        return f"{view.work_seconds} s in all; f ends it now"
    if phase is Phase.WARMUP:
        return "f ends the warm-up now (its time is kept); s skips it"
    return ""


def _reps_line(view: SessionView) -> str:
    target = view.target_reps
    parts = []
    if view.tempo is not None:
        step = view.tempo.step.value.upper()
        parts.append(f"tempo: {step} {clock_text(view.tempo.remaining)}")
    if target is not None:
        if view.reps < target.low:
            parts.append(f"{target.low - view.reps} more to {target.low} (target {target})")
        elif view.reps < target.high:
            parts.append(f"target {target} reached: {target.high - view.reps} more to the top")
        else:
            parts.append(f"top of {target}: f finishes the set")
    if view.hold_seconds:
        parts.append(f"hold {view.hold_seconds} s at the top")
    if view.reps == 0 and view.tempo is None:
        parts.append("space counts a rep")
    return " · ".join(parts)


def _step_now(view: SessionView, exercise: Exercise | None) -> StepNow | None:
    if exercise is None or not exercise.step_seconds or view.work_seconds is None:
        return None
    if view.phase not in (Phase.WARMUP, Phase.WORK) or view.work_remaining is None:
        return None
    worked = view.work_seconds - view.work_remaining
    return step_at(exercise.step_seconds, view.work_seconds, worked)


def _doing(view: SessionView, exercise: Exercise | None, units: str, step: StepNow | None) -> str:
    quantities = exercise.quantities if exercise is not None else {}
    if step is not None and exercise is not None:
        text = render(exercise.steps[step.index], quantities, units)
        return f"step {step.index + 1} of {step.count} ({clock_text(step.left)} left): {text}"
    if view.phase is Phase.HOLD:
        return render(view.cue or "", quantities, units)
    if exercise is not None and exercise.steps:
        if view.phase in (Phase.READY, Phase.LEAD_IN):
            return "1. " + render(exercise.steps[0], quantities, units)
        if view.phase is Phase.WORK:  # a stretch: its cue, and its last step (the hold itself)
            last = render(exercise.steps[-1], quantities, units)
            return f"{render(view.cue or '', quantities, units)} · {last}".lstrip(" ·")
    return render(view.cue or "", quantities, units)
