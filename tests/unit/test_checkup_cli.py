"""``hiptui checkup --answers FILE [--json] [--save]`` as a user runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hiptui.cli.main import main
from hiptui.core.checkup.answers import load_answers
from hiptui.core.checkup.scoring import RESULT_KEYS, score
from hiptui.paths import database_path
from hiptui.store.db import Database
from tests.samples import EXAMPLE_ANSWERS

ANSWERS = EXAMPLE_ANSWERS
# S = 5 x 240 + 2 x 240 = 1680: the moderate band's lower edge, 4.00 hours a day.
EDGE = """\
breaks = "A"
strength_days = 0
thigh_check = "N"
knee_check = "Y"
wall_gap = "none"
bridge_hold = "C"

[weekday]
desk = 120
screens = 60
travel = 30
other = 30

[weekend]
desk = 0
screens = 120
travel = 60
other = 60
"""


def write(tmp_path: Path, text: str = ANSWERS, name: str = "answers.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["checkup", *args])
    out, err = capsys.readouterr()
    return code, out, err


def saved() -> list[dict[str, object]]:
    if not database_path().exists():
        return []
    with Database.open(database_path()) as db:
        return [{"answers": c.answers, "result": c.result} for c in db.checkups()]


def test_json_has_exactly_the_issue_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--answers", str(write(tmp_path)), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == list(RESULT_KEYS) == [
        "weekday_minutes", "weekend_minutes", "weekly_minutes", "average_hours", "band",
        "reminder_minutes", "hip_flexor", "hip_flexor_patterns", "priority_points", "priority",
        "pain_flag", "plausibility_flag", "recommendations", "wall_gap", "abdominal_check",
    ]  # fmt: skip
    answers, _ = load_answers(write(tmp_path))
    assert answers is not None
    assert data == json.loads(json.dumps(score(answers).to_dict()))
    assert (data["weekly_minutes"], data["band"], data["average_hours"]) == (
        3390,
        "very-high",
        8.07,
    )
    assert all("id" in r or "text" in r for r in data["recommendations"])
    assert saved() == []  # nothing saved without --save


def test_json_average_always_has_two_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--answers", str(write(tmp_path, EDGE)), "--json")
    assert code == 0
    assert json.loads(out)["weekly_minutes"] == 1680
    assert re.search(r'"average_hours": 4\.00,', out)
    assert json.loads(out)["band"] == "moderate"


def test_plain_report_has_every_figure_the_plan_and_the_disclaimer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--answers", str(write(tmp_path)))
    assert (code, err) == (0, "")
    for text in (
        "Weekday sitting  570 min (9 h 30 min)",
        "Weekly sitting   3390 min",
        "Average per day  8.07 h",
        "Sitting band     very-high",
        "Break interval   every 30 min",
        "Hip flexors      yes: iliopsoas (thigh lifted)",
        "Priority         high (5 of 5 points)",
        "[very-high (over 8 h)]",
        "- glute-bridge:",
        "- kneeling-hip-flexor-stretch:",
        "not a diagnosis",
        "pregnant",
    ):
        assert " ".join(text.split()) in " ".join(out.split()), text
    assert "Since your last self-check" not in out
    assert saved() == []


def test_bad_answers_go_to_stderr_with_lines_and_exit_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, ANSWERS.replace("desk = 360", "desk = 45").replace('"D"', '"E"'))
    for extra in ((), ("--json",), ("--save",)):
        code, out, err = run(capsys, "--answers", str(path), *extra)
        assert (code, out) == (1, "")
        assert err.splitlines() == [
            f"{path}:1: breaks: 'E' is not on the scale: A B C D",
            f"{path}:9: weekday.desk: 45 is not on the scale: 0 15 30 60 120 180 240 300 360 "
            "(the nearest are 30 and 60)",
        ]
    assert saved() == []


def test_missing_file_and_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--answers", str(tmp_path / "nope.toml"))
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'nope.toml'}: cannot be read")
    path = write(tmp_path, ANSWERS.replace("travel = 60", "travel = = 60"))
    code, _, err = run(capsys, "--answers", str(path))
    assert code == 1 and err.startswith(f"{path}:11: TOML syntax error")


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, ANSWERS + '"\\u001b]0;pwned\\u0007" = 1\n')
    code, _, err = run(capsys, "--answers", str(path))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "unknown key" in err


def test_save_stores_answers_and_result_then_reports_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    code, out, err = run(capsys, "--answers", str(path), "--json", "--save")
    assert code == 0
    assert "Saved to the history as self-check 1." in err
    data = json.loads(out)  # stdout stays pure JSON
    answers, _ = load_answers(path)
    assert answers is not None
    assert saved() == [{"answers": answers.to_dict(), "result": data}]

    better = write(tmp_path, EDGE, "edge.toml")
    code, out, _ = run(capsys, "--answers", str(better))
    assert code == 0
    assert "Since your last self-check" in out
    assert "Weekly sitting: 3390 -> 1680 min (1710 min less" in out
    assert "Sitting band: very-high -> moderate" in out
    assert "Break interval: 30 min -> 45 min" in out
    assert "Priority: high -> moderate" in out
    assert "Hip flexors" not in out.split("Since your last self-check")[1].split("Plan:")[0]
    assert len(saved()) == 1  # the report alone saves nothing


def test_save_failure_is_one_line_and_exit_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("HIPTUI_DATA_DIR", str(blocker))
    code, out, err = run(capsys, "--answers", str(write(tmp_path)), "--json", "--save")
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1
    assert "not saved" in err and "Traceback" not in err


def test_checkup_never_imports_textual(tmp_path: Path) -> None:
    path = write(tmp_path)
    code = (
        "import io, contextlib, sys\n"
        "from hiptui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['checkup', '--answers', {str(path)!r}]) == 0\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert "hiptui.cli.checkup" in loaded and "hiptui.core.checkup" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert not {m for m in loaded if m.startswith("hiptui.tui")}
