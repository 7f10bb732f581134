"""Opening the SQLite file: checks before touching it, migrations, and a damaged file kept aside.

Order matters. Nothing is opened until the path is known to be a regular file (a named pipe
would block). The header and the schema are read through a read-only connection before anything
writes (switching to WAL rewrites the file header), so a database from a newer hiptui, or one
hiptui did not write (:mod:`hiptui.store.identity`), is refused byte-for-byte untouched. A file
that is not a database, or fails SQLite's quick check, is renamed (never deleted) and a fresh
one is started in its place. A new database is built whole beside its final name and linked
in, so another process never sees one half made.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from hiptui.paths import ensure_private_dir
from hiptui.regular_file import file_kind
from hiptui.store.errors import StoreError
from hiptui.store.identity import COMPANIONS, check_header, read_version
from hiptui.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_READONLY,
    describe,
    is_corruption,
    primary_code,
)

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
        raise StoreError(str(path), describe(error, busy_timeout, path.parent)) from error


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


def check_files(path: Path) -> None:
    """Refuse a database (or journal) path that holds something other than a regular file: a
    folder, a named pipe (opening it would block), a device or a socket."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        try:
            kind = file_kind(os.stat(candidate).st_mode)
        except OSError:
            continue  # missing: fine; unreadable: SQLite reports it
        if kind is not None:
            what = "a database file" if candidate == path else "SQLite's journal"
            raise StoreError(str(candidate), f"is {kind}, not {what}; nothing was changed")


def check_writable(path: Path) -> None:
    """Refuse early when the database (or the folder its journal goes in) cannot be written."""
    check_files(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(str(path), "cannot write: the database file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(
            str(path), "cannot write: its folder is read-only (SQLite keeps a journal there)"
        )


def prepare_folder(path: Path) -> None:
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(
            str(path.parent), f"cannot create the data folder: {error.strerror or error}"
        ) from error


def create_database(path: Path, busy_timeout: float) -> None:
    """Make a new, fully migrated database at ``path`` in one step, owner-only: it is built in
    a temporary file beside ``path`` and hard-linked in, so a reader finds either no file or a
    whole database. When another process got there first, its database is kept."""
    import tempfile  # only when a copy is made: a read-only opening starts faster without it

    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        with reported(path, busy_timeout):
            connection = connect(str(temporary), busy_timeout)
            try:
                configure(connection, busy_timeout)
                migrate(connection)
            finally:
                connection.close()  # checkpoints: everything is in the main file now
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another hiptui made it meanwhile: use theirs
        except OSError:
            # No hard links here (some shared or FAT drives): a rename, which could replace a
            # database made in the last instant, so only when there is still none.
            if not path.exists():
                os.replace(temporary, path)
    except OSError as error:
        if isinstance(error, StoreError):
            raise
        raise StoreError(str(path), f"cannot create the database: {error.strerror}") from error
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in COMPANIONS)):
            with suppress(OSError):
                leftover.unlink()


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


def inspect(path: Path, busy_timeout: float) -> None:
    """Check the file through a read-only connection, which never checkpoints or deletes a
    ``-wal`` file on closing: a damaged database is moved aside exactly as it was found, and
    one hiptui did not write is refused as it was found."""
    wal = check_header(path)
    connection = connect(read_only_uri(path, wal=wal), busy_timeout, uri=True)
    try:
        read_version(connection, path, quick_check=True)
    finally:
        connection.close()


SHM_SIZE = 32 * 1024  # what SQLite makes a -shm file before using it


@contextmanager
def leaving_no_trace(path: Path) -> Iterator[None]:
    """If what runs inside fails, remove the journal files it left half made: an empty
    ``-wal`` and a ``-shm`` smaller than SQLite ever uses one (on a full disk SQLite gets
    3 bytes into it). Files that were there before, or that another process is using, stay."""
    before = {suffix for suffix in COMPANIONS if Path(f"{path}{suffix}").exists()}
    try:
        yield
    except BaseException:
        shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
        with suppress(OSError):
            if "-shm" not in before and shm.stat().st_size < SHM_SIZE:
                shm.unlink()
        with suppress(OSError):
            if "-wal" not in before and wal.stat().st_size == 0 and not shm.exists():
                wal.unlink()
        raise


def open_read_write(
    path: Path, now: Callable[[], datetime], busy_timeout: float
) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating or repairing) the database; returns the connection and a notice."""
    prepare_folder(path)
    check_writable(path)
    with leaving_no_trace(path):
        return _open_read_write(path, now, busy_timeout)


def _open_read_write(
    path: Path, now: Callable[[], datetime], busy_timeout: float
) -> tuple[sqlite3.Connection, str | None]:
    if not path.exists():
        create_database(path, busy_timeout)
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
            create_database(path, busy_timeout)

    def prepare(connection: sqlite3.Connection) -> None:
        read_version(connection, path, quick_check=False)
        configure(connection, busy_timeout)
        migrate(connection)

    return open_checked(str(path), path, busy_timeout, prepare), notice


def read_only_uri(path: Path, *, wal: bool) -> str:
    """The URI that reads ``path`` (in WAL mode when ``wal``) without writing or creating
    anything.

    Reading a WAL database needs its ``-shm`` file, which SQLite creates when missing; on a
    full disk or in a folder nobody may write to (a read-only mount, a backup) it cannot, and
    refuses to read at all. When a WAL database has neither a ``-wal`` nor a ``-shm`` file,
    no one has it open and everything is in the main file (a writer would first have to make
    them), so it is opened as immutable: no ``-shm``, no locks, no file created. The same
    holds in a read-only folder whenever the ``-wal`` file is empty. A database in another
    journal mode needs no ``-shm``, and its writers change the main file itself, so it is
    read with locks as usual.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not wal:
        return uri
    quiet = not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    if quiet or (not _pending(path) and not os.access(path.parent, os.W_OK | os.X_OK)):
        uri += "&immutable=1"
    return uri


def open_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open an existing database for reading only; nothing on disk is created, changed or
    repaired. An empty database (being made by an older hiptui) reads as an empty history."""
    if not path.exists():
        raise StoreError(str(path), "no history database here yet")
    check_files(path)
    with reported(path, busy_timeout):
        wal = check_header(path)
    version: list[int] = []

    def up_to_date(connection: sqlite3.Connection) -> None:
        version.append(read_version(connection, path, quick_check=False))
        if 0 < version[0] < READABLE_SINCE:
            raise StoreError(
                str(path),
                f"uses an older schema (version {version[0]}); start hiptui once to upgrade it",
            )

    uri = read_only_uri(path, wal=wal)
    try:
        with leaving_no_trace(path):
            connection = open_checked(uri, path, busy_timeout, up_to_date, uri=True)
    except StoreError as error:
        # A full disk or a folder that cannot be written: the -shm cannot be made. When no
        # change waits in the -wal, the main file holds everything and reads as immutable.
        if not wal or "immutable" in uri or not _is_disk_trouble(error) or _pending(path):
            raise
        version.clear()
        uri += "&immutable=1"
        connection = open_checked(uri, path, busy_timeout, up_to_date, uri=True)
    if version[0] == 0:
        connection.close()
        return open_memory()
    return connection


def _pending(path: Path) -> bool:
    """Whether changes wait in the ``-wal`` file (not yet in the main file)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _is_disk_trouble(error: StoreError) -> bool:
    cause = error.__cause__
    codes = (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_FULL)
    return isinstance(cause, sqlite3.Error) and primary_code(cause) in codes


def open_memory() -> sqlite3.Connection:
    connection = connect(":memory:", 0.0)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    return connection
