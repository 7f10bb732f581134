"""Any valid answers give a consistent result; the answers parser never crashes."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.content.checkup_form import ANSWER_SCALES, OPTIONAL_KEYS
from hiptui.content.loader import load_library
from hiptui.core.checkup.answers import Answers, parse_answers
from hiptui.core.checkup.scoring import (
    BANDS,
    HIGH_FROM,
    LOW_BELOW,
    PRIORITIES,
    RECOMMENDATION_KINDS,
    REMINDER_CHOICES,
    RESULT_KEYS,
    VERY_HIGH_ABOVE,
    CheckupResult,
    score,
)
from hiptui.core.checkup.text import changes, figures
from hiptui.paths import bundled_content_dir
from tests.profiles import examples

valid_values = st.fixed_dictionaries(
    {
        key: st.sampled_from(scale)
        for key, scale in ANSWER_SCALES.items()
        if key not in OPTIONAL_KEYS
    },
    optional={key: st.sampled_from(ANSWER_SCALES[key]) for key in OPTIONAL_KEYS},
)
valid_answers = valid_values.map(Answers.from_values)


@cache
def exercise_ids() -> frozenset[str]:
    return frozenset(load_library([bundled_content_dir()]).exercises)


def expected_band(weekly: int) -> str:
    if weekly < LOW_BELOW:
        return "low"
    if weekly < HIGH_FROM:
        return "moderate"
    return "high" if weekly <= VERY_HIGH_ABOVE else "very-high"


@settings(max_examples=examples(600))
@given(valid_answers)
def test_any_valid_answers_give_a_consistent_result(answers: Answers) -> None:
    result = score(answers)
    weekday, weekend = answers.weekday.total, answers.weekend.total
    assert result.weekly_minutes == 5 * weekday + 2 * weekend
    assert result.band in BANDS and result.band == expected_band(result.weekly_minutes)
    # The two-decimal average is S / 420 cut (not rounded) to hundredths.
    whole, _, cents = result.average_hours_text.partition(".")
    hundredths = int(whole) * 100 + int(cents)
    assert len(cents) == 2
    assert hundredths * 420 <= result.weekly_minutes * 100 < (hundredths + 1) * 420
    # ... so the shown figure sits in its band's hours.
    shown = hundredths / 100
    assert (shown < 4) == (result.band == "low")
    assert (shown > 8) == (result.band == "very-high")
    assert result.reminder_minutes in REMINDER_CHOICES
    assert result.priority_out_of == (5 if answers.abdominal_check is None else 6)
    assert 0 <= result.priority_points <= result.priority_out_of
    assert result.priority in PRIORITIES
    assert result.pain_flag == ("E" in (answers.bridge_hold, answers.abdominal_check))
    assert result.abdominal_check == (answers.abdominal_check or "not-done")
    assert result.plausibility_flag == (weekday > 1080 or weekend > 1080)
    assert (result.hip_flexor == "yes") == bool(result.hip_flexor_patterns)
    check_plan(answers, result)
    data = result.to_dict()
    assert tuple(data) == RESULT_KEYS
    assert json.loads(json.dumps(data)) == data
    assert [figure.key for figure in figures(answers, result)][:4] == list(RESULT_KEYS[:4])
    assert changes(data, result) == []


def check_plan(answers: Answers, result: CheckupResult) -> None:
    ids = result.exercise_ids
    assert set(ids) <= exercise_ids()
    assert {r.kind for r in result.recommendations} <= set(RECOMMENDATION_KINDS)
    assert "warm-up" in ids
    strength = [r.id for r in result.recommendations if r.kind == "strength"]
    assert 2 <= len(strength) <= 3
    stretches = {r.id for r in result.recommendations if r.kind == "stretch"}
    assert bool(stretches) == (result.hip_flexor == "yes")
    assert ("couch-stretch" in stretches) == ("rectus-femoris" in result.hip_flexor_patterns)
    pelvic = [r.id for r in result.recommendations if r.kind == "pelvic-control"]
    expected = {"B": ["dead-bug"], "C": ["posterior-pelvic-tilt"]}
    assert pelvic == expected.get(answers.abdominal_check or "", [])
    if result.pain_flag:
        assert "hip-thrust" not in ids
        assert any("clinician" in r.text for r in result.recommendations if r.id is None)
    if answers.bridge_hold in ("C", "D"):
        assert strength[0] == "glute-bridge"
    assert result.recommendations[-1].text.count(str(result.reminder_minutes)) == 1


@given(valid_answers)
def test_answers_round_trip_through_toml(answers: Answers) -> None:
    text = tomli_w.dumps(answers.to_dict())
    again, problems = parse_answers(tomllib.loads(text), "answers.toml")
    assert problems == [] and again == answers


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1000, max_value=2000),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["A", "B", "C", "D", "E", "Y", "N", "U", "none", "hand"]),
)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = draw(valid_values.map(lambda v: Answers.from_values(v).to_dict()))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        key = draw(st.sampled_from([*data, "weekday", "weekend", "extra"]))
        action = draw(st.sampled_from(["drop", "replace", "nest"]))
        target = data
        if (
            key in ("weekday", "weekend")
            and isinstance(data.get(key), dict)
            and draw(st.booleans())
        ):
            target = data[key]
            key = draw(st.sampled_from(["desk", "screens", "travel", "other", "sofa"]))
        if action == "drop":
            target.pop(key, None)
        elif action == "replace":
            value = draw(scalars)
            if value is not None:
                target[key] = value
        else:
            target[key] = {"x": draw(scalars) or 0}
    return data


@settings(max_examples=examples(600))
@given(damaged())
def test_damaged_answers_give_problems_or_answers_never_a_crash(data: dict[str, Any]) -> None:
    answers, problems = parse_answers(data, "answers.toml")
    assert (answers is None) == bool(problems)
    if answers is not None:
        assert answers.to_dict() == data
    for problem in problems:
        assert problem.path == "answers.toml" and problem.message
