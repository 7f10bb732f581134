"""The binding table in Textual: each screen's ``BINDINGS``, the user's keymap applied to the
app, and the rows of the ``?`` help screen with the keys in force."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from hiptui.bindings.keymap import keys_in_force, textual_keymap
from hiptui.bindings.keynames import display_key
from hiptui.bindings.table import APP, BY_ID, BY_SCREEN, screen_bindings

HelpRow = tuple[str, str]

# Bindings of a screen that move in its list: the help screen names them beside the arrows.
_MOVES = ("down", "up", "next", "previous")


def bindings_for(screen: str, widget: str | None = None) -> list[BindingType]:
    """The ``BINDINGS`` of ``screen`` (or of its ``widget``) from the binding table."""
    return [
        Binding(
            ",".join(b.keys),
            b.action,
            b.description,
            show=b.show,
            key_display=b.key_display,
            priority=b.priority,
            tooltip=b.tooltip,
            id=b.id,
        )
        for b in screen_bindings(screen, widget)
    ]


def relabel(node: DOMNode, binding_id: str, description: str) -> None:
    """Give the binding ``binding_id`` of ``node`` a new description (the Footer follows the
    state: ``p Resume`` while paused); its keys, and any remapping of them, stay."""
    bindings = node._bindings.key_to_bindings  # Textual keeps a node's bindings here
    for key, found in bindings.items():
        if any(b.id == binding_id and b.description != description for b in found):
            bindings[key] = [
                replace(b, description=description) if b.id == binding_id else b for b in found
            ]


def key_in_force(screen: Screen[Any], binding_id: str) -> str:
    """The first key that runs ``binding_id`` on ``screen`` now, as it is typed (``/``), the
    user's keymap applied; ``""`` when none does."""
    for key, active in screen.active_bindings.items():
        if active.binding.id == binding_id:
            return display_key(key)
    return ""


def apply_keymap(app: App[Any], keymap: Mapping[str, str]) -> None:
    """Give ``app`` the user's (checked) keymap; the Footer finds the palette's key again."""
    app.set_keymap(textual_keymap(keymap))
    palette = keys_in_force(BY_ID[f"{APP}.palette"], keymap)
    # An instance attribute, read by the Footer to find the palette's binding among the keys.
    setattr(app, "COMMAND_PALETTE_BINDING", palette[0])  # noqa: B010


def _typed(binding_id: str, keymap: Mapping[str, str], *, leave_out: tuple[str, ...] = ()) -> str:
    """The keys of a binding in force, as they are typed in ``[keymap]``."""
    binding = BY_ID.get(binding_id)
    if binding is None:
        return ""
    keys = [display_key(k) for k in keys_in_force(binding, keymap) if k not in leave_out]
    return " ".join(dict.fromkeys(keys))


def _screen_name(screen: Screen[Any]) -> str:
    """The binding table's name for ``screen`` (its bindings' ids say it)."""
    for found in screen._bindings.key_to_bindings.values():
        for binding in found:
            if binding.id and not binding.id.startswith(f"{APP}."):
                return binding.id.partition(".")[0]
    return ""


def _applies(node: DOMNode, action: str) -> bool:
    """Whether ``node``'s ``check_action`` lets ``action`` (an action string) run now."""
    from textual.actions import parse

    _namespace, name, arguments = parse(action)  # the screen answers for app actions too
    return node.check_action(name, arguments) is not False


def help_rows(app: App[Any], screen: Screen[Any], keymap: Mapping[str, str]) -> list[HelpRow]:
    """(keys, what they do) for every binding of ``screen`` in the binding table that does
    something now, once each with all its keys in force (the Footer's label when the screen
    relabels it), then how to move, get help, open the palette and quit. Textual's own keys
    (tab, copy) are left out: they would drown the screen's."""
    name = _screen_name(screen)
    described = {
        binding.id: binding.description
        for found in screen._bindings.key_to_bindings.values()
        for binding in found
        if binding.id
    }
    rows: dict[str, str] = {}
    table = BY_SCREEN[name].bindings if name in BY_SCREEN else ()
    for binding in table:
        short = binding.id.partition(".")[2]
        if short in _MOVES or short == "help" or binding.action in ("help", "app.help"):
            continue
        if binding.widget is not None or not _applies(screen, binding.action):
            continue  # a widget's keys are the arrows, under "Move in a list"
        keys = _typed(binding.id, keymap).replace("comma", ",")
        description = described.get(binding.id, binding.description)
        if not keys or not description:
            continue
        rows[description] = f"{rows[description]} {keys}" if description in rows else keys
    moves = " ".join(
        keys
        for move in _MOVES
        if (keys := _typed(f"{name}.{move}", keymap, leave_out=("down", "up")))
    )
    if moves:  # a screen with a list to move in
        rows.setdefault("Move in a list", f"↑ ↓ {moves}")
    rows.setdefault("Help (this screen)", _typed(f"{name}.help", keymap) or "? f1")
    rows.setdefault(
        "Command palette: screens, actions, exercises",
        _typed(f"{APP}.palette", keymap),
    )
    rows.setdefault("Quit from anywhere", _typed(f"{APP}.quit", keymap))
    return [(keys, description) for description, keys in rows.items()]
