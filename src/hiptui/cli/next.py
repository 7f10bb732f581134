"""``hiptui next ID [--json]``: the next session's prescription for one exercise.

Sets, reps and load (or another exercise to do instead) from the exercise's last session and
its pain light, with the one-line reason (docs/progression.md). Read-only and quick like
``hiptui today``: a plain ``next ID [--json]`` runs without argparse, the exercise and its
ladder neighbours come from the content index, and the history is opened read-only.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "next",
        help="what to do next time with an exercise: sets, reps, load and why",
        description="Print the next session's prescription for an exercise, from its last "
        "session: sets, reps to aim for, the load (or an exercise to do instead) and the pain "
        "light, with one line saying why. See docs/progression.md.",
    )
    parser.add_argument("id", help="exercise id, e.g. hip-thrust")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: exercise, light, sets, reps, target_reps, load, "
        "variation, reason",
    )
    parser.set_defaults(handler=run_next)


def quick(arguments: list[str]) -> int | None:
    """``hiptui next ID`` and ``hiptui next ID --json`` without argparse; else ``None``."""
    rest = arguments[1:] if arguments[:1] == ["next"] else None
    if rest is None or not rest or rest[0].startswith("-"):
        return None
    if rest[1:] not in ([], ["--json"]):
        return None
    return _run(rest[0], json=len(rest) == 2, folders=[])


def run_next(args: argparse.Namespace) -> int:
    return _run(args.id, json=args.json, folders=list(getattr(args, "exercises", []) or []))


def _run(exercise_id: str, *, json: bool, folders: list[Any]) -> int:
    from hiptui.content.text import printable
    from hiptui.home import Home
    from hiptui.prescriptions import advice_lines, prescription_for

    home = Home.for_user(tuple(folders))
    if not home.exercises([exercise_id]):
        from hiptui.cli.lookup import unknown_id

        print(printable(unknown_id(home.library(), exercise_id)), file=sys.stderr)
        return 1
    try:
        prescription = prescription_for(home, exercise_id)
    except OSError as error:  # StoreError included: it already names the file
        text = str(error) if error.filename else f"{home.database_path}: {error}"
        print(printable(text, keep_newlines=False), file=sys.stderr)
        return 1
    if json:
        import json as json_module

        print(json_module.dumps(prescription.to_json(), ensure_ascii=False))
        return 0
    names = home.exercises(i for i in (exercise_id, prescription.variation) if i)
    for line in advice_lines(prescription, {k: v.name for k, v in names.items()}):
        print(printable(line, keep_newlines=False))
    return 0
