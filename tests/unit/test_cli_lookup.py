"""The look-up commands, run as a user runs them: whole processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"


def hiptui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_check_reports_each_problem_and_no_traceback() -> None:
    result = hiptui("check", str(FIXTURES / "broken"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 20
    for line in lines:
        assert line.startswith(str(FIXTURES / "broken")), line
        assert ": " in line
    assert "Traceback" not in result.stderr + result.stdout


def test_a_key_holding_a_line_break_stays_on_its_problems_line(tmp_path: Path) -> None:
    text = (FIXTURES / "exercises" / "fixture-bridge.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('"two\\nlines" = 1\n' + text, encoding="utf-8")
    result = hiptui("check", str(bad))
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{bad}:1: ") and line.endswith("unknown key 'two\\nlines'")


def test_check_on_good_folder_exits_zero() -> None:
    result = hiptui("check", str(FIXTURES / "exercises"))
    assert result.returncode == 0, result.stdout
    assert "0 problems" in result.stderr


def test_check_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = hiptui("check", str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stdout


def test_cues_units_toggle_on_fixture() -> None:
    folder = str(FIXTURES / "exercises")
    imperial = hiptui("cues", "fixture-bridge", "--exercises", folder, "--units", "imperial")
    metric = hiptui("cues", "fixture-bridge", "--exercises", folder, "--units", "metric")
    assert "12-16 in" in imperial.stdout
    assert "about 30-40 cm" in metric.stdout and "12-16 in" not in metric.stdout


def test_unknown_id_exits_one_with_suggestions() -> None:
    result = hiptui("cues", "fixture-brige", "--exercises", str(FIXTURES / "exercises"))
    assert result.returncode == 1
    assert "fixture-bridge" in result.stderr


def test_list_filters_and_json() -> None:
    folder = str(FIXTURES / "exercises")
    result = hiptui("--exercises", folder, "list", "--json", "--muscle", "gluteus maximus")
    rows = json.loads(result.stdout)
    ids = [row["id"] for row in rows]
    assert "fixture-bridge" in ids
    assert all("gluteus maximus" in r["primary_muscles"] + r["secondary_muscles"] for r in rows)
    assert hiptui("list", "--muscle", "glutes").returncode == 2


def test_list_source_shows_the_file() -> None:
    folder = FIXTURES / "exercises"
    result = hiptui("list", "--source", "--exercises", str(folder))
    assert str(folder / "fixture-bridge.toml") in result.stdout


def test_usage_errors_exit_two_and_version() -> None:
    assert hiptui("frobnicate").returncode == 2
    version = hiptui("--version")
    assert version.returncode == 0 and version.stdout.startswith("hiptui ")


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    text = (FIXTURES / "exercises/fixture-bridge.toml").read_text()
    # Valid TOML escapes that the validator rejects: the file is reported, and the report
    # itself carries no raw escape.
    (tmp_path / "evil.toml").write_text(
        text.replace('"Fixture fixture-bridge"', '"[bold red]x[/] \\u001b]52;c;aGk=\\u0007"')
    )
    result = hiptui("check", str(tmp_path))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
