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
from hiptui.bindings.table import APP, BY_ID, screen_bindings

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


def help_rows(app: App[Any], screen: Screen[Any], keymap: Mapping[str, str]) -> list[HelpRow]:
    """(keys, what they do) for every key of ``screen`` that does something now, then how to
    move, get help, open the palette and quit, all with the keys in force."""
    rows: dict[str, str] = {}
    name = ""
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id and active.node is screen:
            name = name or binding.id.partition(".")[0]
        if not isinstance(active.node, Screen | App):
            continue  # widget internals (scrolling, copy) would drown the screen's own keys
        if not binding.description or binding.action in ("help", "app.help"):
            continue
        display = binding.key_display or app.get_key_display(binding)
        if binding.description in rows:
            rows[binding.description] += f" {display}"
        else:
            rows[binding.description] = display
    moves = " ".join(
        keys
        for move in _MOVES
        if (keys := _typed(f"{name}.{move}", keymap, leave_out=("down", "up")))
    )
    rows.setdefault("Move in a list", f"↑ ↓ {moves}".strip())
    rows.setdefault("Help (this screen)", _typed(f"{name}.help", keymap) or "? f1")
    rows.setdefault(
        "Command palette: jump to an exercise, change theme", _typed(f"{APP}.palette", keymap)
    )
    rows.setdefault("Quit from anywhere", _typed(f"{APP}.quit", keymap))
    return [(keys, description) for description, keys in rows.items()]
