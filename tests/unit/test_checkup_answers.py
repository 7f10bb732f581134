"""Reading answers files: every problem as ``path:line: message``, all of them at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hiptui.content.checkup_form import OPTIONAL_KEYS, QUESTION_KEYS
from hiptui.content.text import first_unsafe_char
from hiptui.core.checkup.answers import Answers, SittingDay, load_answers, parse_answers

GOOD = """\
breaks = "D"          # A B C D
strength_days = 0     # 0 1 2 3
thigh_check = "N"     # Y N U
knee_check = "Y"      # Y N U
wall_gap = "none"     # none, hand, forearm, unsure
bridge_hold = "C"     # A B C D E

[weekday]             # minutes, one of 0 15 30 60 120 180 240 300 360
desk = 360
screens = 120
travel = 60
other = 30

[weekend]
desk = 0
screens = 180
travel = 30
other = 60
"""

EXPECTED = Answers(
    weekday=SittingDay(360, 120, 60, 30),
    weekend=SittingDay(0, 180, 30, 60),
    breaks="D",
    strength_days=0,
    thigh_check="N",
    knee_check="Y",
    wall_gap="none",
    bridge_hold="C",
)


def write(tmp_path: Path, text: str, name: str = "answers.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """Each problem as ``line: message`` (checking that it names the file)."""
    path = write(tmp_path, text)
    answers, problems = load_answers(path)
    assert answers is None and problems
    for problem in problems:
        assert problem.path == str(path)
        assert first_unsafe_char(problem.message) is None, problem.message
    return [f"{p.line}: {p.message}" for p in problems]


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_the_issue_example_loads(tmp_path: Path) -> None:
    answers, problems = load_answers(write(tmp_path, GOOD))
    assert problems == []
    assert answers == EXPECTED


def test_inline_tables_and_dotted_keys_load_too(tmp_path: Path) -> None:
    text = GOOD.split("[weekday]")[0] + (
        "weekday = { desk = 360, screens = 120, travel = 60, other = 30 }\n"
        "weekend.desk = 0\nweekend.screens = 180\nweekend.travel = 30\nweekend.other = 60\n"
    )
    answers, problems = load_answers(write(tmp_path, text))
    assert problems == [] and answers == EXPECTED


def test_round_trip_through_to_dict() -> None:
    answers, problems = parse_answers(EXPECTED.to_dict(), "saved")
    assert problems == [] and answers == EXPECTED
    assert Answers.from_values(EXPECTED.values()) == EXPECTED
    # The file holds no abdominal control check (written before it existed): not done.
    assert EXPECTED.abdominal_check is None
    assert tuple(EXPECTED.values()) == tuple(k for k in QUESTION_KEYS if k not in OPTIONAL_KEYS)
    done = dataclasses.replace(EXPECTED, abdominal_check="B")
    assert tuple(done.values()) == QUESTION_KEYS
    assert parse_answers(done.to_dict(), "saved") == (done, [])
    assert Answers.from_values(done.values()) == done


def test_missing_top_level_key(tmp_path: Path) -> None:
    assert problems_of(tmp_path, edit('breaks = "D"          # A B C D\n', "")) == [
        "None: missing key 'breaks' (answer with one of A B C D)"
    ]


def test_missing_key_in_a_table_points_at_the_table(tmp_path: Path) -> None:
    assert problems_of(tmp_path, edit("travel = 60\n", "")) == [
        "8: weekday: missing key 'travel' (answer with one of 0 15 30 60 120 180 240 300 360)"
    ]


def test_missing_table(tmp_path: Path) -> None:
    text = GOOD.split("[weekend]")[0]
    assert problems_of(tmp_path, text) == [
        "None: missing table [weekend] (the minutes for desk, screens, travel, other)"
    ]


def test_table_of_the_wrong_type(tmp_path: Path) -> None:
    text = GOOD.split("[weekday]")[0] + "weekday = 5\n" + "[weekend]" + GOOD.split("[weekend]")[1]
    assert problems_of(tmp_path, text) == [
        "8: weekday: must be a table [weekday], not a whole number"
    ]


def test_unknown_keys_with_did_you_mean(tmp_path: Path) -> None:
    text = edit("bridge_hold", "bridge_hld") + "sofa = 30\n"
    assert problems_of(tmp_path, text) == [
        "6: bridge_hld: unknown key (did you mean 'bridge_hold'?)",
        "19: weekend.sofa: unknown key",
        "None: missing key 'bridge_hold' (answer with one of A B C D E)",
    ]
    assert problems_of(tmp_path, edit("screens = 120", "screen = 120")) == [
        "8: weekday: missing key 'screens' (answer with one of 0 15 30 60 120 180 240 300 360)",
        "10: weekday.screen: unknown key (did you mean 'screens'?)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "desk = 360",
            "desk = 45",
            "9: weekday.desk: 45 is not on the scale: 0 15 30 60 120 180 240 300 360 "
            "(the nearest are 30 and 60)",
        ),
        (
            "desk = 360",
            "desk = 480",
            "9: weekday.desk: 480 is not on the scale: 0 15 30 60 120 180 240 300 360 "
            "(use 360 for 6 hours or more)",
        ),
        (
            "desk = 360",
            "desk = -15",
            "9: weekday.desk: -15 is not on the scale: 0 15 30 60 120 180 240 300 360 "
            "(0 is the lowest)",
        ),
        (
            "strength_days = 0",
            "strength_days = 5",
            "2: strength_days: 5 is not on the scale: 0 1 2 3 (use 3 for 3 or more)",
        ),
        ('breaks = "D"', 'breaks = "E"', "1: breaks: 'E' is not on the scale: A B C D"),
        (
            'breaks = "D"',
            'breaks = "d"',
            "1: breaks: 'd' is not on the scale: A B C D (did you mean 'D'?)",
        ),
        (
            'wall_gap = "none"',
            'wall_gap = "forarm"',
            "5: wall_gap: 'forarm' is not on the scale: none hand forearm unsure "
            "(did you mean 'forearm'?)",
        ),
        (
            'bridge_hold = "C"',
            'bridge_hold = "F"',
            "6: bridge_hold: 'F' is not on the scale: A B C D E",
        ),
        ('thigh_check = "N"', 'thigh_check = "maybe"', None),
    ],
)
def test_values_off_the_scale(tmp_path: Path, old: str, new: str, expected: str | None) -> None:
    found = problems_of(tmp_path, edit(old, new))
    assert len(found) == 1
    if expected is not None:
        assert found == [expected]
    else:
        assert found[0].startswith("3: thigh_check: 'maybe' is not on the scale: Y N U")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "desk = 360",
            'desk = "360"',
            "9: weekday.desk: must be a whole number, one of 0 15 30 60 120 180 240 300 360; "
            "not text (write it without quotes)",
        ),
        (
            "desk = 360",
            "desk = 360.0",
            "9: weekday.desk: must be a whole number, one of 0 15 30 60 120 180 240 300 360; "
            "not a number",
        ),
        (
            "strength_days = 0",
            "strength_days = false",
            "2: strength_days: must be a whole number, one of 0 1 2 3; not true/false",
        ),
        (
            'breaks = "D"',
            "breaks = 4",
            "1: breaks: must be text, one of A B C D; not a whole number",
        ),
        (
            'knee_check = "Y"',
            "knee_check = true",
            "4: knee_check: must be text, one of Y N U; not true/false",
        ),
        ('breaks = "D"', 'breaks = ["D"]', "1: breaks: must be text, one of A B C D; not a list"),
        ('breaks = "D"', 'breaks = ""', "1: breaks: must not be empty"),
    ],
)
def test_values_of_the_wrong_type(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_of(tmp_path, edit(old, new)) == [expected]


def test_control_characters_in_values_and_keys(tmp_path: Path) -> None:
    text = edit('breaks = "D"', 'breaks = "D\\u001b[31m"') + '"x\\u0007y" = 1\n'
    found = problems_of(tmp_path, text)
    assert found[0] == "1: breaks: contains a control character (U+001B)"
    assert found[1].endswith("weekend.xy: unknown key")
    assert len(found) == 2


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = (
        GOOD.replace('breaks = "D"', 'breaks = "Z"')
        .replace("strength_days = 0", "strength_days = 9")
        .replace("desk = 360", "desk = 45")
        .replace("other = 60", "other = 61")
    )
    found = problems_of(tmp_path, text)
    assert [line.split(":")[0] for line in found] == ["1", "2", "9", "18"]


def test_toml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    found = problems_of(tmp_path, edit("travel = 60\n", "travel = \n"))
    assert len(found) == 1
    assert found[0].startswith("11: TOML syntax error")


def test_duplicate_key_is_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    found = problems_of(tmp_path, GOOD + "\n[weekday]\ndesk = 0\n")
    assert len(found) == 1 and found[0].startswith("20: TOML syntax error")


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    answers, problems = load_answers(missing)
    assert answers is None
    assert [str(p) for p in problems] == [f"{missing}: cannot be read: No such file or directory"]
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b'breaks = "\xff"\n')
    _, problems = load_answers(binary)
    assert [(p.line, p.message) for p in problems] == [(1, "is not valid UTF-8 (byte 10)")]
    _, problems = load_answers(tmp_path)
    assert [p.message for p in problems] == ["is a folder, not a TOML file"]


def test_from_values_reports_every_problem() -> None:
    values = dict(EXPECTED.values())
    del values["breaks"]
    values["weekday.desk"] = 45
    values["sofa"] = 1
    with pytest.raises(ValueError) as caught:
        Answers.from_values(values)
    message = str(caught.value)
    assert "missing key 'breaks'" in message
    assert "45 is not on the scale" in message
    assert "sofa: unknown key" in message


def test_building_answers_off_the_scale_is_an_error() -> None:
    for change in (
        {"weekday": SittingDay(45, 0, 0, 0)},
        {"weekend": SittingDay(0, 0, 0, 400)},
        {"breaks": "E"},
        {"strength_days": True},
        {"strength_days": 4},
        {"bridge_hold": "c"},
    ):
        with pytest.raises(ValueError):
            dataclasses.replace(EXPECTED, **change)
