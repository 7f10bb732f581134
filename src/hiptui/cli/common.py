"""Shared pieces of the plain-text commands: loading content, printing safely."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from hiptui.content.loader import Library
from hiptui.content.text import printable

MAX_PROBLEMS_SHOWN = 5


def load_content(args: argparse.Namespace, *, report: bool = True) -> Library:
    from hiptui.content.cache import load_library_cached
    from hiptui.paths import content_cache_path, content_folders

    folders = content_folders(tuple(getattr(args, "exercises", []) or ()))
    library = load_library_cached(folders, content_cache_path())
    if report and library.problems:
        for problem in library.problems[:MAX_PROBLEMS_SHOWN]:
            eprint(str(problem))
        extra = len(library.problems) - MAX_PROBLEMS_SHOWN
        if extra > 0:
            eprint(f"... and {extra} more problems (run `hiptui check` to see them all)")
    return library


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
    from hiptui.paths import settings_path
    from hiptui.store.settings import load_settings

    settings, _problems = load_settings(settings_path())
    return settings.units
