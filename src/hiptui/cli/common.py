"""Shared pieces of the plain-text commands: the user's home, loading content, printing safely."""

from __future__ import annotations

import os
import sys

from hiptui.content.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import TextIO

    from hiptui.content.library import Library
    from hiptui.content.models import Problem
    from hiptui.home import Home

MAX_PROBLEMS_SHOWN = 5


def home_for(args: argparse.Namespace) -> Home:
    """The user's home with the folders given by ``--exercises`` added, made once per command
    (a command that asks twice gets the same one, and the content is loaded once)."""
    from hiptui.home import Home

    home = getattr(args, "home", None)
    if not isinstance(home, Home):
        home = Home.for_user(tuple(getattr(args, "exercises", []) or ()))
        args.home = home
    return home


def load_content(args: argparse.Namespace, *, report: bool = True) -> Library:
    library = home_for(args).library()
    if report:
        report_problems(library.problems)
    return library


def report_problems(problems: Sequence[Problem]) -> None:
    """The first few content problems on stderr, and how many more there are."""
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        eprint(str(problem))
    extra = len(problems) - MAX_PROBLEMS_SHOWN
    if extra > 0:
        eprint(f"... and {extra} more problems (run `hiptui check` to see them all)")


def use_style(stream: TextIO) -> bool:
    """Bold headings only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def safe(text: str) -> str:
    """Text from files or users with every control character removed."""
    return printable(text)


def eprint(text: str) -> None:
    print(safe(text), file=sys.stderr)


def units_from(args: argparse.Namespace) -> str:
    units = getattr(args, "units", None)
    if units:
        return str(units)
    return home_for(args).settings.units
