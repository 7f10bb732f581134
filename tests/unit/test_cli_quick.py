"""``hiptui show`` and ``hiptui cues`` answered from the content index say exactly what the full
way (argparse, the whole library) says, and leave every other shape to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hiptui import paths
from hiptui.cli import lookup, main
from hiptui.content.cache import load_library_cached
from tests.unit.cache_folders import FIXTURES, LATER, age


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """The user's own exercises (good and broken), and a folder for --exercises; both aged."""
    user = paths.user_exercises_dir()
    shutil.copytree(FIXTURES / "broken", user)
    shutil.copytree(FIXTURES / "exercises", user, dirs_exist_ok=True)
    more = shutil.copytree(FIXTURES / "exercises", tmp_path / "more")
    (more / "fixture-curl.toml").unlink()
    age(user)
    age(more)
    return more


def warm(extra: list[Path]) -> None:
    """The cache as a load long after every file was written leaves it."""
    load_library_cached(
        paths.content_folders(tuple(extra)), paths.content_cache_path(), now_ns=LATER
    )


Outputs = tuple[str, str]


def both_ways(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int | None, Outputs, int, Outputs]:
    answered = lookup.quick(arguments)
    quick = capsys.readouterr()
    full = main._parse_and_run(arguments, main.command_in(arguments))
    slow = capsys.readouterr()
    return answered, (quick.out, quick.err), full, (slow.out, slow.err)


@pytest.mark.parametrize(
    ("arguments", "with_extra"),
    [
        (["cues", "fixture-bridge"], False),
        (["show", "fixture-bridge"], False),
        (["show", "glute-bridge", "--units", "metric"], False),
        (["cues", "--units=metric", "fixture-bridge"], False),
        (["--exercises", "{extra}", "show", "fixture-bridge"], True),
        (["cues", "fixture-bridge", "--exercises", "{extra}", "--units", "imperial"], True),
        (["cues", "--exercises={extra}", "fixture-thrust"], True),
    ],
)
def test_the_quick_answer_is_the_full_answer(
    extra: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], with_extra: bool
) -> None:
    arguments = [a.replace("{extra}", str(extra)) for a in arguments]
    warm([extra] if with_extra else [])
    answered, quick, full, slow = both_ways(arguments, capsys)
    assert answered == 0 and full == 0
    assert quick == slow
    out, err = quick
    assert "Form cues" in out and "problems (run `hiptui check`" in err


@pytest.mark.parametrize("units", ["metric", "imperial", "feet"])
def test_the_units_setting_is_read_as_the_app_reads_it(
    extra: Path, capsys: pytest.CaptureFixture[str], units: str
) -> None:
    paths.config_dir().mkdir(parents=True)
    paths.settings_path().write_text(f'units = "{units}"\n', encoding="utf-8")
    warm([])
    answered, quick, _full, slow = both_ways(["cues", "fixture-bridge"], capsys)
    assert answered == 0 and quick == slow
    assert ("cm" in quick[0]) == (units == "metric")


@pytest.mark.parametrize(
    "arguments",
    [
        ["cues"],
        ["cues", "-h"],
        ["cues", "fixture-bridge", "extra-word"],
        ["cues", "fixture-bridge", "--units", "feet"],
        ["cues", "fixture-bridge", "--units"],
        ["cues", "fixture-bridge", "--unit", "metric"],
        ["cues", "fixture-bridge", "--units", "metric", "--units", "imperial"],
        ["--exercises", "{extra}", "cues", "fixture-bridge", "--exercises", "{extra}"],
        ["--exercises", "cues", "fixture-bridge"],
        ["--version", "cues", "fixture-bridge"],
        ["cues", "no-such-exercise"],
        ["list"],
    ],
)
def test_other_shapes_are_left_to_argparse(
    extra: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    warm([extra])
    assert lookup.quick([a.replace("{extra}", str(extra)) for a in arguments]) is None
    assert capsys.readouterr() == ("", "")


def test_a_cache_that_no_longer_matches_is_loaded_again_and_rewritten(
    extra: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit the index no longer describes the folders: the quick way then answers
    from the library loaded through the cache (the same answer as the full way), which writes
    the cache again, and the next answer comes from the index alone."""
    from hiptui.content import cache, index

    warm([])
    (paths.user_exercises_dir() / "fixture-curl.toml").unlink()
    answered, quick, full, slow = both_ways(["cues", "fixture-bridge"], capsys)
    assert answered == 0 and full == 0 and quick == slow
    stale = index.CacheIndex.read(paths.content_cache_str(), index.loader_fingerprint())
    assert stale is not None and stale.describes(paths.content_folders_str())
    monkeypatch.setattr(cache, "load_library_cached", lambda *a, **k: pytest.fail("loaded"))
    assert lookup.quick(["cues", "fixture-bridge"]) == 0
    assert capsys.readouterr().out == quick[0]


def test_main_answers_the_quick_way_when_it_can(
    extra: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm([])
    monkeypatch.setattr(main, "_parse_and_run", lambda *a: pytest.fail("argparse was used"))
    assert main.main(["show", "fixture-curl"]) == 0
    assert capsys.readouterr().out.startswith("Fixture ball curl  fixture-curl\n")


@pytest.mark.parametrize("arguments", [["today"], ["today", "--json"]])
def test_today_without_argparse_says_what_argparse_s_today_says(
    extra: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    from hiptui.cli import today

    paths.config_dir().mkdir(parents=True)
    paths.settings_path().write_text('training_days = ["mon", "thu"]\n', encoding="utf-8")
    assert today.quick(arguments) == 0
    quick = capsys.readouterr()
    assert main._parse_and_run(arguments, "today") == 0
    assert capsys.readouterr() == quick
    assert quick.out
    assert today.quick(["today", "--jsn"]) is None
    assert today.quick(["today", "--json", "--json"]) is None
