"""The pelvic-tilt screen of the self-check: the abdominal control check (the flat-back hold),
the wall check in the result, and the thigh and knee check's known limits beside it.

The worked examples are those of docs/checkup.md, worked out by hand there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hiptui.content.checkup_form import load_checkup_form
from hiptui.core.checkup.answers import Answers, load_answers
from hiptui.core.checkup.scoring import CheckupResult, score
from hiptui.core.checkup.text import changes, figures
from hiptui.paths import bundled_content_dir

DESK: dict[str, Any] = {
    "weekday.desk": 360, "weekday.screens": 120, "weekday.travel": 60, "weekday.other": 30,
    "weekend.desk": 0, "weekend.screens": 180, "weekend.travel": 30, "weekend.other": 60,
    "breaks": "D", "strength_days": 0, "thigh_check": "N", "knee_check": "Y",
    "wall_gap": "hand", "bridge_hold": "C",
}  # fmt: skip
EVEN: dict[str, Any] = {f"{d}.{k}": 60 for d in ("weekday", "weekend")
                        for k in ("desk", "screens", "travel", "other")}  # fmt: skip


def scored(values: dict[str, Any]) -> tuple[Answers, CheckupResult]:
    answers = Answers.from_values(values)
    return answers, score(answers)


def shown(answers: Answers, result: CheckupResult) -> dict[str, tuple[str, str]]:
    return {f.key: (f.value, f.meaning) for f in figures(answers, result)}


def plan(result: CheckupResult) -> list[tuple[str, str | None]]:
    return [(r.kind, r.id) for r in result.recommendations]


def test_example_1_every_check_done() -> None:
    answers, result = scored({**DESK, "abdominal_check": "C"})
    sitting = (result.weekly_minutes, result.average_hours_text, result.band)
    assert sitting == (3390, "8.07", "very-high")
    assert (result.priority_points, result.priority_out_of, result.priority) == (6, 6, "high")
    assert not result.pain_flag and result.abdominal_check == "C"
    assert plan(result) == [
        ("warm-up", "warm-up"), ("strength", "glute-bridge"), ("strength", "quadruped-kickback"),
        ("strength", "standing-kickback"), ("pelvic-control", "posterior-pelvic-tilt"),
        ("schedule", None), ("stretch", "kneeling-hip-flexor-stretch"), ("breaks", None),
    ]  # fmt: skip
    figure = shown(answers, result)
    assert figure["priority"][0] == "high (6 of 6 points)"
    assert figure["priority"][1].endswith("a short flat-back hold.")
    assert figure["abdominal_check"][0] == "under 15 s"


def test_example_2_the_same_answers_without_the_check_score_as_before() -> None:
    with_check = score(Answers.from_values({**DESK, "abdominal_check": "C"}))
    answers, result = scored(DESK)
    assert (
        result.abdominal_check == "not-done" and result.to_dict()["abdominal_check"] == "not-done"
    )
    assert (result.priority_points, result.priority_out_of, result.priority) == (5, 5, "high")
    assert plan(result) == [item for item in plan(with_check) if item[0] != "pelvic-control"]
    figure = shown(answers, result)
    assert figure["abdominal_check"][0] == "not done"
    assert "out of 5 priority points instead of 6" in figure["abdominal_check"][1]
    assert figure["priority"][0] == "high (5 of 5 points)"


def test_example_3_a_fair_hold_adds_the_dead_bug_and_no_point() -> None:
    _, result = scored({**EVEN, "breaks": "B", "strength_days": 2, "thigh_check": "U",
                              "knee_check": "N", "wall_gap": "forearm", "bridge_hold": "B",
                              "abdominal_check": "B"})  # fmt: skip
    sitting = (result.weekly_minutes, result.average_hours_text, result.band)
    assert sitting == (1680, "4.00", "moderate")
    assert (result.reminder_minutes, result.hip_flexor_patterns) == (45, ("rectus-femoris",))
    assert (result.priority_points, result.priority_out_of, result.priority) == (1, 6, "low")
    assert plan(result) == [
        ("warm-up", "warm-up"), ("strength", "single-leg-glute-bridge"),
        ("strength", "upright-hip-thrust"), ("strength", "step-up"),
        ("pelvic-control", "dead-bug"), ("schedule", None), ("stretch", "couch-stretch"),
        ("breaks", None),
    ]  # fmt: skip


def test_example_4_a_hold_that_hurt_sets_the_pain_flag_and_drops_the_load() -> None:
    answers, result = scored({**EVEN, "breaks": "A", "strength_days": 3, "thigh_check": "Y",
                              "knee_check": "Y", "wall_gap": "none", "bridge_hold": "A",
                              "abdominal_check": "E"})  # fmt: skip
    assert (result.priority_points, result.priority, result.pain_flag) == (0, "low", True)
    kinds = plan(result)
    assert kinds[0] == ("safety", None) and "flat-back hold hurt" in result.recommendations[0].text
    assert [i for k, i in kinds if k == "strength"] == ["glute-bridge", "quadruped-kickback"]
    assert not [k for k, _ in kinds if k == "pelvic-control"]
    assert shown(answers, result)["pain_flag"] == (
        "yes", "The flat-back hold hurt: see a clinician, and no loaded or abdominal exercises "
        "for now.",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("hold", "point", "exercise"),
    [("A", 0, None), ("B", 0, "dead-bug"), ("C", 1, "posterior-pelvic-tilt"), ("U", 0, None)],
)
def test_only_a_short_hold_scores_a_point(hold: str, point: int, exercise: str | None) -> None:
    base = score(Answers.from_values(DESK)).priority_points
    _, result = scored({**DESK, "abdominal_check": hold})
    assert result.priority_points == base + point
    assert [i for k, i in plan(result) if k == "pelvic-control"] == ([exercise] if exercise else [])


def test_an_answers_file_in_todays_format_still_scores_with_the_check_not_done(
    tmp_path: Path,
) -> None:
    path = tmp_path / "answers.toml"
    lines = [f"{k} = {v!r}".replace("'", '"') for k, v in DESK.items() if "." not in k]
    lines += ["[weekday]", "desk = 360", "screens = 120", "travel = 60", "other = 30"]
    lines += ["[weekend]", "desk = 0", "screens = 180", "travel = 30", "other = 60"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers, problems = load_answers(path)
    assert problems == [] and answers is not None and answers.abdominal_check is None
    assert score(answers).abdominal_check == "not-done"
    path.write_text('abdominal_check = "D"\n' + path.read_text(), encoding="utf-8")
    answers, problems = load_answers(path)
    assert answers is None and "'D' is not on the scale: A B C E U" in problems[0].message


def test_the_wall_check_appears_with_what_it_can_and_cannot_tell() -> None:
    answers, result = scored(DESK)
    value, meaning = shown(answers, result)["wall_gap"]
    assert value == "fingers or a flat hand fit" and result.to_dict()["wall_gap"] == "hand"
    assert "no figure and no part of the plan depend on it" in meaning
    assert "cannot tell whether anything is wrong" in meaning
    assert "Herrington 2011" in meaning and "85%" in meaning and "75%" in meaning


def test_a_change_in_the_flat_back_hold_is_reported() -> None:
    before = score(Answers.from_values({**DESK, "abdominal_check": "C"})).to_dict()
    after = score(Answers.from_values({**DESK, "abdominal_check": "B"}))
    assert "Abdominal control: under 15 s -> 15 to 29 s" in changes(before, after)
    old_style = {k: v for k, v in before.items() if k != "abdominal_check"}
    assert not [line for line in changes(old_style, after) if "Abdominal" in line]


def test_the_home_checks_say_how_to_flatten_the_back_and_the_thomas_tests_limits() -> None:
    form, problems = load_checkup_form(bundled_content_dir())
    assert problems == [] and form is not None
    thomas = form.question("thigh_check").check
    assert thomas is not None and "Vigotsky" in thomas.summary
    flatten = next(i for i, step in enumerate(thomas.steps) if "Flatten your lower back" in step)
    hug = next(i for i, step in enumerate(thomas.steps) if "to your chest" in step)
    assert flatten < hug
    flat_back = form.question("abdominal_check").check
    assert flat_back is not None and flat_back.id == "flat-back"
    assert any("timer" in step for step in flat_back.steps)
    assert flat_back.stop.startswith("Stop at once if it hurts")
    assert "not a published norm" in flat_back.summary
    assert [o.value for o in form.question("abdominal_check").options] == list("ABCEU")
    assert "not a diagnosis" in form.disclaimer
