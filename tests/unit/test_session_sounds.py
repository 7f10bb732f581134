"""Which sound cue the runner plays for which of the machine's events, and the words a voice
says (pure: no player, no device)."""

from __future__ import annotations

from hiptui.core.session.events import (
    HoldDone,
    HoldStarted,
    LeadInStarted,
    RepCounted,
    RestEnded,
    RestStarted,
    RestWarning,
    SessionDone,
    SetStarted,
    SidesSwitched,
    TempoChanged,
    TempoStepChanged,
)
from hiptui.core.session.sounds import Cue, Sound, duration_words, number_words, sounds_for
from hiptui.core.session.tempo import TempoStep
from tests.unit.test_session_support import completed, counted, machine, timed


def cues(events: list) -> list[tuple[Cue, str]]:  # type: ignore[type-arg]
    return [(s.cue, s.words) for s in sounds_for(events)]


def test_a_hold_starts_and_ends_with_its_own_cues() -> None:
    assert cues([HoldStarted(1, 2, 1002.0)]) == [(Cue.HOLD_START, "hold")]
    assert cues([HoldDone(3), RepCounted(3)]) == [(Cue.HOLD_END, "down")]
    assert [(s.cue, s.words) for s in sounds_for([HoldDone(3), RepCounted(3)], reps=True)] == [
        (Cue.HOLD_END, "three")
    ]


def test_reps_are_counted_aloud_only_when_asked() -> None:
    assert cues([RepCounted(4)]) == []
    assert sounds_for([RepCounted(4)], reps=True) == [Sound(Cue.REP, "four")]


def test_the_machine_events_of_a_per_side_set_and_its_rest() -> None:
    m, clock = machine(counted(sets=2, reps=(1, 1), per_side=True, rest=60), switch_seconds=5)
    first_half = m.rep()
    assert cues(first_half) == [(Cue.SIDE_SWITCH, "right side")]
    clock.advance(5)
    assert cues(m.tick()) == []  # the switch pause ends: the right half is counting
    second_half = m.rep()
    assert cues(second_half) == [(Cue.SET_DONE, "set done, rest sixty seconds")]
    clock.advance(50)
    assert cues(m.tick()) == [(Cue.REST_WARNING, "ten seconds")]
    clock.advance(10)
    assert cues(m.tick()) == [(Cue.REST_OVER, "rest over, left side")]
    m.rep()
    clock.advance(5)
    m.tick()
    assert cues(m.rep()) == [(Cue.SESSION_DONE, "session done, well done")]


def test_the_bell_rings_only_for_what_needs_the_user_now() -> None:
    attention = {
        s.cue
        for s in sounds_for(
            [
                SidesSwitched("left", 5),
                RestEnded(skipped=False),
                SessionDone(ended_early=False),
                LeadInStarted(5, 1.0),
                SetStarted("stretch", 1, None, 1.0, timed=True),
            ]
        )
        if s.attention
    }
    assert attention == {Cue.SIDE_SWITCH, Cue.REST_OVER, Cue.SESSION_DONE, Cue.LEAD_IN,
                         Cue.HOLD_START}  # fmt: skip
    quiet = sounds_for([HoldStarted(1, 2, 1.0), RestWarning(10), TempoStepChanged(TempoStep.LIFT)])
    assert not any(s.attention for s in quiet)


def test_a_timed_hold_has_a_lead_in_a_start_and_an_end() -> None:
    m, clock = machine(timed(sets=1, work=20, per_side=True), lead_in=5)
    assert cues(m.rep()) == [(Cue.LEAD_IN, "get into position")]
    clock.advance(5)
    assert cues(m.tick()) == [(Cue.HOLD_START, "hold")]
    clock.advance(20)
    events = m.tick()
    assert completed(events)
    assert cues(events) == [(Cue.HOLD_END, "done"), (Cue.SIDE_SWITCH, "right side")]


def test_a_skipped_rest_and_an_ended_session_say_so_quietly() -> None:
    assert cues([RestEnded(skipped=True)]) == []
    assert cues([SessionDone(ended_early=True)]) == [(Cue.SESSION_DONE, "session ended")]
    assert cues([RestStarted(60, 1.0, None)]) == []  # type: ignore[arg-type]


def test_tempo_beats_say_lift_hold_lower() -> None:
    events = [TempoChanged(active=True), TempoStepChanged(TempoStep.HOLD),
              TempoStepChanged(TempoStep.LOWER)]  # fmt: skip
    assert cues(events) == [(Cue.TEMPO_LIFT, "lift"), (Cue.TEMPO_HOLD, "hold"),
                            (Cue.TEMPO_LOWER, "lower")]  # fmt: skip


def test_numbers_and_durations_in_words() -> None:
    assert [number_words(n) for n in (0, 3, 13, 20, 45, 99, 120, 1000)] == [
        "zero", "three", "thirteen", "twenty", "forty-five", "ninety-nine",
        "one hundred twenty", "1000",
    ]  # fmt: skip
    assert duration_words(1) == "one second"
    assert duration_words(60) == "sixty seconds"
    assert duration_words(120) == "two minutes"
    assert duration_words(150) == "two minutes thirty"
