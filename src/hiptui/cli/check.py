"""``hiptui check [PATH ...]``: validate exercise files and folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiptui.content.models import Problem


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate exercise files, and the routines and ladders in a folder "
        "(default: every content folder)",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="file or folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from hiptui.cli.common import safe
    from hiptui.content.loader import load_exercise_file, load_library
    from hiptui.content.models import Problem
    from hiptui.paths import content_folders

    problems: list[Problem] = []
    loaded: list[Path] = []  # files that loaded: still checked for unfilled template text
    checked = 0
    if not args.paths:
        folders = content_folders(tuple(args.exercises))
        library = load_library(folders)
        problems = list(library.problems)
        checked = len(library.exercises) + len({p.path for p in problems})
        loaded.extend(ex.path for ex in library.exercises.values() if ex.path)
    else:
        folders = [p for p in args.paths if p.is_dir()]
        if folders:
            library = load_library(folders)
            problems.extend(library.problems)
            checked += len(library.exercises) + len({p.path for p in library.problems})
            loaded.extend(ex.path for ex in library.exercises.values() if ex.path)
        for path in args.paths:
            if path.is_dir():
                continue
            if not path.exists():
                problems.append(Problem(str(path), None, "no such file or folder"))
                continue
            checked += 1
            result = load_exercise_file(path)
            if isinstance(result, list):
                problems.extend(result)
            else:
                loaded.append(path)
    problems.extend(_unfilled(loaded))
    if folders:
        # Ids that exist: every content folder's, and the checked folders'. With no PATH the
        # checked folders are the content folders, whose library is already loaded.
        known = set(library.exercises)
        if args.paths:
            known |= set(load_library(content_folders(tuple(args.exercises))).exercises)
        problems.extend(_routines_and_ladders(folders, known))
    for problem in problems:
        print(safe(str(problem)))
    files_with_errors = len({p.path for p in problems})
    if folders:
        checked += _routine_and_ladder_files(folders)
    summary = (f"{_count(checked, 'file')} checked, {_count(len(problems), 'problem')} in "
               f"{_count(files_with_errors, 'file')}")  # fmt: skip
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _routine_and_ladder_files(folders: list[Path]) -> int:
    """How many routine files (``routines/*.toml``) and ladder files the folders hold."""
    found = 0
    for folder in folders:
        found += len(list((folder / "routines").glob("*.toml")))
        found += (folder / "progression" / "ladders.toml").is_file()
    return found


def _unfilled(paths: list[Path]) -> list[Problem]:
    """A problem for each line of a ``hiptui new`` template left as it was written."""
    from hiptui.content.files import read_text
    from hiptui.content.models import Problem
    from hiptui.content.template import TODO, unfilled_lines
    from hiptui.content.toml_bounds import MAX_FILE_BYTES

    found: list[Problem] = []
    for path in paths:
        text = read_text(path, str(path), kind="a TOML file", limit=MAX_FILE_BYTES, too_large="")
        if isinstance(text, Problem):
            continue  # it loaded a moment ago; a file that changed since is checked next time
        for line in unfilled_lines(text):
            message = f"still holds template text starting with {TODO}: replace it"
            found.append(Problem(str(path), line, message))
    return found


def _routines_and_ladders(folders: list[Path], known: set[str]) -> list[Problem]:
    """The problems of the routines (``routines/*.toml``) and exercise ladders
    (``progression/ladders.toml``) kept in ``folders``, including exercise ids that no loaded
    exercise has."""
    from hiptui.content.ladders import load_ladders
    from hiptui.content.models import Problem
    from hiptui.content.routines import load_routines

    routines, found = load_routines(folders)
    for routine in routines.values():
        named = [item.exercise for item in routine.items]
        for exercise_id in [routine.warmup, *named]:
            if exercise_id is not None and exercise_id not in known:
                message = f"routine '{routine.id}' names an unknown exercise '{exercise_id}'"
                found.append(Problem(str(routine.path), None, message))
    _ladders, ladder_problems = load_ladders(folders, known)
    return found + ladder_problems
