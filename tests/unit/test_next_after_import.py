"""Issue 15's must-show: `hiptui import-history` of a JSON export with loaded hip-thrust
sessions, then `hiptui next hip-thrust --json`, follows the rules of docs/progression.md exactly
(kg and lb, RIR 0, next-morning pain, a missed set), as whole processes on the bundled content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hiptui.store.export import FORMAT_VERSION
from tests.cli_process import hiptui

Entry = tuple[int, int | None, int | None]  # reps, rir, pain


def hip_thrusts(
    uid: str,
    day: str,
    sets: list[Entry],
    load: tuple[float, str],
    *,
    next_day: int | None = None,
) -> dict[str, Any]:
    value, unit = load
    return {
        "id": uid,
        "name": "Hip thrust day",
        "routine": None,
        "started_at": f"{day}T17:00:00Z",
        "ended_at": f"{day}T17:30:00Z",
        "status": "completed",
        "pain_next_day": next_day,
        "sets": [
            {
                "exercise": "hip-thrust",
                "exercise_name": "Hip thrust",
                "set": number,
                "side": None,
                "reps": reps,
                "hold_seconds": None,
                "work_seconds": None,
                "discomfort": False,
                "note": None,
                "completed_at": f"{day}T17:{number:02d}:00Z",
                "load": {"value": value, "unit": unit},
                "rir": rir,
                "pain": pain,
            }
            for number, (reps, rir, pain) in enumerate(sets, start=1)
        ],
    }


OLDER = hip_thrusts("a1", "2026-10-26", [(10, 2, 0), (10, 2, 1), (9, 1, 1)], (37.5, "kg"))

CASES = {
    "green, every set at 12": (
        [
            OLDER,
            hip_thrusts(
                "a2", "2026-10-29", [(12, 2, 1), (12, 2, 0), (12, 1, 1)], (40, "kg"), next_day=1
            ),
        ],
        {
            "light": "green",
            "sets": 3,
            "target_reps": 8,
            "load": {"value": 42.5, "unit": "kg"},
            "reason": "all 3 sets reached 12, pain 1/10, next morning 1/10 -> 42.5 kg (was 40 kg)",
        },
    ),
    "pounds": (
        [hip_thrusts("b1", "2026-10-29", [(12, 3, None), (12, 2, None)], (100, "lb"))],
        {
            "light": "green",
            "sets": 2,
            "target_reps": 8,
            "load": {"value": 105.0, "unit": "lb"},
            "reason": "all 2 sets reached 12, no pain logged -> 105 lb (was 100 lb)",
        },
    ),
    "RIR 0": (
        [hip_thrusts("c1", "2026-10-29", [(12, 1, 1), (12, 0, 2), (12, 0, 2)], (40, "kg"))],
        {
            "light": "green",
            "sets": 3,
            "target_reps": 12,
            "load": {"value": 40.0, "unit": "kg"},
            "reason": "all 3 sets reached 12 but sets 2, 3 had no reps in reserve (RIR 0), "
            "pain 2/10 -> 40 kg x 12 again",
        },
    ),
    "short of the top": (
        [hip_thrusts("d1", "2026-10-29", [(12, 2, 1), (11, 1, 2), (10, 1, 2)], (40, "kg"))],
        {
            "light": "green",
            "sets": 3,
            "target_reps": 11,
            "load": {"value": 40.0, "unit": "kg"},
            "reason": "1 of 3 sets reached 12 (fewest 10), pain 2/10 -> 40 kg, aim for 11 reps",
        },
    ),
    "amber during the sets": (
        [hip_thrusts("e1", "2026-10-29", [(12, 2, 1), (10, 1, 4)], (40, "kg"))],
        {
            "light": "amber",
            "sets": 2,
            "target_reps": 10,
            "load": {"value": 40.0, "unit": "kg"},
            "reason": "pain 4/10: amber (3-5) -> 40 kg x 10 again, as last time",
        },
    ),
    "red the next morning": (
        [OLDER, hip_thrusts("f2", "2026-10-29", [(12, 2, 1)] * 3, (40, "kg"), next_day=6)],
        {
            "light": "red",
            "sets": 3,
            "target_reps": 8,
            "load": {"value": 35.0, "unit": "kg"},
            "reason": "pain 1/10, next morning 6/10: red (over 5) -> 35 kg (was 40 kg), "
            "back to 8 reps",
        },
    ),
}


# The export's loads, RIR and pain come with format_version 2 (the store's side of issue 15);
# until it is on main, an import of these files is refused, so the cases wait for it.
@pytest.mark.skipif(FORMAT_VERSION < 2, reason="import-history reads loads from format 2 on")
@pytest.mark.parametrize("case", list(CASES))
def test_import_then_next_follows_the_rules(case: str, tmp_path: Path) -> None:
    sessions, expected = CASES[case]
    export = tmp_path / "export.json"
    document = {"format_version": 2, "sessions": sessions, "checkups": [], "breaks": []}
    export.write_text(json.dumps(document), encoding="utf-8")
    imported = hiptui("import-history", str(export))
    assert imported.returncode == 0, imported.stderr
    result = hiptui("next", "hip-thrust", "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert json.loads(result.stdout) == {
        "exercise": "hip-thrust", "reps": [8, 12], "variation": None, **expected,
    }  # fmt: skip
