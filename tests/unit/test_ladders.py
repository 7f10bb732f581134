from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptui.content.ladders import LADDERS_FILE, Ladder, Ladders, load_ladders
from hiptui.content.loader import load_library
from hiptui.paths import bundled_content_dir
from tests.profiles import also_suppress, examples


def write(folder: Path, text: str) -> Path:
    path = folder / LADDERS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
# comment
[[ladders]]
id = "bridge"
name = "Bridge ladder"
steps = ["a-bridge", "b-bridge", "c-thrust"]

[[ladders]]
id = "other"
name = "Other"
steps = ["a-bridge", "d-ball"]
"""


def messages(folder: Path, known: set[str] | None = None) -> list[str]:
    _ladders, problems = load_ladders([folder], known)
    assert all(p.path.endswith("ladders.toml") for p in problems)
    return [f"{p.line}: {p.message}" for p in problems]


def test_a_valid_file_loads_in_order(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    ladders, problems = load_ladders([tmp_path], {"a-bridge", "b-bridge", "c-thrust", "d-ball"})
    assert problems == []
    assert [ladder.id for ladder in ladders.ladders] == ["bridge", "other"]
    assert ladders.ladders[0].steps == ("a-bridge", "b-bridge", "c-thrust")
    steps = ladders.next_steps("a-bridge")
    assert [(s.ladder.id, s.exercise_id) for s in steps] == [
        ("bridge", "b-bridge"),
        ("other", "d-ball"),
    ]
    assert ladders.next_steps("c-thrust") == []
    assert ladders.tops("c-thrust") and not ladders.tops("b-bridge") and not ladders.tops("zzz")


def test_ladder_next_after() -> None:
    ladder = Ladder("x", "X", ("one", "two"))
    assert ladder.next_after("one") == "two"
    assert ladder.next_after("two") is None
    assert ladder.next_after("three") is None


def test_missing_file_is_no_ladders_and_no_problem(tmp_path: Path) -> None:
    ladders, problems = load_ladders([tmp_path])
    assert ladders == Ladders() and problems == []


def test_syntax_error_has_its_line(tmp_path: Path) -> None:
    write(tmp_path, '[[ladders]]\nid = "x"\nname = \n')
    found = messages(tmp_path)
    assert len(found) == 1 and found[0].startswith("3: TOML syntax error")


def test_field_errors_are_reported_with_lines_and_bad_ladders_left_out(tmp_path: Path) -> None:
    write(
        tmp_path,
        '[[ladders]]\nid = "Bad Id"\nname = "N"\nstep = ["a", "b"]\n'
        '\n[[ladders]]\nid = "ok"\nname = "Fine"\nsteps = ["a", "b"]\n'
        '\n[[ladders]]\nid = "short"\nname = "Short"\nsteps = ["a"]\n'
        '\n[[ladders]]\nid = "twice"\nname = "Twice"\nsteps = ["a", "b", "a"]\n'
        '\n[[ladders]]\nid = "ok"\nname = "Again"\nsteps = ["a", "b"]\n',
    )
    ladders, problems = load_ladders([tmp_path])
    found = [f"{p.line}: {p.message}" for p in problems]
    assert "2: ladders[1].id: 'Bad Id' is not kebab-case" in found
    assert "4: ladders[1].step: unknown key 'step' (did you mean 'steps'?)" in found
    assert "1: ladders[1]: missing key 'steps'" in found
    assert "14: ladders[3].steps: a ladder needs at least 2 steps" in found
    assert "19: ladders[4].steps[3]: 'a' appears twice" in found
    assert "22: ladders[5].id: duplicate ladder id 'ok' (also ladder 2)" in found
    assert [ladder.name for ladder in ladders.ladders] == ["Fine"]


def test_unknown_exercise_ids_are_named_with_a_hint(tmp_path: Path) -> None:
    write(tmp_path, '[[ladders]]\nid = "x"\nname = "X"\nsteps = ["glute-bridge", "hip-thrus"]\n')
    found = messages(tmp_path, {"glute-bridge", "hip-thrust"})
    assert found == [
        "4: ladders[1].steps[2]: unknown exercise 'hip-thrus' (did you mean 'hip-thrust'?)"
    ]
    assert messages(tmp_path, None) == []


def test_wrong_shapes(tmp_path: Path) -> None:
    write(tmp_path, 'ladders = "nope"\nextra = 1\n')
    found = messages(tmp_path)
    assert "1: ladders: must be an array of tables ([[ladders]])" in found
    assert "2: extra: unknown key 'extra'" in found
    write(tmp_path, '[[ladders]]\nid = "x"\nname = "X"\nsteps = ["a", 3, "Not Id"]\n')
    found = messages(tmp_path)
    assert "4: ladders[1].steps[2]: must be text, not a whole number" in found
    assert "4: ladders[1].steps[3]: 'Not Id' is not an exercise id (kebab-case)" in found


def test_a_later_folder_replaces_a_ladder_with_the_same_id(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write(first, GOOD)
    write(second, '[[ladders]]\nid = "bridge"\nname = "Mine"\nsteps = ["b-bridge", "e-x"]\n')
    ladders, problems = load_ladders([first, second])
    assert problems == []
    by_id = {ladder.id: ladder for ladder in ladders.ladders}
    assert by_id["bridge"].name == "Mine" and by_id["other"].name == "Other"
    assert [s.exercise_id for s in ladders.next_steps("a-bridge")] == ["d-ball"]


def test_the_bundled_ladders_load_cleanly_against_the_bundled_exercises() -> None:
    folder = bundled_content_dir()
    library = load_library([folder])
    ladders, problems = load_ladders([folder], set(library.exercises))
    assert problems == []
    assert len(ladders.ladders) >= 3
    assert any(
        s.exercise_id == "single-leg-glute-bridge" for s in ladders.next_steps("glute-bridge")
    )


_values = st.recursive(
    st.one_of(st.booleans(), st.integers(-5, 5), st.text(max_size=12)),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(
    max_examples=examples(300),
    suppress_health_check=also_suppress(HealthCheck.function_scoped_fixture),
)
@given(st.dictionaries(st.sampled_from(["ladders", "id", "steps", "x"]), _values, max_size=3))
def test_any_document_gives_ladders_or_problems_never_an_exception(
    tmp_path: Path, data: dict[str, object]
) -> None:
    import tomli_w

    write(tmp_path, tomli_w.dumps(data))
    ladders, problems = load_ladders([tmp_path])
    for ladder in ladders.ladders:
        assert len(ladder.steps) >= 2 and len(set(ladder.steps)) == len(ladder.steps)
    assert all(p.path.endswith("ladders.toml") and p.message for p in problems)
    if data.get("ladders") in (None, []) and set(data) <= {"ladders"}:
        assert problems == [] and ladders.ladders == ()
