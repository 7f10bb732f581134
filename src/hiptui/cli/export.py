"""``hiptui export`` and ``hiptui import-history``: taking the history out and putting it back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from hiptui.store.db import Database


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export",
        help="write every session, self-check and break as JSON or CSV",
        description="Write the training history as JSON (everything, re-importable) or CSV "
        "(one row per set, for other set-logging apps). See docs/data.md.",
    )
    export.add_argument(
        "--format", choices=("json", "csv"), default="json", help="output format (default json)"
    )
    export.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    export.set_defaults(handler=run_export)

    restore = subparsers.add_parser(
        "import-history",
        help="add a JSON export, or a Strong or Hevy CSV, to the history (nothing is duplicated)",
        description="Add the sessions, sets, self-checks and breaks of a JSON export, or the "
        "sets of a Strong or Hevy CSV export (FILE.csv, times in this computer's time zone), to "
        "the history. Records already there are skipped, so importing a file twice changes "
        "nothing. See docs/data.md.",
    )
    restore.add_argument(
        "file",
        type=Path,
        metavar="FILE.json|FILE.csv",
        help="a `hiptui export` file, or a CSV export of Strong, Hevy or hiptui",
    )
    restore.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from hiptui.cli.common import eprint
    from hiptui.paths import database_path
    from hiptui.store.db import Database
    from hiptui.store.errors import StoreError
    from hiptui.store.export import dumps_export, export_csv, export_json
    from hiptui.store.files import atomic_write

    path = database_path()
    try:
        # A missing history exports as an empty document; nothing is created on disk.
        db = Database.open(path, read_only=True) if path.exists() else Database.in_memory()
        try:
            text = (
                export_csv(db, tz=None) if args.format == "csv" else dumps_export(export_json(db))
            )
            unreadable = db.unreadable
        finally:
            db.close()
    except StoreError as error:
        eprint(str(error))
        return 1
    # Rows another program wrote with values hiptui cannot read are left out, and named.
    for problem in unreadable:
        also = " with its sets" if problem.message.startswith("sessions row") else ""
        eprint(f"{problem}; left out of the export{also}")
    if args.out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    out: Path = args.out
    try:
        if out.is_dir():
            eprint(f"{out}: is a folder; give a file name")
            return 1
        atomic_write(out, text.encode("utf-8"))
    except OSError as error:
        eprint(f"{out}: cannot write the export: {error.strerror or error}")
        return 1
    return 0


def run_import(args: argparse.Namespace) -> int:
    source: Path = args.file
    if source.suffix.casefold() == ".csv":
        return run_csv_import(args)
    from hiptui.cli.common import eprint
    from hiptui.content.models import Problem
    from hiptui.store.export import import_history, load_export_file
    from hiptui.store.history_import import parse_export

    data = load_export_file(source)
    if isinstance(data, Problem):
        eprint(str(data))
        return 1
    # Check the whole file before the database is even opened (or created).
    checked = parse_export(data, path=str(source))
    if isinstance(checked, list):
        for problem in checked:
            eprint(str(problem))
        return 1
    return _add_to_history(
        lambda db: import_history(db, data, path=str(source)), done=f"{source}: "
    )


def run_csv_import(args: argparse.Namespace) -> int:
    """``import-history FILE.csv``: a Strong or Hevy CSV export, exercise names matched to
    the exercises hiptui knows (the bundled ones and yours)."""
    from hiptui.cli.common import eprint, load_content
    from hiptui.content.models import Problem
    from hiptui.store.csv_import import (
        import_csv_history,
        known_exercises,
        load_csv_file,
        parse_csv,
    )

    source = Path(args.file)
    text = load_csv_file(source)
    if isinstance(text, Problem):
        eprint(str(text))
        return 1
    library = load_content(args, report=False)
    known = known_exercises((e.id, e.name) for e in library.ordered())
    # Check the whole file before the database is even opened (or created).
    checked = parse_csv(text, path=str(source), known=known)
    if isinstance(checked, list):
        for problem in checked:
            eprint(str(problem))
        return 1
    return _add_to_history(
        lambda db: import_csv_history(db, text, path=str(source), known=known),
        done=f"{source}: {checked.layout} CSV: ",
    )


def _add_to_history(add: Callable[[Database], object], *, done: str) -> int:
    """Open (or create) the history, run one checked import into it and report: the
    database's notice and any error on standard error, ``done`` + the result on standard
    output. The file was checked whole before this, so nothing is opened for a bad file."""
    from hiptui.cli.common import eprint
    from hiptui.paths import database_path
    from hiptui.store.db import Database
    from hiptui.store.errors import StoreError

    try:
        db = Database.open(database_path())
    except StoreError as error:
        eprint(str(error))
        return 1
    try:
        if db.notice:
            eprint(db.notice)
        result = add(db)
    except StoreError as error:
        eprint(str(error))
        return 1
    finally:
        db.close()
    if isinstance(result, list):  # pragma: no cover - the file was checked before
        for problem in result:
            eprint(str(problem))
        return 1
    print(f"{done}{result}")
    return 0
