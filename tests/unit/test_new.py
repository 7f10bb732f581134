"""`hiptui new ID`: a commented template that `hiptui check` accepts once filled in."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from hiptui.cli.main import main
from hiptui.content.loader import load_exercise_file
from hiptui.content.models import CATEGORIES, EQUIPMENT, LEVELS, MUSCLES
from hiptui.content.template import template_text
from hiptui.paths import user_exercises_dir


def hiptui(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill_in(text: str) -> str:
    counter = iter(range(1, 1000))
    return re.sub(r'"TODO:[^"]*"', lambda _: f'"Filled-in text {next(counter)}."', text)


def test_new_writes_a_template_into_the_user_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = hiptui(capsys, "new", "single-leg-hop")
    path = user_exercises_dir() / "single-leg-hop.toml"
    assert code == 0, err
    assert out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.count("TODO") >= 4
    data = tomllib.loads(text)
    assert data["id"] == "single-leg-hop" and data["name"] == "Single leg hop"


def test_filled_in_template_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    hiptui(capsys, "new", "wall-sit-hold")
    path = user_exercises_dir() / "wall-sit-hold.toml"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "TODO" not in path.read_text(encoding="utf-8").replace("starts with TODO", "")
    code, out, err = hiptui(capsys, "check", str(path))
    assert code == 0, out
    assert "0 problems" in err
    exercise = load_exercise_file(path)
    assert not isinstance(exercise, list)
    assert exercise.id == "wall-sit-hold" and exercise.summary.startswith("Filled-in text")
    assert exercise.dosage.defaults == ("sets", "reps", "rest_seconds")
    code, out, _ = hiptui(capsys, "list")
    assert code == 0 and "wall-sit-hold" in out


def test_an_unfilled_template_is_reported_line_by_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hiptui(capsys, "new", "half-done")
    path = user_exercises_dir() / "half-done.toml"
    text = path.read_text(encoding="utf-8")
    # Fill in all but the summary: only its line is left to report.
    summary_line = next(
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith("summary = ")
    )
    lines = text.splitlines(keepends=True)
    path.write_text(
        "".join(line if n == summary_line else fill_in(line) for n, line in enumerate(lines, 1)),
        encoding="utf-8",
    )
    code, out, err = hiptui(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:{summary_line}: still holds template text starting with TODO: replace it"
    ]
    assert "1 problem in 1 file\n" in err
    code, out, _ = hiptui(capsys, "check")  # the user folder, checked with every folder
    assert code == 1 and f"{path}:{summary_line}:" in out


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "mine"
    assert hiptui(capsys, "new", "my-move", "--into", str(target))[0] == 0
    path = target / "my-move.toml"
    path.write_text("my precious edits", encoding="utf-8")
    code, out, err = hiptui(capsys, "new", "my-move", "--into", str(target))
    assert code == 1 and out == ""
    assert err.strip() == f"{path}: already exists; not overwritten"
    assert path.read_text(encoding="utf-8") == "my precious edits"
    assert [p.name for p in target.iterdir()] == ["my-move.toml"]


@pytest.mark.parametrize("bad", ["My Move", "my_move", "x-", "Ünïcode", "a--b"])
def test_ids_must_be_kebab_case(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, _, err = hiptui(capsys, "new", bad)
    assert code == 2 and "is not a kebab-case id" in err
    assert not user_exercises_dir().exists()


def test_reusing_a_bundled_id_is_allowed_with_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = hiptui(capsys, "new", "glute-bridge")
    assert code == 0
    assert "also has the id 'glute-bridge'" in err


def test_the_comments_list_every_vocabulary_and_stay_narrow() -> None:
    text = template_text("x")
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("#"))
    for word in (*LEVELS, *CATEGORIES, *MUSCLES, *EQUIPMENT):
        assert word in comments, word
    assert max(len(line) for line in text.splitlines()) <= 100
    examples = ("# [", "# foot", "# name", "# text")
    commented_out = "\n".join(line[2:] for line in text.splitlines() if line.startswith(examples))
    extra = tomllib.loads(commented_out)  # the optional examples are valid TOML once uncommented
    assert extra["quantities"]["foot_to_glutes"]["unit"] == "in"


def test_check_reads_a_folders_routines_and_ladders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    (folder / "routines").mkdir(parents=True)
    (folder / "progression").mkdir()
    (folder / "routines" / "legs.toml").write_text(
        'id = "legs"\nname = "Legs"\nsummary = "Mine."\nsource = "me"\nwarmup = "warm-up"\n'
        '[[items]]\nexercise = "glute-bridge"\n[[items]]\nexercise = "glute-brige"\n',
        encoding="utf-8",
    )
    (folder / "routines" / "broken.toml").write_text('id = "broken\n', encoding="utf-8")
    (folder / "progression" / "ladders.toml").write_text(
        '[[ladders]]\nid = "mine"\nname = "Mine"\nsteps = ["glute-bridge", "no-such-move"]\n',
        encoding="utf-8",
    )
    code, out, _ = hiptui(capsys, "check", str(folder))
    lines = out.splitlines()
    assert code == 1
    assert any(line.startswith(f"{folder / 'routines' / 'broken.toml'}:1:") for line in lines)
    legs = folder / "routines" / "legs.toml"
    assert f"{legs}: routine 'legs' names an unknown exercise 'glute-brige'" in lines
    assert any("ladders.toml" in line and "no-such-move" in line for line in lines)
    assert len(lines) == 3  # the bundled warm-up and glute bridge are known
