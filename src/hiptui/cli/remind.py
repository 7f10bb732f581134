"""``hiptui remind``: the break clock without the app, in the foreground (a tmux window, a login
script, a systemd user unit), sending a notification when a break falls due.

``hiptui remind --once`` checks once, notifies if a break is due (and was not notified yet by
any hiptui), and exits 0. Both record what a watcher records (the day seen, times away,
suspends; see :mod:`hiptui.core.breaks.monitor`).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hiptui.core.breaks.monitor import Check, Watcher
    from hiptui.home import Home


def register(subparsers: Any) -> None:
    remind = subparsers.add_parser(
        "remind",
        help="run the break clock without the app and notify when a break is due",
        description="Watch the sitting-break clock in the foreground and send a notification "
        "(see the `notify` setting) when a break falls due; for a tmux window, a login script "
        "or a systemd user unit. See docs/breaks.md.",
    )
    remind.add_argument(
        "--once",
        action="store_true",
        help="check once, notify if a break is due, and exit",
    )
    remind.set_defaults(handler=run_remind)


def _terminal_writer(stream: TextIO) -> Callable[[str], None]:
    """Where the notifier writes its sequences (built from cleaned text): the terminal itself,
    past the terminal-safe stream (hiptui.cli.output) that would take them apart."""
    from hiptui.cli.output import raw_stream

    terminal = raw_stream(stream)

    def write(text: str) -> None:
        terminal.write(text)
        terminal.flush()

    return write


def make_watcher(home: Home, now: datetime, out: TextIO) -> Watcher:
    """A watcher on the user's database, idle source and notification setting."""
    from hiptui.cli.status import clock_settings, eprint, open_clock
    from hiptui.core.breaks.idle import find_idle_source
    from hiptui.core.breaks.monitor import Watcher
    from hiptui.core.breaks.notify import Notifier
    from hiptui.core.breaks.schedule import local_now

    db = open_clock(home, now)
    for problem in home.settings_problems:
        eprint(str(problem))
    settings = home.settings
    minutes, hour = clock_settings(home)
    notifier = Notifier(
        settings.notify,
        env=os.environ,
        write=_terminal_writer(out),
        is_tty=out.isatty(),
    )
    idle = find_idle_source(os.environ) if settings.idle == "auto" else None
    return Watcher(
        db,
        wall=local_now,
        steady=time.monotonic,
        idle=idle,
        notifier=notifier,
        setting_minutes=minutes,
        day_start_hour=hour,
    )


def describe(check: Check) -> str:
    """One log line: the time, the clock, and what was sent."""
    from hiptui.content.text import printable

    reading = check.reading
    parts = [f"{reading.now:%H:%M}", reading.text]
    if check.suspended:
        parts.append("(woke from a suspend: counted as away)")
    sent = check.sent
    if sent is not None and sent.method is not None:
        parts.append(f"- notified ({sent.method})")
    if sent is not None and sent.problem is not None:
        parts.append(f"- not notified: {sent.problem}")
    return printable(" ".join(parts), keep_newlines=False)


def watch(
    watcher: Watcher,
    *,
    log: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
    checks: int | None = None,
) -> None:
    """Check, log what changed, wait, and again (``checks`` times, or until interrupted)."""
    last_state = None
    done = 0
    while checks is None or done < checks:
        check = watcher.check()
        done += 1
        state = check.reading.state
        if state != last_state or check.sent is not None or check.suspended:
            log(describe(check))
            last_state = state
        if checks is not None and done >= checks:
            return
        sleep(watcher.wait_after(check))


def run_remind(args: argparse.Namespace) -> int:
    from hiptui.cli.status import eprint
    from hiptui.core.breaks.schedule import local_now
    from hiptui.home import Home
    from hiptui.store.errors import StoreError

    home = Home.for_user()
    out = sys.stdout

    def log(line: str) -> None:
        print(line, file=out, flush=True)

    try:
        watcher = make_watcher(home, local_now(), out)
    except StoreError as error:
        eprint(str(error))
        home.close()
        return 1
    try:
        if args.once:
            log(describe(watcher.check()))
            return 0
        method = watcher.notifier.resolve() if watcher.notifier else "off"
        idle = watcher.idle.name if watcher.idle else "none"
        log(f"hiptui remind: watching the break clock (notify: {method}, idle: {idle}); "
            "ctrl+c to stop")  # fmt: skip
        signal.signal(signal.SIGTERM, _stop)
        watch(watcher, log=log)
    except (KeyboardInterrupt, _Stopped):
        return 0
    except StoreError as error:
        eprint(str(error))
        return 1
    finally:
        if watcher.idle is not None:
            watcher.idle.close()
        home.close()
    return 0


class _Stopped(Exception):
    """SIGTERM (``systemctl --user stop``): stop like ctrl+c."""


def _stop(_signum: int, _frame: object) -> None:
    raise _Stopped
