"""The sitting timeline: what the break clock needs besides the breaks themselves.

One table (``timeline``, schema version 2) holds four kinds of row:

- ``seen``: the first moment hiptui saw the user on a day (the app, ``hiptui remind``,
  ``hiptui break`` or ``hiptui pause``); the sitting clock starts there before the day's first
  break. One per day: later sightings do not move it.
- ``away``: a time away from the computer, from ``started_at`` to ``ended_at``. While the user
  is still away, ``open`` is 1 and ``ended_at`` is the last moment they were known to be away.
  ``source`` says how it was known (``idle:<name>`` or ``suspend``).
- ``pause``: meeting mode, from ``started_at`` until ``ended_at`` (set to the moment of
  ``hiptui resume`` when ended early).
- ``reminded``: a break deadline (``started_at``) that has been notified outside the app, so a
  second hiptui does not notify it again.

The break clock reads it (with finished sessions from the ``sessions`` table) through
:mod:`hiptui.store.clock_rows`; this module writes it. None of this is history: it is not in
the export, and a database older than version 2, read without upgrading it, has none of it.
Every write commits before the method returns, as in :mod:`hiptui.store.db`.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Protocol

from hiptui.content.frozen import Frozen, _set
from hiptui.store.clock_rows import TIMELINE_SINCE_VERSION
from hiptui.store.stamps import format_timestamp, parse_optional_timestamp, parse_timestamp

# 'reminded' rows older than this are dropped when a new day is first seen.
KEEP_REMINDED = timedelta(days=7)

_SPAN_COLUMNS = "id, started_at, ended_at, open, source"


class Span(Frozen):
    """A stretch of time on the timeline (UTC-aware); ``end`` is ``None`` only if unknown."""

    __slots__ = FIELDS = ("id", "start", "end", "open", "source")
    id: int
    start: datetime
    end: datetime | None
    open: bool
    source: str | None

    def __init__(
        self,
        id: int,
        start: datetime,
        end: datetime | None,
        open: bool = False,
        source: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "open", open)
        _set(self, "source", source)


def _span(row: tuple[object, ...]) -> Span:
    return Span(
        id=int(row[0]),  # type: ignore[call-overload]
        start=parse_timestamp(str(row[1])),
        end=parse_optional_timestamp(None if row[2] is None else str(row[2])),
        open=bool(row[3]),
        source=None if row[4] is None else str(row[4]),
    )


def _running_pause(db: sqlite3.Connection, now: str) -> tuple[object, ...] | None:
    row: tuple[object, ...] | None = db.execute(
        f"SELECT {_SPAN_COLUMNS} FROM timeline WHERE kind = 'pause' "
        "AND started_at <= ? AND ended_at > ? ORDER BY started_at DESC LIMIT 1",
        (now, now),
    ).fetchone()
    return row


class Store(Protocol):
    """What the timeline needs of its database (``hiptui.store.db.Database`` fits)."""

    def reading(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def writing(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def now(self) -> datetime: ...
    @property
    def schema_version(self) -> int: ...


class SittingLog:
    """The timeline of one :class:`~hiptui.store.db.Database` (``db.timeline``)."""

    def __init__(self, db: Store) -> None:
        self._db = db

    @property
    def available(self) -> bool:
        """False for an older database opened read-only: every read is then empty."""
        return self._db.schema_version >= TIMELINE_SINCE_VERSION

    def _stamp(self, moment: datetime | None = None) -> str:
        return format_timestamp(self._db.now() if moment is None else moment)

    # -- reading ----------------------------------------------------------------------------

    def open_away(self) -> Span | None:
        """The time away still going on (as far as the last check knew), if any."""
        if not self.available:
            return None
        with self._db.reading() as db:
            row = db.execute(
                f"SELECT {_SPAN_COLUMNS} FROM timeline WHERE kind = 'away' AND open = 1 "
                "ORDER BY started_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else _span(row)

    # -- writing ----------------------------------------------------------------------------

    def mark_seen(self, since: datetime, at: datetime | None = None) -> datetime:
        """The first moment the user was seen from ``since`` on, recording ``at`` (default:
        now) as that moment if there is none yet."""
        start = self._stamp(since)
        with self._db.writing() as db:
            first = db.execute(
                "SELECT MIN(started_at) FROM timeline WHERE kind = 'seen' AND started_at >= ?",
                (start,),
            ).fetchone()[0]
            if first is not None:
                return parse_timestamp(str(first))
            stamp = self._stamp(at)
            db.execute(
                "INSERT INTO timeline (kind, started_at) VALUES ('seen', ?)", (max(stamp, start),)
            )
            db.execute(
                "DELETE FROM timeline WHERE kind = 'reminded' AND started_at < ?",
                (self._stamp(since - KEEP_REMINDED),),
            )
            return parse_timestamp(max(stamp, start))

    def save_away(
        self,
        start: datetime,
        end: datetime,
        *,
        still_away: bool,
        source: str,
        row_id: int | None = None,
    ) -> int:
        """Record a time away (or update row ``row_id``); returns the row's id."""
        if end < start:
            raise ValueError("an absence cannot end before it starts")
        values = (self._stamp(start), self._stamp(end), int(still_away), source)
        with self._db.writing() as db:
            if row_id is not None:
                cursor = db.execute(
                    "UPDATE timeline SET started_at = ?, ended_at = ?, open = ?, source = ? "
                    "WHERE id = ? AND kind = 'away'",
                    (*values, row_id),
                )
                if cursor.rowcount == 1:
                    return row_id
            cursor = db.execute(
                "INSERT INTO timeline (kind, started_at, ended_at, open, source) "
                "VALUES ('away', ?, ?, ?, ?)",
                values,
            )
            return int(cursor.lastrowid or 0)

    def close_away(self, row_id: int) -> None:
        """The user is back: the absence ends where it was last known to go on."""
        with self._db.writing() as db:
            db.execute("UPDATE timeline SET open = 0 WHERE id = ? AND kind = 'away'", (row_id,))

    def pause(self, until: datetime) -> Span:
        """Hold reminders until ``until``; a pause already running is changed to end then."""
        now = self._stamp()
        end = self._stamp(until)
        if end <= now:
            raise ValueError("a pause must end in the future")
        with self._db.writing() as db:
            row = _running_pause(db, now)
            if row is not None:
                db.execute("UPDATE timeline SET ended_at = ? WHERE id = ?", (end, row[0]))
                started = _span(row)
                return Span(started.id, started.start, parse_timestamp(end))
            cursor = db.execute(
                "INSERT INTO timeline (kind, started_at, ended_at) VALUES ('pause', ?, ?)",
                (now, end),
            )
            return Span(int(cursor.lastrowid or 0), parse_timestamp(now), parse_timestamp(end))

    def resume(self) -> Span | None:
        """End the pause running now; returns it as it was, or ``None`` if none was."""
        now = self._stamp()
        with self._db.writing() as db:
            row = _running_pause(db, now)
            if row is None:
                return None
            db.execute("UPDATE timeline SET ended_at = ? WHERE id = ?", (now, row[0]))
        return _span(row)

    def claim_reminder(self, deadline: datetime) -> bool:
        """True for the first caller (in any process) to notify the break due at
        ``deadline``; False if it has been notified already."""
        with self._db.writing() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO timeline (kind, started_at, ended_at) "
                "VALUES ('reminded', ?, ?)",
                (self._stamp(deadline), self._stamp()),
            )
            return cursor.rowcount == 1
