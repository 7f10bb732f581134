"""The test suite's own walls: what conftest.py promises every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hiptui import paths
from tests.conftest import STAND_IN_HOMES


def test_each_test_has_its_own_folders(isolated_dirs: Path, tmp_path: Path) -> None:
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir()):
        assert folder.is_relative_to(tmp_path), folder


def test_a_test_that_loses_its_folders_still_misses_the_real_home(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.undo()  # what once sent a self-check test to the user's own database
    own = (Path.home() / ".local" / "share", Path.home() / ".config")  # the XDG defaults
    found = (paths.data_dir(), paths.config_dir())
    for name, folder, users in zip(STAND_IN_HOMES, found, own, strict=True):
        assert folder.is_relative_to(Path(os.environ[name])), (name, folder)
        assert not folder.is_relative_to(users), folder
