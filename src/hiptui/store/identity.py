"""Is this hiptui's database? Looking at a file before anything writes to it.

The header is read with a plain read (no SQLite at all): a file that is plainly not a database,
or one from a newer hiptui, is told apart without even a ``-shm`` file appearing. The schema is
then read through a read-only connection: an SQLite database with tables hiptui never makes
(another program's file at the same path, a path mistyped in ``HIPTUI_DATA_DIR``) is refused,
and left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from hiptui.regular_file import NotRegularFile, open_regular
from hiptui.store.errors import StoreError
from hiptui.store.schema import SCHEMA_VERSION

COMPANIONS = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# The tables of schema version 1; every later version keeps them.
HIPTUI_TABLES = frozenset({"sessions", "sets", "checkups", "breaks"})


def check_header(path: Path) -> bool:
    """Look at the file's first bytes before SQLite does: refuse a newer schema without
    opening it at all (so not even a ``-shm`` file appears), and spot a file that is plainly
    not a database (``sqlite3.DatabaseError``). Returns whether the file is in WAL mode."""
    try:
        descriptor = open_regular(path)
    except NotRegularFile as error:
        raise StoreError(str(path), f"is {error.kind}, not a database file") from error
    except OSError as error:
        raise StoreError(str(path), f"cannot be read: {error.strerror or error}") from error
    try:
        header = os.read(descriptor, HEADER_SIZE)
    except OSError as error:
        raise StoreError(str(path), f"cannot be read: {error.strerror or error}") from error
    finally:
        os.close(descriptor)
    if not header:
        return False  # a new, empty file: SQLite fills it in
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise sqlite3.DatabaseError("file is not a database")
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise StoreError(str(path), newer_message(version))
    return header[18] == header[19] == 2  # the file format versions of WAL mode


def newer_message(version: int) -> str:
    return (
        f"was written by a newer hiptui (schema version {version}; this version knows "
        f"up to {SCHEMA_VERSION}); upgrade hiptui to use it. The file was not changed."
    )


def foreign_message(tables: list[str]) -> str:
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    held = f"it holds the tables {shown}" if tables else "its schema is not hiptui's"
    return (
        f"is an SQLite database that hiptui did not write ({held}); it was left as it is. "
        "Move it away, or set HIPTUI_DATA_DIR to another folder, to keep a history"
    )


def read_version(connection: sqlite3.Connection, path: Path, *, quick_check: bool) -> int:
    """The schema version of hiptui's database on ``connection``. Refuses a newer one and one
    that is not hiptui's; raises ``sqlite3.Error`` on a damaged file."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(str(path), newer_message(version))
    rows = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = sorted(
        str(name) for kind, name in rows if kind == "table" and not str(name).startswith("sqlite_")
    )
    if (version == 0 and rows) or (version > 0 and not HIPTUI_TABLES.issubset(tables)):
        raise StoreError(str(path), foreign_message(tables))
    if quick_check:
        found = connection.execute("PRAGMA quick_check(1)").fetchall()
        if [tuple(row) for row in found] != [("ok",)]:
            raise sqlite3.DatabaseError("database disk image is malformed")
    return version
