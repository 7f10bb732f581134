"""Hostile text through the command line: real ``hiptui`` processes, every byte they print checked.

Each input that could carry an attack (exercise files and their names, settings.toml, an
answers file, a free-exercise-db dataset, a history export) is fed with terminal escapes (OSC 52
clipboard writes, OSC 0/2 title changes, CSI), other C0/C1 controls, right-to-left overrides,
markup, 1 MB strings, deep nesting, huge arrays, invalid UTF-8, a folder in place of a file and a
symlink loop. The output must hold none of those controls and no traceback; text that is
accepted is shown literally (markup stays text).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from hiptui import paths
from hiptui.content.loader import load_library
from tests.hostile import (
    ALL_ESCAPES,
    C1_CSI,
    CSI,
    MARKUP,
    ONE_MB,
    OSC52,
    OSC_TITLE,
    RLO,
    assert_terminal_safe,
    exercise_data,
    terminal_unsafe,
    write_exercise,
    write_hostile_exercises,
)
from tests.unit.fedb_fixtures import record


@dataclass
class Run:
    code: int
    out: str
    err: str


def hiptui(*args: str | Path) -> Run:
    """Run hiptui in a child process (the test's own data folders) and check what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "hiptui", *map(str, args)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    for name, raw in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert b"\x1b" not in raw and b"\x07" not in raw, (args, name, raw[:300])
        text = raw.decode("utf-8")  # strict: a raw non-UTF-8 byte (C1 0x9b...) fails here
        assert_terminal_safe(text, f"{args} {name}")
    return Run(result.returncode, result.stdout.decode(), result.stderr.decode())


def write_broken_files(folder: Path, name: str, valid_text: str) -> list[Path]:
    """``name`` in a few broken forms, one folder each: 1 MB, not UTF-8, a folder, a loop."""
    made = []
    for kind in ("huge", "utf8", "folder", "loop", "deep"):
        place = folder / kind
        place.mkdir(parents=True)
        path = place / name
        if kind == "huge":
            path.write_text(valid_text + f"\n# {'z' * ONE_MB}\n", encoding="utf-8")
        elif kind == "utf8":
            path.write_bytes(valid_text.encode() + b'\nx = "\xff\x1b]0;t\x07"\n')
        elif kind == "folder":
            path.mkdir()
        elif kind == "loop":
            os.symlink(place / "other", path)
            os.symlink(path, place / "other")
        else:
            path.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
        made.append(path)
    return made


BROKEN_MESSAGES = (
    "is larger than 1024 KiB",
    "is not valid UTF-8",
    "is a folder",
    "Too many levels of symbolic links",
    "nested too deeply",  # JSON
    "nested more than 32 deep",  # TOML
)


# -- exercise files --------------------------------------------------------------------------


def test_check_reports_every_hostile_exercise_file_safely(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    expected = write_hostile_exercises(folder)
    run = hiptui("check", folder)
    assert run.code == 1
    lines = run.out.splitlines()
    for name, message in expected.items():
        mine = [line for line in lines if line.startswith(f"{folder / name}")]
        assert mine and any(message in line for line in mine), (name, mine)
    # Loaded: the markup file, and the file whose name holds an OSC title sequence.
    assert "markup.toml" not in run.out and "named.toml" not in run.out
    assert f"{len(expected) + 2} files checked, " in run.err


def test_list_show_and_json_show_accepted_text_literally(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    write_hostile_exercises(folder)
    listing = hiptui("--exercises", folder, "list", "--source")
    assert listing.code == 0
    assert "markup " in listing.out and "title-named " in listing.out
    # The file name's escape sequence is gone, the rest of the name is there to find it by.
    assert f"{folder}/title]0;pwned titlenamed.toml" in listing.out
    assert "(run `hiptui check` to see them all)" in listing.err
    card = hiptui("--exercises", folder, "show", "markup")
    assert card.code == 0 and MARKUP in card.out and "\\[escaped] [b]bold?[/b]" in card.out
    rows = json.loads(hiptui("--exercises", folder, "list", "--json").out)
    named = next(row for row in rows if row["id"] == "title-named")
    assert named["path"] == str(folder / f"title{OSC_TITLE}named.toml")  # exact, escaped


def test_file_names_that_are_not_utf8_or_hold_c1_controls(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    folder.mkdir()
    write_exercise(folder, f"c1{C1_CSI}name.toml", "c1-named")
    write_exercise(folder, "rtl\u202egnp.toml", "rtl-named")
    with open(os.fsencode(folder) + b"/bad\xff\x9b[2J.toml", "wb") as handle:
        handle.write(tomli_w.dumps(exercise_data("bad-bytes", level="expert")).encode())
    check = hiptui("check", folder)
    assert check.code == 1 and "bad\ufffd\ufffd[2J.toml:" in check.out
    assert "level: 'expert' is not one of" in check.out
    for args in (("list", "--source"), ("list", "--json"), ("show", "c1-named")):
        run = hiptui("--exercises", folder, *args)
        assert run.code == 0, run.err
    with open(os.fsencode(folder) + b"/good\xfe\x9b.toml", "wb") as handle:
        handle.write(tomli_w.dumps(exercise_data("good-bytes")).encode())
    rows = json.loads(hiptui("--exercises", folder, "list", "--json").out)
    by_id = {row["id"]: row["path"] for row in rows}
    assert by_id["c1-named"] == str(folder / f"c1{C1_CSI}name.toml")
    assert by_id["rtl-named"] == str(folder / "rtl\u202egnp.toml")
    assert os.fsencode(by_id["good-bytes"]) == os.fsencode(folder) + b"/good\xfe\x9b.toml"
    assert "good\ufffd\ufffd.toml" in hiptui("--exercises", folder, "list", "--source").out


# -- settings.toml -----------------------------------------------------------------------------


SETTINGS = {
    "escape key": f'"{OSC52}[b]x[/b]" = 1\n',
    "escape theme": f"theme = {json.dumps(OSC_TITLE)}\n",
    "bidi units": f"units = {json.dumps(RLO)}\n",
    "1 MB value": f'theme = "{"t" * (ONE_MB - 20)}"\n',
    "huge array": "rest_seconds = [" + "1, " * 100_000 + "]\n",
    "deep table": "bell = " + "[" * 3000 + "]" * 3000 + "\n",
}


@pytest.mark.parametrize("text", SETTINGS.values(), ids=SETTINGS.keys())
def test_hostile_settings_never_reach_the_terminal(text: str) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert hiptui("show", "glute-bridge").code == 0
    assert hiptui("status").code == 0
    assert path.read_text(encoding="utf-8") == text  # never rewritten on its own


def test_broken_settings_files_never_stop_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for broken in write_broken_files(tmp_path / "config", "settings.toml", 'units = "metric"'):
        monkeypatch.setenv("HIPTUI_CONFIG_DIR", str(broken.parent))
        assert hiptui("cues", "glute-bridge").code == 0
        assert hiptui("status").code == 0


# -- self-check answers files ------------------------------------------------------------------

ANSWERS = {
    "breaks": "D", "strength_days": 0, "thigh_check": "N", "knee_check": "Y",
    "wall_gap": "none", "bridge_hold": "C",
    "weekday": {"desk": 360, "screens": 120, "travel": 60, "other": 30},
    "weekend": {"desk": 0, "screens": 180, "travel": 30, "other": 60},
}  # fmt: skip


def answers_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_answers_files_are_refused_with_safe_messages(tmp_path: Path) -> None:
    cases = {
        "value.toml": (tomli_w.dumps({**ANSWERS, "breaks": "D" + OSC52}), "breaks: contains"),
        "key.toml": (tomli_w.dumps({**ANSWERS, OSC_TITLE + "k": 1}), "unknown key"),
        "scale.toml": (tomli_w.dumps({**ANSWERS, "wall_gap": "[b]no[/b]"}), "not on the scale"),
        "long.toml": (tomli_w.dumps({**ANSWERS, "breaks": "D" * 500_000}), "the limit is 40"),
        "array.toml": (tomli_w.dumps({**ANSWERS, "strength_days": [0] * 20_000}), "not a list"),
    }
    for name, (text, message) in cases.items():
        path = answers_file(tmp_path, name, text)
        for extra in ((), ("--json",), ("--save",)):
            run = hiptui("checkup", "--answers", path, *extra)
            assert run.code == 1 and run.out == "", (name, run)
            assert run.err.startswith(str(path)) and message in run.err, (name, run.err)
    for path in write_broken_files(tmp_path / "broken", "answers.toml", tomli_w.dumps(ANSWERS)):
        run = hiptui("checkup", "--answers", path, "--save")
        assert run.code == 1 and any(m in run.err for m in BROKEN_MESSAGES), run.err
    assert not paths.database_path().exists()  # --save wrote nothing


def test_good_answers_print_a_safe_report(tmp_path: Path) -> None:
    path = answers_file(tmp_path, "good.toml", tomli_w.dumps(ANSWERS))
    report = hiptui("checkup", "--answers", path)
    assert report.code == 0 and "Sitting and hip self-check" in report.out
    assert json.loads(hiptui("checkup", "--answers", path, "--json").out)


# -- a free-exercise-db dataset ------------------------------------------------------------------


def hostile_records() -> list[dict[str, Any]]:
    return [
        record("Evil_Name", name=f"Evil {OSC_TITLE}{MARKUP}", instructions=[
            f"Lie down.{CSI} Tip: breathe{OSC52}", f"{RLO} lift{C1_CSI}", "y" * ONE_MB,
        ]),
        record("Evil\u001b]52;c;eA==\u0007Id", name="Id attack"),
        record("Muscle_Attack", primaryMuscles=[f"glutes{OSC52}"]),
        record("Too_Many", instructions=["step"] * 20_000),
    ]  # fmt: skip


def test_a_hostile_dataset_imports_only_clean_text(tmp_path: Path) -> None:
    dataset = tmp_path / "exercises.json"
    dataset.write_text(json.dumps(hostile_records()), encoding="utf-8")
    into = tmp_path / "imported"
    run = hiptui("import", "free-exercise-db", dataset, "--into", into)
    assert run.code == 0, run.err
    assert "unknown muscle 'glutes]52;c;ZXZpbCBjbGlwYm9hcmQ='" in run.err
    library = load_library([into])
    assert library.problems == []
    texts: list[str] = []
    for exercise in library.exercises.values():
        texts += [exercise.id, exercise.name, exercise.source, *exercise.steps, *exercise.tips]
    assert texts and not [t for t in texts if terminal_unsafe(t)]
    assert any(MARKUP[:40] in text for text in texts)  # markup kept as plain text
    assert all(len(exercise.steps) <= 40 for exercise in library.exercises.values())
    assert hiptui("check", into).code == 0


def test_broken_datasets_are_refused_with_safe_messages(tmp_path: Path) -> None:
    valid = json.dumps([record("Fine_One")])
    for path in write_broken_files(tmp_path / "data", "set.json", valid):
        run = hiptui("import", "free-exercise-db", path, "--into", tmp_path / "into")
        messages = (*BROKEN_MESSAGES, "is not valid JSON", "holds no *.json files")
        assert run.code in (0, 1) and any(m in run.err for m in messages), (path, run)
    folder = tmp_path / "one-per-file"
    folder.mkdir()
    (folder / "bad.json").write_bytes(b'{"name": "\xff\x1b]0;x\x07"}')
    (folder / "good.json").write_text(json.dumps(record("Good_One")), encoding="utf-8")
    run = hiptui("import", "free-exercise-db", folder, "--into", tmp_path / "into2")
    assert run.code == 0 and "bad.json" in run.err and "1 imported" in run.out


# -- a history export ----------------------------------------------------------------------------


def export(**session: Any) -> dict[str, Any]:
    base = {
        "id": "s1", "name": "Session", "routine": None, "started_at": "2024-05-01T18:30:00Z",
        "ended_at": "2024-05-01T19:00:00Z", "status": "completed",
        "sets": [{"exercise": "glute-bridge", "exercise_name": "Glute bridge", "set": 1,
                  "side": None, "reps": 10, "completed_at": "2024-05-01T18:40:00Z"}],
    }  # fmt: skip
    base.update(session)
    return {"format_version": 1, "sessions": [base], "checkups": [], "breaks": []}


def test_hostile_history_imports_are_refused_and_write_nothing(tmp_path: Path) -> None:
    bad_set = {**export()["sessions"][0]["sets"][0], "note": OSC52, "exercise_name": C1_CSI}
    cases = {
        "name": export(name=f"Evil{OSC_TITLE}"),
        "set": export(sets=[bad_set]),
        "surrogate": export(name="\ud800"),
        "long": export(name="n" * ONE_MB),
        "many": {**export(), "sessions": [{"id": OSC52}] * 100_000},
    }  # fmt: skip
    for name, document in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        run = hiptui("import-history", path)
        assert run.code == 1 and run.err.startswith(str(path)), (name, run)
    deep = tmp_path / "deeper.json"
    deep.write_text('{"format_version": 1, "sessions": ' + "[" * 5000 + "]" * 5000 + "}")
    assert "nested too deeply" in hiptui("import-history", deep).err
    for path in write_broken_files(tmp_path / "broken", "export.json", json.dumps(export())):
        run = hiptui("import-history", path)
        messages = (*BROKEN_MESSAGES, "is not valid JSON")  # 1 MB is no limit for an import
        assert run.code == 1 and any(m in run.err for m in messages), (path, run)
    assert not paths.database_path().exists()


def test_markup_in_an_imported_history_stays_literal_in_the_export(tmp_path: Path) -> None:
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(export(name=MARKUP)), encoding="utf-8")
    assert hiptui("import-history", path).code == 0
    exported = hiptui("export")
    assert json.loads(exported.out)["sessions"][0]["name"] == MARKUP
    assert MARKUP in hiptui("export", "--format", "csv").out


def test_every_escape_in_the_hostile_set_is_terminal_unsafe() -> None:
    """The checks above are only as good as this detector."""
    found = terminal_unsafe(ALL_ESCAPES)
    assert {"\x1b", "\x07", "\x9b", "\x00", "\x08", "\x7f", "\u202e"} <= set(found)
    assert terminal_unsafe("plain [b]markup[/b]\n\twith tab") == []
    assert tomllib.loads(tomli_w.dumps({"k": ALL_ESCAPES}))["k"] == ALL_ESCAPES
