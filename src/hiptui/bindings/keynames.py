"""Key names as Textual matches them: ``f6``, ``ctrl+f``, ``question_mark`` or ``?``.

A key is a key name with optional modifiers (``ctrl+shift+left``). Textual reports a key press
as one string, modifiers first in alphabetical order, and a binding matches only that exact
string; a binding Textual can never match is an error here, with the reason. The names are
Textual's own (tests/unit/test_keynames.py compares them with ``textual.keys``); a single
character may stand for its name, as in Textual (``?`` is ``question_mark``).
"""

from __future__ import annotations

import unicodedata

# In the order Textual writes them in a key press (alphabetical).
MODIFIERS: tuple[str, ...] = ("alt", "ctrl", "hyper", "meta", "shift", "super")

# Keys with a name of more than one character: editing and function keys, the keypad and
# media keys some terminals report, and the names Textual gives to punctuation characters.
_NAMES = """
    escape enter return tab space backspace insert delete home end pageup pagedown
    up down left right
    f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23 f24
    f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35
    caps_lock scroll_lock num_lock print_screen pause menu
    decimal divide multiply subtract add equal separator kp_begin
    media_play media_pause media_play_pause media_reverse media_stop media_fast_forward
    media_rewind media_track_next media_track_previous media_record
    lower_volume raise_volume mute_volume
    exclamation_mark quotation_mark number_sign dollar_sign percent_sign ampersand apostrophe
    left_parenthesis right_parenthesis asterisk plus comma minus full_stop slash colon
    semicolon less_than_sign equals_sign greater_than_sign question_mark at
    left_square_bracket backslash right_square_bracket circumflex_accent underscore
    grave_accent left_curly_bracket vertical_line right_curly_bracket tilde
"""
NAMED_KEYS: frozenset[str] = frozenset(_NAMES.split())

# Textual's short names for some Unicode character names.
_RENAMED = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


class BadKey(ValueError):
    """A key Textual cannot match; the message says why."""


def character_key(character: str) -> str:
    """The key name of one typed character, as Textual names it (``/`` -> ``slash``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _RENAMED.get(name, name)


# The character a bare punctuation key stands for, to show keys the way they can be typed.
# (string.punctuation, written out: the string module is not worth importing for it.)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_CHARACTERS = {character_key(c): c for c in _PUNCTUATION}


def quoted(text: str, limit: int = 30) -> str:
    """``text`` in double quotes, cut short if long (it may come from a user's file)."""
    return '"' + (text if len(text) <= limit else text[:limit] + "...") + '"'


def _suggest(word: str, choices: list[str]) -> str:
    import difflib  # (only for a key that cannot be matched)

    close = difflib.get_close_matches(word.lower(), choices, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def parse_key(text: str) -> str:
    """The key ``text`` names, written as Textual writes a key press; raises
    :class:`BadKey` with the reason when Textual could never match it."""
    text = text.strip()
    if not text:
        raise BadKey("no key given")
    if len(text) == 1:
        return _character(text, modifiers=())
    *modifiers, name = text.split("+")
    if not name:
        raise BadKey(f'{quoted(text)} ends with "+"; the + key is written "plus"')
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            listed = ", ".join(MODIFIERS)
            hint = _suggest(modifier, list(MODIFIERS))
            raise BadKey(f"unknown modifier {quoted(modifier)}{hint}; modifiers are {listed}")
    if len(set(modifiers)) != len(modifiers):
        raise BadKey(f"{quoted(text)} repeats a modifier")
    ordered = sorted(modifiers)  # Textual sorts them in what it reports
    if len(name) == 1:
        key = _character(name, modifiers=tuple(ordered))
    elif name in NAMED_KEYS:
        key = name
    else:
        hint = _suggest(name, sorted(NAMED_KEYS))
        raise BadKey(f"unknown key name {quoted(name)}{hint}")
    return "+".join([*ordered, key])


def _character(character: str, *, modifiers: tuple[str, ...]) -> str:
    if not character.isprintable() or character.isspace():
        raise BadKey(f"{character!r} is not a key; name it (space, tab, ...)")
    if modifiers == ("shift",):
        raise BadKey(
            f'"shift+{character}" never arrives: a shifted character arrives as the character '
            'it types (write "A", not "shift+a")'
        )
    if modifiers and character.isalpha() and character != character.lower():
        written = "+".join([*modifiers, character])
        lower = "+".join([*modifiers, character.lower()])
        shifted = "+".join([*sorted({*modifiers, "shift"}), character.lower()])
        raise BadKey(
            f'"{written}" never arrives: after a modifier, write the letter in lower case '
            f'("{lower}", or "{shifted}" for the shifted letter)'
        )
    return character_key(character)


def display_key(key: str) -> str:
    """``key`` as a user can type it in ``[keymap]``: ``slash`` is ``/``, ``ctrl+f`` stays.
    (``comma`` stays a name: commas separate keys.)"""
    if "+" in key or key == "comma":
        return key
    return _CHARACTERS.get(key, key)
