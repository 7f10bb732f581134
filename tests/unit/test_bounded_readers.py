"""Every reader of outside input: only regular files, bounded in bytes and in time, one line per
problem.

Each TOML reader (exercises, routines, ladders, the guide, snacks, the self-check form, answers,
settings) and each JSON reader (history imports, datasets, the import manifest), the content
cache, the app-opened file and the database are given a named pipe, a device and a socket where
a file should be, a byte order mark, and the shapes that make parsers slow or raise something
other than a syntax error (``tests/hostile.py``: ``SLOW_TOML``). Nothing may block, and every
problem is one ``path:line: message`` that says what is wrong.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w

from hiptui.content.cache import load_library_cached
from hiptui.content.checkup_form import load_checkup_form
from hiptui.content.files import MAX_JSON_VALUES
from hiptui.content.free_exercise_db import DatasetError, read_dataset
from hiptui.content.guide import load_guide
from hiptui.content.ladders import load_ladders
from hiptui.content.loader import load_library
from hiptui.content.models import Problem
from hiptui.content.routines import load_routines
from hiptui.content.snacks import load_snacks
from hiptui.content.toml_fields import MAX_HINTS
from hiptui.core.checkup.answers import load_answers
from hiptui.store.app_opened import read_app_opened
from hiptui.store.clock_settings import read_clock_settings
from hiptui.store.errors import StoreError
from hiptui.store.exercise_files import MANIFEST_NAME, PlannedFile, read_manifest, write_planned
from hiptui.store.history_import import load_export_file
from hiptui.store.settings import Settings, load_settings, save_settings
from tests.hostile import (
    BOM,
    SLOW_TOML,
    call_without_blocking,
    exercise_data,
    make_fifo,
)

ProblemsOf = Callable[[Path], list[Problem]]


def _exercises(folder: Path) -> list[Problem]:
    return load_library([folder]).problems


def _cached_exercises(folder: Path) -> list[Problem]:
    return load_library_cached([folder], folder.parent / "cache.json").problems


def _routines(folder: Path) -> list[Problem]:
    return load_routines([folder])[1]


def _ladders(folder: Path) -> list[Problem]:
    return load_ladders([folder])[1]


def _answers(path: Path) -> list[Problem]:
    return load_answers(path)[1]


def _settings(path: Path) -> list[Problem]:
    return load_settings(path)[1]


# name -> (the file inside a content folder, the problems of loading that folder); settings and
# answers take the file itself.
TOML_READERS: dict[str, tuple[str, ProblemsOf]] = {
    "exercise": ("x.toml", _exercises),
    "exercise (cached)": ("x.toml", _cached_exercises),
    "routine": ("routines/x.toml", _routines),
    "ladders": ("progression/ladders.toml", _ladders),
    "guide": ("guide/hip-extension.toml", lambda folder: load_guide(folder)[1]),
    "snacks": ("snacks/movement-snacks.toml", lambda folder: load_snacks(folder)[1]),
    "checkup form": ("checkup/questions.toml", lambda folder: load_checkup_form(folder)[1]),
    "answers": ("answers.toml", lambda folder: _answers(folder / "answers.toml")),
    "settings": ("settings.toml", lambda folder: _settings(folder / "settings.toml")),
}


def toml_problems(reader: str, folder: Path, text: str | None = None) -> tuple[Path, list[str]]:
    """Write ``text`` where ``reader`` reads (unless something is already there) and load."""
    name, problems_of = TOML_READERS[reader]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is not None:
        path.write_text(text, encoding="utf-8")
    found = call_without_blocking(lambda: problems_of(folder), [path])
    return path, [str(problem) for problem in found]


# -- not regular files ---------------------------------------------------------------------


def not_a_file(kind: str, path: Path) -> str:
    """Make ``path`` a named pipe, a device or a socket; returns what the message calls it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pipe":
        make_fifo(path)
        return "a named pipe"
    if kind == "device":
        path.symlink_to("/dev/zero")  # endless: reading it "to the limit" would still read
        return "a device"
    server = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path has at most 107 bytes: bind by the short name
    try:
        server.bind(path.name)
    finally:
        os.chdir(here)
        server.close()
    return "a socket"


@pytest.mark.parametrize("kind", ["pipe", "device", "socket"])
@pytest.mark.parametrize("reader", sorted(TOML_READERS))
def test_a_toml_reader_refuses_what_is_not_a_file(reader: str, kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    what = not_a_file(kind, folder / TOML_READERS[reader][0])
    path, problems = toml_problems(reader, folder)
    assert any(p.startswith(f"{path}: is {what}, not a TOML file") for p in problems), problems


@pytest.mark.parametrize("kind", ["pipe", "device", "socket"])
def test_json_readers_refuse_what_is_not_a_file(kind: str, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    what = not_a_file(kind, export)
    problem = call_without_blocking(lambda: load_export_file(export), [export])
    assert str(problem) == f"{export}: is {what}, not an export file"

    dataset = tmp_path / "dataset.json"
    not_a_file(kind, dataset)
    with pytest.raises(DatasetError, match=f"is {what}, not a JSON file"):
        call_without_blocking(lambda: read_dataset(dataset), [dataset])
    folder = tmp_path / "folder"
    not_a_file(kind, folder / "one.json")
    (folder / "two.json").write_text(json.dumps({"name": "Row"}), encoding="utf-8")
    if kind == "pipe":  # a folder's files are listed by name; a pipe is met on the way
        records = call_without_blocking(lambda: read_dataset(folder), [folder / "one.json"])
        assert len(records) == 2 and isinstance(records[0].data, DatasetError)


def test_small_files_of_hiptui_refuse_pipes_too(tmp_path: Path) -> None:
    opened = make_fifo(tmp_path / "app-opened")
    assert call_without_blocking(lambda: read_app_opened(opened), [opened]) is None
    manifest = make_fifo(tmp_path / "import" / MANIFEST_NAME)
    assert call_without_blocking(lambda: read_manifest(manifest.parent), [manifest]) == {}


def test_an_import_leaves_a_pipe_at_a_target_name_alone(tmp_path: Path) -> None:
    folder = tmp_path / "import"
    target = make_fifo(folder / "squat.toml")
    planned = [PlannedFile("squat.toml", "x = 1\n", "free-exercise-db:Squat"),
               PlannedFile("row.toml", "y = 1\n", "free-exercise-db:Row")]  # fmt: skip
    report = call_without_blocking(lambda: write_planned(folder, planned), [target])
    assert report.skipped == [(target, "is a named pipe, not a file; left as it is")]
    assert report.imported == [folder / "row.toml"] and target.is_fifo()


def test_settings_are_never_saved_over_a_pipe(tmp_path: Path) -> None:
    path = make_fifo(tmp_path / "settings.toml")
    with pytest.raises(StoreError, match="is a named pipe, not a settings file"):
        call_without_blocking(lambda: save_settings(path, Settings(), had_problems=True), [path])
    assert path.is_fifo() and not path.with_name("settings.toml.bak").exists()


def run_hiptui(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_list_check_and_status_do_not_block_on_pipes(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "ok.toml").write_text(tomli_w.dumps(exercise_data("ok-one")), encoding="utf-8")
    pipe = make_fifo(folder / "x.toml")
    for command in ("list", "check"):
        result = run_hiptui("--exercises", folder, command)
        assert f"{pipe}: is a named pipe, not a TOML file" in result.stdout + result.stderr
    listed = run_hiptui("--exercises", folder, "list")
    assert listed.returncode == 0 and "ok-one" in listed.stdout


# -- what is in the file -------------------------------------------------------------------


@pytest.mark.parametrize("reader", sorted(TOML_READERS))
def test_a_byte_order_mark_is_named(reader: str, tmp_path: Path) -> None:
    path, problems = toml_problems(reader, tmp_path / "content", BOM + 'id = "x"\n')
    assert any(
        p.startswith(f"{path}:1: starts with a byte order mark (U+FEFF") for p in problems
    ), problems


def test_json_readers_name_a_byte_order_mark_and_long_numbers(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(BOM + '{"format_version": 1}', encoding="utf-8")
    assert "starts with a byte order mark" in str(load_export_file(export))
    export.write_text('{\n"format_version": ' + "1" * 5000 + "}", encoding="utf-8")
    assert str(load_export_file(export)) == (
        f"{export}:2: holds a 5000-digit number; the limit is 100"
    )
    dataset = tmp_path / "dataset.json"
    dataset.write_text('[{"id": "x", "reps": -' + "9" * 5000 + "}]", encoding="utf-8")
    with pytest.raises(DatasetError, match="holds a 5000-digit number"):
        read_dataset(dataset)


def test_json_numbers_up_to_the_limit_are_read_and_digits_in_text_are_only_text(
    tmp_path: Path,
) -> None:
    export = tmp_path / "export.json"
    for text, expected in [
        ("[" + "9" * 100 + "]", [int("9" * 100)]),
        ('["' + "7" * 500 + '", 12]', ["7" * 500, 12]),  # the long run is in a string
        ('["' + "7" * 500 + '", ' + "1" * 101 + "]", None),
    ]:
        export.write_text(text, encoding="utf-8")
        read = load_export_file(export)
        assert read == expected if expected is not None else "101-digit number" in str(read)


def test_json_readers_bound_the_number_of_values(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text("[" + "[]," * MAX_JSON_VALUES + "[]]", encoding="utf-8")
    assert "holds more than 500,000 JSON values" in str(load_export_file(export))


@pytest.mark.parametrize("shape", sorted(SLOW_TOML))
@pytest.mark.parametrize("reader", sorted(TOML_READERS))
def test_slow_toml_shapes_are_refused_with_their_line(
    reader: str, shape: str, tmp_path: Path
) -> None:
    text, line, message = SLOW_TOML[shape]
    path, problems = toml_problems(reader, tmp_path / "content", text)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in problems), problems


def test_a_bound_counts_only_what_is_outside_strings_and_comments(tmp_path: Path) -> None:
    """Dots, brackets and digits inside strings and comments are text, not structure."""
    data = exercise_data(
        "shapes",
        summary="k" + ".k" * 40 + " " + "[" * 40 + " " + "9" * 100,
        steps=["'''", '"""', "a.b.c.d.e.f.g.h.i.j.k.l.m", "{" * 50],
    )
    text = "# " + "[" * 100 + " k.k.k.k.k.k.k.k.k.k.k.k.k " + "9" * 200 + "\n"
    text += tomli_w.dumps(data) + "[art]\n"
    line = text.count("\n") + 1
    text += "start = '''\n" + "[" * 40 + "\n" + "9" * 80 + "\n'''\n"
    (tmp_path / "shapes.toml").write_text(text, encoding="utf-8")
    library = load_library([tmp_path])
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'shapes.toml'}:{line}: art.start: drawing is larger than 40 columns x 12 "
        "lines"
    ]


def test_the_key_line_scanner_is_linear_on_a_line_it_misreads(tmp_path: Path) -> None:
    """A string holding ``\\\"\"\"`` fools the key-line scanner's string tracking, so it looks
    at the string's next line as if it were a table header: a pattern that backtracks would
    take hours on this 300 KB line (the child process would be killed after two minutes)."""
    path = tmp_path / "scan.toml"
    path.write_text('x = """\na\\"""\n[' + " " * 300_000 + 'x\n"""\n', encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from hiptui.content.toml_source import read_toml; "
        "from hiptui.store.clock_settings import read_clock_settings; "
        "print(type(read_toml(Path(sys.argv[1]))).__name__, read_clock_settings(sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "TomlDocument (None, 4)", done.stderr


def test_a_dataset_converts_in_linear_time_whatever_its_instructions_hold(tmp_path: Path) -> None:
    """The tips pattern backtracked in n**3 steps on a run of n spaces in an instruction
    (1,000 spaces: 15 s); these 100,000 would take weeks (the child is killed after two
    minutes). The steps and tips come out as one-line text."""
    from tests.unit.fedb_fixtures import record, write_array

    data = record(
        "Spaces", instructions=["Lie down." + " " * 100_000 + "( " * 25_000 + "Tip:  go", "x"]
    )
    dataset = write_array(tmp_path / "dataset.json", [data])
    code = (
        "import sys; from pathlib import Path; "
        "from hiptui.content.free_exercise_db import convert, read_dataset; "
        "done = convert(read_dataset(Path(sys.argv[1]))); "
        "print([(e.data['steps'][0][:12], e.data['tips']) for e in done.exercises], done.problems)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(dataset)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "[('Lie down. ( ', ['Go'])] []", done.stderr


def test_hints_stop_after_a_few_but_every_problem_is_reported(tmp_path: Path) -> None:
    keys = {f"nam{i}": 1 for i in range(MAX_HINTS * 3)}
    text = tomli_w.dumps({**exercise_data("many"), **keys})
    _path, problems = toml_problems("exercise", tmp_path / "content", text)
    unknown = [p for p in problems if "unknown key" in p]
    assert len(unknown) == MAX_HINTS * 3
    assert sum("did you mean 'name'" in p for p in unknown) == MAX_HINTS


def test_a_huge_unknown_key_is_quoted_short(tmp_path: Path) -> None:
    key = "k" * 100_000
    path, problems = toml_problems("exercise", tmp_path / "c", tomli_w.dumps({key: 1}))
    (unknown,) = [p for p in problems if "unknown key" in p]
    assert "(100,000 characters)" in unknown and len(unknown) < 300 + len(str(path))


# -- hiptui status's own quick readers -------------------------------------------------------


def test_the_quick_settings_reader_does_not_block_or_crawl(tmp_path: Path) -> None:
    """``hiptui status`` reads break_minutes without tomllib when it can: the same limits hold
    (a pipe is not opened, a slow shape is refused, tomllib never sees it)."""
    pipe = make_fifo(tmp_path / "pipe.toml")
    assert call_without_blocking(lambda: read_clock_settings(pipe), [pipe]) == (None, 4)
    path = tmp_path / "settings.toml"
    for shape, (text, _line, _message) in SLOW_TOML.items():
        path.write_text("break_minutes = 30\n" + text, encoding="utf-8")
        # A 101-digit number is a plain line, read as the loader reads it; the other shapes
        # are refused as the loader refuses them (a table name of many parts too: checking
        # each of its parts took the square of their number, 16,000 parts 4.9 s).
        plain = shape == "negative number"
        assert read_clock_settings(path) == ((30, 4) if plain else (None, 4)), shape
    # 500,000 parts would take hours the old way: in a child, killed after two minutes.
    path.write_text("break_minutes = 30\n[k" + ".k" * 500_000 + "]\n", encoding="utf-8")
    code = "import sys; from hiptui.store.clock_settings import read_clock_settings as r; "
    done = subprocess.run([sys.executable, "-c", code + "print(r(sys.argv[1]))", str(path)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.stdout.strip() == "(None, 4)", done.stderr
    path.write_text("break_minutes = 30\n" + "[" * 5000 + "\n", encoding="utf-8")
    assert read_clock_settings(path) == (None, 4)
    lines = "".join(f"[t{i}]\nk{i} = 1\n" for i in range(20_000))  # linear in tables and keys
    path.write_text("break_minutes = 30\n" + lines, encoding="utf-8")
    assert read_clock_settings(path) == (30, 4)


# -- what a file may claim -------------------------------------------------------------------


def test_only_bundled_files_may_claim_the_article_or_hiptui(tmp_path: Path) -> None:
    """A user's file (or a dataset's) saying source = "article" or "hiptui: ..." is listed as
    the user's, in the app and in hiptui list --json; the bundled ones keep their groups."""
    from hiptui import paths
    from hiptui.content.models import Group

    for exercise_id, source in (("claims-article", "article"), ("claims-hiptui", "hiptui: X")):
        data = exercise_data(exercise_id, source=source)
        (tmp_path / f"{exercise_id}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    library = load_library([paths.bundled_content_dir(), tmp_path])
    assert library.exercises["claims-article"].group is Group.USER
    assert library.exercises["claims-hiptui"].group is Group.USER
    assert library.exercises["glute-bridge"].group is Group.ARTICLE
    assert library.exercises["clamshell"].group is Group.EXTRAS
    listed = run_hiptui("--exercises", tmp_path, "list", "--json")
    groups = {item["id"]: item["group"] for item in json.loads(listed.stdout)}
    assert groups["claims-article"] == "Your exercises" == groups["claims-hiptui"]
    assert groups["glute-bridge"] == "From the article"
