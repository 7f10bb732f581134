"""Every test runs with its own data, config and cache folders: a developer's real data never
reaches a test and a test never writes to a real home."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.profiles import load_profile_for

FIXTURES = Path(__file__).parent / "fixtures"
# Where platformdirs looks when a test has lost its HIPTUI_* folders (monkeypatch.undo() undoes
# isolated_dirs too): a stand-in for this process, never the user's own folders.
STAND_IN_HOMES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME")
# Where the run's Python processes keep compiled modules when the environment says to write
# none (PYTHONDONTWRITEBYTECODE): one folder for the run, shared by the xdist workers and every
# hiptui a test starts, removed at the end. Without it each of those processes compiles
# Textual, hiptui and the tests from source again.
BYTECODE = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
_saved_homes: dict[str, str | None] = {}
# xdist workers per usable core for ``-n auto`` (addopts): the app and process tests spend much
# of their time waiting (a screen to settle, a child process, a served page), so two workers a
# core keep the cores busy (docs/testing.md has the figures).
WORKERS_PER_CORE = 2


def pytest_configure(config: pytest.Config) -> None:
    """The hypothesis profile for this run (tests/profiles.py), before any test module is
    imported: ``slow`` when ``-m`` picks the slow tests, unless ``--hypothesis-profile`` did.
    And the stand-in folders, for this process and every one it starts; and the run's folder
    of compiled modules if the environment writes none (``BYTECODE``)."""
    if not config.getoption("hypothesis_profile"):
        load_profile_for(config.getoption("markexpr"))
    stand_in = Path(tempfile.mkdtemp(prefix="hiptui-tests-home-"))
    for name in STAND_IN_HOMES:
        _saved_homes[name] = os.environ.get(name)
        os.environ[name] = str(stand_in / name.lower())
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # set in this process: not in a worker
        for name in BYTECODE:
            _saved_homes[name] = os.environ.pop(name, None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(stand_in / "bytecode")
    _saved_homes["stand-in"] = str(stand_in)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: ``WORKERS_PER_CORE`` workers for each core this process may run on, unless
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` says (xdist's own answer then)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return WORKERS_PER_CORE * len(os.sched_getaffinity(0))


def pytest_unconfigure(config: pytest.Config) -> None:
    stand_in = _saved_homes.pop("stand-in", None)
    if stand_in is not None:
        shutil.rmtree(stand_in, ignore_errors=True)
    for name, value in _saved_homes.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _saved_homes.clear()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HIPTUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("HIPTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("HIPTUI_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    # No desktop: the break clock's idle sources and notifications never reach a real D-Bus,
    # X display or notification daemon (tests that want one give it a fake).
    for name in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
