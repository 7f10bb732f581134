"""`hiptui status` reads break_minutes and day_start_hour, and `hiptui cues` the units, their
own quick way: they must agree with the settings loader on every file, and read the files
hiptui writes without tomllib. The settings loader itself reads a file of plain lines with
nothing to report the same quick way: it must give what its TOML reader gives."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.store.clock_settings import (
    NotPlain,
    _plain_top_level,
    read_clock_settings,
    read_units,
)
from hiptui.store.settings import (
    Settings,
    _plain_settings,
    _toml_settings,
    load_settings,
    settings_to_toml,
)

LINES = [
    "break_minutes = 30",
    "break_minutes = 3",
    "break_minutes = 1_20",
    "break_minutes = +45",
    "break_minutes = 045",
    "break_minutes = 0x1E",
    "break_minutes = 30.0",
    "break_minutes = true",
    'break_minutes = "30"',
    '"break_minutes" = 50',
    "break_minutes=60 # an hour",
    "break_minutes = ",
    "day_start_hour = 6",
    "day_start_hour = 24",
    "day_start_hour = -1",
    "day_start_hour = 0",
    "  day_start_hour\t=\t5  ",
    "day_start_hour = 5 5",
    'theme = "nord"',
    "theme = 'it''s'",
    'theme = "a\\"b"',
    "theme = [1, 2]",
    "units = { a = 1 }",
    "bell = false",
    "when = 2024-05-01",
    "a.b = 1",
    "# a comment",
    "# comment with a tab\tinside",
    "",
    "[keymap]",
    "[ keymap ]",
    "[keymap.more]",
    "[[list]]",
    "[break_minutes]",
    '"catalog.search" = "slash"',
    '"catalog.search" = "ctrl+nope"',
    '"no.such.binding" = "f6"',
    '"catalog.search" = 5',
    "keymap = 3",
    'sound = "tones"',
    "sound_reps = true",
    "bell = true",
    "warn_10s = true",
    'training_routine = "whole-hip-home"',
    "checkup_every_weeks = 2",
    'training_days = ["mon", "mon"]',
    'training_days = ["thu", "mon"]',
    'training_days = ["mond"]',
    "unknown_key = 1",
    "break_minutes = 20",
    "[a..b]",
    "\ufeffbreak_minutes = 30",
    "break_minutes = 30\r",
    'units = "metric"',
    "units = 'imperial'",
    'units = "feet"',
    "units = 3",
    'units = ["metric"]',
    'training_days = ["mon", "thu"]',
    "training_days = [ 'mon' , 'thu' , ]  # two",
    'training_days = ["mon" "thu"]',
    "training_days = []",
    'training_days = [\n    "mon",\n    "thu",\n]',
    'training_days = [ # days\n  "fri",  # one\n] # done',
    'training_days = [\n    "mon"\n]',
    'training_days = [\n    "mon",',
    'training_days = ["mon",\n    "thu",\n]',
    "x = [\n    1,\n]",
    'x = ["a\\tb"]',
    "load_step_kg = 2.5",
    "load_step_lb = -1_0.2_5",
    "break_minutes = 30.0",
    "x = 1.",
    "x = 01.5",
    "x = 2.5e3",
    "x = .5",
]


def agree(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(text.encode("utf-8"))
    loaded, problems = load_settings(path)
    quick = _plain_settings(text, str(path))
    if quick is not None:  # read without tomllib: exactly what the TOML reader gives
        assert (quick, []) == _toml_settings(path) == (loaded, problems), text
    else:
        assert _toml_settings(path) == (loaded, problems), text
    assert read_clock_settings(path) == (loaded.break_minutes, loaded.day_start_hour), text
    assert read_units(path) == loaded.units, text
    try:
        plain = _plain_top_level(text)
    except NotPlain:
        return
    # What the line reader takes, it reads as TOML does (top-level values; tables aside).
    parsed = tomllib.loads(text)
    assert plain == {k: v for k, v in parsed.items() if not isinstance(v, dict)}, text


@given(st.lists(st.sampled_from(LINES), max_size=8))
def test_the_quick_reading_agrees_with_the_settings_loader(lines: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        agree(Path(folder), "\n".join(lines) + "\n")


def test_some_files_by_hand(tmp_path: Path) -> None:
    agree(tmp_path, "break_minutes = 30\nday_start_hour = 6\n")
    agree(tmp_path, "[keymap]\nbreak_minutes = 30\n")  # a key of a table, not the setting
    agree(tmp_path, "break_minutes = 30\nbreak_minutes = 40\n")  # not TOML: defaults
    agree(tmp_path, "break_minutes = 30\n[keymap]\nx = 1\n[keymap]\n")
    agree(tmp_path, "[a]\nb = 1\n[a.b]\n")
    agree(tmp_path, "[a.b]\n[a]\nb = 1\n")
    agree(tmp_path, "break_minutes = 30\n[break_minutes]\n")
    agree(tmp_path, "x = [\n  1,\n]\nbreak_minutes = 30\n")  # multi-line: tomllib reads it
    assert read_clock_settings(tmp_path / "missing.toml") == (None, 4)
    assert read_clock_settings(tmp_path) == (None, 4)  # a folder


def test_files_hiptui_writes_are_read_without_tomllib() -> None:
    weekly = settings_to_toml(Settings(units="metric", training_days=("mon", "thu")))
    assert _plain_top_level(weekly)["training_days"] == ["mon", "thu"]
    assert _plain_top_level(weekly)["units"] == "metric"
    written = settings_to_toml(Settings(theme="nord", break_minutes=50, day_start_hour=6))
    values = _plain_top_level(written)
    assert (values["break_minutes"], values["day_start_hour"]) == (50, 6)
    keymapped = settings_to_toml(Settings(training_days=("wed",), keymap={"catalog.search": "f6"}))
    assert _plain_settings(keymapped, "settings.toml") == load_settings_text(keymapped)
    assert _plain_settings(keymapped, "settings.toml") is not None
    steps = _plain_top_level(settings_to_toml(Settings(load_step_kg=1.25)))
    assert (steps["load_step_kg"], steps["load_step_lb"]) == (1.25, 5.0)
    with pytest.raises(NotPlain):  # an escape needs tomllib
        _plain_top_level('x = "a\\tb"\n')


def load_settings_text(text: str) -> Settings:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(text, encoding="utf-8")
        settings, problems = load_settings(path)
        assert problems == []
        return settings


def test_a_plain_file_with_a_problem_is_still_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    text = 'theme = "nord"\nbreak_minutes = 2\n[keymap]\n"catalog.search" = "ctrl+nope"\n'
    path.write_text(text, encoding="utf-8")
    assert _plain_settings(text, str(path)) is None
    settings, problems = load_settings(path)
    assert settings.theme == "nord" and settings.break_minutes is None and settings.keymap == {}
    assert [problem.line for problem in problems] == [2, 4]
