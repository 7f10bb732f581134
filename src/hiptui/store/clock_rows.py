"""What the break clock reads from the database, as SQL on one sqlite3 connection: the latest
breaks, the latest self-check's interval, and one day of the sitting timeline.

The one place these queries live. :meth:`hiptui.store.db.Database.break_clock` runs them for
the app and the commands; ``hiptui status`` runs them on a connection of its own
(:class:`ConnectionClock`), so its path imports only ``sqlite3`` and ``datetime``: no records,
no JSON (the self-check's ``reminder_minutes`` is taken out by SQLite), no dataclasses.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from hiptui.store.stamps import format_timestamp, parse_optional_timestamp, parse_timestamp

TIMELINE_SINCE_VERSION = 2  # the schema version that added the timeline table

Mark = tuple[datetime, str, "int | None"]  # a break: when, kind, minutes
Stretch = tuple[datetime, datetime]  # from, to
Away = tuple[datetime, datetime, bool]  # from, to (last known), still going on


class ClockRows:
    """The rows one reading of the break clock needs (``None`` where there is none)."""

    __slots__ = ("away", "last_taken", "latest", "movement", "pause", "reminder_minutes", "seen")

    def __init__(
        self,
        *,
        last_taken: Mark | None = None,
        latest: Mark | None = None,
        reminder_minutes: object = None,
        seen: datetime | None = None,
        movement: Stretch | None = None,
        away: Away | None = None,
        pause: Stretch | None = None,
    ) -> None:
        self.last_taken = last_taken
        self.latest = latest
        self.reminder_minutes = reminder_minutes  # as stored: the schedule checks it
        self.seen = seen
        self.movement = movement
        self.away = away
        self.pause = pause


TYPE_CHECKING = False  # hiptui status never imports typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    T = TypeVar("T")


def _first(rows: Iterable[Any], read: Callable[[Any], T | None]) -> T | None:
    """The first row ``read`` makes something of. A row another program wrote with a value
    hiptui cannot read (``ValueError``) is passed over, so one bad row never stops the clock
    (the history and ``hiptui export`` name such rows)."""
    for row in rows:
        try:
            found = read(row)
        except ValueError:
            continue
        if found is not None:
            return found
    return None


def _mark(row: tuple[object, object, object]) -> Mark:
    minutes = row[2]
    if not (minutes is None or (isinstance(minutes, int) and not isinstance(minutes, bool))):
        raise ValueError("minutes is not a whole number")
    if not isinstance(row[1], str):
        raise ValueError("kind is not text")
    return (parse_timestamp(row[0]), row[1], minutes)


def _stretch(row: tuple[object, object]) -> Stretch | None:
    end = parse_optional_timestamp(row[1])
    return None if end is None else (parse_timestamp(row[0]), end)


def _away(row: tuple[object, object, object]) -> Away:
    return (parse_timestamp(row[0]), parse_timestamp(row[1]), bool(row[2]))


def _reminder_minutes(connection: sqlite3.Connection) -> object:
    latest = "FROM checkups ORDER BY taken_at DESC, id DESC LIMIT 1"
    try:
        row = connection.execute(
            "SELECT CASE WHEN json_valid(result_json) "
            f"THEN json_extract(result_json, '$.reminder_minutes') END {latest}"
        ).fetchone()
    except sqlite3.OperationalError as error:
        if "no such function" not in str(error):
            raise
        # An SQLite built without JSON: read the result in Python.
        import json

        raw = connection.execute(f"SELECT result_json {latest}").fetchone()
        try:
            result = json.loads(raw[0]) if raw is not None else None
        except ValueError:
            return None
        return result.get("reminder_minutes") if isinstance(result, dict) else None
    return None if row is None else row[0]


def read_clock_rows(
    connection: sqlite3.Connection, since: datetime | None, *, timeline: bool
) -> ClockRows:
    """The break clock's rows. ``since``: the start of the day whose sessions and timeline to
    read (``None``: breaks and the self-check only). ``timeline``: the database has the
    timeline table (schema version 2 or later)."""
    # Each query walks its rows only as far as the first one that reads (usually the first).
    breaks = "SELECT at, kind, minutes FROM breaks {} ORDER BY at DESC, id DESC"
    rows = ClockRows(
        last_taken=_first(connection.execute(breaks.format("WHERE kind = 'taken'")), _mark),
        latest=_first(connection.execute(breaks.format("")), _mark),
        reminder_minutes=_reminder_minutes(connection),
    )
    if since is None:
        return rows
    start = format_timestamp(since)
    rows.movement = _first(
        connection.execute(
            "SELECT started_at, ended_at FROM sessions WHERE status = 'completed' "
            "AND ended_at >= ? ORDER BY ended_at DESC, id DESC",
            (start,),
        ),
        _stretch,
    )
    if not timeline:
        return rows
    rows.seen = _first(
        connection.execute(
            "SELECT started_at FROM timeline WHERE kind = 'seen' AND started_at >= ? "
            "ORDER BY started_at, id",
            (start,),
        ),
        lambda row: parse_timestamp(row[0]),
    )
    rows.away = _first(
        connection.execute(
            "SELECT started_at, ended_at, open FROM timeline WHERE kind = 'away' "
            "AND ended_at >= ? ORDER BY ended_at DESC, id DESC",
            (start,),
        ),
        _away,
    )
    rows.pause = _first(
        connection.execute(
            "SELECT started_at, ended_at FROM timeline WHERE kind = 'pause' AND ended_at >= ? "
            "ORDER BY started_at DESC, id DESC",
            (start,),
        ),
        _stretch,
    )
    return rows


class ConnectionClock:
    """The break clock's source on a bare connection (what ``hiptui status`` opens)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        self.has_timeline = int(version) >= TIMELINE_SINCE_VERSION

    def break_clock(self, since: datetime | None) -> ClockRows:
        return read_clock_rows(self.connection, since, timeline=self.has_timeline)
