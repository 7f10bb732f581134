"""``hiptui run ID``: open the session runner straight away on an exercise or a routine."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run", help="start a session with an exercise or routine (default dosage)"
    )
    parser.add_argument("id", help="exercise or routine id, e.g. glute-bridge or beginner-floor")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """An id that is neither an exercise nor a routine is an error here, before the app."""
    from hiptui.cli.common import home_for, load_content, safe
    from hiptui.cli.lookup import unknown_id

    home = home_for(args)
    library = load_content(args, report=False)
    routines, _problems = home.routines()
    if args.id not in library.exercises and args.id not in routines:
        print(safe(unknown_id(library, args.id, routines)), file=sys.stderr)
        return 1
    from hiptui.cli.app import run_app

    return run_app(args, start=args.id, home=home)
