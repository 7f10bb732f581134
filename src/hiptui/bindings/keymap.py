"""The user's ``[keymap]``: binding ids mapped to keys, checked against the binding table.

``[keymap]`` in settings.toml::

    [keymap]
    "catalog.search" = "f6"
    "session.rep" = "space,j"

An entry replaces all the default keys of that binding. An entry is ignored, with a
``settings.toml:LINE: ...`` problem, when its id is not a binding, when a key cannot be
matched (see :mod:`hiptui.bindings.keynames`), or when it puts a key that already does
something else on a screen (the app's own keys count on every screen). The rest still apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from hiptui.bindings.keynames import BadKey, display_key, parse_key, quoted
from hiptui.bindings.table import APP, BY_ID, SCREENS, KeyBinding
from hiptui.content.models import Problem

IGNORED = "entry ignored"


class KeymapEntry(NamedTuple):
    """One ``"id" = "keys"`` line as read from the file."""

    id: str
    value: object
    line: int | None


def parse_keys(value: str) -> tuple[str, ...]:
    """The keys of a ``[keymap]`` value (``"f6,ctrl+f"``), each as Textual writes it, without
    repeats; raises :class:`BadKey`."""
    keys: list[str] = []
    for part in value.split(","):
        key = parse_key(part)
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def keys_in_force(binding: KeyBinding, keymap: Mapping[str, str]) -> tuple[str, ...]:
    """The keys ``binding`` answers to with the (already checked) ``keymap`` applied."""
    value = keymap.get(binding.id)
    if value is None:
        return binding.keys
    try:
        return parse_keys(value)
    except BadKey:
        return binding.keys


def textual_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    """The checked ``keymap`` as Textual's ``App.set_keymap`` takes it."""
    return {id_: ",".join(keys_in_force(BY_ID[id_], keymap)) for id_ in keymap if id_ in BY_ID}


def check_keymap(entries: Sequence[KeymapEntry], path: str) -> tuple[dict[str, str], list[Problem]]:
    """The usable entries (id -> the value as written) and a problem for each ignored one."""
    problems: list[Problem] = []
    # id -> (its keys, the value as written, the entry's line)
    chosen: dict[str, tuple[tuple[str, ...], str, int | None]] = {}
    hints: int | None = None  # fuzzy matches left (set at the first unknown id)
    for entry in entries:
        if entry.id not in BY_ID:
            import difflib  # (here: a keymap of known ids, the usual one, needs neither)

            from hiptui.content.toml_fields import MAX_HINTS

            # A fuzzy match costs; a file may hold thousands of unknown ids.
            hints = MAX_HINTS if hints is None else hints
            close = difflib.get_close_matches(entry.id, list(BY_ID), n=1) if hints > 0 else []
            hints -= 1
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            message = f"keymap: unknown binding {quoted(entry.id)}{hint}; {IGNORED}"
            problems.append(Problem(path, entry.line, message))
            continue
        where = f"keymap {quoted(entry.id)}"
        if not isinstance(entry.value, str):
            message = (
                f'{where}: expected keys in a string, such as "ctrl+f" or "f6,ctrl+f", '
                f"got {_kind(entry.value)}; {IGNORED}"
            )
            problems.append(Problem(path, entry.line, message))
            continue
        try:
            keys = parse_keys(entry.value)
        except BadKey as error:
            problems.append(Problem(path, entry.line, f"{where}: {error}; {IGNORED}"))
            continue
        chosen[entry.id] = (keys, entry.value, entry.line)
    # Taking an entry out gives its binding back its default keys, which may clash in turn:
    # repeat until no screen has a key doing two things.
    while (clash := _first_clash({id_: keys for id_, (keys, _, _) in chosen.items()})) is not None:
        blamed, key, other = clash
        line = chosen.pop(blamed.id)[2]
        problems.append(Problem(path, line, _clash_message(blamed, key, other, chosen)))
    problems.sort(key=lambda p: p.line or 0)
    return {id_: value for id_, (_, value, _) in chosen.items()}, problems


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)[:30]


def _first_clash(
    remapped: Mapping[str, tuple[str, ...]],
) -> tuple[KeyBinding, str, KeyBinding] | None:
    """The first key bound twice on one screen: (the remapped binding to give up, the key,
    the binding it clashes with). Of two remapped bindings, the one later in the file goes."""
    order = {id_: n for n, id_ in enumerate(remapped)}
    everywhere = next(s for s in SCREENS if s.name == APP).bindings
    for screen in SCREENS:
        bindings = screen.bindings if screen.name == APP else (*everywhere, *screen.bindings)
        owner: dict[str, KeyBinding] = {}
        for binding in bindings:
            for key in remapped.get(binding.id, binding.keys):
                first = owner.setdefault(key, binding)
                if first.id == binding.id:
                    continue
                candidates = [b for b in (first, binding) if b.id in remapped]
                if not candidates:
                    continue  # two defaults (the table's own test keeps there being none)
                blamed = max(candidates, key=lambda b: order[b.id])
                return blamed, key, first if blamed is binding else binding
    return None


def _clash_message(
    blamed: KeyBinding, key: str, other: KeyBinding, kept: Mapping[str, tuple[object, ...]]
) -> str:
    screen = "every screen" if other.screen == APP else f"the {other.screen} screen"
    detail = f'"{other.description}"'
    if other.id in kept:
        line = kept[other.id][-1]
        detail += f", set on line {line}" if line else ", set in [keymap]"
    return (
        f'keymap {quoted(blamed.id)}: "{display_key(key)}" is already the key of {other.id} '
        f"({detail}) on {screen}; {IGNORED}"
    )


def bindings_with_keys(keymap: Mapping[str, str]) -> Iterable[tuple[KeyBinding, tuple[str, ...]]]:
    """Every binding of the table with the keys it answers to under ``keymap``."""
    for screen in SCREENS:
        for binding in screen.bindings:
            yield binding, keys_in_force(binding, keymap)
