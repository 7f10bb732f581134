"""The catalog's order: groups first (the article, hiptui's extras, the user's, imported), then
each exercise's ``order`` within its group, then the name."""

from __future__ import annotations

from pathlib import Path

from hiptui.content.cache import load_library_cached
from hiptui.content.loader import load_exercise_file, load_library
from hiptui.content.models import Group
from tests.unit.content_files import CONTENT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exercises"

# The article's exercises, numbered as the article numbers them.
ARTICLE_ORDER = [
    "glute-bridge",
    "hip-thrust",
    "quadruped-kickback",
    "step-up",
    "standing-kickback",
    "upright-hip-thrust",
    "ball-bridge-hamstring-curl",
    "prone-ball-hip-extension",
]


def test_the_article_group_comes_first_in_the_articles_order() -> None:
    ordered = load_library([CONTENT]).ordered()
    article = [e.id for e in ordered if e.group is Group.ARTICLE]
    assert article == ARTICLE_ORDER
    assert [e.id for e in ordered[: len(ARTICLE_ORDER)]] == ARTICLE_ORDER
    extras = [e.name.lower() for e in ordered if e.group is Group.EXTRAS]
    assert extras == sorted(extras)  # no order given: by name


def write(folder: Path, exercise_id: str, name: str, order: int | None) -> None:
    text = (FIXTURES / "fixture-curl.toml").read_text(encoding="utf-8")
    text = text.replace('id = "fixture-curl"', f'id = "{exercise_id}"')
    text = text.replace('name = "Fixture ball curl"', f'name = "{name}"')
    if order is not None:
        text = f"order = {order}\n" + text
    (folder / f"{exercise_id}.toml").write_text(text, encoding="utf-8")


def test_an_order_puts_an_exercise_before_those_without_one_and_survives_the_cache(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder, "aaa", "Yak lift", None)
    write(folder, "zzz", "Zebra bridge", 2)
    write(folder, "mmm", "Marmot curl", 1)
    write(folder, "bbb", "Badger hold", None)
    expected = ["mmm", "zzz", "bbb", "aaa"]  # then by name: Badger, Yak
    assert [e.id for e in load_library([folder]).ordered()] == expected
    cache = tmp_path / "cache.bin"
    first = load_library_cached([folder], cache, now_ns=lambda: 10**20)
    again = load_library_cached([folder], cache, now_ns=lambda: 10**20)
    assert [e.id for e in first.ordered()] == [e.id for e in again.ordered()] == expected
    assert again.exercises["zzz"].order == 2 and again.exercises["aaa"].order is None


def test_a_bad_order_is_named_with_its_line(tmp_path: Path) -> None:
    for value, fragment in (("0", "0 is out of range (1 to 9999)"), ('"first"', "whole number")):
        path = tmp_path / "bad.toml"
        text = (FIXTURES / "fixture-curl.toml").read_text(encoding="utf-8")
        path.write_text(f"order = {value}\n" + text, encoding="utf-8")
        result = load_exercise_file(path)
        assert isinstance(result, list)
        [problem] = result
        assert problem.line == 1 and "order" in problem.message and fragment in problem.message
