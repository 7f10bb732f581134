"""Fuzzing every content loader: whatever a file holds, the loader returns a value or problems.

Three kinds of input, all seeded (``derandomize``), so a failure repeats on every run:

* TOML documents that hypothesis builds as data and writes with tomli-w: the real bundled
  files with keys deleted, replaced by values of any type or added, and documents of any shape;
* raw text and bytes: TOML-looking tokens, control characters, invalid UTF-8;
* mutations of the real files' text: lines deleted, duplicated or swapped, characters flipped,
  the file cut short, control characters, markup and huge values inserted anywhere.

For each, every loader that reads that kind of file must return normally; each problem is a
:class:`Problem` naming the file, with a message and a line inside the file (when it has one);
and anything that loads holds no control or bidirectional character, whatever went in.
``test_ten_thousand_inputs`` (marked slow, run by CI) runs 10,000 of them, split by target so
that ``-n`` runs the targets side by side. Counts scale with the hypothesis profile
(tests/profiles.py): the default run takes an eighth.
"""

from __future__ import annotations

import dataclasses
import random
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptui.content.checkup_form import CHECKUP_FORM_FILE, load_checkup_form
from hiptui.content.guide import GUIDE_FILE, load_guide
from hiptui.content.ladders import LADDERS_FILE, load_ladders
from hiptui.content.loader import DOSAGE_KEYS, TOP_KEYS, load_exercise_file, load_library
from hiptui.content.models import Problem
from hiptui.content.routines import ROUTINES_FOLDER, load_routine_file
from hiptui.content.snacks import SNACKS_FILE, load_snacks
from hiptui.content.text import first_unsafe_char
from hiptui.core.checkup.answers import load_answers
from hiptui.paths import bundled_content_dir
from tests.profiles import also_suppress, examples
from tests.samples import EXAMPLE_ANSWERS

BUNDLED = bundled_content_dir()
ANSWERS = EXAMPLE_ANSWERS


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=also_suppress(
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ),
    )


# -- what each loader reads, and how it is called ----------------------------------------------


@dataclass(frozen=True)
class Target:
    """One kind of content file: where it goes in a content folder, a real example of it,
    and a call that loads it and returns its problems (and what loaded, to inspect)."""

    name: str
    where: str
    seed_texts: tuple[str, ...]
    load: Callable[[Path, Path], tuple[object, list[Problem]]]


def _exercise(folder: Path, file: Path) -> tuple[object, list[Problem]]:
    single = load_exercise_file(file)
    library = load_library([folder])
    if isinstance(single, list):
        assert library.exercises == {}
        assert library.problems == single
        return None, single
    assert list(library.exercises.values()) == [single] and library.problems == []
    return single, []


def _routine(folder: Path, file: Path) -> tuple[object, list[Problem]]:
    result = load_routine_file(file)
    return (None, result) if isinstance(result, list) else (result, [])


def _ladders(folder: Path, file: Path) -> tuple[object, list[Problem]]:
    known = {path.stem for path in BUNDLED.glob("*.toml")}
    return load_ladders([folder], known)


def _answers(folder: Path, file: Path) -> tuple[object, list[Problem]]:
    answers, problems = load_answers(file)
    assert (answers is None) == bool(problems)
    return answers, problems


def _texts(pattern: str) -> tuple[str, ...]:
    return tuple(path.read_text("utf-8") for path in sorted(BUNDLED.glob(pattern)))


TARGETS = (
    Target("exercise", "fuzzed.toml", _texts("*.toml"), _exercise),
    Target("guide", str(GUIDE_FILE), _texts(str(GUIDE_FILE)), lambda d, f: load_guide(d)),
    Target("routine", f"{ROUTINES_FOLDER}/fuzzed.toml", _texts(f"{ROUTINES_FOLDER}/*.toml"),
           _routine),
    Target("ladders", str(LADDERS_FILE), _texts(str(LADDERS_FILE)), _ladders),
    Target("snacks", str(SNACKS_FILE), _texts(str(SNACKS_FILE)), lambda d, f: load_snacks(d)),
    Target("questionnaire", str(CHECKUP_FORM_FILE), _texts(str(CHECKUP_FORM_FILE)),
           lambda d, f: load_checkup_form(d)),
    Target("answers", "answers.toml", (ANSWERS,), _answers),
)  # fmt: skip


def test_every_target_has_a_real_file_that_loads() -> None:
    for target in TARGETS:
        assert target.seed_texts, target.name
        for text in target.seed_texts:
            loaded, problems = run_target(target, text.encode())
            assert problems == [] and loaded is not None, (target.name, problems)


# -- running one input and checking what came back -----------------------------------------


def _strings(value: object) -> list[str]:
    """Every piece of text inside a loaded value (dataclasses, tuples, dicts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Path):
        return []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for item in value for s in _strings(item)]
    return []


def run_target(target: Target, raw: bytes) -> tuple[object, list[Problem]]:
    """Load ``raw`` as ``target`` from a content folder of its own, and check the outcome."""
    with tempfile.TemporaryDirectory(prefix="hiptui-fuzz-") as name:
        return _run_in(target, Path(name), raw)


def _run_in(target: Target, folder: Path, raw: bytes) -> tuple[object, list[Problem]]:
    file = folder / target.where
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(raw)
    loaded, problems = target.load(folder, file)
    lines = raw.count(b"\n") + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == str(file), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert problem.line is None or 1 <= problem.line <= lines, (problem, lines)
        assert str(problem).startswith(str(file))
    for text in _strings(loaded):
        bad = first_unsafe_char(text, allow_newlines=True)
        assert bad is None, (target.name, text[:80])
    return loaded, problems


# -- inputs ----------------------------------------------------------------------------------

HOSTILE = (
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b]0;pwned\x07",  # OSC 0: set the window title
    "\x1b]2;pwned\x1b\\",
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x9b31m",  # C1 CSI
    "\x07\x08\x00\x7f\x85",
    "\u202eevil\u202c",  # right-to-left override
    "[bold red]markup[/]",
    "[link=https://example.com]x[/link]",
    "{undefined_placeholder}",
    "\u2028\u2029",
)
KEYS = (*TOP_KEYS, *DOSAGE_KEYS, "primary", "secondary", "required", "optional", "low", "high",
        "unit", "name", "text", "start", "top", "title", "sections", "body", "exercises",
        "items", "exercise", "ladders", "weekday", "weekend", "desk", "breaks", "questions",
        "key", "prompt", "scale", "snacks")  # fmt: skip

hostile_text = st.sampled_from(HOSTILE)
texts = st.one_of(
    st.text(max_size=30),
    hostile_text,
    st.builds(lambda a, b: a + b, st.text(max_size=10), hostile_text),
    st.sampled_from(("beginner", "strength", "in", "gluteus maximus", "mat", "left", "D")),
    st.integers(1, 5).map(lambda n: "x" * (10**n)),  # up to 100,000 characters
)
scalars = st.one_of(
    st.booleans(),
    st.integers(),  # including numbers far past 64 bits
    st.integers(-3, 700),
    st.floats(),  # nan and inf included
    texts,
    st.dates(),
    st.datetimes(),
    st.times(),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12), hostile_text)
toml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=6) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def mutate_data(data: st.DataObject, value: Any, depth: int = 0) -> Any:
    """``value`` with parts deleted, replaced by any TOML value, added or repeated."""
    if data.draw(st.integers(0, 11), label="replace") == 0:
        return data.draw(toml_values)
    if isinstance(value, dict) and depth < 6:
        out: dict[str, Any] = {}
        for key, item in value.items():
            action = data.draw(st.integers(0, 7), label="dict action")
            if action == 0:
                continue  # deleted
            out[key] = mutate_data(data, item, depth + 1) if action == 1 else item
        for key in data.draw(st.lists(keys, max_size=2), label="added keys"):
            out[key] = data.draw(toml_values)
        return out
    if isinstance(value, list) and depth < 6:
        items = [mutate_data(data, item, depth + 1) for item in value]
        if items and data.draw(st.integers(0, 5)) == 0:
            items.pop(data.draw(st.integers(0, len(items) - 1)))
        if items and data.draw(st.integers(0, 5)) == 0:
            items.append(items[data.draw(st.integers(0, len(items) - 1))])
        if data.draw(st.integers(0, 7)) == 0:
            items *= 300  # a huge array
        return items
    return value


def dumped(document: Any) -> bytes | None:
    try:
        return tomli_w.dumps(document).encode("utf-8")
    except (TypeError, ValueError):
        return None


LINE_OPS = ("delete", "duplicate", "swap", "flip", "truncate", "insert", "bytes")
INSERTS = st.one_of(
    hostile_text,
    st.sampled_from(('"', "'''", '"""', "[", "]]", "=", "[[variations]]", "\n[dosage]\n",
                     "9" * 400, "reps = [1, 2, 3]", "{", "\\u001b", "\\", "x = 1\n")),
    st.integers(3, 6).map(lambda n: "y" * (10**n)),
)  # fmt: skip


def mutate_text(data: st.DataObject, text: str) -> bytes:
    """``text`` after a few random edits of its lines, characters and bytes."""
    raw = text.encode("utf-8")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        op = data.draw(st.sampled_from(LINE_OPS), label="op")
        lines = raw.split(b"\n")
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        j = data.draw(st.integers(0, len(lines) - 1), label="other line")
        at = data.draw(st.integers(0, len(raw)), label="position")
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        if op in ("delete", "duplicate", "swap"):
            raw = b"\n".join(lines)
        elif op == "flip" and raw:
            char = data.draw(st.characters(), label="char").encode("utf-8", "surrogatepass")
            raw = raw[: min(at, len(raw) - 1)] + char + raw[min(at, len(raw) - 1) + 1 :]
        elif op == "truncate":
            raw = raw[:at]
        elif op == "insert":
            raw = raw[:at] + data.draw(INSERTS, label="insert").encode("utf-8") + raw[at:]
        elif op == "bytes":
            raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


TOKENS = ("[", "]", "[[", "]]", "=", '"', "'", '"""', "'''", "\n", " ", ".", ",", "{", "}",
          "#", "\\", "a", "id", "dosage", "sets", "1", "-1", "1.5", "inf", "nan", "true",
          "1979-05-27", "\t", "\r\n", "\x00", "\x1b", "\u2028", "\x85")  # fmt: skip
raw_inputs = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(TOKENS), max_size=80).map(lambda t: "".join(t).encode()),
)


def seed_data(target: Target, index: int) -> Any:
    return tomllib.loads(target.seed_texts[index % len(target.seed_texts)])


def draw_input(data: st.DataObject, target: Target, kind: str) -> bytes:
    seed = data.draw(st.integers(0, len(target.seed_texts) - 1), label="seed file")
    if kind == "document":
        document = mutate_data(data, seed_data(target, seed))
        if not isinstance(document, dict):
            document = {"value": document}
        encoded = dumped(document)
        return encoded if encoded is not None else b""
    if kind == "shape":
        encoded = dumped(data.draw(st.dictionaries(keys, toml_values, max_size=8)))
        return encoded if encoded is not None else b""
    if kind == "raw":
        return data.draw(raw_inputs)
    return mutate_text(data, target.seed_texts[seed])


KINDS = ("document", "shape", "raw", "mutation")
BY_NAME = {target.name: target for target in TARGETS}
# By name, so a failing example prints one word rather than the whole seed file.
targets = st.sampled_from(sorted(BY_NAME)).map(BY_NAME.__getitem__)


# -- the tests ---------------------------------------------------------------------------------


@fuzz_settings(examples(240))
@given(data=st.data(), target=targets)
def test_mutated_documents_never_raise(data: st.DataObject, target: Target) -> None:
    run_target(target, draw_input(data, target, "document"))


@fuzz_settings(examples(160))
@given(data=st.data(), target=targets)
def test_documents_of_any_shape_never_raise(data: st.DataObject, target: Target) -> None:
    run_target(target, draw_input(data, target, "shape"))


@fuzz_settings(examples(160))
@given(data=st.data(), target=targets)
def test_raw_text_and_bytes_never_raise(data: st.DataObject, target: Target) -> None:
    run_target(target, draw_input(data, target, "raw"))


@fuzz_settings(examples(280))
@given(data=st.data(), target=targets)
def test_mutated_real_files_never_raise(data: st.DataObject, target: Target) -> None:
    run_target(target, draw_input(data, target, "mutation"))


SLOW_INPUTS = 10_000  # across every target, in the slow profile


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BY_NAME))
@fuzz_settings(examples(SLOW_INPUTS // len(BY_NAME)))
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_ten_thousand_inputs(name: str, data: st.DataObject, kind: str) -> None:
    target = BY_NAME[name]
    run_target(target, draw_input(data, target, kind))


# -- targeted cases the random ones might miss ---------------------------------------------


def test_line_numbers_count_only_real_newlines(tmp_path: Path) -> None:
    """U+2028, U+0085 and form feeds may sit in TOML strings and comments; they do not start
    a line, so the problem below must still point at the ``level`` line."""
    base = (BUNDLED / "glute-bridge.toml").read_text("utf-8")
    rng = random.Random(9)
    for separator in ("\u2028", "\u2029", "\x85", "\u2028\x85\u2029"):
        comment = "# " + separator.join("note" for _ in range(rng.randint(2, 5))) + "\n"
        text = comment + base.replace('level = "beginner"', 'level = "expert"')
        result = load_exercise_file(write(tmp_path / "x.toml", text))
        assert isinstance(result, list)
        expected = text.split("\n").index('level = "expert"') + 1
        assert [p.line for p in result if p.message.startswith("level:")] == [expected]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["5", "true", '"text"', "[1, 2]", "2024-01-01"])
def test_quantities_that_are_not_a_table_are_a_problem(tmp_path: Path, value: str) -> None:
    """Found by the fuzzer: a placeholder check used to iterate over ``quantities = 5``."""
    base = (BUNDLED / "glute-bridge.toml").read_text("utf-8")
    body = "\n".join(line for line in base.splitlines() if "foot_to_glutes = {" not in line)
    text = f"quantities = {value}\n" + body.replace("[quantities]\n", "")
    result = load_exercise_file(write(tmp_path / "x.toml", text))
    assert isinstance(result, list)
    messages = [p.message for p in result]
    assert any(m.startswith("quantities: must be a table") for m in messages), messages
    assert any("refers to {foot_to_glutes}" in m for m in messages), messages
