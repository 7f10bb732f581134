"""``hiptui keys [--json | --markdown]``: every key binding with the keys in force.

Reads the binding table (:mod:`hiptui.bindings.table`) and the ``[keymap]`` of settings.toml;
never imports Textual. Problems in the settings file are printed on stderr (exit 1); the
entries concerned are left out, as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "keys",
        help="list every key binding: id, screen, keys in force, description",
        description="List every key binding with the keys in force after the [keymap] of "
        'settings.toml. Remap one with a line such as \'"catalog.search" = "f6"\' under '
        "[keymap]; see docs/keys.md.",
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of objects with id, screen, keys and description",
    )
    form.add_argument("--markdown", action="store_true", help="print the tables of docs/keys.md")
    parser.set_defaults(handler=run)


def rows(keymap: Mapping[str, str]) -> list[dict[str, Any]]:
    """One object per binding: id, screen, keys (as typed in [keymap]) and description."""
    from hiptui.bindings.keymap import bindings_with_keys
    from hiptui.bindings.keynames import display_key

    return [
        {
            "id": binding.id,
            "screen": binding.screen,
            "keys": [display_key(key) for key in keys],
            "description": binding.description,
        }
        for binding, keys in bindings_with_keys(keymap)
    ]


def text_table(keymap: Mapping[str, str]) -> str:
    found = rows(keymap)
    head = {"id": "ID", "screen": "SCREEN", "keys": "KEYS", "description": "DESCRIPTION"}
    cells = [head] + [
        {**row, "keys": " ".join(row["keys"]) + (" *" if row["id"] in keymap else "")}
        for row in found
    ]
    widths = {name: max(len(str(c[name])) for c in cells) for name in ("id", "screen", "keys")}
    lines = [
        f"{cell['id']:<{widths['id']}}  {cell['screen']:<{widths['screen']}}  "
        f"{cell['keys']:<{widths['keys']}}  {cell['description']}".rstrip()
        for cell in cells
    ]
    if keymap:
        lines.append("* set in [keymap] of settings.toml")
    return "\n".join(lines)


def _code(key: str) -> str:
    """``key`` as Markdown code inside a table cell."""
    if "`" in key:
        return f"`` {key} ``"
    return "`" + key.replace("|", "\\|") + "`"


def markdown(keymap: Mapping[str, str]) -> str:
    """A table per screen: keys, id, what it does, and whether the Footer shows it."""
    from hiptui.bindings.keymap import keys_in_force
    from hiptui.bindings.keynames import display_key
    from hiptui.bindings.table import SCREENS

    parts: list[str] = []
    for screen in SCREENS:
        parts += [f"### {screen.title} (`{screen.name}`)", "", "| Keys | Id | Does | Footer |"]
        parts.append("|---|---|---|---|")
        for binding in screen.bindings:
            keys = " ".join(_code(display_key(k)) for k in keys_in_force(binding, keymap))
            footer = "yes" if binding.show else ""
            parts.append(f"| {keys} | `{binding.id}` | {binding.description} | {footer} |")
        parts.append("")
    return "\n".join(parts)


def run(args: argparse.Namespace) -> int:
    from hiptui.content.text import printable
    from hiptui.paths import settings_path
    from hiptui.store.settings import load_settings

    settings, problems = load_settings(settings_path())
    for problem in problems:
        print(printable(str(problem), keep_newlines=False), file=sys.stderr)
    if args.json:
        print(json.dumps(rows(settings.keymap), indent=2, ensure_ascii=False))
    elif args.markdown:
        print(markdown(settings.keymap), end="")
    else:
        print(text_table(settings.keymap))
    return 1 if problems else 0
