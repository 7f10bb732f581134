"""``hiptui new ID``: start a new exercise file from a commented template."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a commented template for a new exercise",
        description="Write ID.toml, a commented template, into your exercises folder (or DIR). "
        "Replace its TODO texts, then run `hiptui check` on it.",
    )
    parser.add_argument("id", help="the new exercise's id, kebab-case (e.g. single-leg-hop)")
    parser.add_argument(
        "--into", type=Path, metavar="DIR", help="write here instead of your exercises folder"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from hiptui.cli.common import eprint, load_content
    from hiptui.content.free_exercise_db import kebab_id
    from hiptui.content.loader import KEBAB
    from hiptui.content.template import template_text
    from hiptui.paths import user_exercises_dir
    from hiptui.store.errors import StoreError
    from hiptui.store.exercise_files import prepare_folder
    from hiptui.store.files import create_new_file

    exercise_id: str = args.id
    if len(exercise_id) > 80 or not KEBAB.match(exercise_id):
        eprint(
            f"hiptui: error: '{exercise_id}' is not a kebab-case id "
            f"(lower-case words joined by '-', like '{kebab_id(exercise_id)}')"
        )
        return 2
    into: Path = args.into or user_exercises_dir()
    path = into / f"{exercise_id}.toml"
    try:
        prepare_folder(into)
        create_new_file(path, template_text(exercise_id).encode("utf-8"))
    except FileExistsError:
        eprint(f"{path}: already exists; not overwritten")
        return 1
    except StoreError as error:
        eprint(str(error))
        return 1
    except OSError as error:
        eprint(f"{path}: cannot be written: {error.strerror or error}")
        return 1
    library = load_content(args, report=False)
    existing = library.get(exercise_id)
    others = [*library.replaced.get(exercise_id, []), *([existing.path] if existing else [])]
    for other in others:
        if other is not None and other.resolve() != path.resolve():
            eprint(f"note: {other} also has the id '{exercise_id}'; the later folder wins")
    print(path)
    return 0
