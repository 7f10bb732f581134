"""`hiptui status` and `hiptui break` as whole processes, the way a shell or tmux runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui.paths import database_path, settings_path
from hiptui.store.db import Database


def midday_tz() -> str:
    """A POSIX TZ in which it is now about midday, far from the 04:00 day boundary, so
    "today" cannot flip during a test (POSIX offsets are written west-positive)."""
    offset = 12 - datetime.now(UTC).hour
    return f"HIP{-offset:+d}"


def hiptui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": midday_tz()},
        timeout=60,
    )


def status() -> str:
    result = hiptui("status")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def seed(*breaks: tuple[float, str, int | None], checkup: int | None = None) -> Path:
    """A history with breaks logged ``minutes_ago`` minutes before now."""
    path = database_path()
    moments: Iterator[datetime] = iter(
        datetime.now(UTC) - timedelta(minutes=ago) for ago, _kind, _minutes in breaks
    )
    db = Database.open(path, now=lambda: next(moments, datetime.now(UTC)))
    for _ago, kind, minutes in breaks:
        db.log_break(kind, minutes)
    if checkup is not None:
        db.save_checkup({}, {"reminder_minutes": checkup})
    db.close()
    return path


def break_kinds() -> list[str]:
    with Database.open(database_path(), read_only=True) as db:
        return [record.kind for record in db.breaks()]


def assert_one_error_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(database_path()) in lines[0]
    for word in words:
        assert word in lines[0]


# -- status and break agree across processes ----------------------------------------------------


def test_status_without_a_database_says_so_and_creates_nothing() -> None:
    assert status() == "no breaks logged yet\n"
    assert not database_path().parent.exists()


def test_status_shows_a_break_logged_by_another_process() -> None:
    result = hiptui("break")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "break logged - next break in 45m\n"
    assert status() == "0m sitting - break in 45m\n"
    assert break_kinds() == ["taken"]


def test_status_counts_from_the_last_break() -> None:
    seed((42, "taken", None))
    assert status() == "42m sitting - break in 3m\n"
    seed((57, "taken", None))  # an older break added later does not win
    assert status() == "42m sitting - break in 3m\n"


def test_status_reports_an_overdue_break() -> None:
    seed((57, "taken", None))
    assert status() == "break due 12m ago\n"


def test_the_interval_comes_from_settings_then_the_self_check() -> None:
    seed((10, "taken", None), checkup=30)
    assert status() == "10m sitting - break in 20m\n"
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("break_minutes = 60\n")
    assert status() == "10m sitting - break in 50m\n"
    settings_path().write_text("break_minutes = 'soon'\n")  # unusable: the self-check's
    assert status() == "10m sitting - break in 20m\n"


def test_skip_from_the_shell_restarts_the_reminder_but_not_the_sitting_time() -> None:
    seed((50, "taken", None))
    result = hiptui("break", "--skip")
    assert result.returncode == 0, result.stderr
    assert "skipped" in result.stdout
    assert status() == "50m sitting - break in 45m\n"
    assert break_kinds() == ["taken", "skipped"]


def test_snooze_from_the_shell_puts_off_a_due_break() -> None:
    seed((50, "taken", None))
    result = hiptui("break", "--snooze", "10")
    assert result.returncode == 0, result.stderr
    assert status() == "50m sitting - snoozed, break in 10m\n"
    assert break_kinds() == ["taken", "snoozed"]


def test_snooze_is_refused_when_no_break_is_due() -> None:
    result = hiptui("break", "--snooze", "5")
    assert result.returncode == 1
    assert "nothing to snooze" in result.stderr
    assert not database_path().exists()  # refused before anything was created
    seed((10, "taken", None))
    result = hiptui("break", "--snooze", "5")
    assert result.returncode == 1
    assert "break in 35m" in result.stderr
    assert break_kinds() == ["taken"]


@pytest.mark.parametrize(
    "args", [["--snooze", "0"], ["--snooze", "x"], ["--skip", "--snooze", "5"]]
)
def test_bad_break_arguments_are_usage_errors(args: list[str]) -> None:
    result = hiptui("break", *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert not database_path().exists()


# -- status never writes ------------------------------------------------------------------------


def test_status_leaves_the_database_file_as_it_was() -> None:
    path = seed((5, "taken", None))
    before = path.read_bytes()
    status()
    assert path.read_bytes() == before
    assert break_kinds() == ["taken"]


# What the short path of `hiptui status` must never import: the UI toolkits, D-Bus, and the
# modules that cost most of its time budget (issue 16: at most 4x `python -c pass`).
NOT_ON_THE_STATUS_PATH = (
    "textual", "rich", "jeepney", "argparse", "dataclasses", "typing", "platformdirs", "json",
    "uuid", "hiptui.store.db", "hiptui.store.records", "hiptui.home",
)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "5m sitting - break in 35m"),
        (["--json"], '{"sitting_minutes": 5, "due_in_minutes": 35, "state": "sitting", '),
        (["--format", "{state} {interval_minutes}"], "sitting 40"),
    ],
)
def test_the_status_path_imports_only_what_it_needs(
    args: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed((5, "taken", None), checkup=30)
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("break_minutes = 40\n")
    # The user's folders from XDG_* as for someone who sets no HIPTUI_* variable.
    for name in ("DATA", "CONFIG", "CACHE"):
        target = tmp_path / "xdg" / name.lower()
        target.mkdir(parents=True)
        source = Path(os.environ[f"HIPTUI_{name}_DIR"])
        if source.exists():
            source.rename(target / "hiptui")
        monkeypatch.setenv(f"XDG_{name}_HOME", str(target))
        monkeypatch.delenv(f"HIPTUI_{name}_DIR")
    code = (
        "import sys; from hiptui.cli.main import main; "
        f"code = main(['status', *{args!r}]); "
        f"print([m for m in {NOT_ON_THE_STATUS_PATH!r} if m in sys.modules]); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ,
        "TZ": midday_tz()}
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed, imported = result.stdout.splitlines()
    assert printed.startswith(expected)
    assert imported == "[]"


def test_status_help_and_usage_errors_still_go_through_argparse() -> None:
    helped = hiptui("status", "--help")
    assert helped.returncode == 0 and "--format TEMPLATE" in helped.stdout
    assert hiptui("status", "--json", "--format", "{state}").returncode == 2
    assert hiptui("--exercises", "nowhere", "status").stdout == "no breaks logged yet\n"


# -- a database that cannot be read --------------------------------------------------------------


def test_a_file_that_is_not_a_database_gives_one_line() -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database\n" * 20)
    assert_one_error_line(hiptui("status"), "damaged")
    assert path.read_bytes() == b"this is not a database\n" * 20  # not moved aside, not fixed
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_folder_where_the_database_should_be_gives_one_line() -> None:
    database_path().mkdir(parents=True)
    assert_one_error_line(hiptui("status"), "folder")


def test_a_database_from_a_newer_hiptui_gives_one_line() -> None:
    path = seed((5, "taken", None))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    assert_one_error_line(hiptui("status"), "newer")


def test_a_database_locked_by_another_program_gives_one_line() -> None:
    path = seed((5, "taken", None))
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        assert_one_error_line(hiptui("status"), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_damaged_table_gives_one_line() -> None:
    path = seed((5, "taken", None))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("DROP TABLE breaks")
    connection.close()
    assert_one_error_line(hiptui("status"))


def test_before_the_first_break_status_counts_from_the_first_sighting_of_the_day() -> None:
    """The first hiptui that saw the user today (here `hiptui break --skip`) starts the
    sitting clock for every other, and a later one does not move it."""
    seed()  # a history without breaks
    assert status() == "no breaks logged yet\n"
    with Database.open(
        database_path(), now=lambda: datetime.now(UTC) - timedelta(minutes=50)
    ) as db:
        db.timeline.mark_seen(datetime.now(UTC) - timedelta(hours=3))
    assert status() == "break due 5m ago\n"
    result = hiptui("break", "--snooze", "10")  # due, so it can be snoozed from the shell
    assert result.returncode == 0, result.stderr
    assert status() == "50m sitting - snoozed, break in 10m\n"
    assert hiptui("remind", "--once").returncode == 0  # another hiptui: the clock stays
    assert status() == "50m sitting - snoozed, break in 10m\n"


def test_an_older_hiptuis_app_opened_file_is_taken_in_once() -> None:
    """Before the stored timeline, the app left its start in <data dir>/app-opened: the first
    writer takes a start from today in as the day's first sighting and removes the file."""
    from hiptui.paths import app_opened_path
    from hiptui.store.app_opened import save_app_opened

    seed()
    save_app_opened(app_opened_path(), datetime.now(UTC) - timedelta(minutes=20, seconds=5))
    assert status() == "no breaks logged yet\n"  # status only reads the database
    result = hiptui("pause", "1m")
    assert result.returncode == 0, result.stderr
    assert not app_opened_path().exists()
    assert hiptui("resume").returncode == 0
    assert status() == "20m sitting - break in 25m\n"


def test_an_app_opened_file_from_another_day_or_unreadable_is_not_used() -> None:
    from hiptui.paths import app_opened_path
    from hiptui.store.app_opened import save_app_opened

    seed()
    save_app_opened(app_opened_path(), datetime.now(UTC) - timedelta(days=1))
    assert hiptui("break", "--skip").returncode == 0
    assert status() == "0m sitting - break in 45m\n"  # counted from now, not yesterday
    app_opened_path().write_bytes(b"\x1b]0;not a time\x07\n")
    assert hiptui("break", "--skip").returncode == 0
    assert not app_opened_path().exists()
