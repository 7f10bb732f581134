"""settings.toml: defaults, clear problems with lines, atomic saves and the .bak copy."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptui.store.errors import StoreError
from hiptui.store.settings import WEEKDAY_NAMES, Settings, load_settings, save_settings
from tests.profiles import examples


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults_and_creates_nothing(path: Path) -> None:
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert problems == []
    assert not path.parent.exists()


def test_defaults_are_as_documented() -> None:
    defaults = Settings()
    assert (defaults.theme, defaults.units, defaults.rest_seconds) == (
        "textual-dark",
        "imperial",
        60,
    )
    assert (defaults.sound, defaults.sound_reps, defaults.tempo) == ("bell", False, False)
    assert defaults.start_side == "exercise" and defaults.break_minutes is None
    assert (defaults.lead_in_seconds, defaults.weaker_side_first) == (5, False)
    assert (defaults.tempo_lift, defaults.tempo_lower) == (2, 2)


def test_break_interval_prefers_setting_then_checkup_then_45() -> None:
    assert Settings().break_interval() == 45
    assert Settings().break_interval(30) == 30
    assert Settings(break_minutes=60).break_interval(30) == 60


def test_a_good_file_loads_every_key(path: Path) -> None:
    write(
        path,
        'theme = "nord"\nunits = "metric"\nrest_seconds = 90\nsound = "voice"\n'
        'sound_reps = true\nlead_in_seconds = 8\nstart_side = "right"\n'
        "weaker_side_first = true\nbreak_minutes = 30\ntempo_lift = 3\ntempo_lower = 4\n"
        "tempo = true\n",
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded == Settings("nord", "metric", 90, "voice", True, 8, "right", True, 30, 3, 4,
                              True)  # fmt: skip


def test_the_retired_sound_and_tempo_keys_load_quietly(path: Path) -> None:
    write(path, "bell = false\nwarn_10s = true\ntempo_hold = 3\nrest_seconds = 30\n")
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded == Settings(rest_seconds=30, sound="off")  # no bell: no sound
    write(path, 'bell = false\nsound = "tones"\n')
    assert load_settings(path) == (Settings(sound="tones"), [])  # the new key wins
    write(path, "bell = true\n")
    assert load_settings(path) == (Settings(), [])


def test_a_lead_in_or_sound_out_of_range_falls_back(path: Path) -> None:
    write(path, 'lead_in_seconds = 16\nsound = "loud"\nstart_side = "middle"\n')
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert [p.line for p in problems] == [1, 2, 3]
    assert "16 is out of range (0 to 15)" in problems[0].message
    assert '"off" or "bell" or "tones" or "voice"' in problems[1].message


def test_bad_toml_gives_defaults_and_the_line(path: Path) -> None:
    write(path, 'theme = "nord"\nunits = \n')
    before = path.read_bytes()
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:2: TOML syntax error")
    assert str(problems[0]).endswith("using default settings")
    assert path.read_bytes() == before


def test_wrong_types_and_ranges_fall_back_per_key_with_lines(path: Path) -> None:
    write(
        path,
        '# my settings\ntheme = "nord"\nrest_seconds = "ninety"\nsound_reps = "yes"\n'
        "tempo_lift = 99\nbreak_minutes = true\nunits = 'furlongs'\nlead_in_seconds = 1.5\n",
    )
    before = path.read_bytes()
    loaded, problems = load_settings(path)
    assert loaded == Settings(theme="nord")
    assert [str(p) for p in problems] == [
        f"{path}:3: rest_seconds: expected a whole number from 0 to 1800, got 'ninety'; "
        "using the default (60)",
        f"{path}:4: sound_reps: expected true or false, got 'yes'; using the default (false)",
        f"{path}:5: tempo_lift: 99 is out of range (1 to 10); using the default (2)",
        f"{path}:6: break_minutes: expected a whole number from 5 to 240, got true; "
        "using the default (not set)",
        f'{path}:7: units: expected "imperial" or "metric", got \'furlongs\'; '
        "using the default ('imperial')",
        f"{path}:8: lead_in_seconds: expected a whole number from 0 to 15, got 1.5; "
        "using the default (5)",
    ]
    assert path.read_bytes() == before


def test_unknown_keys_suggest_the_close_one(path: Path) -> None:
    write(path, 'rest_second = 30\ncolour = "red"\n\n[display]\nsize = 3\n')
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert [str(p) for p in problems] == [
        f"{path}:1: unknown setting 'rest_second' (did you mean 'rest_seconds'?); ignored",
        f"{path}:2: unknown setting 'colour'; ignored",
        f"{path}:4: unknown setting 'display'; ignored",
    ]


def test_hostile_theme_and_unreadable_files_are_problems(path: Path) -> None:
    write(path, 'theme = "\\u001b]52;c;ZXZpbA==\\u0007"\n')
    loaded, problems = load_settings(path)
    assert loaded.theme == "textual-dark"
    assert "control character" in problems[0].message and problems[0].line == 1
    path.write_bytes(b'theme = "caf\xe9"\n')
    loaded, problems = load_settings(path)
    assert loaded == Settings() and "not valid UTF-8" in problems[0].message
    path.unlink()
    path.mkdir()
    loaded, problems = load_settings(path)
    assert loaded == Settings() and "is a folder" in problems[0].message


def test_a_symlink_loop_is_reported_not_ignored(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.symlink(path, path)
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert len(problems) == 1 and "cannot be read" in problems[0].message


def test_save_then_load_round_trip_with_private_permissions(path: Path) -> None:
    chosen = Settings(theme="gruvbox", units="metric", break_minutes=50, tempo=True)
    save_settings(path, chosen, had_problems=False)
    assert load_settings(path) == (chosen, [])
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.with_name("settings.toml.bak").exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]


def test_unset_break_minutes_is_left_out_of_the_file(path: Path) -> None:
    save_settings(path, Settings(), had_problems=False)
    data = tomllib.loads(path.read_text())
    assert "break_minutes" not in data
    unset = {"break_minutes", "training_days", "training_routine"}
    assert set(data) == set(Settings.FIELDS) - unset


def test_saving_over_a_file_with_problems_keeps_it_as_bak(path: Path) -> None:
    broken = 'theme = "nord"\nsound_reps = "loud"\n'
    write(path, broken)
    loaded, problems = load_settings(path)
    assert problems
    save_settings(path, loaded.replace(units="metric"), had_problems=True)
    assert path.with_name("settings.toml.bak").read_text() == broken
    assert load_settings(path) == (Settings(theme="nord", units="metric"), [])


def test_saving_over_a_good_file_keeps_no_bak(path: Path) -> None:
    save_settings(path, Settings(sound="off"), had_problems=False)
    save_settings(path, Settings(sound="voice"), had_problems=False)
    assert not path.with_name("settings.toml.bak").exists()
    assert load_settings(path)[0].sound == "voice"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(path, Settings(theme="old"), had_problems=False)
    before = path.read_bytes()

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("hiptui.store.files.os.replace", refuse)
    with pytest.raises(StoreError) as caught:
        save_settings(path, Settings(theme="new"), had_problems=False)
    assert str(caught.value) == f"{path}: settings not saved: No space left on device"
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]


def test_a_config_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the config folder"):
        save_settings(blocker / "settings.toml", Settings(), had_problems=False)


def test_the_weekly_plan_settings_load_in_week_order_and_bad_ones_fall_back(path: Path) -> None:
    assert Settings().training_days == () and Settings().training_routine is None
    assert Settings().checkup_every_weeks == 4
    write(path, 'training_days = ["fri", "mon", "wed"]\ntraining_routine = "checkup-plan"\n')
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded.training_days == ("mon", "wed", "fri")
    assert loaded.training_routine == "checkup-plan"
    write(
        path,
        'training_days = ["mon", "Mondy"]\ntraining_routine = ""\ncheckup_every_weeks = 0\n',
    )
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    messages = {p.line: p.message for p in problems}
    assert messages[1].startswith("training_days: unknown day 'Mondy' (did you mean 'mon'?)")
    assert messages[1].endswith("using the default (not set)")
    assert messages[2].startswith("training_routine: expected a routine id")
    assert messages[3].startswith("checkup_every_weeks: 0 is out of range (1 to 52)")
    write(path, 'training_days = ["tue", "tue"]\n')
    assert "names a day twice" in load_settings(path)[1][0].message


def test_training_days_are_written_as_a_list(path: Path) -> None:
    save_settings(path, Settings(training_days=("tue", "sat")), had_problems=False)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["training_days"] == ["tue", "sat"]
    save_settings(path, Settings(), had_problems=False)
    assert "training_days" not in tomllib.loads(path.read_text(encoding="utf-8"))


def test_saving_invalid_settings_is_a_programming_error(path: Path) -> None:
    with pytest.raises(ValueError, match="units"):
        save_settings(path, Settings(units="cubits"), had_problems=False)
    assert not path.exists()


valid_settings = st.builds(
    Settings,
    theme=st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=30
    ).filter(str.strip),
    units=st.sampled_from(["imperial", "metric"]),
    rest_seconds=st.integers(0, 1800),
    sound=st.sampled_from(["off", "bell", "tones", "voice"]),
    sound_reps=st.booleans(),
    lead_in_seconds=st.integers(0, 15),
    start_side=st.sampled_from(["exercise", "left", "right"]),
    weaker_side_first=st.booleans(),
    break_minutes=st.none() | st.integers(5, 240),
    tempo_lift=st.integers(1, 10),
    tempo_lower=st.integers(1, 10),
    tempo=st.booleans(),
    training_days=st.sets(st.sampled_from(WEEKDAY_NAMES)).map(
        lambda days: tuple(d for d in WEEKDAY_NAMES if d in days)
    ),
    training_routine=st.none() | st.sampled_from(["whole-hip-home", "checkup-plan"]),
    checkup_every_weeks=st.integers(1, 52),
    load_step_kg=st.floats(0.25, 50.0),
    load_step_lb=st.floats(0.5, 100.0),
)


@settings(max_examples=examples(100))
@given(valid_settings)
def test_any_valid_settings_round_trip(
    tmp_path_factory: pytest.TempPathFactory, chosen: Settings
) -> None:
    target = tmp_path_factory.mktemp("cfg") / "settings.toml"
    save_settings(target, chosen, had_problems=False)
    assert load_settings(target) == (chosen, [])
