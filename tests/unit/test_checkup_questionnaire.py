"""The questionnaire content file: the bundled one is complete, and a broken one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptui.content.checkup_form import (
    ANSWER_SCALES,
    CHECKUP_FORM_FILE,
    QUESTION_KEYS,
    CheckupForm,
    load_checkup_form,
)
from hiptui.content.text import first_unsafe_char
from hiptui.paths import bundled_content_dir

BUNDLED = bundled_content_dir() / CHECKUP_FORM_FILE


def bundled() -> CheckupForm:
    questionnaire, problems = load_checkup_form(bundled_content_dir())
    assert problems == []
    assert questionnaire is not None
    return questionnaire


def test_fifteen_questions_in_the_issue_order_with_the_issue_scales() -> None:
    questionnaire = bundled()
    assert [q.key for q in questionnaire.questions] == list(QUESTION_KEYS)
    assert [q.number for q in questionnaire.questions] == list(range(1, 16))
    assert QUESTION_KEYS[-1] == "abdominal_check"
    for question in questionnaire.questions:
        assert tuple(o.value for o in question.options) == ANSWER_SCALES[question.key]
        assert all(o.label.strip() for o in question.options)
        assert question.prompt.endswith("?") and question.help.strip()
    assert ANSWER_SCALES["weekday.desk"] == (0, 15, 30, 60, 120, 180, 240, 300, 360)


def test_the_weekday_and_weekend_questions_say_which_day() -> None:
    questionnaire = bundled()
    for question in questionnaire.questions[:4]:
        assert "weekday" in question.prompt
    for question in questionnaire.questions[4:8]:
        assert "weekend" in question.prompt


def test_home_checks_are_attached_step_by_step() -> None:
    questionnaire = bundled()
    thomas = questionnaire.question("thigh_check").check
    assert thomas is not None and thomas is questionnaire.question("knee_check").check
    assert "modified Thomas test" in thomas.summary
    assert len(thomas.steps) >= 5
    assert "90 degrees" in " ".join(thomas.steps)
    assert "hurts" in thomas.stop
    for key, check_id in (("wall_gap", "wall"), ("bridge_hold", "bridge")):
        check = questionnaire.question(key).check
        assert check is not None and check.id == check_id and check.steps
    assert questionnaire.question("breaks").check is None


def test_only_the_wall_gap_is_for_information() -> None:
    questionnaire = bundled()
    assert [q.key for q in questionnaire.questions if not q.scored] == ["wall_gap"]
    assert "information only" in questionnaire.question("wall_gap").help


def test_labels() -> None:
    question = bundled().question("bridge_hold")
    assert question.label("E") == "I stopped because it hurt"
    assert question.label("Z") == "Z"
    minutes = bundled().question("weekday.desk")
    assert minutes.label(360) == "6 hours or more"
    with pytest.raises(KeyError):
        bundled().question("sofa")


def test_disclaimer_covers_what_the_issue_asks() -> None:
    text = " ".join(bundled().disclaimer.split()).lower()
    for phrase in (
        "education",
        "not a diagnosis",
        "rough",
        "no pain",
        "stop any check that hurts",
        "pain, numbness",
        "injury",
        "operation",
        "pregnant",
    ):
        assert phrase in text, phrase


def test_sources_are_cited() -> None:
    sources = " ".join(bundled().sources)
    for name in ("Rosenberg", "2010", "Ekelund", "2016", "modified Thomas test"):
        assert name in sources


def test_no_control_characters_anywhere() -> None:
    questionnaire = bundled()
    texts = [questionnaire.title, questionnaire.intro, questionnaire.disclaimer]
    for question in questionnaire.questions:
        texts += [question.prompt, question.help, *(o.label for o in question.options)]
    for check in questionnaire.checks:
        texts += [check.title, check.summary, check.stop, *check.steps]
    for text in texts:
        assert first_unsafe_char(text, allow_newlines=True) is None


# -- broken files --------------------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> list[str]:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / CHECKUP_FORM_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    questionnaire, problems = load_checkup_form(tmp_path)
    assert questionnaire is None and problems
    assert all(p.path == str(path) for p in problems)
    lines = text.replace(old, new, count).splitlines()
    for problem in problems:
        if problem.line is not None:
            assert 1 <= problem.line <= len(lines)
    return [f"{lines[p.line - 1].strip() if p.line else ''} | {p.message}" for p in problems]


def test_a_scale_with_other_values_is_refused(tmp_path: Path) -> None:
    found = broken(tmp_path, "{ value = 30, label", "{ value = 45, label")
    assert len(found) == 8  # each of the eight sitting questions names the bad scale
    assert found[0].startswith("scale = \"minutes\" | questions[1].scale: scale 'minutes' has")
    assert "needs exactly 0, 15, 30, 60" in found[0]


def test_a_question_on_the_wrong_scale_is_refused(tmp_path: Path) -> None:
    found = broken(tmp_path, 'scale = "breaks"', 'scale = "bridge-hold"')
    assert found == [
        "scale = \"bridge-hold\" | questions[9].scale: scale 'bridge-hold' has the values "
        "'A', 'B', 'C', 'D', 'E'; 'breaks' needs exactly 'A', 'B', 'C', 'D'"
    ]


def test_unknown_missing_and_misordered_questions(tmp_path: Path) -> None:
    found = broken(tmp_path, 'key = "knee_check"', 'key = "knee_chek"')
    assert found[0].endswith(
        "questions[12].key: unknown question key 'knee_chek' (did you mean 'knee_check'?)"
    )
    assert found[-1] == " | questions: missing question 'knee_check'"
    found = broken(tmp_path, 'key = "weekday.travel"', 'key = "weekday.other"')
    assert "question 'weekday.other' appears twice" in found[1]
    assert "should be 'weekday.travel'" in found[0]


def test_bad_fields_are_reported_with_their_lines(tmp_path: Path) -> None:
    found = broken(tmp_path, 'check = "wall"', 'check = "wal"')
    assert found == ["check = \"wal\" | questions[13].check: no check 'wal' in [checks]"]
    found = broken(tmp_path, 'scale = "minutes"', 'scale = "minute"')
    assert found == ["scale = \"minute\" | questions[1].scale: no scale 'minute' in [scales]"]
    found = broken(tmp_path, 'title = "Sitting and hip self-check"', 'titel = "x"')
    assert "unknown key 'titel' (did you mean 'title'?)" in found[0]
    found = broken(tmp_path, "{ value = 15, label", "{ value = 0, label")
    assert found[0].startswith('{ value = 0, label = "15 minutes or less" }, | scales.minutes')
    assert "appears twice" in found[0]


def test_control_characters_are_refused(tmp_path: Path) -> None:
    found = broken(tmp_path, "Use something firm", "Use \\u001b[2J something firm")
    assert found[0].endswith("contains a control character (U+001B)")


def test_missing_file_is_one_problem(tmp_path: Path) -> None:
    questionnaire, problems = load_checkup_form(tmp_path)
    assert questionnaire is None
    assert len(problems) == 1 and "cannot be read" in problems[0].message
