"""The key grammar of [keymap] matches what Textual reports for a key press."""

from __future__ import annotations

import string

import pytest
from textual._keyboard_protocol import FUNCTIONAL_KEYS, MODIFIER_FUNCTIONAL_KEYS
from textual.keys import Keys, _character_to_key, _normalize_key_list

from hiptui.bindings.keynames import (
    MODIFIERS,
    NAMED_KEYS,
    BadKey,
    character_key,
    display_key,
    parse_key,
)
from hiptui.bindings.table import every_binding

# Names in textual.keys that no terminal ever reports: pseudo keys and an old alias.
NEVER_REPORTED = {"ctrl-at"}


def textual_key_names() -> set[str]:
    """Every key name (without modifiers) Textual can report, longer than one character."""
    names = {
        key.value.split("+")[-1]
        for key in Keys
        if not key.value.startswith("<") and key.value not in NEVER_REPORTED
    }
    names |= {name for name in FUNCTIONAL_KEYS.values() if name not in MODIFIER_FUNCTIONAL_KEYS}
    names |= {_character_to_key(c) for c in string.punctuation + " "}
    return {name for name in names if len(name) > 1}


def test_the_key_names_are_textuals() -> None:
    assert textual_key_names() == NAMED_KEYS


def test_the_modifiers_cover_textuals() -> None:
    used = {part for key in Keys for part in key.value.split("+")[:-1]}
    assert used <= set(MODIFIERS)
    assert list(MODIFIERS) == sorted(MODIFIERS)  # Textual reports them sorted


@pytest.mark.parametrize("character", [*string.printable.strip(), "é", "£", "ß", "·"])
def test_a_character_is_named_as_textual_names_it(character: str) -> None:
    assert character_key(character) == _character_to_key(character)
    if character != ",":  # Textual splits its key lists at commas
        assert parse_key(character) == _normalize_key_list(character)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("f6", "f6"),
        ("ctrl+f", "ctrl+f"),
        ("?", "question_mark"),
        ("question_mark", "question_mark"),
        ("ctrl+/", "ctrl+slash"),
        ("shift+ctrl+left", "ctrl+shift+left"),  # the order Textual reports
        ("A", "A"),
        ("alt+shift+a", "alt+shift+a"),
        (" escape ", "escape"),
        ("+", "plus"),
    ],
)
def test_keys_are_written_as_textual_reports_them(written: str, key: str) -> None:
    assert parse_key(written) == key


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("", "no key given"),
        ("ctrl+banana", 'unknown key name "banana"'),
        ("F6", 'did you mean "f6"'),
        ("Ctrl+f", 'unknown modifier "Ctrl" (did you mean "ctrl"?)'),
        ("control+f", "modifiers are alt, ctrl, hyper, meta, shift, super"),
        ("ctrl+ctrl+a", "repeats a modifier"),
        ("ctrl++", 'the + key is written "plus"'),
        ("shift+a", 'write "A", not "shift+a"'),
        ("ctrl+A", '"ctrl+a", or "ctrl+shift+a"'),
        ("\x1b", "is not a key"),
        ("x" * 500, "..."),  # a long name is cut short in the message
    ],
)
def test_keys_textual_cannot_match_are_refused_with_the_reason(written: str, reason: str) -> None:
    with pytest.raises(BadKey) as error:
        parse_key(written)
    assert reason in str(error.value)
    assert len(str(error.value)) < 200


def test_shown_keys_can_be_typed_back() -> None:
    keys = set(NAMED_KEYS) | {k for b in every_binding() for k in b.keys} | {"ctrl+slash"}
    for key in keys:
        assert parse_key(display_key(key)) == key
    assert display_key("slash") == "/" and display_key("comma") == "comma"
    assert display_key("ctrl+f") == "ctrl+f"


def test_every_default_key_is_valid_as_written_in_the_table() -> None:
    for binding in every_binding():
        for key in binding.keys:
            assert parse_key(key) == key, binding.id


def test_the_punctuation_written_out_is_the_string_modules() -> None:
    from hiptui.bindings.keynames import _PUNCTUATION

    assert string.punctuation == _PUNCTUATION
