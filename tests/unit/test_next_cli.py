"""`hiptui next ID [--json]`: the prescription gathered from a real history and printed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hiptui.home import Home
from hiptui.paths import bundled_content_dir, database_path
from hiptui.prescriptions import prescription_for, recent_sessions
from hiptui.store.db import Database
from tests.cli_process import hiptui

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
JSON_KEYS = ("exercise", "light", "sets", "reps", "target_reps", "load", "variation", "reason")


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    home = Home(
        [bundled_content_dir()],
        settings_path=tmp_path / "settings.toml",
        database_path=tmp_path / "hiptui.sqlite3",
        bundled_dir=bundled_content_dir(),
    )
    yield home
    home.close()


def ticking(start: datetime) -> Callable[[], datetime]:
    moments = iter(start + timedelta(seconds=n) for n in range(10_000))
    return lambda: next(moments)


def log(path: Path, day: int, exercise_id: str, reps: list[int], *, sides: bool = False) -> None:
    db = Database.open(path, now=ticking(MONDAY + timedelta(days=day)))
    plan = {"items": [{"exercise_id": exercise_id, "sets": len(reps), "per_side": sides}]}
    session = db.start_session("Test", plan)
    for number, count in enumerate(reps, start=1):
        for side in ("left", "right") if sides else (None,):
            db.log_set(session, exercise_id=exercise_id, exercise_name=exercise_id,
                       set_number=number, side=side, reps=count)  # fmt: skip
    db.finish_session(session, "completed")
    db.close()


def test_recent_sessions_reads_only_the_latest_with_the_exercise(home: Home) -> None:
    for day in range(5):
        log(home.database_path, day, "glute-bridge", [8 + day] * 3)
    log(home.database_path, 6, "clamshell", [10], sides=True)
    db = Database.open(home.database_path)
    found = recent_sessions(db, "glute-bridge")
    db.close()
    assert sorted(s.sets[0].reps for s in found) == [10, 11, 12]


def test_the_ladder_rule_reaches_the_next_rung_from_the_database(home: Home) -> None:
    log(home.database_path, 0, "glute-bridge", [12, 12, 12])
    assert prescription_for(home, "glute-bridge").target_reps == 12
    log(home.database_path, 2, "glute-bridge", [12, 12, 12])
    p = prescription_for(home, "glute-bridge")
    assert (p.light, p.variation, p.target_reps) == ("green", "single-leg-glute-bridge", 8)
    assert p.reason == (
        "all 3 sets reached 12 in your last two sessions, no pain logged -> Single-leg glute "
        "bridge, the next rung on the Bridge ladder"
    )


def test_load_steps_come_from_the_settings_when_given(home: Home) -> None:
    from hiptui.prescriptions import load_steps

    assert load_steps(home) == (2.5, 5.0)


# -- the whole command ---------------------------------------------------------------------


def test_nothing_logged_is_light_none_and_nothing_is_created() -> None:
    result = hiptui("next", "hip-thrust", "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    data = json.loads(result.stdout)
    assert tuple(data) == JSON_KEYS
    assert data == {
        "exercise": "hip-thrust",
        "light": "none",
        "sets": 3,
        "reps": [8, 12],
        "target_reps": 8,
        "load": None,
        "variation": None,
        "reason": "nothing logged yet -> 3 sets of 8-12 reps",
    }
    assert not database_path().exists()


def test_plain_output_and_the_parsed_path_agree() -> None:
    log(database_path(), 0, "clamshell", [12, 10], sides=True)
    plain = hiptui("next", "clamshell")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.splitlines() == [
        "Clamshell: 2 sets of 11 reps (8-12)",
        "Pain light: green (pain 0-2)",
        "Why: 1 of 2 sets reached 12 (fewest 10), no pain logged -> aim for 11 reps",
    ]
    folder = bundled_content_dir()
    parsed = hiptui("--exercises", str(folder), "next", "clamshell", "--json")
    assert json.loads(parsed.stdout)["target_reps"] == 11


def test_an_unknown_id_is_the_show_error_and_exit_1() -> None:
    result = hiptui("next", "hip-thrus", "--json")
    shown = hiptui("show", "hip-thrus")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == shown.stderr
    assert result.stderr.startswith("hiptui: no exercise with id 'hip-thrus'. Did you mean:")
