"""`hiptui today`: the report built on an injected day, and the command as a whole process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiptui.cli.today import report_lines
from hiptui.home import Home
from hiptui.paths import bundled_content_dir, database_path, settings_path
from hiptui.store.db import Database
from hiptui.today import JSON_KEYS, title_note, today_report

ZONE = timezone(timedelta(hours=2))
# Wednesday 5 June 2024, 10:00 in ZONE.
NOW = datetime(2024, 6, 5, 10, 0, tzinfo=ZONE)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(
        [bundled_content_dir()],
        settings_path=tmp_path / "settings.toml",
        database_path=tmp_path / "hiptui.sqlite3",
        bundled_dir=bundled_content_dir(),
    )


def settings(home: Home, text: str) -> None:
    home.settings_path.write_text(text, encoding="utf-8")


def clock(*moments: datetime) -> Callable[[], datetime]:
    queue = iter(moments)
    return lambda: next(queue)


def log_session(home: Home, at: datetime, exercise_id: str = "glute-bridge") -> None:
    """One session with one set, both stamped ``at``."""
    db = Database.open(home.database_path, now=clock(at, at, at))
    session = db.start_session("Test", {})
    db.log_set(session, exercise_id=exercise_id, exercise_name=exercise_id, set_number=1,
               side=None, reps=10)  # fmt: skip
    db.close()


def save_checkup(home: Home, at: datetime, ids: list[str]) -> None:
    db = Database.open(home.database_path, now=clock(at))
    recommendations = [{"kind": "exercise", "id": i, "text": "x"} for i in ids]
    db.save_checkup({}, {"reminder_minutes": 30, "recommendations": recommendations})
    db.close()


def test_no_training_days_no_session_due_and_the_json_keys(home: Home) -> None:
    report = today_report(home, NOW)
    data = report.to_json()
    assert tuple(data) == JSON_KEYS and title_note(report) == ""
    assert data == {
        "date": "2024-06-05", "session_due": None, "session_done": False,
        "strength_days_this_week": 0, "strength_days_goal": 2, "checkup_due": False,
    }  # fmt: skip
    assert any("No training days set" in line for line in report_lines(report))
    assert not home.has_history()  # nothing was created


def test_a_training_day_is_due_then_done_once_a_strength_set_is_logged(home: Home) -> None:
    settings(home, 'training_days = ["mon", "wed", "fri"]\n')
    before = today_report(home, NOW).to_json()
    assert before["session_due"] == "whole-hip-home" and before["session_done"] is False
    assert before["strength_days_goal"] == 3
    log_session(home, NOW - timedelta(hours=1))
    after = today_report(home, NOW).to_json()
    assert after["session_due"] == "whole-hip-home" and after["session_done"] is True
    assert after["strength_days_this_week"] == 1


def test_a_stretch_alone_is_not_a_strength_day(home: Home) -> None:
    settings(home, 'training_days = ["wed"]\n')
    db = Database.open(home.database_path, now=clock(*[NOW - timedelta(hours=1)] * 3))
    session = db.start_session("Stretch", {})
    db.log_set(session, exercise_id="couch-stretch", exercise_name="Couch stretch",
               set_number=1, side="left", reps=0, work_seconds=30)  # fmt: skip
    db.close()
    assert today_report(home, NOW).to_json()["session_done"] is False


def test_a_missed_monday_is_due_on_tuesday_and_gone_by_wednesday(home: Home) -> None:
    settings(home, 'training_days = ["mon", "thu"]\ntraining_routine = "beginner-floor"\n')
    tuesday = NOW - timedelta(days=1)
    report = today_report(home, tuesday)
    assert report.session_due == "beginner-floor" and report.plan.moved_from == date(2024, 6, 3)
    assert "moved from Monday, which was missed" in "\n".join(report_lines(report))
    assert today_report(home, NOW).to_json()["session_due"] is None


def test_the_checkup_plan_and_a_retake_four_weeks_on(home: Home) -> None:
    settings(home, 'training_days = ["wed"]\n')  # no training_routine: the self-check's plan
    save_checkup(home, NOW - timedelta(weeks=4), ["warm-up", "glute-bridge"])
    report = today_report(home, NOW)
    assert report.session_due == "checkup-plan" and report.session_name == "Self-check plan"
    assert report.to_json()["checkup_due"] is True
    assert today_report(home, NOW - timedelta(days=1)).to_json()["checkup_due"] is False


def test_an_unknown_routine_is_reported_and_the_default_is_due(home: Home) -> None:
    settings(home, 'training_days = ["wed"]\ntraining_routine = "whole-hip-hom"\n')
    report = today_report(home, NOW)
    assert report.session_due == "whole-hip-home"
    [note] = report.notes
    assert "no routine 'whole-hip-hom' (did you mean 'whole-hip-home'?)" in note
    settings(home, 'training_days = ["wed"]\ntraining_routine = "checkup-plan"\n')
    home2 = Home([bundled_content_dir()], settings_path=home.settings_path,
                 database_path=home.database_path, bundled_dir=bundled_content_dir())  # fmt: skip
    report = today_report(home2, NOW)
    assert report.session_due == "whole-hip-home"
    assert "no self-check is saved yet" in report.notes[0]


def test_the_first_session_after_two_weeks_off_eases_in_and_says_why(home: Home) -> None:
    settings(home, 'training_days = ["wed"]\n')
    log_session(home, NOW - timedelta(days=16), "glute-bridge")
    log_session(home, NOW - timedelta(days=3), "clamshell")
    report = today_report(home, NOW)
    assert [c.exercise_id for c in report.comebacks] == ["glute-bridge"]
    lines = "\n".join(report_lines(report))
    assert "Easing back in after time off:" in lines
    assert "16 days since your last Glute bridge: start easier today, 2 sets of 8 reps" in lines
    assert today_report(home, NOW, with_comebacks=False).comebacks == []


# -- the whole command ---------------------------------------------------------------------


def midday_tz() -> str:
    """A POSIX TZ in which it is now about midday, so "today" cannot flip during the test."""
    return f"HIP{datetime.now(UTC).hour - 12:+d}"


def hiptui_today(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hiptui", "today", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": midday_tz()},
        timeout=60,
    )


def test_the_command_says_a_session_is_due_and_then_done() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    days = '["mon", "tue", "wed", "thu", "fri", "sat", "sun"]'
    path.write_text(f'training_days = {days}\ntraining_routine = "whole-hip-gym"\n')
    first = hiptui_today("--json")
    assert first.returncode == 0 and first.stderr == "", first.stderr
    data = json.loads(first.stdout)
    assert tuple(data) == JSON_KEYS
    assert (data["session_due"], data["session_done"]) == ("whole-hip-gym", False)
    assert not database_path().exists()  # read-only: nothing created
    db = Database.open(database_path())
    session = db.start_session("Whole-hip gym routine", {}, "whole-hip-gym")
    db.log_set(session, exercise_id="hip-thrust", exercise_name="Hip thrust", set_number=1,
               side=None, reps=10)  # fmt: skip
    db.close()
    after = json.loads(hiptui_today("--json").stdout)
    assert (after["session_done"], after["strength_days_this_week"]) == (True, 1)
    text = hiptui_today()
    assert text.returncode == 0
    assert "Session due: Whole-hip gym routine (whole-hip-gym)" in text.stdout
    assert "Done today: yes" in text.stdout


def test_a_bad_setting_is_one_line_on_stderr_not_a_traceback() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('training_days = ["mon", "funday"]\n')
    result = hiptui_today()
    assert result.returncode == 0
    assert "training_days: unknown day 'funday'" in result.stderr
    assert "Traceback" not in result.stderr
    assert "No training days set" in result.stdout


def test_the_title_note_is_short_and_says_due_moved_or_done(home: Home) -> None:
    settings(home, 'training_days = ["mon", "wed"]\n')
    assert title_note(today_report(home, NOW)) == "session due today"
    assert title_note(today_report(home, NOW - timedelta(days=1))) == "session due today (moved)"
    log_session(home, NOW - timedelta(hours=1))
    assert title_note(today_report(home, NOW)) == "today's session done"
