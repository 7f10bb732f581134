"""``hiptui pause [DURATION]`` (meeting mode) and ``hiptui resume``.

A pause holds break reminders (the app's, ``hiptui remind``'s) until it ends; it is not a
break: the sitting time keeps counting. ``hiptui status`` shows it as ``paused``.
"""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from typing import Any

DEFAULT_PAUSE = "60m"
LONGEST_PAUSE_MINUTES = 12 * 60

_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m(?:in)?)?")


def pause_minutes(text: str) -> int:
    """``30m``, ``1h``, ``1h30m`` or a plain number of minutes, 1 minute to 12 hours."""
    value = text.strip().lower()
    if value.isdigit():
        minutes = int(value)
    else:
        match = _DURATION.fullmatch(value)
        if match is None or not value:
            raise argparse.ArgumentTypeError(
                f"expected a duration such as 30m, 1h or 1h30m, got {text!r}"
            )
        minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 1 <= minutes <= LONGEST_PAUSE_MINUTES:
        raise argparse.ArgumentTypeError(
            f"a pause lasts 1 minute to {LONGEST_PAUSE_MINUTES // 60} hours, not {text!r}"
        )
    return minutes


def register(subparsers: Any) -> None:
    pause = subparsers.add_parser(
        "pause",
        help="hold break reminders for a meeting (default 60m); not counted as a break",
        description="Meeting mode: no break reminders until DURATION is over (or `hiptui "
        "resume`). The sitting time keeps counting. See docs/breaks.md.",
    )
    pause.add_argument(
        "duration",
        nargs="?",
        default=DEFAULT_PAUSE,
        type=pause_minutes,
        metavar="DURATION",
        help="how long: 30m, 1h, 1h30m, or minutes (default 60m)",
    )
    pause.set_defaults(handler=run_pause)
    resume = subparsers.add_parser(
        "resume",
        help="end a pause early: break reminders are back on",
        description="End the pause started by `hiptui pause`. See docs/breaks.md.",
    )
    resume.set_defaults(handler=run_resume)


def run_pause(args: argparse.Namespace) -> int:
    from hiptui.cli.status import eprint, open_clock
    from hiptui.core.breaks.schedule import local_now
    from hiptui.home import Home
    from hiptui.store.errors import StoreError

    now = local_now()
    home = Home.for_user()
    try:
        db = open_clock(home, now)
        span = db.timeline.pause(now + timedelta(minutes=args.duration))
    except StoreError as error:
        eprint(str(error))
        return 1
    finally:
        home.close()
    until = span.end.astimezone(now.tzinfo) if span.end else now
    print(
        f"break reminders paused until {until:%H:%M} ({args.duration}m); "
        "the sitting time keeps counting. `hiptui resume` ends it early"
    )
    return 0


def run_resume(args: argparse.Namespace) -> int:
    from hiptui.cli.status import clock_settings, eprint, open_clock
    from hiptui.core.breaks.report import read_clock
    from hiptui.core.breaks.schedule import local_now
    from hiptui.home import Home
    from hiptui.store.errors import StoreError

    now = local_now()
    home = Home.for_user()
    if not home.database_path.exists():
        eprint("nothing to resume: break reminders are not paused")
        return 1
    try:
        db = open_clock(home, now)
        ended = db.timeline.resume()
        minutes, hour = clock_settings(home)
        reading = read_clock(db, local_now(), setting_minutes=minutes, day_start_hour=hour)
    except StoreError as error:
        eprint(str(error))
        return 1
    finally:
        home.close()
    if ended is None:
        eprint("nothing to resume: break reminders are not paused")
        return 1
    print(f"break reminders back on - {reading.text}")
    return 0
