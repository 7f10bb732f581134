"""Movement snacks: the bundled file, the loader's problems, and the rotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.loader import load_library
from hiptui.content.routines import load_routines
from hiptui.content.snacks import (
    FALLBACK_SNACK,
    SNACKS_FILE,
    Snack,
    load_snacks,
    pick_snack,
    unknown_links,
)
from hiptui.paths import bundled_content_dir

GOOD = """\
[[snacks]]
id = "walk"
name = "Walk"
text = "Walk for five minutes."
minutes = 5
source = "hiptui"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / SNACKS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the bundled snacks ---------------------------------------------------------------------------


def test_the_bundled_snacks_load_and_link_to_real_exercises_and_routines() -> None:
    content = bundled_content_dir()
    snacks, problems = load_snacks(content)
    assert problems == []
    assert len(snacks) >= 3
    library = load_library([content])
    routines, _ = load_routines([content])
    assert unknown_links(snacks, library.exercises, routines) == []
    # At least one snack is a plain walk and one starts an exercise as a mini session.
    assert any(s.exercise is None and s.routine is None for s in snacks)
    assert any(s.exercise is not None for s in snacks)


def test_each_bundled_snack_fills_the_articles_five_minute_break() -> None:
    snacks, _ = load_snacks(bundled_content_dir())
    # The article: get up every 30-60 minutes for at least 5 minutes at a time.
    assert all(snack.minutes >= 5 for snack in snacks)


def test_bundled_doses_fit_the_exercises_they_start() -> None:
    content = bundled_content_dir()
    snacks, _ = load_snacks(content)
    library = load_library([content])
    for snack in snacks:
        if snack.exercise is None:
            continue
        dosage = library.exercises[snack.exercise].dosage
        assert dosage is not None
        if snack.reps is not None:
            assert dosage.reps is not None
            assert dosage.reps.low <= snack.reps <= dosage.reps.high, snack.id
        if snack.seconds is not None:
            assert dosage.work_seconds is not None
            assert dosage.work_seconds.low <= snack.seconds <= dosage.work_seconds.high, snack.id


def test_the_kickback_snack_is_ten_per_side() -> None:
    snacks, _ = load_snacks(bundled_content_dir())
    kickbacks = [s for s in snacks if s.exercise == "standing-kickback"]
    assert kickbacks and kickbacks[0].reps == 10 and kickbacks[0].sets == 1


# -- the rotation ---------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10_000))
def test_pick_snack_rotates_through_every_snack_in_order(index: int) -> None:
    snacks, _ = load_snacks(bundled_content_dir())
    count = len(snacks)
    assert pick_snack(snacks, index) == snacks[index % count]
    assert pick_snack(snacks, index) == pick_snack(snacks, index + count)
    assert pick_snack(snacks, index) != pick_snack(snacks, index + 1)
    assert {pick_snack(snacks, index + n).id for n in range(count)} == {s.id for s in snacks}


def test_with_no_snacks_the_fallback_is_suggested() -> None:
    assert pick_snack([], 3) is FALLBACK_SNACK
    assert FALLBACK_SNACK.minutes >= 5


# -- problems --------------------------------------------------------------------------------


def test_a_good_file_loads(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    snacks, problems = load_snacks(tmp_path)
    assert problems == []
    assert snacks == [Snack("walk", "Walk", "Walk for five minutes.", 5, "hiptui")]


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    snacks, problems = load_snacks(tmp_path)
    assert snacks == []
    assert len(problems) == 1
    assert str(problems[0]).startswith(str(tmp_path / SNACKS_FILE))


def test_a_toml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    write(tmp_path, GOOD + "name = = 3\n")
    snacks, problems = load_snacks(tmp_path)
    assert snacks == []
    assert problems[0].line == 7
    assert "TOML syntax error" in problems[0].message


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ('colour = "red"\n', 7, "unknown key 'colour'"),
        ("mins = 5\n", 7, "did you mean 'minutes'?"),
        ('exercise = "Standing Kickback"\n', 7, "not a kebab-case id"),
        ('exercise = "a"\nroutine = "b"\n', 8, "not both"),
        ('exercise = "a"\nreps = 10\nseconds = 30\n', 9, "reps or seconds, not both"),
        ("reps = 10\n", 7, "need an exercise"),
        ('exercise = "a"\nreps = 0\n', 8, "out of range"),
        ('exercise = "a"\nsets = "one"\n', 8, "must be a whole number"),
    ],
)
def test_a_bad_snack_is_reported_with_its_line_and_left_out(
    tmp_path: Path, extra: str, line: int, message: str
) -> None:
    second = GOOD.replace('"walk"', '"second"')
    write(tmp_path, GOOD.rstrip("\n").replace('source = "hiptui"', 'source = "hiptui"\n' + extra)
          + "\n" + second)  # fmt: skip
    snacks, problems = load_snacks(tmp_path)
    assert [s.id for s in snacks] == ["second"]
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("minutes = 5", "minutes = 0", "out of range"),
        ('source = "hiptui"', 'source = "blog"', "not one of"),
        ('id = "walk"', 'id = "Walk Now"', "kebab-case"),
        ('text = "Walk for five minutes."', 'text = "Walk\\u001b[2J"', "control character"),
        ('name = "Walk"\n', "", "missing key 'name'"),
    ],
)
def test_bad_values_are_reported(tmp_path: Path, old: str, new: str, message: str) -> None:
    write(tmp_path, GOOD.replace(old, new))
    snacks, problems = load_snacks(tmp_path)
    assert snacks == []
    assert any(message in p.message for p in problems), problems
    assert all(p.line is not None for p in problems)


def test_a_repeated_id_is_reported(tmp_path: Path) -> None:
    write(tmp_path, GOOD + "\n" + GOOD)
    snacks, problems = load_snacks(tmp_path)
    assert [s.id for s in snacks] == ["walk"]
    assert len(problems) == 1 and "earlier snack" in problems[0].message
    assert problems[0].line == 9


@pytest.mark.parametrize("text", ["", "snacks = []\n", "snacks = 3\n", "title = 'x'\n"])
def test_a_file_without_snacks_is_reported(tmp_path: Path, text: str) -> None:
    write(tmp_path, text)
    snacks, problems = load_snacks(tmp_path)
    assert snacks == []
    assert any("[[snacks]]" in p.message for p in problems)


def test_unknown_links_names_each_missing_target() -> None:
    snacks = [
        Snack("a", "A", "x", 5, "hiptui", exercise="nope"),
        Snack("b", "B", "x", 5, "hiptui", routine="gone"),
        Snack("c", "C", "x", 5, "hiptui", exercise="glute-bridge"),
    ]
    assert unknown_links(snacks, {"glute-bridge"}, {"desk-break"}) == [
        "snack 'a': no exercise 'nope'",
        "snack 'b': no routine 'gone'",
    ]
