"""``hiptui status`` (the break clock in one line, JSON or a template) and ``hiptui break``.

``status`` usually never gets here: :func:`hiptui.cli.main.main` sends it down its own short
path (:mod:`hiptui.cli.status_fast`), and the parser below only handles what that path passes
on (help, usage errors, ``--exercises``), ending in the same :func:`status_fast.show`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hiptui.home import Home

if TYPE_CHECKING:
    from hiptui.core.breaks.report import StatusTemplate
    from hiptui.store.db import Database


def register(subparsers: Any) -> None:
    status = subparsers.add_parser(
        "status",
        help="print the sitting-break clock in one line (for tmux, a bar or a shell prompt)",
        description="Print one short line such as '42m sitting - break in 3m' or "
        "'break due 12m ago', or the same as JSON or through a template. Reads the history "
        "without changing it. See docs/breaks.md.",
    )
    shape = status.add_mutually_exclusive_group()
    shape.add_argument(
        "--json",
        action="store_true",
        help="print sitting_minutes, due_in_minutes, state, interval_minutes and last_break "
        "as one JSON object",
    )
    shape.add_argument(
        "--format",
        metavar="TEMPLATE",
        type=_template,
        help="print TEMPLATE with {sitting_minutes}, {due_in_minutes}, {state}, "
        "{interval_minutes} and {last_break} filled in ({{ and }} for braces)",
    )
    status.set_defaults(handler=run_status)

    log = subparsers.add_parser(
        "break",
        help="log a sitting break (taken, skipped or snoozed) from the shell",
        description="Log that you got up for a break; the break clock in the app and in "
        "`hiptui status` starts again. See docs/breaks.md.",
    )
    choice = log.add_mutually_exclusive_group()
    choice.add_argument(
        "--skip",
        action="store_true",
        help="log a skipped break: the next reminder is one interval away, "
        "but the sitting time keeps counting",
    )
    choice.add_argument(
        "--snooze",
        type=_snooze_minutes,
        metavar="N",
        help="put off a due break for N minutes (1-60)",
    )
    log.set_defaults(handler=run_break)


def _template(text: str) -> StatusTemplate:
    from hiptui.core.breaks.report import StatusTemplate, TemplateError

    try:
        return StatusTemplate.parse(text)
    except TemplateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _snooze_minutes(text: str) -> int:
    from hiptui.core.breaks.schedule import MAX_SNOOZE_MINUTES

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of minutes, got {text!r}"
        ) from None
    if not 1 <= value <= MAX_SNOOZE_MINUTES:
        raise argparse.ArgumentTypeError(f"{value} is out of range (1 to {MAX_SNOOZE_MINUTES})")
    return value


def eprint(text: str) -> None:
    from hiptui.content.text import printable

    print(printable(text, keep_newlines=False), file=sys.stderr)


def clock_settings(home: Home) -> tuple[int | None, int]:
    """``break_minutes`` and ``day_start_hour`` from settings.toml, read as ``hiptui status``
    reads them (problems in the file are the app's to report)."""
    from hiptui.store.clock_settings import read_clock_settings

    return read_clock_settings(home.settings_path)


def run_status(args: argparse.Namespace) -> int:
    from hiptui.cli.status_fast import show

    return show(as_json=args.json, template=args.format)


def open_clock(home: Home, now: datetime) -> Database:
    """The database, opened for writing, with ``now``'s day marked as seen (an older
    hiptui's ``app-opened`` file taken in). Raises ``StoreError``."""
    from hiptui.core.breaks.schedule import day_start
    from hiptui.store.app_opened import take_app_opened

    db = home.database()
    if db.notice:
        eprint(db.notice)
    start = day_start(now, clock_settings(home)[1])
    earlier = None if home.app_opened_path is None else take_app_opened(home.app_opened_path)
    at = earlier if earlier is not None and start <= earlier <= now else now
    db.timeline.mark_seen(start, at)
    return db


def run_break(args: argparse.Namespace) -> int:
    from hiptui.core.breaks.report import format_minutes, read_clock
    from hiptui.core.breaks.schedule import SKIPPED, SNOOZED, TAKEN, State, local_now
    from hiptui.store.errors import StoreError

    now = local_now()
    home = Home.for_user()
    if args.snooze is not None and not home.database_path.exists():
        # Refuse before the database is even created.
        eprint("nothing to snooze: no breaks logged yet; nothing logged")
        return 1
    try:
        db = open_clock(home, now)
        minutes, hour = clock_settings(home)
        reading = read_clock(db, now, setting_minutes=minutes, day_start_hour=hour)
        every = format_minutes(reading.interval.seconds)
        if args.snooze is not None:
            if reading.state is not State.DUE:
                eprint(f"nothing to snooze: no break is due ({reading.text}); nothing logged")
                return 1
            db.log_break(SNOOZED, args.snooze)
            print(f"break snoozed - reminder in {args.snooze}m")
        elif args.skip:
            db.log_break(SKIPPED)
            print(f"break skipped - next reminder in {every}; the sitting time keeps counting")
        else:
            db.log_break(TAKEN)
            print(f"break logged - next break in {every}")
    except StoreError as error:
        eprint(str(error))
        return 1
    finally:
        home.close()
    return 0
