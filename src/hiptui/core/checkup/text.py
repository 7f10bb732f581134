"""Words for a scored self-check: each figure with a one-line meaning, and what changed.

Shared by the plain-text report (``hiptui checkup``) and the result screen, so both say the
same thing. Pure functions of the answers and the result; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hiptui.core.checkup.answers import Answers
from hiptui.core.checkup.scoring import (
    BANDS,
    MIN_STRENGTH_DAYS,
    NOT_DONE,
    PLAUSIBLE_DAY_MINUTES,
    CheckupResult,
    format_hundredths,
)

BAND_MEANINGS: Mapping[str, str] = {
    "low": "Under 4 hours a day: the least-sitting of the four groups in Ekelund et al. 2016.",
    "moderate": "4 to under 6 hours a day: the second of the four sitting groups.",
    "high": "6 to 8 hours a day: the third of the four sitting groups.",
    "very-high": "Over 8 hours a day: the most-sitting of the four groups.",
}
BAND_LABELS: Mapping[str, str] = {
    "low": "under 4 h",
    "moderate": "4-6 h",
    "high": "6-8 h",
    "very-high": "over 8 h",
}
HIP_FLEXOR_MEANINGS: Mapping[str, str] = {
    "yes": "A check suggests tight hip flexors, so the plan adds a stretch. Home checks are rough.",
    "no": "Both checks looked fine: no stretch is needed for this.",
    "inconclusive": "At least one check was unsure and neither showed tightness.",
}
WALL_GAP_VALUES: Mapping[str, str] = {
    "none": "no gap, or hardly any",
    "hand": "fingers or a flat hand fit",
    "forearm": "a hand on its edge or a forearm fits",
    "unsure": "unsure",
}
WALL_GAP_MEANING = (
    "For your information only: no figure and no part of the plan depend on it. It shows "
    "roughly how curved your lower back is as you stand today. It cannot tell whether anything "
    "is wrong: standing posture changes from day to day and with clothes and body shape, and a "
    "forward-tipped pelvis is common in people without pain (Herrington 2011: 85% of the men "
    "and 75% of the women in a pain-free group)."
)
ABDOMINAL_VALUES: Mapping[str, str] = {
    "A": "30 s or more",
    "B": "15 to 29 s",
    "C": "under 15 s",
    "E": "stopped because it hurt",
    "U": "unsure, or could not do it",
    NOT_DONE: "not done",
}
ABDOMINAL_MEANINGS: Mapping[str, str] = {
    "A": "You kept the lower back flat with the legs up for 30 seconds or more: no abdominal "
    "exercise is added.",
    "B": "The flat back held for 15 to 29 seconds: the plan adds the dead bug.",
    "C": "The lower back lifted within 15 seconds: a priority point, and the plan adds the "
    "posterior pelvic tilt.",
    "E": "The hold hurt: see a clinician, and no abdominal exercise for now.",
    "U": "No clear answer, so nothing is added; you can repeat the check on another day.",
    NOT_DONE: "The abdominal control check was not part of these answers, so it scores nothing "
    "and adds nothing (out of 5 priority points instead of 6).",
}
PATTERN_NAMES: Mapping[str, str] = {
    "iliopsoas": "iliopsoas (thigh lifted)",
    "rectus-femoris": "rectus femoris (knee straightened)",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the result: its key in the result, a label, the value shown, a meaning."""

    key: str
    label: str
    value: str
    meaning: str


def duration(minutes: int) -> str:
    """``570`` -> ``"9 h 30 min"``, ``60`` -> ``"1 h"``, ``15`` -> ``"15 min"``."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def reminder_reason(answers: Answers, result: CheckupResult) -> str:
    """Which branch of the reminder rule gave the interval."""
    high = result.band in ("high", "very-high")
    if result.reminder_minutes == 30:
        if high and answers.breaks in ("C", "D"):
            return f"your sitting band is {result.band} and you get up less than every hour"
        if high:
            return f"your sitting band is {result.band}"
        return "you get up less than every hour"
    if result.reminder_minutes == 45:
        if result.band == "moderate":
            return "your sitting band is moderate"
        return "you get up every 31 to 60 minutes"
    return "you sit under 4 hours a day and get up at least every 30 minutes"


def priority_reasons(answers: Answers, result: CheckupResult) -> list[str]:
    """The reasons behind each priority point, in the order of the rule."""
    reasons = []
    if result.band in ("high", "very-high"):
        reasons.append(f"{result.band} sitting")
    if answers.breaks in ("C", "D"):
        reasons.append("few breaks")
    if result.hip_flexor == "yes":
        reasons.append("tight hip flexors")
    if answers.bridge_hold in ("C", "D"):
        reasons.append("a short bridge hold")
    if answers.strength_days < MIN_STRENGTH_DAYS:
        reasons.append(f"under {MIN_STRENGTH_DAYS} strength days")
    if answers.abdominal_check == "C":
        reasons.append("a short flat-back hold")
    return reasons


def pain_meaning(answers: Answers, result: CheckupResult) -> str:
    """Which check hurt, in the words of the figure."""
    if not result.pain_flag:
        if answers.abdominal_check is None:
            return "No pain reported in the bridge check."
        return "No pain reported in the bridge check or the flat-back hold."
    hurt = [
        name
        for name, answer in (
            ("bridge check", answers.bridge_hold),
            ("flat-back hold", answers.abdominal_check),
        )
        if answer == "E"
    ]
    if hurt == ["bridge check"]:
        return "The bridge check hurt: see a clinician, and no loaded exercises for now."
    if hurt == ["flat-back hold"]:
        return (
            "The flat-back hold hurt: see a clinician, and no loaded or abdominal exercises "
            "for now."
        )
    return (
        "The bridge check and the flat-back hold hurt: see a clinician, and no loaded or "
        "abdominal exercises for now."
    )


def band_scale(band: str) -> str:
    """The four bands in a row with the result in brackets: ``low  [moderate]  high ...``."""
    return "  ".join(
        f"[{name} ({BAND_LABELS[name]})]" if name == band else f"{name} ({BAND_LABELS[name]})"
        for name in BANDS
    )


def figures(answers: Answers, result: CheckupResult) -> tuple[Figure, ...]:
    wd, we = result.weekday_minutes, result.weekend_minutes
    patterns = ", ".join(PATTERN_NAMES[p] for p in result.hip_flexor_patterns)
    reasons = priority_reasons(answers, result)
    return (
        Figure(
            "weekday_minutes",
            "Weekday sitting",
            f"{wd} min ({duration(wd)})",
            "A typical weekday: desk, screens, travel and other sitting added up.",
        ),
        Figure(
            "weekend_minutes",
            "Weekend sitting",
            f"{we} min ({duration(we)})",
            "A typical weekend day, added up the same way.",
        ),
        Figure(
            "weekly_minutes",
            "Weekly sitting",
            f"{result.weekly_minutes} min",
            f"Five weekdays and two weekend days: 5 x {wd} + 2 x {we}.",
        ),
        Figure(
            "average_hours",
            "Average per day",
            f"{format_hundredths(result.average_hundredths)} h",
            "The weekly minutes divided by 420 (7 days of 60 minutes), cut to 2 decimals.",
        ),
        Figure("band", "Sitting band", result.band, BAND_MEANINGS[result.band]),
        Figure(
            "reminder_minutes",
            "Break interval",
            f"every {result.reminder_minutes} min",
            f"Get up and move at least this often when you sit, because "
            f"{reminder_reason(answers, result)}.",
        ),
        Figure(
            "hip_flexor",
            "Hip flexors",
            f"{result.hip_flexor}: {patterns}" if patterns else result.hip_flexor,
            HIP_FLEXOR_MEANINGS[result.hip_flexor],
        ),
        Figure(
            "wall_gap",
            "Wall check",
            WALL_GAP_VALUES[answers.wall_gap],
            WALL_GAP_MEANING,
        ),
        Figure(
            "abdominal_check",
            "Abdominal control",
            ABDOMINAL_VALUES[result.abdominal_check],
            ABDOMINAL_MEANINGS[result.abdominal_check],
        ),
        Figure(
            "priority",
            "Priority",
            f"{result.priority} ({result.priority_points} of {result.priority_out_of} points)",
            "How much there is to work on: "
            + (", ".join(reasons) if reasons else "nothing scored a point")
            + ".",
        ),
        Figure(
            "pain_flag",
            "Pain",
            "yes" if result.pain_flag else "no",
            pain_meaning(answers, result),
        ),
        Figure(
            "plausibility_flag",
            "Answers check",
            "please check" if result.plausibility_flag else "ok",
            f"A day adds up to more than {PLAUSIBLE_DAY_MINUTES // 60} hours of sitting: "
            "some answers may overlap."
            if result.plausibility_flag
            else f"Each day adds up to {PLAUSIBLE_DAY_MINUTES // 60} hours of sitting or less.",
        ),
    )


def changes(previous: Mapping[str, Any], current: CheckupResult) -> list[str]:
    """What differs from an earlier result (a dict as saved); keys it lacks are skipped."""
    lines: list[str] = []
    now = current.to_dict()
    before = previous.get("weekly_minutes")
    if (
        isinstance(before, int)
        and not isinstance(before, bool)
        and before != current.weekly_minutes
    ):
        delta = current.weekly_minutes - before
        direction = "more" if delta > 0 else "less"
        lines.append(
            f"Weekly sitting: {before} -> {current.weekly_minutes} min "
            f"({abs(delta)} min {direction}, about {duration(abs(delta) // 7)} a day)"
        )
    for key, label, unit in (
        ("band", "Sitting band", ""),
        ("reminder_minutes", "Break interval", " min"),
        ("hip_flexor", "Hip flexors", ""),
        ("priority", "Priority", ""),
    ):
        old = previous.get(key)
        if isinstance(old, str | int) and not isinstance(old, bool) and old != now[key]:
            lines.append(f"{label}: {old}{unit} -> {now[key]}{unit}")
    old_check, new_check = previous.get("abdominal_check"), current.abdominal_check
    if isinstance(old_check, str) and old_check in ABDOMINAL_VALUES and old_check != new_check:
        lines.append(
            f"Abdominal control: {ABDOMINAL_VALUES[old_check]} -> {ABDOMINAL_VALUES[new_check]}"
        )
    old_pain = previous.get("pain_flag")
    if isinstance(old_pain, bool) and old_pain != current.pain_flag:
        lines.append(
            "Pain in the bridge check: " + ("now gone" if old_pain else "new since last time")
        )
    return lines
