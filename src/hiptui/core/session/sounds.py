"""What the runner says or plays for what happens: the machine's events turned into sound cues.

Pure: :func:`sounds_for` reads a list of events (what one call of the machine returned) and
gives the :class:`Sound`\\ s to make, each a :class:`Cue` (which tone) with the words a voice
says for it. Whether and how they are heard (off, the terminal bell, tones, a voice) is
:mod:`hiptui.sound`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hiptui.core.session.events import (
    Event,
    HoldDone,
    HoldStarted,
    LeadInStarted,
    RepCounted,
    RestEnded,
    RestStarted,
    RestWarning,
    SessionDone,
    SetCompleted,
    SetStarted,
    SidesSwitched,
    TempoChanged,
    TempoStepChanged,
)
from hiptui.core.session.tempo import TempoStep


class Cue(StrEnum):
    REP = "rep"  # a rep counted (only when the user asks for it)
    LEAD_IN = "lead-in"  # get into position
    HOLD_START = "hold-start"  # a top hold or a timed hold starts
    HOLD_END = "hold-end"
    SIDE_SWITCH = "side-switch"
    SET_DONE = "set-done"
    REST_WARNING = "rest-warning"  # 10 seconds of rest left
    REST_OVER = "rest-over"
    TEMPO_LIFT = "tempo-lift"
    TEMPO_HOLD = "tempo-hold"
    TEMPO_LOWER = "tempo-lower"
    NEXT_STEP = "next-step"  # the warm-up moves on to its next movement
    SESSION_DONE = "session-done"


# What each cue is called where a person reads it (`hiptui sound test`, the docs).
CUE_NAMES: dict[Cue, str] = {
    Cue.REP: "rep counted",
    Cue.LEAD_IN: "get into position",
    Cue.HOLD_START: "hold starts",
    Cue.HOLD_END: "hold ends",
    Cue.SIDE_SWITCH: "switch sides",
    Cue.SET_DONE: "set done",
    Cue.REST_WARNING: "10 seconds of rest left",
    Cue.REST_OVER: "rest over",
    Cue.TEMPO_LIFT: "tempo: lift",
    Cue.TEMPO_HOLD: "tempo: hold",
    Cue.TEMPO_LOWER: "tempo: lower",
    Cue.NEXT_STEP: "next movement",
    Cue.SESSION_DONE: "session done",
}

_TEMPO = {
    TempoStep.LIFT: Cue.TEMPO_LIFT,
    TempoStep.HOLD: Cue.TEMPO_HOLD,
    TempoStep.LOWER: Cue.TEMPO_LOWER,
}


@dataclass(frozen=True, slots=True)
class Sound:
    cue: Cue
    words: str  # what a voice says
    # Something the user has to act on now (the bell rings only for these).
    attention: bool = False


def sounds_for(events: Sequence[Event], *, reps: bool = False) -> list[Sound]:
    """The sounds for one call's events, in order. ``reps``: a cue for every rep counted."""
    sounds: list[Sound] = []
    switching = any(isinstance(e, SidesSwitched) for e in events)
    finished = any(isinstance(e, SessionDone) for e in events)
    held = any(isinstance(e, HoldDone) for e in events)
    rest = next((e for e in events if isinstance(e, RestStarted)), None)
    starting = next((e for e in events if isinstance(e, SetStarted)), None)
    for event in events:
        if isinstance(event, RepCounted) and reps and not held:
            sounds.append(Sound(Cue.REP, number_words(event.reps)))
        elif isinstance(event, HoldStarted):
            sounds.append(Sound(Cue.HOLD_START, "hold"))
        elif isinstance(event, HoldDone):
            sounds.append(Sound(Cue.HOLD_END, number_words(event.reps) if reps else "down"))
        elif isinstance(event, LeadInStarted):
            sounds.append(Sound(Cue.LEAD_IN, "get into position", attention=True))
        elif isinstance(event, SetStarted) and event.timed:
            sounds.append(Sound(Cue.HOLD_START, "hold", attention=True))
        elif isinstance(event, SetCompleted):
            sound = _completed(event, switching=switching, finished=finished, rest=rest)
            if sound is not None:
                sounds.append(sound)
        elif isinstance(event, SidesSwitched):
            sounds.append(Sound(Cue.SIDE_SWITCH, f"{event.side} side", attention=True))
        elif isinstance(event, RestWarning):
            sounds.append(Sound(Cue.REST_WARNING, f"{number_words(event.seconds_left)} seconds"))
        elif isinstance(event, RestEnded) and not event.skipped:
            side = f", {starting.side} side" if starting is not None and starting.side else ""
            sounds.append(Sound(Cue.REST_OVER, f"rest over{side}", attention=True))
        elif isinstance(event, TempoChanged) and event.active:
            sounds.append(Sound(Cue.TEMPO_LIFT, "lift"))
        elif isinstance(event, TempoStepChanged):
            sounds.append(Sound(_TEMPO[event.step], event.step.value))
        elif isinstance(event, SessionDone):
            words = "session ended" if event.ended_early else "session done, well done"
            sounds.append(Sound(Cue.SESSION_DONE, words, attention=True))
    return sounds


def _completed(
    event: SetCompleted, *, switching: bool, finished: bool, rest: RestStarted | None
) -> Sound | None:
    """A set (or half) completed: its end is a hold's end for a timed one; the set is done
    unless the other side or the end of the session is what comes next."""
    timed = event.record.work_seconds is not None
    if timed and not finished and (switching or rest is None):
        return Sound(Cue.HOLD_END, "done", attention=True)
    if switching or finished:
        return None
    words = "set done"
    if rest is not None:
        words += f", rest {duration_words(rest.seconds)}"
    return Sound(Cue.SET_DONE, words, attention=timed)


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(number: int) -> str:
    """``23`` -> ``"twenty-three"``, for 0 to 999 (other numbers as digits)."""
    if not 0 <= number <= 999:
        return str(number)
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


def duration_words(seconds: int) -> str:
    """``60`` -> ``"sixty seconds"``, ``150`` -> ``"two minutes thirty"``."""
    if seconds < 100:
        return f"{number_words(seconds)} second{'' if seconds == 1 else 's'}"
    minutes, left = divmod(seconds, 60)
    text = f"{number_words(minutes)} minute{'' if minutes == 1 else 's'}"
    return text + (f" {number_words(left)}" if left else "")
