"""The database as outside input: another program's SQLite file at hiptui's path, a database
being created while others read it, and a disk with no room left.

A file hiptui did not write is refused by every command and left byte-for-byte as it was; a new
database appears whole or not at all; on a full disk writing says "the disk is full" and reading
(``export``, ``status``) still works without creating or growing any file.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tomli_w

from hiptui.paths import database_path
from hiptui.store import opening, schema
from hiptui.store.db import Database
from hiptui.store.errors import StoreError
from tests.faults import digest, folder_digest, make_history
from tests.hostile import assert_terminal_safe, call_without_blocking, make_fifo
from tests.unit.test_hostile_text import ANSWERS

FOREIGN = "is an SQLite database that hiptui did not write"


def hiptui(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "hiptui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert_terminal_safe(result.stdout + result.stderr)
    return result


def foreign_database(path: Path, *, wal: bool, version: int = 0) -> None:
    """Another program's database: its own table, some rows, maybe WAL, maybe a version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes (text) VALUES ('mine, not hiptui''s')")
    if version:
        connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(("wal", "version"), [(False, 0), (True, 0), (False, 1)])
def test_a_foreign_database_is_refused_and_left_as_it_is(
    wal: bool, version: int, tmp_path: Path
) -> None:
    path = database_path()
    foreign_database(path, wal=wal, version=version)
    before = folder_digest(path.parent)
    for read_only in (False, True):
        with pytest.raises(StoreError, match=FOREIGN):
            Database.open(path, read_only=read_only)
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps(ANSWERS), encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"format_version": 1, "sessions": []}), encoding="utf-8")
    for command in (
        ["status"],
        ["break"],
        ["export"],
        ["checkup", "--answers", answers, "--save"],
        ["import-history", export],
    ):
        result = hiptui(*command)
        assert result.returncode == 1, (command, result)
        assert f"{path}: {FOREIGN} (it holds the tables notes)" in result.stderr, command
    assert folder_digest(path.parent) == before


def test_the_foreign_check_knows_hiptuis_own_tables(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite3"
    make_history(path)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE extra (x)")  # a table added by hand is fine
    connection.close()
    with Database.open(path, read_only=True) as db:
        assert len(db.sessions()) == 1
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE breaks")
    connection.close()
    with pytest.raises(StoreError, match=FOREIGN):
        Database.open(path)


@pytest.mark.parametrize("where", ["", "-wal", "-journal"])
@pytest.mark.parametrize("read_only", [False, True])
def test_the_database_refuses_a_pipe_where_a_file_should_be(
    where: str, read_only: bool, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "hiptui.sqlite3"
    if where:
        Database.open(path).close()
    pipe = make_fifo(Path(f"{path}{where}"))
    listing = sorted(os.listdir(path.parent))
    with pytest.raises(StoreError) as caught:
        call_without_blocking(lambda: Database.open(path, read_only=read_only), [pipe])
    assert str(caught.value).startswith(f"{pipe}: is a named pipe, not ")
    assert sorted(os.listdir(path.parent)) == listing and pipe.is_fifo()


# -- creating a new database ---------------------------------------------------------------


def test_a_new_database_appears_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """While the database is being built, its path holds nothing: a reader finds no history
    (never one "of schema version 0"), then the whole, migrated database."""
    path = tmp_path / "data" / "hiptui.sqlite3"
    seen: list[str] = []
    real_migrate = opening.migrate

    def migrate(connection: sqlite3.Connection) -> None:
        try:
            with Database.open(path, read_only=True) as reader:
                seen.append(f"{len(reader.breaks())} breaks")
        except StoreError as error:
            seen.append(error.message)
        real_migrate(connection)

    monkeypatch.setattr(opening, "migrate", migrate)
    with Database.open(path) as db:
        db.log_break("taken")
    # Migrating the new file, then checking the linked one is up to date.
    assert seen == ["no history database here yet", "0 breaks"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["hiptui.sqlite3"]
    with Database.open(path, read_only=True) as db:
        assert [b.kind for b in db.breaks()] == ["taken"]


def test_a_database_made_meanwhile_by_another_process_is_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "hiptui.sqlite3"
    real_link = os.link

    def link(source: str | Path, target: str | Path) -> None:
        monkeypatch.setattr(os, "link", real_link)
        make_history(Path(target))  # the other process wins the race
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    with Database.open(path) as db:
        assert [s.name for s in db.sessions()] == ["Before the fault"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["hiptui.sqlite3"]


@pytest.mark.slow
def test_parallel_saves_into_a_new_database_all_land(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps(ANSWERS), encoding="utf-8")
    command = [sys.executable, "-m", "hiptui", "checkup", "--answers", str(answers), "--save"]
    for _round in range(5):
        shutil.rmtree(database_path().parent, ignore_errors=True)
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
        assert all(code == 0 for code, _out, _err in results), results
        assert not any("schema" in err for _code, _out, err in results), results
        with Database.open(database_path(), read_only=True) as db:
            assert len(db.checkups()) == 6


# -- a full disk ---------------------------------------------------------------------------


def test_an_io_error_on_a_full_disk_says_the_disk_is_full(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE
    assert "disk reported an error" in schema.describe(error, 5, tmp_path)

    class Full:
        f_bavail, f_frsize = 3, 4096

    monkeypatch.setattr(os, "statvfs", lambda _folder: Full())
    assert schema.describe(error, 5, tmp_path).startswith("the disk is full")


FULL_DISK = """
set -e
mount -t tmpfs -o size=3m tmpfs "$MOUNT"
{python} - <<'PY'
{make}
PY
# Fill the disk to the last byte.
dd if=/dev/zero of="$MOUNT/filler" bs=4096 2>/dev/null || true
df -k "$MOUNT" | tail -1
for command in export "export --format csv" status break; do
  echo "== $command"
  {hiptui} $command 2>&1 || echo "exit $?"
done
echo "== files"
ls "$MOUNT/data"
"""


def on_full_disk(tmp_path: Path, make: str) -> str:
    """Run ``make`` (Python: a history in ``$HIPTUI_DATA_DIR``), fill the disk, run commands.

    The disk is a 3 MiB tmpfs mounted in a mount namespace of its own (``unshare -m``), so it
    disappears with the test; without the right to mount, the test is skipped.
    """
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a small disk")
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root or user namespaces)")
    mount = tmp_path / "disk"
    mount.mkdir()
    script = FULL_DISK.format(
        python=sys.executable, make=textwrap.dedent(make), hiptui=f"{sys.executable} -m hiptui"
    )
    env = {**os.environ, "MOUNT": str(mount), "HIPTUI_DATA_DIR": str(mount / "data"),
           "PYTHONIOENCODING": "utf-8"}  # fmt: skip
    done = subprocess.run(
        ["unshare", "-m", "bash", "-c", script], capture_output=True, text=True, env=env,
        timeout=300,
    )  # fmt: skip
    assert_terminal_safe(done.stdout + done.stderr)
    assert "100%" in done.stdout, done.stdout + done.stderr
    return done.stdout


HISTORY = """
import os
from pathlib import Path
from hiptui.store.db import Database
path = Path(os.environ["HIPTUI_DATA_DIR"]) / "hiptui.sqlite3"
db = Database.open(path)
session = db.start_session("Full disk", {})
for number in (1, 2):
    db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
               set_number=number, side=None, reps=10 + number)
"""


def test_a_full_disk_refuses_writes_clearly_and_still_reads(tmp_path: Path) -> None:
    out = on_full_disk(tmp_path, HISTORY + "db.close()\n")
    sections = dict(part.split("\n", 1) for part in out.split("== ")[1:])
    assert "the disk is full: nothing more can be saved" in sections["break"]
    assert "disk I/O error" not in out
    assert (
        '"reps": 12' in sections["export"]
        and "Glute bridge;2;;;12" in sections["export --format csv"]
    )
    assert "exit" not in sections["status"] and "no breaks logged yet" in sections["status"]
    assert sections["files"].split() == ["hiptui.sqlite3"]  # no -wal or -shm was made


def test_a_full_disk_reads_the_sets_of_a_killed_app(tmp_path: Path) -> None:
    """Killed mid-session: the last sets are only in the -wal, beside a -shm SQLite made."""
    out = on_full_disk(tmp_path, HISTORY + "os._exit(0)\n")
    sections = dict(part.split("\n", 1) for part in out.split("== ")[1:])
    assert '"reps": 11' in sections["export"] and '"reps": 12' in sections["export"]
    assert "the disk is full" in sections["break"]


def test_the_database_file_is_unchanged_by_reading_with_no_journal(tmp_path: Path) -> None:
    """With no -wal or -shm beside it, reading opens the file as immutable: nothing is made."""
    path = tmp_path / "hiptui.sqlite3"
    make_history(path)
    before = digest(path)
    for command in ("status", "export"):
        assert hiptui(command, env={"HIPTUI_DATA_DIR": str(tmp_path)}).returncode == 0
    assert digest(path) == before and sorted(os.listdir(tmp_path)) == ["hiptui.sqlite3"]
