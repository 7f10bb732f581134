"""``hiptui status`` on its own short path (issue 16: at most 4x ``python -c pass``).

tmux, bars and shell prompts run it every few seconds, so :func:`hiptui.cli.main.main` sends
``hiptui status [--json | --format T]`` here before argparse is even imported, and this module
imports only what the reading needs: the paths (no platformdirs on Linux), the two clock
settings (``tomllib``, only if there is a settings file), a read-only SQLite connection, the
break clock's queries and the pure schedule. Never Textual, rich, jeepney, the records or the
history database class. ``hiptui status --help`` and anything unusual go the argparse way,
which ends here too (:func:`show`).

It never creates or changes anything; when the history cannot be read it prints one line on
stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from hiptui.core.breaks.report import Reading, StatusTemplate

# A status bar must not hang: a reader only waits for SQLite in rare cases (a crashed writer's
# journal being recovered), and then gives up quickly rather than stall the terminal.
STATUS_BUSY_TIMEOUT = 0.5


def run_fast(arguments: list[str]) -> int | None:
    """``hiptui status`` with ``arguments`` (what follows ``status``), or ``None`` when they
    are not a plain ``--json`` or ``--format T`` (argparse then handles them, help and errors
    included)."""
    as_json, template_text = False, None
    if arguments == ["--json"]:
        as_json = True
    elif len(arguments) == 2 and arguments[0] == "--format":
        template_text = arguments[1]
    elif len(arguments) == 1 and arguments[0].startswith("--format="):
        template_text = arguments[0].removeprefix("--format=")
    elif arguments:
        return None
    template = None
    if template_text is not None:
        from hiptui.core.breaks.report import StatusTemplate, TemplateError

        try:
            template = StatusTemplate.parse(template_text)
        except TemplateError:
            return None  # argparse says what is wrong, as a usage error
    return show(as_json=as_json, template=template)


def read_status(now: datetime) -> tuple[Reading | None, int]:
    """The break clock at ``now`` (``None`` when there is no history at all) and the break
    interval. Raises ``StoreError`` (an ``OSError``) when the database cannot be read."""
    from hiptui import paths
    from hiptui.core.breaks.report import read_clock
    from hiptui.core.breaks.schedule import choose_interval
    from hiptui.store.clock_settings import read_clock_settings

    minutes, hour = read_clock_settings(paths.settings_path())
    database = paths.database_path()
    if not database.exists() and not database.is_symlink():
        return None, choose_interval(minutes, None).minutes
    from hiptui.store.clock_rows import ConnectionClock
    from hiptui.store.errors import StoreError
    from hiptui.store.opening import open_read_only

    if database.is_dir():
        raise StoreError(str(database), "is a folder, not a database file")
    connection = open_read_only(database, STATUS_BUSY_TIMEOUT)
    try:
        reading = read_clock(
            ConnectionClock(connection), now, setting_minutes=minutes, day_start_hour=hour
        )
    except Exception as error:
        import sqlite3

        from hiptui.store.schema import describe

        if isinstance(error, sqlite3.Error):
            raise StoreError(str(database), describe(error, STATUS_BUSY_TIMEOUT)) from error
        raise
    finally:
        connection.close()
    return reading, reading.interval.minutes


def show(*, as_json: bool = False, template: StatusTemplate | None = None) -> int:
    """Print the status line (or its JSON, or ``template`` filled in); the exit status."""
    from hiptui.core.breaks.schedule import local_now

    try:
        reading, interval = read_status(local_now())
        if as_json or template is not None:
            from hiptui.core.breaks.report import StatusReport

            report = StatusReport.unknown(interval) if reading is None else reading.report
            text = report.to_json() if template is None else _plain(report.format(template))
        elif reading is None:
            from hiptui.core.breaks.report import status_text

            text = status_text(None, None, has_history=False)
        else:
            text = reading.text
    except OSError as error:  # StoreError included: it already names the file
        _fail(str(error) if error.filename else f"{_database()}: {error}")
        return 1
    except Exception as error:  # a status bar shows one line, never a traceback
        _fail(f"{_database()}: cannot read the break history ({error})")
        return 1
    print(text)
    return 0


def _plain(text: str) -> str:
    from hiptui.content.text import printable

    return printable(text, keep_newlines=False)


def _database() -> str:
    from hiptui.paths import database_path

    return str(database_path())


def _fail(text: str) -> None:
    print(_plain(text), file=sys.stderr)
