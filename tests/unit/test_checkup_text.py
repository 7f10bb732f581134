"""The words around the figures: meanings, reasons, the band scale and what changed."""

from __future__ import annotations

import dataclasses

import pytest

from hiptui.core.checkup.answers import Answers, SittingDay
from hiptui.core.checkup.scoring import RESULT_KEYS, score
from hiptui.core.checkup.text import (
    band_scale,
    changes,
    duration,
    figures,
    priority_reasons,
    reminder_reason,
)

CALM = Answers(
    weekday=SittingDay(0, 0, 0, 0),
    weekend=SittingDay(0, 0, 0, 0),
    breaks="A",
    strength_days=2,
    thigh_check="Y",
    knee_check="Y",
    wall_gap="none",
    bridge_hold="A",
)
MODERATE_DAY = SittingDay(240, 60, 0, 0)  # 300 a day -> S = 2100, moderate
HIGH_DAY = SittingDay(360, 60, 0, 0)  # 420 a day -> S = 2940, high


def answers(**changes: object) -> Answers:
    return dataclasses.replace(CALM, **changes)  # type: ignore[arg-type]


def test_duration() -> None:
    assert [duration(m) for m in (0, 15, 60, 90, 570, 1440)] == [
        "0 min", "15 min", "1 h", "1 h 30 min", "9 h 30 min", "24 h",
    ]  # fmt: skip


def test_band_scale_brackets_only_the_result() -> None:
    scale = band_scale("high")
    assert "[high (6-8 h)]" in scale
    assert scale.count("[") == 1
    assert (
        scale.index("low")
        < scale.index("moderate")
        < scale.index("[high")
        < scale.index("very-high")
    )


@pytest.mark.parametrize(
    ("change", "minutes", "reason"),
    [
        ({"weekday": HIGH_DAY, "weekend": HIGH_DAY, "breaks": "D"}, 30, "high and you get up"),
        ({"weekday": HIGH_DAY, "weekend": HIGH_DAY}, 30, "your sitting band is high"),
        ({"breaks": "C"}, 30, "less than every hour"),
        ({"weekday": MODERATE_DAY, "weekend": MODERATE_DAY}, 45, "band is moderate"),
        ({"breaks": "B"}, 45, "every 31 to 60 minutes"),
        ({}, 60, "under 4 hours a day and get up at least every 30 minutes"),
    ],
)
def test_reminder_reason_names_the_branch(
    change: dict[str, object], minutes: int, reason: str
) -> None:
    given = answers(**change)
    result = score(given)
    assert result.reminder_minutes == minutes
    assert reason in reminder_reason(given, result)


def test_priority_reasons_match_the_points() -> None:
    given = answers(
        weekday=HIGH_DAY, weekend=HIGH_DAY, breaks="D", thigh_check="N", bridge_hold="C",
        strength_days=1,
    )  # fmt: skip
    result = score(given)
    reasons = priority_reasons(given, result)
    assert len(reasons) == result.priority_points == 5
    assert priority_reasons(CALM, score(CALM)) == []


def test_figures_cover_the_result_with_one_line_meanings() -> None:
    given = answers(weekday=HIGH_DAY, knee_check="N", bridge_hold="E")
    rows = figures(given, score(given))
    keys = [row.key for row in rows]
    assert set(keys) <= set(RESULT_KEYS)
    assert {"band", "reminder_minutes", "hip_flexor", "priority", "pain_flag"} <= set(keys)
    for row in rows:
        assert row.label and row.value and row.meaning and "\n" not in row.meaning
    by_key = {row.key: row for row in rows}
    assert by_key["hip_flexor"].value == "yes: rectus femoris (knee straightened)"
    assert "clinician" in by_key["pain_flag"].meaning
    assert by_key["average_hours"].value == score(given).average_hours_text + " h"


def test_plausibility_figure() -> None:
    over = SittingDay(360, 360, 360, 60)
    rows = {row.key: row for row in figures(answers(weekday=over), score(answers(weekday=over)))}
    assert rows["plausibility_flag"].value == "please check"
    assert "18 hours" in rows["plausibility_flag"].meaning


def test_changes_list_what_moved() -> None:
    before = score(answers(weekday=HIGH_DAY, weekend=HIGH_DAY, breaks="D", bridge_hold="E"))
    after = score(answers(weekday=MODERATE_DAY, weekend=MODERATE_DAY))
    lines = changes(before.to_dict(), after)
    assert lines == [
        "Weekly sitting: 2940 -> 2100 min (840 min less, about 2 h a day)",
        "Sitting band: high -> moderate",
        "Break interval: 30 min -> 45 min",
        "Priority: moderate -> low",
        "Pain in the bridge check: now gone",
    ]
    assert changes(after.to_dict(), before)[0].startswith("Weekly sitting: 2100 -> 2940 min (840")
    assert changes(after.to_dict(), after) == []


def test_changes_skip_missing_or_damaged_old_values() -> None:
    result = score(CALM)
    assert changes({}, result) == []
    damaged = {"weekly_minutes": "lots", "band": None, "reminder_minutes": True, "pain_flag": 1}
    assert changes(damaged, result) == []
