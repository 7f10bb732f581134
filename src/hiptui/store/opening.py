"""Opening the SQLite file: checks before touching it, migrations, and a damaged file kept aside.

Order matters. The schema version is read before anything writes (switching to WAL rewrites the
file header), so a database from a newer hiptui is refused byte-for-byte untouched. A file that
is not a database, or fails SQLite's quick check, is renamed (never deleted) and a fresh one is
started in its place.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from hiptui.paths import ensure_private_dir
from hiptui.store.errors import StoreError
from hiptui.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SQLITE_BUSY,
    SQLITE_LOCKED,
    describe,
    is_corruption,
    primary_code,
)

COMPANIONS = ("-wal", "-shm", "-journal")
# A reader takes a database from this schema version on: the history tables have not changed
# since, and what later versions added reads as empty (hiptui status after an upgrade, before
# anything has written to the file).
READABLE_SINCE = 1


def connect(target: str, busy_timeout: float, *, uri: bool = False) -> sqlite3.Connection:
    connection = sqlite3.connect(
        target, timeout=busy_timeout, isolation_level=None, uri=uri, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return connection


@contextmanager
def reported(path: Path, busy_timeout: float) -> Iterator[None]:
    """An SQLite error inside comes out as a :class:`StoreError` naming ``path``."""
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(str(path), describe(error, busy_timeout)) from error


def open_checked(
    target: str,
    path: Path,
    busy_timeout: float,
    prepare: Callable[[sqlite3.Connection], None],
    *,
    uri: bool = False,
) -> sqlite3.Connection:
    """Connect to ``target`` (the database at ``path``) and ``prepare`` the connection; if
    either fails, the connection is closed and the failure is a :class:`StoreError`."""
    with reported(path, busy_timeout):
        connection = connect(target, busy_timeout, uri=uri)
        try:
            prepare(connection)
        except BaseException:
            connection.close()
            raise
    return connection


def check_writable(path: Path) -> None:
    """Refuse early when the database (or the folder its journal goes in) cannot be written."""
    if path.is_dir():
        raise StoreError(str(path), "is a folder, not a database file")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(str(path), "cannot write: the database file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(
            str(path), "cannot write: its folder is read-only (SQLite keeps a journal there)"
        )


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by the owner only (SQLite copies the mode to
    its ``-wal`` and ``-shm`` files)."""
    if path.exists():
        return
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    except OSError as error:
        raise StoreError(str(path), f"cannot create the database: {error.strerror}") from error
    os.close(descriptor)


def prepare_folder(path: Path) -> None:
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(
            str(path.parent), f"cannot create the data folder: {error.strerror or error}"
        ) from error


def read_version(connection: sqlite3.Connection, path: Path, *, quick_check: bool) -> int:
    """The schema version; refuses a newer one. Raises ``sqlite3.Error`` on a damaged file."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(str(path), newer_message(version))
    if quick_check:
        rows = connection.execute("PRAGMA quick_check(1)").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            raise sqlite3.DatabaseError("database disk image is malformed")
    return version


def aside_name(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 2
    while any(Path(f"{candidate}{suffix}").exists() for suffix in ("", *COMPANIONS)):
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return candidate


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its journal files) out of the way; never delete it."""
    target = aside_name(path, now)
    try:
        os.replace(path, target)
        for suffix in COMPANIONS:
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{target}{suffix}"))
    except OSError as error:
        raise StoreError(
            str(path),
            "the database file is damaged and could not be moved aside "
            f"({error.strerror or error}); move it away by hand to start a new history",
        ) from error
    return target


def switch_to_wal(connection: sqlite3.Connection, busy_timeout: float) -> str:
    """Set WAL mode, retrying while another process does the same to a new file: SQLite
    answers "locked" at once there, without waiting on its busy handler."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            if primary_code(error) not in (SQLITE_BUSY, SQLITE_LOCKED):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def configure(connection: sqlite3.Connection, busy_timeout: float) -> None:
    mode = switch_to_wal(connection, busy_timeout)
    if str(mode).lower() not in ("wal", "memory"):
        raise sqlite3.OperationalError(f"could not switch to WAL mode (got {mode})")
    # FULL: a committed set survives a power cut, not only a crash.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def migrate(connection: sqlite3.Connection) -> None:
    """Apply the migrations this database has not seen, each in its own transaction.

    An up-to-date database is not write-locked at all, so opening it never waits for another
    hiptui that is busy writing.
    """
    if int(connection.execute("PRAGMA user_version").fetchone()[0]) >= SCHEMA_VERSION:
        return
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Read again inside the write lock: another process may have migrated meanwhile.
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version >= SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def check_header(path: Path) -> None:
    """Look at the file's first bytes before SQLite does: refuse a newer schema without
    opening it at all (so not even a ``-shm`` file appears), and spot a file that is plainly
    not a database. Raises ``sqlite3.DatabaseError`` for the latter."""
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise StoreError(str(path), f"cannot be read: {error.strerror or error}") from error
    if not header:
        return  # a new, empty file: SQLite fills it in
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise sqlite3.DatabaseError("file is not a database")
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise StoreError(str(path), newer_message(version))


def newer_message(version: int) -> str:
    return (
        f"was written by a newer hiptui (schema version {version}; this version knows "
        f"up to {SCHEMA_VERSION}); upgrade hiptui to use it. The file was not changed."
    )


def inspect(path: Path, busy_timeout: float) -> None:
    """Check the file through a read-only connection, which never checkpoints or deletes a
    ``-wal`` file on closing: a damaged database is moved aside exactly as it was found."""
    check_header(path)
    connection = connect(f"{path.resolve().as_uri()}?mode=ro", busy_timeout, uri=True)
    try:
        read_version(connection, path, quick_check=True)
    finally:
        connection.close()


def open_read_write(
    path: Path, now: Callable[[], datetime], busy_timeout: float
) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating or repairing) the database; returns the connection and a notice."""
    prepare_folder(path)
    check_writable(path)
    create_private_file(path)
    notice: str | None = None
    try:
        inspect(path, busy_timeout)
    except sqlite3.Error as error:
        # Anything but damage (busy, a hot journal only a writer may roll back) is left to
        # the writable connection below, which deals with it or reports it.
        if is_corruption(error):
            aside = move_aside(path, now())
            notice = (
                f"{path}: the history database was damaged ({error}); it was kept as "
                f"{aside.name} and a new, empty history was started"
            )
            create_private_file(path)

    def prepare(connection: sqlite3.Connection) -> None:
        read_version(connection, path, quick_check=False)
        configure(connection, busy_timeout)
        migrate(connection)

    return open_checked(str(path), path, busy_timeout, prepare), notice


def read_only_uri(path: Path) -> str:
    """The URI that reads ``path`` without writing anything.

    Reading a WAL database needs its ``-shm`` file, which SQLite creates when missing; in a
    folder nobody may write to (a read-only mount, a backup) it cannot, and refuses to read at
    all. When there is also no ``-wal`` file with content, everything is in the main file and
    no one can be writing it, so it is opened as immutable: no ``-shm``, no locks.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = Path(f"{path}-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    if not pending and not os.access(path.parent, os.W_OK | os.X_OK):
        uri += "&immutable=1"
    return uri


def open_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open an existing database for reading only; nothing on disk is changed or repaired."""
    if not path.is_file():
        raise StoreError(str(path), "no history database here yet")
    with reported(path, busy_timeout):
        check_header(path)

    def up_to_date(connection: sqlite3.Connection) -> None:
        version = read_version(connection, path, quick_check=False)
        if version < READABLE_SINCE:
            raise StoreError(
                str(path),
                f"uses an older schema (version {version}); start hiptui once to upgrade it",
            )

    return open_checked(read_only_uri(path), path, busy_timeout, up_to_date, uri=True)


def open_memory() -> sqlite3.Connection:
    connection = connect(":memory:", 0.0)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    return connection
