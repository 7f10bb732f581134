"""``hiptui status`` (the break clock in one line) and ``hiptui break`` (log a break).

``status`` is meant to run every few seconds from tmux or a shell prompt, so it stays small:
the standard library, :mod:`hiptui.home`, the store and the pure schedule; never Textual or rich.
It opens the database read-only and never creates or changes anything; when the history
cannot be read it prints one line on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hiptui.home import Home

if TYPE_CHECKING:
    from hiptui.core.breaks.schedule import BreakHistory, Interval

# A status bar must not hang: a reader only waits for SQLite in rare cases (a crashed writer's
# journal being recovered), and then gives up quickly rather than stall the terminal.
STATUS_BUSY_TIMEOUT = 0.5


def register(subparsers: Any) -> None:
    status = subparsers.add_parser(
        "status",
        help="print the sitting-break clock in one line (for tmux or a shell prompt)",
        description="Print one short line such as '42m sitting - break in 3m' or "
        "'break due 12m ago'. Reads the history without changing it. See docs/breaks.md.",
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


def _eprint(text: str) -> None:
    from hiptui.content.text import printable

    print(printable(text, keep_newlines=False), file=sys.stderr)


def _interval(home: Home, history: BreakHistory) -> Interval:
    """The break interval: ``break_minutes`` from settings.toml, else the latest self-check's
    (problems in the settings file are the app's to report)."""
    from hiptui.core.breaks.schedule import choose_interval

    setting = home.settings.break_minutes if home.settings_path.exists() else None
    return choose_interval(setting, history.checkup_minutes)


def status_line(now: datetime, home: Home | None = None) -> str:
    """The line ``hiptui status`` prints at ``now``. Raises ``StoreError`` (an ``OSError``)
    when the database cannot be read; a missing one is not an error."""
    from hiptui.core.breaks.schedule import (
        BreakHistory,
        describe_schedule,
        schedule_from,
        status_text,
    )

    home = home or Home.for_user()
    if not home.has_history():
        return status_text(None, None, has_history=False)
    with home.read_only_database(busy_timeout=STATUS_BUSY_TIMEOUT) as db:
        history = BreakHistory.read(db)
    opened = _app_opened_today(home, now)
    schedule = schedule_from(history, _interval(home, history).minutes, now, opened)
    return describe_schedule(schedule, now, has_history=not history.empty)


def _app_opened_today(home: Home, now: datetime) -> datetime | None:
    """When the app was last opened, if that was today: before the day's first break the app
    counts sitting time from then, and so do `status` and `break`."""
    from hiptui.core.breaks.schedule import day_start
    from hiptui.store.app_opened import read_app_opened

    if home.app_opened_path is None:
        return None
    opened = read_app_opened(home.app_opened_path)
    return opened if opened is not None and opened >= day_start(now) else None


def run_status(args: argparse.Namespace) -> int:
    from hiptui.core.breaks.schedule import local_now

    home = Home.for_user()
    try:
        line = status_line(local_now(), home)
    except OSError as error:  # StoreError included: it already names the file
        text = str(error) if error.filename else f"{home.database_path}: {error}"
        _eprint(text)
        return 1
    except Exception as error:  # a status bar shows one line, never a traceback
        _eprint(f"{home.database_path}: cannot read the break history ({error})")
        return 1
    print(line)
    return 0


def run_break(args: argparse.Namespace) -> int:
    from hiptui.core.breaks.schedule import (
        SKIPPED,
        SNOOZED,
        TAKEN,
        BreakHistory,
        describe_schedule,
        format_minutes,
        local_now,
        schedule_from,
    )
    from hiptui.store.errors import StoreError

    now = local_now()
    home = Home.for_user()
    if args.snooze is not None and not home.database_path.exists():
        # Refuse before the database is even created.
        _eprint("nothing to snooze: no breaks logged yet; nothing logged")
        return 1
    try:
        db = home.database()
    except StoreError as error:
        _eprint(str(error))
        return 1
    try:
        if db.notice:
            _eprint(db.notice)
        history = BreakHistory.read(db)
        interval = _interval(home, history)
        every = format_minutes(interval.seconds)
        if args.snooze is not None:
            schedule = schedule_from(history, interval.minutes, now, _app_opened_today(home, now))
            if not schedule.is_due(now):
                state = describe_schedule(schedule, now, has_history=not history.empty)
                _eprint(f"nothing to snooze: no break is due ({state}); nothing logged")
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
        _eprint(str(error))
        return 1
    finally:
        home.close()
    return 0
