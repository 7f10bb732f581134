"""The commands meet a broken history database: one clear line each, no traceback, nothing lost.

Every command that touches the history (``export``, ``status``, ``break``, ``import-history``,
``checkup --save``) runs as a real process against a database that is locked by another
process, read-only, full, damaged or from a newer hiptui.

Simulations, since the tests run as root (file modes do not stop root): a read-only folder is
``os.access`` answering "not writable" for it, as it does for an ordinary user after
``chmod 500``; a full disk is SQLite's ``max_page_count`` pinned to the file's current size on
every writable connection, which makes SQLite fail with the real ``SQLITE_FULL``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w

from hiptui import paths
from tests.faults import (
    GARBAGE,
    WriteLock,
    folder_digest,
    make_corrupt,
    make_history,
    make_newer,
    saved_sets,
)
from tests.hostile import assert_terminal_safe
from tests.unit.test_hostile_text import ANSWERS, export

EARLIER = [("Before the fault", "fixture-curl", 1, 11), ("Before the fault", "fixture-curl", 2, 12)]

READ_ONLY = """
import os
from pathlib import Path
from hiptui import paths
from hiptui.store import opening
real_access = os.access
def access(target, mode, **kwargs):
    if Path(target) == paths.data_dir() and mode & os.W_OK:
        return False
    return real_access(target, mode, **kwargs)
opening.os.access = access
"""

DISK_FULL = """
from hiptui.store import opening
real_connect = opening.connect
def connect(target, busy_timeout, *, uri=False):
    connection = real_connect(target, busy_timeout, uri=uri)
    if not uri:  # writable connections only
        connection.execute("PRAGMA max_page_count = 1")  # = the file's current size
    return connection
opening.connect = connect
"""

# The writers' wait for the lock: half a second instead of SQLite's 5 s busy timeout (the
# refusal is the same, only sooner; the message says how long it waited).
SHORT_WAIT = """
from hiptui.store.db import Database
Database.open.__func__.__kwdefaults__["busy_timeout"] = 0.5
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


def start(*args: str | Path, patch: str = "") -> subprocess.Popen[bytes]:
    code = textwrap.dedent(patch) + textwrap.dedent(
        f"""
        import sys
        from hiptui.cli.main import main
        sys.exit(main({[str(a) for a in args]!r}))
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def finish(process: subprocess.Popen[bytes]) -> Run:
    out, err = process.communicate(timeout=120)
    run = Run(process.returncode, out.decode(), err.decode())
    assert_terminal_safe(run.out + run.err)
    return run


def hiptui(*args: str | Path, patch: str = "") -> Run:
    return finish(start(*args, patch=patch))


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps(ANSWERS), encoding="utf-8")
    return path


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """An export to import: 300 sets with long notes, so it cannot fit into a full disk."""
    document = export()
    set_ = document["sessions"][0]["sets"][0]
    document["sessions"][0]["sets"] = [
        {**set_, "set": number, "note": "n" * 5000} for number in range(1, 301)
    ]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


WRITERS = ("break", "import-history", "checkup")


def writer_args(name: str, backup: Path, answers: Path) -> tuple[str | Path, ...]:
    return {
        "break": ("break",),
        "import-history": ("import-history", backup),
        "checkup": ("checkup", "--answers", answers, "--save"),
    }[name]


def test_a_locked_database_reads_fine_and_refuses_writes(backup: Path, answers: Path) -> None:
    path = paths.database_path()
    make_history(path)
    with WriteLock(path):
        # The writers wait out the busy timeout together (SHORT_WAIT: 0.5 s, not 5 s).
        writers = {
            name: start(*writer_args(name, backup, answers), patch=SHORT_WAIT) for name in WRITERS
        }
        exported = hiptui("export")
        status = hiptui("status")
        runs = {name: finish(process) for name, process in writers.items()}
    assert exported.code == 0 and len(json.loads(exported.out)["sessions"]) == 1
    assert status.code == 0 and status.err == ""
    for name, run in runs.items():
        assert run.code == 1 and run.out == "", (name, run)
        assert run.err.startswith(f"{path}: the database is locked by another program"), name
        assert "(waited 0.5 s)" in run.err, (name, run.err)
    assert saved_sets(path) == EARLIER
    assert hiptui("break").code == 0  # released: it works again


def test_a_read_only_data_folder_refuses_writes_and_still_exports(
    backup: Path, answers: Path
) -> None:
    path = paths.database_path()
    make_history(path)
    before = folder_digest(path.parent)
    for name in WRITERS:
        run = hiptui(*writer_args(name, backup, answers), patch=READ_ONLY)
        assert run.code == 1, (name, run)
        assert f"{path}: cannot write: its folder is read-only" in run.err, (name, run.err)
    exported = hiptui("export", patch=READ_ONLY)
    assert exported.code == 0 and len(json.loads(exported.out)["sessions"]) == 1
    assert folder_digest(path.parent) == before


def test_a_full_disk_refuses_the_import_whole_and_keeps_the_history(backup: Path) -> None:
    path = paths.database_path()
    make_history(path)
    run = hiptui("import-history", backup, patch=DISK_FULL)
    assert run.code == 1 and run.out == ""
    assert run.err == f"{path}: the disk is full: nothing more can be saved until space is freed\n"
    assert saved_sets(path) == EARLIER  # not one of the 300 sets half-written
    assert hiptui("import-history", backup).code == 0  # room again: all of it lands
    assert len(saved_sets(path)) == 302


def test_a_damaged_database_is_never_changed_by_reading_and_kept_aside_by_writing(
    answers: Path,
) -> None:
    path = paths.database_path()
    make_corrupt(path)
    for args in (("export",), ("status",)):
        run = hiptui(*args)
        assert run.code == 1 and run.out == "" and run.err.startswith(f"{path}: "), run
        assert len(run.err.splitlines()) == 1
    assert path.read_bytes() == GARBAGE  # reading never repairs or moves anything
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    run = hiptui("checkup", "--answers", answers, "--save")
    assert run.code == 0 and "the history database was damaged" in run.err
    asides = list(path.parent.glob("hiptui.sqlite3.corrupt-*"))
    assert [p.read_bytes() for p in asides] == [GARBAGE] and asides[0].name in run.err
    assert hiptui("status").code == 0


def test_a_database_from_a_newer_hiptui_is_refused_by_every_command(
    backup: Path, answers: Path
) -> None:
    path = paths.database_path()
    make_history(path)
    make_newer(path)
    before = folder_digest(path.parent)
    for args in (("export",), ("status",), *(writer_args(n, backup, answers) for n in WRITERS)):
        run = hiptui(*args)
        assert run.code == 1, (args, run)
        assert f"{path}: was written by a newer hiptui (schema version 99" in run.err, args
    assert folder_digest(path.parent) == before


# -- a really read-only folder ---------------------------------------------------------------


def _other_user_python() -> list[str] | None:
    """A Python that the unprivileged user ``nobody`` may run, when the tests run as root."""
    for candidate in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if not candidate:
            continue
        try:
            probe = subprocess.run(
                [candidate, "-c", "import sys, sqlite3; print(sys.version_info >= (3, 11))"],
                capture_output=True, text=True, user=65534, cwd="/", timeout=30, check=False,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.stdout.strip() == "True":
            return [candidate]
    return None


def test_a_really_read_only_folder_still_exports(tmp_path: Path) -> None:
    """No simulation: a ``chmod 500`` data folder, used by a user it applies to (``nobody``
    when the tests run as root). Reading needs no -shm file there; writing is refused."""
    as_root = os.geteuid() == 0
    python = _other_user_python() if as_root else [sys.executable]
    if python is None:
        pytest.skip("no Python that the user nobody may run")
    home = Path(tempfile.mkdtemp(prefix="hiptui-ro-"))
    try:
        home.chmod(0o755)
        data = home / "data"
        make_history(data / "hiptui.sqlite3")
        env = {
            **os.environ, "HIPTUI_DATA_DIR": str(data), "HIPTUI_CONFIG_DIR": str(home / "c"),
            "HIPTUI_CACHE_DIR": str(home / "k"), "PYTHONIOENCODING": "utf-8",
            "PYTHONPATH": os.pathsep.join([str(Path(paths.__file__).parent.parent),
                                           sysconfig.get_paths()["purelib"]]),
        }  # fmt: skip
        if as_root:
            for path in (home, data, *data.iterdir()):
                os.chown(path, 65534, -1)
        data.chmod(0o500)
        before = folder_digest(data)

        def run(*args: str) -> Run:
            result = subprocess.run(
                [*python, "-m", "hiptui", *args], capture_output=True, env=env, cwd="/",
                user=65534 if as_root else None, timeout=60, check=False,
            )  # fmt: skip
            run = Run(result.returncode, result.stdout.decode(), result.stderr.decode())
            assert_terminal_safe(run.out + run.err)
            return run

        exported = run("export")
        assert exported.code == 0, exported.err
        assert [len(s["sets"]) for s in json.loads(exported.out)["sessions"]] == [2]
        assert run("export", "--format", "csv").out.count("Fixture ball curl") == 2
        assert run("status").code == 0
        refused = run("break")
        assert refused.code == 1
        assert refused.err.startswith(f"{data / 'hiptui.sqlite3'}: cannot write: its folder")
        assert folder_digest(data) == before
    finally:
        (home / "data").chmod(0o700)
        shutil.rmtree(home, ignore_errors=True)
