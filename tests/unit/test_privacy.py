"""Privacy: what hiptui creates is readable by its owner only, nothing leaves the computer, and
an export holds what the user logged and nothing else.

* Permissions: real commands run with umask 000 (the loosest), so a file or folder is private
  only if hiptui asked for it; every folder it made is 0700 and every file 0600.
* Network: no hiptui module imports a networking library (but ``hiptui serve``'s, which
  listen when the user asks), and an audit hook watching a whole
  run (the commands, and the app driven through a session) sees no connection, address lookup
  or URL request. (asyncio itself imports ``socket`` for its self-pipe; that is not a
  connection, and the hook would see one.)
* Export: every text in it is something the user logged, a timestamp or a fixed word; no path,
  user name, host name, setting or content-file text.
"""

from __future__ import annotations

import ast
import json
import os
import platform
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli_w

import hiptui
from hiptui import paths
from hiptui.store.db import Database
from hiptui.store.export import export_json
from hiptui.store.settings import Settings, save_settings
from tests.unit.fedb_fixtures import record
from tests.unit.test_hostile_text import ANSWERS

SOURCE = Path(hiptui.__file__).parent
NETWORK_MODULES = ("socket", "ssl", "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib",
                   "telnetlib", "xmlrpc", "webbrowser", "requests", "httpx", "aiohttp")  # fmt: skip


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "hiptui", *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        preexec_fn=lambda: os.umask(0),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (args, result.stderr)
    return result


def walk(folder: Path) -> Iterator[Path]:
    yield folder
    yield from sorted(folder.rglob("*"))


def test_everything_hiptui_creates_is_owner_only(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps(ANSWERS), encoding="utf-8")
    dataset = tmp_path / "fedb.json"
    dataset.write_text(json.dumps([record("Private_One")]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    run_cli("break")  # creates the data folder and the database
    run_cli("checkup", "--answers", answers, "--save")
    run_cli("list")  # writes the content cache
    run_cli("import", "free-exercise-db", dataset)  # into the user's exercises folder
    run_cli("new", "my-own-exercise")
    run_cli("export", "--out", out / "history.json")
    run_cli("export", "--format", "csv", "--out", out / "history.csv")
    settings = paths.settings_path()
    old_umask = os.umask(0)
    try:
        save_settings(settings, Settings(units="metric"), had_problems=False)
        settings.write_text('units = "furlongs"\n', encoding="utf-8")  # a file with problems
        settings.chmod(0o600)
        save_settings(settings, Settings(units="metric"), had_problems=True)  # kept as .bak
    finally:
        os.umask(old_umask)

    made = [*walk(paths.data_dir()), *walk(paths.config_dir()), *walk(paths.cache_dir())]
    made += sorted(out.iterdir())
    names = {path.name for path in made}
    assert {"hiptui.sqlite3", "settings.toml", "settings.toml.bak", "history.json",
            "history.csv", "my-own-exercise.toml", "exercises-cache.json"} <= names  # fmt: skip
    loose = {
        str(path): oct(stat.S_IMODE(path.stat().st_mode))
        for path in made
        if stat.S_IMODE(path.stat().st_mode) != (0o700 if path.is_dir() else 0o600)
    }
    assert loose == {}


def imported_names(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


# `hiptui serve` listens for a browser when asked to (docs/serve.md): only its modules may
# import networking, and nothing else imports them (test_layering checks the app does not).
SERVE_MODULES = ("serve/", "cli/serve.py")


def test_no_hiptui_module_imports_a_network_library() -> None:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in imported_names(tree):
            if name.split(".")[0] in NETWORK_MODULES:
                found[str(path.relative_to(SOURCE))] = name
    served = {path for path in found if path.startswith(SERVE_MODULES)}
    assert served == {"cli/serve.py", "serve/server.py", "serve/access.py"}  # access: urllib.parse
    assert {path: name for path, name in found.items() if path not in served} == {}


WATCH = textwrap.dedent(
    """
    import sys
    NETWORK = ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
               "socket.sendto", "socket.sendmsg", "urllib.Request", "http.client.connect",
               "ftplib.connect", "smtplib.connect", "webbrowser.open")
    # Modules that open connections. (urllib.parse is only text; asyncio imports ssl and
    # socket for its own plumbing, so the app may load those two.)
    CLIENTS = ("http.client", "urllib.request", "ftplib", "smtplib", "poplib", "imaplib",
               "xmlrpc.client", "webbrowser", "requests", "httpx", "aiohttp")
    seen = []
    def hook(event, args):
        if event in NETWORK:
            seen.append(event)
    sys.addaudithook(hook)
    """
)

CLI_RUN = WATCH + textwrap.dedent(
    """
    import contextlib, io, sys
    from hiptui.cli.main import main
    answers = sys.argv[1]
    for args in (["list"], ["show", "glute-bridge"], ["check"], ["break"], ["status"],
                 ["checkup", "--answers", answers, "--save"], ["export"],
                 ["export", "--format", "csv"]):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(args) == 0, args
    loaded = sorted(m for m in sys.modules if m in CLIENTS or m in ("socket", "ssl"))
    print(seen, loaded)
    """
)

APP_RUN = WATCH + textwrap.dedent(
    """
    import asyncio
    from pathlib import Path
    from hiptui.tui.app import make_app

    async def session() -> None:
        app = make_app([Path(sys.argv[1])])
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter", "escape", "g", "escape")
            app.sessions.run_exercise("fixture-curl", ask=False)
            await pilot.pause()
            await pilot.press("space", "space", "f", "escape", "y")
            await pilot.pause()
            await pilot.press("escape", "h")
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(session())
    loaded = sorted(m for m in sys.modules if m in CLIENTS)
    print(seen, loaded)
    """
)


def run_watched(code: str, *args: str | Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_commands_connect_to_nothing(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps(ANSWERS), encoding="utf-8")
    assert run_watched(CLI_RUN, answers) == "[] []"
    assert paths.database_path().exists()  # it did run: the break and self-check were saved


def test_the_app_connects_to_nothing_through_a_session(fixtures_dir: Path) -> None:
    assert run_watched(APP_RUN, fixtures_dir / "exercises") == "[] []"
    with Database.open(paths.database_path(), read_only=True) as db:
        assert [s.reps for session in db.sessions() for s in session.sets] == [2]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_the_export_holds_only_what_was_logged(tmp_path: Path) -> None:
    save_settings(paths.settings_path(), Settings(theme="nord", units="metric", break_minutes=33),
                  had_problems=False)  # fmt: skip
    logged = {"Morning routine", "beginner-floor", "glute-bridge", "Glute bridge",
              "felt fine", "left", "right"}  # fmt: skip
    with Database.open(paths.database_path()) as db:
        session = db.start_session("Morning routine", {"steps": ["plan detail"]}, "beginner-floor")
        for side in ("left", "right"):
            db.log_set(session, exercise_id="glute-bridge", exercise_name="Glute bridge",
                       set_number=1, side=side, reps=10, hold_seconds=2,
                       note="felt fine")  # fmt: skip
        db.save_state(session, {"runner": "position detail"})
        db.finish_session(session, "completed")
        db.save_checkup({"breaks": "D"}, {"band": "high"})
        db.log_break("snoozed", 10)
        document = export_json(db)
    fixed = {"completed", "snoozed", "breaks", "D", "band", "high"}
    keys = {"format_version", "sessions", "checkups", "breaks", "id", "name", "routine",
            "started_at", "ended_at", "status", "sets", "exercise", "exercise_name", "set",
            "side", "reps", "hold_seconds", "work_seconds", "discomfort", "note",
            "completed_at", "answers", "result", "taken_at", "at", "kind", "minutes", "load",
            "rir", "pain", "pain_next_day"}  # fmt: skip
    texts = set(strings(document))
    uids = {t for t in texts if len(t) == 32 and all(c in "0123456789abcdef" for c in t)}
    moments = {t for t in texts if t.endswith("Z") and t[:2] == "20"}
    assert texts - uids - moments - keys - fixed - logged == set()
    dumped = json.dumps(document)
    for private in (str(tmp_path), platform.node(), os.environ.get("USER", "\0"), "nord",
                    "plan detail", "position detail", "metric"):  # fmt: skip
        assert private not in dumped


def test_the_watch_sees_a_connection_attempt() -> None:
    """The hook above is only worth something if it notices a lookup or a connection."""
    code = WATCH + textwrap.dedent(
        """
        import socket
        socket.getaddrinfo("localhost", 9, type=socket.SOCK_STREAM)
        with socket.socket() as s:
            s.settimeout(0.5)
            try:
                s.connect(("127.0.0.1", 9))
            except OSError:
                pass
        print(seen)
        """
    )
    assert run_watched(code) == "['socket.getaddrinfo', 'socket.connect']"
