"""[keymap] in settings.toml: ids, keys and clashes checked, with the line of each problem."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hiptui.bindings.keymap import (
    KeymapEntry,
    check_keymap,
    keys_in_force,
    parse_keys,
    textual_keymap,
)
from hiptui.bindings.table import APP, BY_ID, SCREENS, every_binding
from hiptui.store.settings import Settings, load_settings, save_settings


def check(*pairs: tuple[str, object]) -> tuple[dict[str, str], list[str]]:
    entries = [KeymapEntry(id_, value, line) for line, (id_, value) in enumerate(pairs, start=2)]
    kept, problems = check_keymap(entries, "settings.toml")
    return kept, [str(p) for p in problems]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the table -----------------------------------------------------------------------------------


def test_the_table_has_every_binding_once_with_a_screen_id() -> None:
    bindings = list(every_binding())
    assert len(bindings) >= 30
    assert len({b.id for b in bindings}) == len(bindings)
    for screen in SCREENS:
        for binding in screen.bindings:
            assert binding.id == f"{screen.name}.{binding.id.partition('.')[2]}"
            assert binding.description and binding.keys


def test_no_two_default_bindings_share_a_key_on_a_screen() -> None:
    everywhere = [b for b in every_binding() if b.screen == APP]
    for screen in SCREENS:
        keys = [k for b in (*everywhere, *screen.bindings) for k in b.keys]
        if screen.name == APP:
            keys = [k for b in everywhere for k in b.keys]
        assert len(keys) == len(set(keys)), screen.name


# -- checking entries ----------------------------------------------------------------------------


def test_a_valid_remap_is_kept_as_written() -> None:
    kept, problems = check(("catalog.search", "f6"), ("session.rep", "space, j"))
    assert problems == []
    assert kept == {"catalog.search": "f6", "session.rep": "space, j"}
    assert keys_in_force(BY_ID["session.rep"], kept) == ("space", "j")
    assert keys_in_force(BY_ID["catalog.run"], kept) == ("r",)
    assert textual_keymap(kept) == {"catalog.search": "f6", "session.rep": "space,j"}


def test_an_unknown_id_names_the_line_and_the_close_id() -> None:
    kept, problems = check(("catalog.search", "f6"), ("catalog.serach", "f7"))
    assert kept == {"catalog.search": "f6"}
    assert problems == [
        'settings.toml:3: keymap: unknown binding "catalog.serach" '
        '(did you mean "catalog.search"?); entry ignored'
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("ctrl+banana", 'unknown key name "banana"'),
        ("f6,shift+a", '"shift+a" never arrives'),
        ("", "no key given"),
        (5, "expected keys in a string"),
        (["f6"], "got a list"),
    ],
)
def test_a_bad_key_is_reported_and_the_default_kept(value: object, reason: str) -> None:
    kept, problems = check(("catalog.search", value))
    assert kept == {}
    assert len(problems) == 1
    assert problems[0].startswith('settings.toml:2: keymap "catalog.search": ')
    assert reason in problems[0] and problems[0].endswith("; entry ignored")
    assert keys_in_force(BY_ID["catalog.search"], kept) == ("slash",)


def test_a_key_that_already_does_something_on_the_screen_clashes() -> None:
    kept, problems = check(("catalog.run", "g"))
    assert kept == {}
    assert problems == [
        'settings.toml:2: keymap "catalog.run": "g" is already the key of catalog.guide '
        '("Guide") on the catalog screen; entry ignored'
    ]


def test_of_two_entries_on_one_key_the_later_line_is_ignored() -> None:
    kept, problems = check(("catalog.search", "f6"), ("catalog.history", "f6"))
    assert kept == {"catalog.search": "f6"}
    assert problems == [
        'settings.toml:3: keymap "catalog.history": "f6" is already the key of catalog.search '
        '("Search", set on line 2) on the catalog screen; entry ignored'
    ]


def test_the_same_key_on_two_screens_and_swapped_keys_are_fine() -> None:
    kept, problems = check(
        ("catalog.run", "g"), ("catalog.guide", "r"), ("exercise.run", "g"), ("guide.back", "g")
    )
    assert problems == []
    assert len(kept) == 4


def test_app_keys_clash_on_every_screen() -> None:
    _kept, problems = check(("app.quit", "j"))
    assert problems == [
        'settings.toml:2: keymap "app.quit": "j" is already the key of catalog.down ("Down") '
        "on the catalog screen; entry ignored"
    ]
    _kept, problems = check(("help.close", "ctrl+q"))
    assert "is already the key of app.quit" in problems[0] and "on every screen" in problems[0]


def test_an_ignored_entry_gives_back_its_default_keys_which_may_clash_in_turn() -> None:
    # run gives up g (the guide's); its default r then clashes with units moved to r.
    kept, problems = check(("catalog.run", "g"), ("catalog.units", "r"))
    assert kept == {}
    assert [p.split(":")[1] for p in problems] == ["2", "3"]
    assert '"r" is already the key of catalog.run ("Start")' in problems[1]


def test_parse_keys_drops_repeats() -> None:
    assert parse_keys("f6, f6,?") == ("f6", "question_mark")


# -- in settings.toml ----------------------------------------------------------------------------


def test_problems_carry_the_line_in_the_file_and_the_rest_of_the_file_loads(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "rest_seconds = 90\n"
        "\n"
        "[keymap]\n"
        '"catalog.search" = "f6"\n'
        '"catalog.nope" = "f7"\n'
        "# a comment\n"
        '"catalog.run" = "g"\n'
        'keys."x" = 1\n',
    )
    settings, problems = load_settings(path)
    assert settings.rest_seconds == 90
    assert settings.keymap == {"catalog.search": "f6"}
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (5, "keymap"),
        (7, 'keymap "catalog.run"'),
        (8, "keymap"),
    ]
    assert 'unknown binding "catalog.nope"' in problems[0].message
    assert 'unknown binding "keys"' in problems[2].message
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_a_keymap_that_is_not_a_table(tmp_path: Path) -> None:
    settings, problems = load_settings(write(tmp_path, 'keymap = "f6"\n'))
    assert settings == Settings()
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'settings.toml'}:1: keymap: expected a table ([keymap] with "
        '"id" = "keys" lines), got \'f6\'; ignored'
    ]


def test_keymaps_with_a_typo_suggest_the_table(tmp_path: Path) -> None:
    _settings, problems = load_settings(write(tmp_path, '[keymaps]\n"catalog.search" = "f6"\n'))
    assert "did you mean 'keymap'?" in problems[0].message


def test_saving_keeps_the_keymap_and_loads_it_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    chosen = Settings(units="metric", keymap={"catalog.search": "f6", "session.rep": "space,j"})
    save_settings(path, chosen, had_problems=False)
    assert tomllib.loads(path.read_text())["keymap"] == chosen.keymap
    assert load_settings(path) == (chosen, [])
    save_settings(path, chosen.replace(sound="off"), had_problems=False)
    assert load_settings(path)[0].keymap == chosen.keymap


def test_saving_an_unusable_keymap_is_a_programming_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    with pytest.raises(ValueError, match="unknown binding"):
        save_settings(path, Settings(keymap={"nope.nope": "f6"}), had_problems=False)
    assert not path.exists()


@pytest.mark.parametrize(
    "text",
    [
        # plain lines (read without tomllib) and a file only the TOML reader takes
        'units = "metric"\n\n[keymap]\n"catalog.nope" = "f6"\n"catalog.search" = "slash"\n',
        'units = "metric"\nkeymap = { "catalog.nope" = "f6" }\n',
        'units = "metric"\nkeymap = "f6"\n',
    ],
)
def test_settings_read_without_the_keymap_leave_it_unread_and_unreported(
    tmp_path: Path, text: str
) -> None:
    path = write(tmp_path, text)
    _with_keymap, problems = load_settings(path)
    assert problems  # the same file read for the app: its keymap is checked and reported
    assert load_settings(path, keymap=False) == (Settings(units="metric"), [])


def test_settings_read_without_the_keymap_still_report_the_other_keys(tmp_path: Path) -> None:
    path = write(tmp_path, 'training_days = ["mon", "funday"]\n\n[keymap]\n"catalog.nope" = "f6"\n')
    _settings, problems = load_settings(path, keymap=False)
    assert [p.line for p in problems] == [1]
    assert "unknown day 'funday'" in problems[0].message
