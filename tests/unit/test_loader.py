from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptui.content.loader import load_exercise_file, load_library
from hiptui.content.models import Group, Problem, Quantity
from hiptui.content.toml_source import KeyLines, TomlDocument, parse_toml_text
from hiptui.content.units import format_quantity, render

FIXTURES = Path(__file__).parent.parent / "fixtures"
BROKEN = FIXTURES / "broken"

# file stem -> (expected line or None, a fragment of the message)
EXPECTED = {
    "art-too-big": (17, "art.start: drawing is larger than"),
    "bad-id": (1, "is not kebab-case"),
    "bad-level": (4, "'expert' is not one of"),
    "bad-quantity": (17, "low (16) is above high (12)"),
    "bidi-override": (7, "U+202E"),
    "control-chars": (6, "U+001B"),
    "dup-b": (None, "duplicate id 'duplicate'"),
    "empty-step": (6, "steps[2]: must not be empty"),
    "min-over-max": (13, "dosage.sets: low (3) is above high (2)"),
    "missing-keys": (None, "missing key 'name'"),
    "negative-hold": (15, "dosage.hold_seconds: -2 is out of range"),
    "no-reps-or-time": (12, "needs 'reps' or 'work_seconds'"),
    "one-of-overlap": (18, "equipment.one_of: repeats an item that 'required' already lists"),
    "one-of-single": (17, "equipment.one_of: needs two or more items to choose from"),
    "reps-zero": (14, "dosage.reps"),
    "rest-wrong-type": (15, "must be a whole number, not text"),
    "syntax-error": (7, "TOML syntax error"),
    "unknown-equipment": (17, "unknown value 'trampoline'"),
    "unknown-key": (7, "did you mean 'cues'?"),
    "unknown-muscle": (10, "did you mean 'gluteus maximus'?"),
    "unknown-placeholder": (6, "{foot_gap}"),
    "variations-not-tables": (8, "array of tables"),
    "wrong-type": (5, "per_side: must be true or false"),
}


def test_every_broken_fixture_reports_its_problem_with_a_line() -> None:
    library = load_library([BROKEN])
    by_file: dict[str, list[Problem]] = {}
    for problem in library.problems:
        by_file.setdefault(Path(problem.path).stem, []).append(problem)
    assert set(EXPECTED) <= set(by_file)
    for stem, (line, fragment) in EXPECTED.items():
        matching = [p for p in by_file[stem] if fragment in p.message]
        assert matching, f"{stem}: {[str(p) for p in by_file[stem]]}"
        assert matching[0].line == line, f"{stem}: {matching[0]}"
    assert len(EXPECTED) >= 15


def test_missing_keys_are_all_reported_not_just_the_first() -> None:
    problems = load_exercise_file(BROKEN / "missing-keys.toml")
    assert isinstance(problems, list)
    messages = [p.message for p in problems]
    assert "missing key 'name'" in messages and "missing key 'steps'" in messages


def test_valid_files_load_beside_broken_ones(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.toml").write_text((FIXTURES / "exercises/fixture-bridge.toml").read_text())
    (folder / "bad.toml").write_text("id = \n")
    library = load_library([folder])
    assert list(library.exercises) == ["fixture-bridge"]
    assert [Path(p.path).name for p in library.problems] == ["bad.toml"]


def test_problem_reads_path_line_message() -> None:
    assert str(Problem("a/b.toml", 3, "x: bad")) == "a/b.toml:3: x: bad"
    assert str(Problem("a/b.toml", None, "bad")) == "a/b.toml: bad"


def test_later_source_replaces_earlier_and_remembers_it(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for folder, name in ((first, "First"), (second, "Second")):
        folder.mkdir()
        text = (FIXTURES / "exercises/fixture-bridge.toml").read_text()
        (folder / "x.toml").write_text(text.replace('"Fixture fixture-bridge"', f'"{name}"'))
    library = load_library([first, second])
    assert library.exercises["fixture-bridge"].name == "Second"
    assert library.replaced["fixture-bridge"] == [first / "x.toml"]


def test_unreadable_inputs_become_problems(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "dir.toml").mkdir()
    (folder / "latin1.toml").write_bytes(b'id = "x"\nname = "caf\xe9"\n')
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    (folder / "huge.toml").write_text('name = "' + "a" * (1024 * 1024 + 10) + '"\n')
    library = load_library([folder])
    messages = {Path(p.path).name: (p.line, p.message) for p in library.problems}
    assert messages["dir.toml"][1] == "is a folder, not a TOML file"
    assert messages["latin1.toml"] == (2, "is not valid UTF-8 (byte 20)")
    assert messages["loop.toml"][1].startswith("cannot be read")
    assert "larger than" in messages["huge.toml"][1]
    assert not library.exercises


def test_key_lines_follow_tables_arrays_and_multiline_strings() -> None:
    text = '\n'.join([
        'id = "x"',                   # 1
        'steps = [',                  # 2
        '  "one",',                   # 3
        '  "two",',                   # 4
        ']',                          # 5
        'note = """',                 # 6
        'fake = 1',                   # 7  inside a string: not a key
        '"""',                        # 8
        '[dosage]',                   # 9
        'reps = [8, 12]',             # 10
        '[[variations]]',             # 11
        'name = "a"',                 # 12
        '[[variations]]',             # 13
        'name = "b"',                 # 14
    ])  # fmt: skip
    keys = KeyLines.scan(text)
    assert keys.line(("steps", 1)) == 4
    assert keys.line(("fake",)) is None
    assert keys.line(("dosage", "reps")) == 10
    assert keys.line(("variations", 1, "name")) == 14
    assert keys.line(("dosage", "missing")) == 9


def test_key_lines_are_never_read_inside_a_string_the_line_count_misreads() -> None:
    # '\"""' does not end a basic string; counted line by line, it seemed to.
    text = 'note = """\na\\"""\nfake = 1\n[fake]\n"""\nreal = 1\n'
    document = parse_toml_text(text, Path("x.toml"), "x.toml")
    assert isinstance(document, TomlDocument)
    assert document.data["note"] == 'a"""\nfake = 1\n[fake]\n'
    assert document.keys.line(("fake",)) is None
    assert document.keys.line(("real",)) == 6


# Pieces of a basic string key: plain text, every escape TOML knows (surrogates and code points
# past U+10FFFF among them, which TOML refuses), and escapes it does not.
KEY_PIECES = st.one_of(
    st.text(st.characters(exclude_characters='"\\\n', exclude_categories=["Cs"]), max_size=4),
    st.sampled_from(["\\b", "\\t", "\\n", "\\f", "\\r", '\\"', "\\\\"]),
    st.sampled_from(["\\e", "\\x41", "\\u", "\\u12", "\\ ", "\\q"]),
    st.integers(0, 0xFFFF).map(lambda code: f"\\u{code:04x}"),
    st.integers(0, 0x10FFFF).map(lambda code: f"\\U{code:08X}"),
    st.integers(0xD800, 0xDFFF).map(lambda code: f"\\u{code:04X}"),
    st.just("\\U00110000"),
)


@given(st.lists(KEY_PIECES, min_size=1, max_size=6).map("".join))
def test_a_quoted_keys_line_is_found_under_the_key_tomllib_reads(inner: str) -> None:
    import tomllib

    text = f'["{inner}"]\nx = 1\n'
    keys = KeyLines.scan(text)  # never raises, whatever the escapes
    try:
        (key,) = tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # a syntax error: reported with tomllib's own line
        return
    assert keys.line((key, "x")) == 2


@pytest.mark.parametrize(
    ("quantity", "units", "expected"),
    [
        (Quantity(12, 16, "in"), "imperial", "12-16 in"),
        (Quantity(12, 16, "in"), "metric", "about 30-40 cm"),
        (Quantity(6, 12, "in"), "metric", "about 15-30 cm"),
        (Quantity(1, 2, "ft"), "metric", "about 30-60 cm"),
        (Quantity(60, 90, "deg"), "metric", "60-90 degrees"),
        (Quantity(90, 90, "deg"), "imperial", "90 degrees"),
        (Quantity(30, 40, "cm"), "imperial", "about 12-16 in"),
        (Quantity(2, 2, "m"), "imperial", "about 6.5 ft"),
    ],
)
def test_format_quantity(quantity: Quantity, units: str, expected: str) -> None:
    assert format_quantity(quantity, units) == expected


def test_render_fills_known_placeholders_only() -> None:
    quantities = {"gap": Quantity(12, 16, "in")}
    assert (
        render("Feet {gap} away, {other}", quantities, "imperial") == "Feet 12-16 in away, {other}"
    )


def test_groups_order_article_first() -> None:
    library = load_library([FIXTURES / "exercises"])
    exercise = library.exercises["fixture-bridge"]
    assert exercise.group is Group.USER
    assert re.search("per side", exercise.search_text())


def _with_dosage(tmp_path: Path, lines: str, *, timed: bool = False) -> Path:
    text = (FIXTURES / "exercises/fixture-bridge.toml").read_text()
    if timed:
        text = text.replace("reps = [8, 12]\nhold_seconds = 2\n", "work_seconds = [20, 30]\n")
    path = tmp_path / "x.toml"
    path.write_text(text.replace("[dosage]\n", f"[dosage]\n{lines}\n"))
    return path


def test_load_step_and_hold_cap_are_read(tmp_path: Path) -> None:
    loaded = load_exercise_file(_with_dosage(tmp_path, "load_step = { kg = 5, lb = 10 }"))
    assert not isinstance(loaded, list)
    assert (loaded.dosage.load_step_kg, loaded.dosage.load_step_lb) == (5.0, 10.0)
    timed = load_exercise_file(_with_dosage(tmp_path, "hold_cap_seconds = 45", timed=True))
    assert not isinstance(timed, list) and timed.dosage.hold_cap_seconds == 45


@pytest.mark.parametrize(
    ("lines", "timed", "message"),
    [
        ("load_step = 5", False, "dosage.load_step: must be a table like { kg = 5, lb = 10 }"),
        ("load_step = { kg = 0 }", False, "dosage.load_step.kg: must be above 0"),
        ("load_step = { st = 1 }", False, "dosage.load_step.st: unknown key 'st'"),
        ("hold_cap_seconds = 45", False, "only a timed exercise (work_seconds) has one"),
        ("hold_cap_seconds = 10", True, "dosage.hold_cap_seconds: 10 is below work_seconds (20)"),
    ],
)
def test_bad_load_step_or_hold_cap_is_a_problem_with_a_line(
    tmp_path: Path, lines: str, timed: bool, message: str
) -> None:
    problems = load_exercise_file(_with_dosage(tmp_path, lines, timed=timed))
    assert isinstance(problems, list)
    assert [p.line for p in problems if message in p.message] == [15], problems
