"""Exercise folders for the content cache's tests: every case the loader meets, files aged."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
# A wall clock far past every file's modification time, so no file counts as just written.
LATER: Callable[[], int] = lambda: 2**62  # noqa: E731
OLD_NS = 1_600_000_000 * 10**9


def age(folder: Path) -> None:
    """Give every file an old modification time, as files a user has had for a while."""
    for path in folder.rglob("*"):
        os.utime(path, ns=(OLD_NS, OLD_NS))


def make_folders(tmp_path: Path) -> list[Path]:
    """Good files, broken files (with a duplicate id), an override and odd entries."""
    good = shutil.copytree(FIXTURES / "exercises", tmp_path / "good")
    broken = shutil.copytree(FIXTURES / "broken", tmp_path / "broken")
    override = tmp_path / "override"
    override.mkdir()
    shutil.copy(good / "fixture-bridge.toml", override / "bridge-again.toml")
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    (override / "folder.toml").mkdir()
    for folder in (good, broken, override):
        age(folder)
    return [good, tmp_path / "missing", broken, override, tmp_path / "not-a-folder"]
