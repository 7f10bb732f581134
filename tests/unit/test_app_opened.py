"""The app's last start, kept for `hiptui status`: written whole, read back or not at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiptui.store.app_opened import LONGEST, read_app_opened, save_app_opened


def test_a_start_reads_back_in_utc_to_the_second(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "app-opened"
    local = datetime(2026, 3, 1, 9, 30, 15, 999_000, tzinfo=timezone(timedelta(hours=2)))
    save_app_opened(path, local)
    assert read_app_opened(path) == datetime(2026, 3, 1, 7, 30, 15, tzinfo=UTC)
    assert path.read_text(encoding="ascii") == "2026-03-01T07:30:15Z\n"
    later = local + timedelta(hours=3)
    save_app_opened(path, later)  # replaced, not appended
    assert read_app_opened(path) == later.replace(microsecond=0)


@pytest.mark.parametrize(
    "content",
    [b"", b"yesterday\n", b"\xff\xfe", b"2026-03-01T07:30:15Z" + b" " * LONGEST, b"\x1b[2J"],
)
def test_anything_else_is_not_a_start(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "app-opened"
    path.write_bytes(content)
    assert read_app_opened(path) is None


def test_no_file_or_a_folder_is_not_a_start(tmp_path: Path) -> None:
    assert read_app_opened(tmp_path / "missing") is None
    assert read_app_opened(tmp_path) is None
