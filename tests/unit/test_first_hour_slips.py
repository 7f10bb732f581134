"""The first hour's cosmetic slips, each pinned: `hiptui list`'s per-side marker, `hiptui
check` on a routine folder, the easier option's label, a set's time in the history."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hiptui.content.loader import load_library
from hiptui.core.catalog.advice import discomfort_advice
from hiptui.paths import bundled_content_dir
from hiptui.store.records import SetRecord
from hiptui.tui.screens.history_sets import set_time
from tests.builders import a_set_record

BUNDLED = bundled_content_dir()


def hiptui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hiptui", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=60)  # fmt: skip


def test_list_puts_per_side_apart_from_the_kit() -> None:
    result = hiptui("list")
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("quadruped-kickback")]
    assert line.endswith("(beginner; mat; per side)"), line


def test_check_on_a_routine_folder_counts_the_routine_file(tmp_path: Path) -> None:
    routines = tmp_path / "routines"
    routines.mkdir()
    text = (BUNDLED / "routines" / "beginner-floor.toml").read_text(encoding="utf-8")
    (routines / "mine.toml").write_text(
        text.replace('id = "beginner-floor"', 'id = "mine"').replace(
            'exercise = "glute-bridge"', 'exercise = "no-such-bridge"'
        ),
        encoding="utf-8",
    )
    result = hiptui("check", str(tmp_path))
    assert result.returncode == 1
    assert "1 file checked, 1 problem in 1 file" in result.stderr, result.stderr


def test_the_easier_option_is_named_once() -> None:
    library = load_library([BUNDLED])
    advice = discomfort_advice(library.exercises["hip-thrust"])
    assert advice.easier is not None
    assert advice.easier.startswith("glute bridge: "), advice.easier


def _set(started: datetime | None, seconds: float, work: float | None = None) -> SetRecord:
    end = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    start = None if started is None else end - timedelta(seconds=seconds)
    return a_set_record("x", 8, work_seconds=work, completed_at=end, started_at=start)


def test_a_sets_time_is_how_long_it_took() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)
    assert set_time(_set(now, 42)) == "42 s"
    assert set_time(_set(now, 95)) == "1:35"
    assert set_time(_set(None, 0, work=30)) == "30 s"  # a timed set logged without a start
    assert set_time(_set(None, 0)) == "–"  # an imported set: nothing to tell
