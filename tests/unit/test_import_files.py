"""`hiptui import free-exercise-db`: files written, re-imports, hand edits, filters, errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from hiptui.cli.main import main
from hiptui.content.loader import load_library
from hiptui.paths import user_exercises_dir
from hiptui.store.exercise_files import MANIFEST_NAME
from tests.unit.fedb_fixtures import record, sample_records, write_array, write_folder


def hiptui(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def counts(summary: str) -> dict[str, int]:
    """``{"records": 30, "imported": 28, ...}`` from the summary line."""
    return {word: int(number) for number, word in re.findall(r"(\d+) ([a-z]+)", summary)}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.toml"))}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_array(tmp_path / "dataset.json", sample_records(30))


def test_import_writes_loadable_files_into_the_user_folder(
    capsys: pytest.CaptureFixture[str], dataset: Path
) -> None:
    code, out, err = hiptui(capsys, "import", "free-exercise-db", str(dataset))
    assert code == 0, err
    assert counts(out.splitlines()[0])["imported"] == 30
    folder = user_exercises_dir()
    assert len(list(folder.glob("*.toml"))) == 30
    library = load_library([folder])
    assert library.problems == [] and len(library.exercises) == 30
    assert all(e.source.startswith("free-exercise-db:") for e in library.exercises.values())
    text = (folder / "made-up-move-000.toml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from free-exercise-db")
    assert "jpg" not in text  # images are not imported
    code, out, _ = hiptui(capsys, "check", str(folder))
    assert code == 0 and out == ""


def test_folder_input_gives_the_same_files_as_array_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = sample_records(12)
    array = write_array(tmp_path / "all.json", records)
    folder = write_folder(tmp_path / "exercises", records)
    hiptui(capsys, "import", "free-exercise-db", str(array), "--into", str(tmp_path / "a"))
    hiptui(capsys, "import", "free-exercise-db", str(folder), "--into", str(tmp_path / "b"))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert len(snapshot(tmp_path / "a")) == 12


def test_reimport_is_idempotent(capsys: pytest.CaptureFixture[str], dataset: Path) -> None:
    hiptui(capsys, "import", "free-exercise-db", str(dataset))
    folder = user_exercises_dir()
    before = snapshot(folder)
    times = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.toml")}
    code, out, _ = hiptui(capsys, "import", "free-exercise-db", str(dataset))
    assert code == 0
    assert counts(out.splitlines()[0]) == {
        "records": 30, "imported": 0, "updated": 0, "unchanged": 30, "skipped": 0, "errors": 0,
    }  # fmt: skip
    assert snapshot(folder) == before
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.toml")} == times


def test_changed_records_update_and_hand_edits_are_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = sample_records(10)
    path = write_array(tmp_path / "d.json", records)
    hiptui(capsys, "import", "free-exercise-db", str(path))
    folder = user_exercises_dir()
    edited = folder / "made-up-move-003.toml"
    mine = edited.read_text(encoding="utf-8").replace("Set up for move", "My own set-up for move")
    edited.write_text(mine, encoding="utf-8")
    for n in (3, 5):
        records[n]["instructions"] = ["A new first step.", "A new second step."]
    write_array(path, records)

    code, out, err = hiptui(capsys, "import", "free-exercise-db", str(path))
    assert code == 0
    assert counts(out.splitlines()[0]) == {
        "records": 10, "imported": 0, "updated": 1, "unchanged": 8, "skipped": 1, "errors": 0,
    }  # fmt: skip
    assert edited.read_text(encoding="utf-8") == mine
    assert f"{edited}: edited by hand" in err
    assert "A new first step." in (folder / "made-up-move-005.toml").read_text(encoding="utf-8")
    # Still skipped next time, and still not duplicated.
    _, out, _ = hiptui(capsys, "import", "free-exercise-db", str(path))
    assert counts(out.splitlines()[0])["skipped"] == 1
    assert len(list(folder.glob("*.toml"))) == 10


def test_a_users_own_file_is_never_overwritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    theirs = record("Made_Up_Move_000")
    own = b"not even toml"
    (folder / "made-up-move-000.toml").write_bytes(own)
    path = write_array(tmp_path / "d.json", [theirs])
    code, out, err = hiptui(capsys, "import", "free-exercise-db", str(path))
    assert code == 0
    assert (folder / "made-up-move-000.toml").read_bytes() == own
    assert "was not written by hiptui import" in err
    assert counts(out.splitlines()[0])["skipped"] == 1


def test_ids_of_bundled_and_user_exercises_are_not_reused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = user_exercises_dir()
    path = write_array(tmp_path / "d.json", [record("Glute_Bridge"), record("Lunge_Thing")])
    hiptui(capsys, "import", "free-exercise-db", str(path))
    assert (folder / "glute-bridge-imported.toml").exists()
    assert not (folder / "glute-bridge.toml").exists()
    # The user now writes their own exercise with the id the import used: the import moves
    # its untouched file out of the way instead of making a duplicate.
    own = (
        (folder / "lunge-thing.toml")
        .read_text(encoding="utf-8")
        .replace("# Imported", "# Mine, once")
    )
    (folder / "my-lunge.toml").write_text(own, encoding="utf-8")
    code, out, _ = hiptui(capsys, "import", "free-exercise-db", str(path))
    assert code == 0
    assert "1 old files removed" in out
    assert not (folder / "lunge-thing.toml").exists()
    assert (folder / "lunge-thing-imported.toml").exists()
    library = load_library([folder])
    assert library.problems == []


def test_deleted_files_come_back_and_a_lost_manifest_is_rebuilt(
    capsys: pytest.CaptureFixture[str], dataset: Path
) -> None:
    hiptui(capsys, "import", "free-exercise-db", str(dataset))
    folder = user_exercises_dir()
    (folder / "made-up-move-001.toml").unlink()
    (folder / MANIFEST_NAME).write_text("{ damaged", encoding="utf-8")
    _, out, _ = hiptui(capsys, "import", "free-exercise-db", str(dataset))
    assert counts(out.splitlines()[0]) | {"records": 0} == {
        "records": 0, "imported": 1, "updated": 0, "unchanged": 29, "skipped": 0, "errors": 0,
    }  # fmt: skip
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 30


def test_malformed_records_are_reported_and_the_rest_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records: list[Any] = sample_records(4)
    records.insert(1, "just text")
    records.insert(3, record("No_Muscles", primaryMuscles=None))
    path = write_array(tmp_path / "d.json", records)
    code, out, err = hiptui(capsys, "import", "free-exercise-db", str(path))
    assert code == 0
    lines = err.splitlines()
    assert lines == [
        f"{path}: record 2 (no id): is not a JSON object but text",
        f"{path}: record 4 (No_Muscles): no primary muscle",
    ]
    assert counts(out.splitlines()[0])["imported"] == 4
    assert counts(out.splitlines()[0])["errors"] == 2


def test_unreadable_input_exits_one_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ', encoding="utf-8")
    code, out, err = hiptui(capsys, "import", "free-exercise-db", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"{bad}:1: is not valid JSON") and len(err.splitlines()) == 1
    code, _, err = hiptui(capsys, "import", "free-exercise-db", str(tmp_path / "missing.json"))
    assert code == 1 and "missing.json: cannot be read" in err
    assert not user_exercises_dir().exists()


def test_into_a_file_exits_one(capsys: pytest.CaptureFixture[str], dataset: Path) -> None:
    target = dataset.parent / "a-file"
    target.write_text("x", encoding="utf-8")
    code, _, err = hiptui(capsys, "import", "free-exercise-db", str(dataset), "--into", str(target))
    assert code == 1 and err.strip() == f"{target}: is not a folder"


def _imported_ids(folder: Path) -> set[str]:
    return set(load_library([folder]).exercises)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (["--muscle", "gluteus maximus"], ["--muscle", "glutes"]),
        (["--level", "advanced"], ["--level", "expert"]),
        (["--category", "stretching"], ["--category", "Stretching"]),
    ],
)
def test_filters_take_either_vocabulary(
    capsys: pytest.CaptureFixture[str], dataset: Path, ours: list[str], theirs: list[str]
) -> None:
    base = dataset.parent
    hiptui(capsys, "import", "free-exercise-db", str(dataset), *ours, "--into", str(base / "o"))
    hiptui(capsys, "import", "free-exercise-db", str(dataset), *theirs, "--into", str(base / "t"))
    chosen = _imported_ids(base / "o")
    assert chosen == _imported_ids(base / "t")
    assert 0 < len(chosen) < 30


def test_filters_select_exactly_the_matching_records(
    capsys: pytest.CaptureFixture[str], dataset: Path
) -> None:
    records = json.loads(dataset.read_text(encoding="utf-8"))
    code, out, _ = hiptui(
        capsys, "import", "free-exercise-db", str(dataset),
        "--muscle", "lats", "--muscle", "calves", "--level", "beginner",
    )  # fmt: skip
    assert code == 0
    expected = {
        r["id"].lower().replace("_", "-")
        for r in records
        if r["level"] == "beginner"
        and {"lats", "calves"} & {*r["primaryMuscles"], *r["secondaryMuscles"]}
    }
    assert expected and _imported_ids(user_exercises_dir()) == expected
    assert f"{30 - len(expected)} left out by the filters" in out


@pytest.mark.parametrize(
    "flag", [["--muscle", "spleen"], ["--level", "godlike"], ["--category", "dance"]]
)
def test_unknown_filter_values_are_usage_errors(
    capsys: pytest.CaptureFixture[str], dataset: Path, flag: list[str]
) -> None:
    code, _, err = hiptui(capsys, "import", "free-exercise-db", str(dataset), *flag)
    assert code == 2 and "unknown" in err
    assert not user_exercises_dir().exists()


def test_files_are_written_atomically_without_leftovers(
    capsys: pytest.CaptureFixture[str], dataset: Path
) -> None:
    hiptui(capsys, "import", "free-exercise-db", str(dataset))
    names = os.listdir(user_exercises_dir())
    assert not [n for n in names if n.endswith(".tmp")]
    assert MANIFEST_NAME in names


def test_records_sharing_an_id_or_a_name_are_all_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two records with the id Squat and two without an id named Lunge: four files, on every
    import, and nothing removed (each record has its own key in the manifest)."""
    lunges = [record("x", name="Lunge"), record("x", name="Lunge")]
    for data in lunges:
        del data["id"]
    records = [record("Squat"), record("Squat", name="Squat wide"), *lunges]
    dataset = write_array(tmp_path / "dataset.json", records)
    folder = user_exercises_dir()
    for run in ("first", "again"):
        code, out, err = hiptui(capsys, "import", "free-exercise-db", str(dataset))
        assert code == 0 and err == "", (run, err)
        assert counts(out.splitlines()[0])["imported" if run == "first" else "unchanged"] == 4
        assert "removed" not in out
        names = sorted(snapshot(folder))
        assert names == ["lunge-2.toml", "lunge.toml", "squat-2.toml", "squat.toml"], run
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(entry["source"] for entry in manifest["files"].values()) == [
        "free-exercise-db:Lunge", "free-exercise-db:Lunge#2",
        "free-exercise-db:Squat", "free-exercise-db:Squat#2",
    ]  # fmt: skip
