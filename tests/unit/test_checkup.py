"""The self-check's scoring rules, one by one, on integers (issue 5)."""

from __future__ import annotations

import dataclasses
import itertools
from functools import cache

import pytest

from hiptui.content.checkup_form import MINUTES_SCALE
from hiptui.content.loader import load_library
from hiptui.core.checkup.answers import Answers, SittingDay
from hiptui.core.checkup.scoring import (
    RESULT_KEYS,
    average_hundredths,
    band_for,
    format_hundredths,
    hip_flexor_for,
    plausibility_flag_for,
    priority_for,
    priority_points_for,
    reminder_for,
    score,
    weekly_minutes,
)
from hiptui.paths import bundled_content_dir

NO_SITTING = SittingDay(0, 0, 0, 0)
# Zero priority points: little sitting, frequent breaks, both checks fine, a strong bridge.
CALM = Answers(
    weekday=NO_SITTING,
    weekend=NO_SITTING,
    breaks="A",
    strength_days=2,
    thigh_check="Y",
    knee_check="Y",
    wall_gap="none",
    bridge_hold="A",
)


def answers(**changes: object) -> Answers:
    return dataclasses.replace(CALM, **changes)  # type: ignore[arg-type]


@cache
def days_by_total() -> dict[int, SittingDay]:
    """One way to answer the four questions of a day for every total the scale can reach."""
    found: dict[int, SittingDay] = {}
    for combo in itertools.product(MINUTES_SCALE, repeat=4):
        found.setdefault(sum(combo), SittingDay(*combo))
    return found


@cache
def reachable_weeks() -> dict[int, tuple[SittingDay, SittingDay]]:
    weeks: dict[int, tuple[SittingDay, SittingDay]] = {}
    for wd, weekday in days_by_total().items():
        for we, weekend in days_by_total().items():
            weeks.setdefault(5 * wd + 2 * we, (weekday, weekend))
    return weeks


def with_week(weekly: int) -> Answers:
    weekday, weekend = reachable_weeks()[weekly]
    return answers(weekday=weekday, weekend=weekend)


# -- sitting time --------------------------------------------------------------------------


def test_day_totals_add_the_four_answers() -> None:
    result = score(
        answers(weekday=SittingDay(360, 120, 60, 30), weekend=SittingDay(0, 180, 30, 60))
    )
    assert result.weekday_minutes == 360 + 120 + 60 + 30
    assert result.weekend_minutes == 0 + 180 + 30 + 60
    assert result.weekly_minutes == 5 * 570 + 2 * 270


def test_weekdays_count_five_times_and_weekend_days_twice() -> None:
    base = score(answers()).weekly_minutes
    one_weekday = score(answers(weekday=SittingDay(15, 0, 0, 0))).weekly_minutes
    one_weekend = score(answers(weekend=SittingDay(0, 0, 0, 15))).weekly_minutes
    assert (one_weekday - base, one_weekend - base) == (5 * 15, 2 * 15)
    # The same minutes weigh 5:2 whichever of the four kinds of sitting they are.
    for position in range(4):
        minutes = [0, 0, 0, 0]
        minutes[position] = 60
        assert score(answers(weekday=SittingDay(*minutes))).weekly_minutes == 300
        assert score(answers(weekend=SittingDay(*minutes))).weekly_minutes == 120
    assert weekly_minutes(100, 0) == weekly_minutes(0, 250) == 500  # 5 x 100 = 2 x 250


def test_band_edges_as_numbers() -> None:
    assert [band_for(s) for s in (0, 1679, 1680, 2519, 2520, 3360, 3361, 10080)] == [
        "low", "low", "moderate", "moderate", "high", "high", "very-high", "very-high",
    ]  # fmt: skip


def test_which_band_edges_the_answer_scale_can_reach() -> None:
    # Every scale value is a multiple of 15, so S is too: 1679, 2519 and 3361 cannot happen.
    weeks = reachable_weeks()
    assert all(s % 15 == 0 for s in weeks)
    assert {1679, 2519, 3361}.isdisjoint(weeks)
    assert {1665, 1680, 2505, 2520, 3360, 3375} <= set(weeks)


@pytest.mark.parametrize(
    ("weekly", "band", "average"),
    [
        (1665, "low", "3.96"),  # the nearest reachable S below 1680
        (1680, "moderate", "4.00"),
        (2505, "moderate", "5.96"),  # the nearest reachable S below 2520
        (2520, "high", "6.00"),
        (3360, "high", "8.00"),
        (3375, "very-high", "8.03"),  # the nearest reachable S above 3360
    ],
)
def test_band_edges_through_real_answers(weekly: int, band: str, average: str) -> None:
    result = score(with_week(weekly))
    assert result.weekly_minutes == weekly
    assert result.band == band
    assert result.average_hours_text == average
    assert result.average_hours == float(average)


def test_average_is_truncated_to_hundredths_from_integers() -> None:
    assert average_hundredths(1679) == 399  # 3.9976..., cut, not rounded up to 4.00
    assert average_hundredths(1680) == 400
    assert average_hundredths(3390) == 807  # 8.071...
    assert average_hundredths(3359) == 799  # 7.9976...
    assert [format_hundredths(h) for h in (0, 5, 99, 400, 807, 2400)] == [
        "0.00", "0.05", "0.99", "4.00", "8.07", "24.00",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        average_hundredths(-1)
    with pytest.raises(ValueError):
        format_hundredths(-1)


# -- break reminder ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("band", "breaks", "minutes"),
    [
        ("high", "A", 30),
        ("very-high", "A", 30),
        ("low", "C", 30),
        ("low", "D", 30),
        ("moderate", "D", 30),
        ("moderate", "A", 45),
        ("low", "B", 45),
        ("moderate", "B", 45),
        ("low", "A", 60),
    ],
)
def test_reminder_branches(band: str, breaks: str, minutes: int) -> None:
    assert reminder_for(band, breaks) == minutes


def test_reminder_through_real_answers() -> None:
    assert score(with_week(2520)).reminder_minutes == 30
    assert score(with_week(1680)).reminder_minutes == 45
    assert score(with_week(1665)).reminder_minutes == 60
    assert score(dataclasses.replace(with_week(1665), breaks="B")).reminder_minutes == 45
    assert score(dataclasses.replace(with_week(1665), breaks="C")).reminder_minutes == 30


# -- flags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("thigh", "knee", "flag", "patterns"),
    [
        ("Y", "Y", "no", ()),
        ("N", "Y", "yes", ("iliopsoas",)),
        ("Y", "N", "yes", ("rectus-femoris",)),
        ("N", "N", "yes", ("iliopsoas", "rectus-femoris")),
        ("N", "U", "yes", ("iliopsoas",)),
        ("U", "N", "yes", ("rectus-femoris",)),
        ("U", "Y", "inconclusive", ()),
        ("Y", "U", "inconclusive", ()),
        ("U", "U", "inconclusive", ()),
    ],
)
def test_hip_flexor_flag(thigh: str, knee: str, flag: str, patterns: tuple[str, ...]) -> None:
    assert hip_flexor_for(thigh, knee) == (flag, patterns)
    result = score(answers(thigh_check=thigh, knee_check=knee))
    assert (result.hip_flexor, result.hip_flexor_patterns) == (flag, patterns)


def test_wall_gap_scores_nothing_and_is_reported_as_given() -> None:
    gaps = ("none", "hand", "forearm", "unsure")
    results = [score(answers(wall_gap=gap)) for gap in gaps]
    assert [r.wall_gap for r in results] == list(gaps)
    assert all(dataclasses.replace(r, wall_gap="none") == results[0] for r in results)


def test_pain_flag_only_for_a_bridge_stopped_by_pain() -> None:
    flags = {hold: score(answers(bridge_hold=hold)).pain_flag for hold in "ABCDE"}
    assert flags == {"A": False, "B": False, "C": False, "D": False, "E": True}


def test_plausibility_flag_above_18_hours_either_day() -> None:
    eighteen = SittingDay(360, 360, 360, 0)  # exactly 1080 minutes
    over = SittingDay(360, 360, 360, 15)
    assert not score(answers(weekday=eighteen, weekend=eighteen)).plausibility_flag
    assert score(answers(weekday=over)).plausibility_flag
    assert score(answers(weekend=over)).plausibility_flag
    assert not plausibility_flag_for(1080, 1080)
    assert plausibility_flag_for(1081, 0) and plausibility_flag_for(0, 1081)


# -- priority ------------------------------------------------------------------------------


def test_no_point_for_the_calm_answers() -> None:
    result = score(CALM)
    assert (result.priority_points, result.priority) == (0, "low")


@pytest.mark.parametrize(
    "change",
    [
        {"weekday": SittingDay(360, 120, 0, 0)},  # S = 2400 -> moderate: no point
        {"breaks": "B"},
        {"thigh_check": "U"},
        {"bridge_hold": "B"},
        {"bridge_hold": "E"},  # pain earns no point
        {"strength_days": 3},
    ],
)
def test_answers_that_earn_no_point(change: dict[str, object]) -> None:
    assert score(answers(**change)).priority_points == 0


@pytest.mark.parametrize(
    "change",
    [
        {"weekday": SittingDay(360, 120, 60, 0)},  # S = 2700 -> high
        {"weekday": SittingDay(360, 360, 60, 0)},  # S = 3900 -> very-high
        {"breaks": "C"},
        {"breaks": "D"},
        {"thigh_check": "N"},
        {"knee_check": "N"},
        {"bridge_hold": "C"},
        {"bridge_hold": "D"},
        {"strength_days": 1},
        {"strength_days": 0},
    ],
)
def test_each_point_on_its_own(change: dict[str, object]) -> None:
    assert score(answers(**change)).priority_points == 1


def test_points_add_up_to_five_at_most() -> None:
    everything = answers(
        weekday=SittingDay(360, 360, 60, 0),
        breaks="D",
        thigh_check="N",
        knee_check="N",
        bridge_hold="D",
        strength_days=0,
    )
    result = score(everything)
    assert (result.priority_points, result.priority) == (5, "high")
    assert priority_points_for("very-high", "D", "yes", "E", 0) == 4


@pytest.mark.parametrize(
    ("points", "level"),
    [(0, "low"), (1, "low"), (2, "moderate"), (3, "moderate"), (4, "high"), (5, "high")],
)
def test_priority_levels(points: int, level: str) -> None:
    assert priority_for(points) == level


def test_priority_outside_zero_to_six_is_an_error() -> None:
    assert priority_for(6) == "high"
    for points in (-1, 7):
        with pytest.raises(ValueError):
            priority_for(points)


# -- the plan ------------------------------------------------------------------------------


def plan_ids(result_answers: Answers, kind: str | None = None) -> list[str]:
    return [
        r.id
        for r in score(result_answers).recommendations
        if r.id is not None and (kind is None or r.kind == kind)
    ]


def test_every_plan_names_real_exercises_and_every_item_has_id_or_text() -> None:
    library = load_library([bundled_content_dir()])
    seen: set[str] = set()
    for hold, thigh, knee in itertools.product("ABCDE", "YNU", "YNU"):
        result = score(answers(bridge_hold=hold, thigh_check=thigh, knee_check=knee))
        for item in result.recommendations:
            assert item.text.strip()
            assert item.kind
            if item.id is not None:
                assert library.get(item.id) is not None, item.id
                seen.add(item.id)
    assert {"warm-up", "kneeling-hip-flexor-stretch", "couch-stretch", "glute-bridge"} <= seen


def test_warm_up_and_two_or_three_hip_extension_exercises_always() -> None:
    library = load_library([bundled_content_dir()])
    for hold in "ABCDE":
        result = score(answers(bridge_hold=hold))
        kinds = [r.kind for r in result.recommendations]
        assert result.recommendations[kinds.index("warm-up")].id == "warm-up"
        strength = plan_ids(answers(bridge_hold=hold), "strength")
        assert 2 <= len(strength) <= 3
        for exercise_id in strength:
            exercise = library.get(exercise_id)
            assert exercise is not None and "gluteus maximus" in exercise.primary_muscles
        schedule = [r.text for r in result.recommendations if r.kind == "schedule"]
        assert len(schedule) == 1 and "at least 2 days a week" in schedule[0]


def test_schedule_asks_to_build_up_below_two_strength_days() -> None:
    for days, building in ((0, True), (1, True), (2, False), (3, False)):
        (text,) = [
            r.text
            for r in score(answers(strength_days=days)).recommendations
            if r.kind == "schedule"
        ]
        assert ("build up" in text) is building
        assert (f"on {days} now" in text) is building


def test_stretches_follow_the_hip_flexor_patterns() -> None:
    assert plan_ids(answers(thigh_check="N"), "stretch") == ["kneeling-hip-flexor-stretch"]
    assert plan_ids(answers(knee_check="N"), "stretch") == ["couch-stretch"]
    assert plan_ids(answers(thigh_check="N", knee_check="N"), "stretch") == [
        "kneeling-hip-flexor-stretch",
        "couch-stretch",
    ]
    for thigh, knee in (("Y", "Y"), ("U", "Y"), ("U", "U")):
        assert plan_ids(answers(thigh_check=thigh, knee_check=knee), "stretch") == []


def test_inconclusive_checks_add_a_note_and_no_stretch() -> None:
    notes = [r for r in score(answers(thigh_check="U")).recommendations if r.kind == "note"]
    assert len(notes) == 1 and notes[0].id is None
    assert not [r for r in score(CALM).recommendations if r.kind == "note"]


def test_weak_bridge_starts_at_the_easiest_bridge() -> None:
    for hold in "CD":
        strength = plan_ids(answers(bridge_hold=hold), "strength")
        assert strength[0] == "glute-bridge"
        assert not {"hip-thrust", "single-leg-glute-bridge"} & set(strength)
    assert plan_ids(answers(bridge_hold="A"), "strength")[0] != "glute-bridge"


def test_pain_means_a_clinician_first_and_nothing_loaded() -> None:
    result = score(answers(bridge_hold="E", thigh_check="N", knee_check="N"))
    first = result.recommendations[0]
    assert first.kind == "safety" and first.id is None
    assert "clinician" in first.text
    ids = set(result.exercise_ids)
    assert not {"hip-thrust", "step-up", "single-leg-glute-bridge"} & ids
    for item in result.recommendations:
        if item.kind == "strength":
            assert "body weight" in item.text.lower()
    assert not [r for r in score(CALM).recommendations if r.kind == "safety"]
    assert "hip-thrust" in plan_ids(answers(bridge_hold="A"))


def test_plan_ends_with_the_break_interval() -> None:
    for weekly in (1665, 1680, 2520):
        result = score(with_week(weekly))
        last = result.recommendations[-1]
        assert last.kind == "breaks" and last.id is None
        assert f"every {result.reminder_minutes} minutes" in last.text


def test_result_dict_has_exactly_the_issue_keys() -> None:
    data = score(with_week(3375)).to_dict()
    assert tuple(data) == RESULT_KEYS
    assert data["hip_flexor_patterns"] == []
    assert all(("id" in item) or ("text" in item) for item in data["recommendations"])
    assert data["average_hours"] == 8.03
