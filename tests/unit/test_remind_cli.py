"""`hiptui remind`, `hiptui pause`/`resume` and `hiptui status --json` as whole processes: a
break imported from two hours ago is due, notified once through a fake notify-send, or as an
OSC sequence on a pty; meeting mode shows as paused."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui.paths import settings_path
from tests.desktop import fake_notify_send as fake_notify_send_in
from tests.unit.test_status_cli import midday_tz


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": midday_tz(), **(env or {})},
        timeout=60,
    )


def status_json() -> dict[str, object]:
    result = run("status", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.fixture
def two_hours_ago(tmp_path: Path) -> Path:
    """A break taken two hours ago, and nothing since, put in with `hiptui import-history`."""
    at = (datetime.now(UTC) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {
                "format_version": 1,
                "sessions": [],
                "checkups": [],
                "breaks": [{"id": "b1", "at": at, "kind": "taken", "minutes": None}],
            }
        )
    )
    result = run("import-history", str(export))
    assert result.returncode == 0, result.stderr
    assert "1 breaks" in result.stdout
    return export


@pytest.fixture
def fake_notify_send(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A `notify-send` first on PATH that records each argument on a line of its own."""
    folder, record = fake_notify_send_in(tmp_path)
    env = {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":99"}
    return env, record


def test_a_break_two_hours_ago_is_due_and_overdue(two_hours_ago: Path) -> None:
    data = status_json()
    assert list(data) == [
        "sitting_minutes",
        "due_in_minutes",
        "state",
        "interval_minutes",
        "last_break",
    ]
    assert data["state"] == "due"
    assert data["sitting_minutes"] == 120
    assert data["due_in_minutes"] == -75
    assert data["interval_minutes"] == 45
    assert isinstance(data["last_break"], str)
    assert datetime.fromisoformat(data["last_break"]).tzinfo is not None
    text = run("status", "--format", "{state} {due_in_minutes}m")
    assert text.stdout == "due -75m\n"


def test_remind_once_calls_notify_send_once_naming_the_break(
    two_hours_ago: Path, fake_notify_send: tuple[dict[str, str], Path]
) -> None:
    env, record = fake_notify_send
    first = run("remind", "--once", env=env)
    assert first.returncode == 0, first.stderr
    assert "notified (notify-send)" in first.stdout
    args = record.read_text().splitlines()
    assert args[0] == "--app-name=hiptui"
    assert args[1] == "hiptui: time for a sitting break"
    assert args[2].startswith("break due 1h15m ago.")
    assert "Get up and move for at least 5 minutes" in args[2]
    again = run("remind", "--once", env=env)  # the same break: notified already
    assert again.returncode == 0, again.stderr
    assert "notified" not in again.stdout
    assert len(record.read_text().splitlines()) == 3


def test_remind_once_with_nothing_due_notifies_nothing(
    fake_notify_send: tuple[dict[str, str], Path],
) -> None:
    env, record = fake_notify_send
    result = run("remind", "--once", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("0m sitting - break in 45m\n")
    assert not record.exists()


def read_pty(master: int, process: subprocess.Popen[bytes]) -> bytes:
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    return output


def test_notify_osc_in_a_terminal_writes_an_osc_sequence(two_hours_ago: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('notify = "osc"\n')
    master, slave = pty.openpty()
    env = {**os.environ, "TZ": midday_tz(), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptui", "remind", "--once"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    try:
        output = read_pty(master, process)
        assert process.wait(timeout=60) == 0, output
    finally:
        os.close(master)
    assert b"\x1b]9;hiptui: time for a sitting break: break due 1h15m ago." in output
    assert b"notified (osc)" in output


def test_pause_shows_as_paused_and_resume_undoes_it(two_hours_ago: Path) -> None:
    paused = run("pause", "30m")
    assert paused.returncode == 0, paused.stderr
    assert "paused until" in paused.stdout and "(30m)" in paused.stdout
    data = status_json()
    assert data["state"] == "paused"
    assert data["sitting_minutes"] == 120  # the pause is not a break
    assert data["due_in_minutes"] in (29, 30)  # reminders held until it ends
    assert run("status").stdout == "2h00m sitting - paused for 30m\n"
    resumed = run("resume")
    assert resumed.returncode == 0, resumed.stderr
    assert status_json()["state"] == "due"
    again = run("resume")
    assert again.returncode == 1
    assert again.stderr == "nothing to resume: break reminders are not paused\n"


@pytest.mark.parametrize("duration", ["0m", "13h", "soon", "1h-5m"])
def test_a_bad_pause_is_a_usage_error(duration: str) -> None:
    result = run("pause", duration)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_remind_runs_in_the_foreground_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptui", "remind"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TZ": midday_tz()},
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("hiptui remind: watching the break clock")
        second = process.stdout.readline()  # the first check
        assert second.endswith("0m sitting - break in 45m\n")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
