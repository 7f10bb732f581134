"""``hiptui run ID``: open the session runner straight away on an exercise or a routine."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run", help="start a session with an exercise or routine (default dosage)"
    )
    parser.add_argument("id", help="exercise or routine id, e.g. glute-bridge or beginner-floor")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from hiptui.cli.app import run_app

    return run_app(args, start=args.id)
