"""Scoring the self-check: pure rules on integers, from answers to figures and a plan.

Every rule is a small public function, so each can be tested and documented on its own
(docs/checkup.md). :func:`score` applies them all and returns a :class:`CheckupResult`.

- Sitting: WD and WE are the four weekday and the four weekend answers added up (minutes a day);
  the week is S = 5 x WD + 2 x WE minutes, and the average day is S / 420 hours.
- The average is shown with two decimals computed from integers: hundredths = S * 100 // 420,
  i.e. *truncated*, never rounded up, so the figure never reaches a band edge that S has not
  reached (S = 1679 would read 3.99, not 4.00, next to the band "under 4 h a day").
- Bands (Ekelund et al. 2016): low below 1680 (4 h a day), moderate below 2520 (6 h), high up
  to and including 3360 (8 h), very-high above that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hiptui.core.checkup.answers import Answers

WEEKDAYS = 5
WEEKEND_DAYS = 2
MINUTES_PER_AVERAGE_HOUR = (WEEKDAYS + WEEKEND_DAYS) * 60  # 420: S / 420 = hours per day
LOW_BELOW = 4 * MINUTES_PER_AVERAGE_HOUR  # 1680
HIGH_FROM = 6 * MINUTES_PER_AVERAGE_HOUR  # 2520
VERY_HIGH_ABOVE = 8 * MINUTES_PER_AVERAGE_HOUR  # 3360
PLAUSIBLE_DAY_MINUTES = 18 * 60  # 1080: more sitting than this in one day is doubtful
MIN_STRENGTH_DAYS = 2

BANDS: tuple[str, ...] = ("low", "moderate", "high", "very-high")
PRIORITIES: tuple[str, ...] = ("low", "moderate", "high")
REMINDER_CHOICES: tuple[int, ...] = (30, 45, 60)
HIP_FLEXOR_FLAGS: tuple[str, ...] = ("yes", "no", "inconclusive")
ILIOPSOAS = "iliopsoas"
RECTUS_FEMORIS = "rectus-femoris"
RECOMMENDATION_KINDS: tuple[str, ...] = (
    "safety", "warm-up", "strength", "pelvic-control", "schedule", "stretch", "note", "breaks",
)  # fmt: skip
# The abdominal control check (the flat-back hold) when it was not done: an answers file
# written before the check existed.
NOT_DONE = "not-done"

# The keys of ``CheckupResult.to_dict()`` and of ``hiptui checkup --json``, in order. The last
# two came with the abdominal control check; the others are as they always were.
RESULT_KEYS: tuple[str, ...] = (
    "weekday_minutes", "weekend_minutes", "weekly_minutes", "average_hours", "band",
    "reminder_minutes", "hip_flexor", "hip_flexor_patterns", "priority_points", "priority",
    "pain_flag", "plausibility_flag", "recommendations", "wall_gap", "abdominal_check",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One line of the plan: an exercise (``id`` set, ``text`` says why) or advice (text only)."""

    kind: str
    text: str
    id: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"kind": self.kind}
        if self.id is not None:
            data["id"] = self.id
        data["text"] = self.text
        return data


@dataclass(frozen=True, slots=True)
class CheckupResult:
    weekday_minutes: int
    weekend_minutes: int
    weekly_minutes: int
    average_hundredths: int  # hours per day x 100, truncated
    band: str
    reminder_minutes: int
    hip_flexor: str
    hip_flexor_patterns: tuple[str, ...]
    priority_points: int
    priority: str
    pain_flag: bool
    plausibility_flag: bool
    recommendations: tuple[Recommendation, ...]
    wall_gap: str = "unsure"  # the wall check's answer, for information only
    abdominal_check: str = NOT_DONE  # the flat-back hold's answer, or NOT_DONE

    @property
    def priority_out_of(self) -> int:
        """5 points without the abdominal control check, 6 with it."""
        return PRIORITY_CHECKS + (self.abdominal_check != NOT_DONE)

    @property
    def average_hours(self) -> float:
        """The nearest float to the two-decimal figure (``4.29``), for JSON."""
        return self.average_hundredths / 100

    @property
    def average_hours_text(self) -> str:
        return format_hundredths(self.average_hundredths)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The exercises of the plan, in order (a session can be built from these)."""
        return tuple(r.id for r in self.recommendations if r.id is not None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe data with exactly :data:`RESULT_KEYS`."""
        return {
            "weekday_minutes": self.weekday_minutes,
            "weekend_minutes": self.weekend_minutes,
            "weekly_minutes": self.weekly_minutes,
            "average_hours": self.average_hours,
            "band": self.band,
            "reminder_minutes": self.reminder_minutes,
            "hip_flexor": self.hip_flexor,
            "hip_flexor_patterns": list(self.hip_flexor_patterns),
            "priority_points": self.priority_points,
            "priority": self.priority,
            "pain_flag": self.pain_flag,
            "plausibility_flag": self.plausibility_flag,
            "recommendations": [r.to_dict() for r in self.recommendations],
            "wall_gap": self.wall_gap,
            "abdominal_check": self.abdominal_check,
        }


# -- the rules -------------------------------------------------------------------------------


def weekly_minutes(weekday: int, weekend: int) -> int:
    """S = 5 x WD + 2 x WE: five weekdays and two weekend days."""
    return WEEKDAYS * weekday + WEEKEND_DAYS * weekend


def average_hundredths(weekly: int) -> int:
    """Hours per day x 100, truncated: ``weekly * 100 // 420``."""
    if weekly < 0:
        raise ValueError(f"weekly minutes must not be negative, not {weekly}")
    return weekly * 100 // MINUTES_PER_AVERAGE_HOUR


def format_hundredths(hundredths: int) -> str:
    """``429`` -> ``"4.29"``, ``400`` -> ``"4.00"``, from integers only."""
    if hundredths < 0:
        raise ValueError(f"hundredths must not be negative, not {hundredths}")
    whole, cents = divmod(hundredths, 100)
    return f"{whole}.{cents:02d}"


def band_for(weekly: int) -> str:
    """low: S < 1680; moderate: 1680 <= S < 2520; high: 2520 <= S <= 3360; very-high: S > 3360."""
    if weekly < LOW_BELOW:
        return "low"
    if weekly < HIGH_FROM:
        return "moderate"
    if weekly <= VERY_HIGH_ABOVE:
        return "high"
    return "very-high"


def reminder_for(band: str, breaks: str) -> int:
    """30 min for a high or very-high band or breaks C/D; else 45 for moderate or B; else 60."""
    if band in ("high", "very-high") or breaks in ("C", "D"):
        return 30
    if band == "moderate" or breaks == "B":
        return 45
    return 60


def hip_flexor_for(thigh_check: str, knee_check: str) -> tuple[str, tuple[str, ...]]:
    """``yes`` if either check is N (thigh N: iliopsoas, knee N: rectus femoris pattern);
    ``no`` if both are Y; otherwise ``inconclusive``. Returns the flag and the patterns."""
    patterns = tuple(
        pattern
        for pattern, answer in ((ILIOPSOAS, thigh_check), (RECTUS_FEMORIS, knee_check))
        if answer == "N"
    )
    if patterns:
        return "yes", patterns
    if thigh_check == "Y" and knee_check == "Y":
        return "no", ()
    return "inconclusive", ()


def priority_points_for(
    band: str,
    breaks: str,
    hip_flexor: str,
    bridge_hold: str,
    strength_days: int,
    abdominal_check: str | None = None,
) -> int:
    """One point each: band high or very-high; breaks C or D; hip flexor flag yes; bridge hold
    C or D; fewer than 2 strength days; a flat-back hold under 15 seconds (abdominal check C).
    A check stopped by pain (E), unsure (U) or not done (``None``) scores no point."""
    return sum(
        (
            band in ("high", "very-high"),
            breaks in ("C", "D"),
            hip_flexor == "yes",
            bridge_hold in ("C", "D"),
            strength_days < MIN_STRENGTH_DAYS,
            abdominal_check == "C",
        )
    )


PRIORITY_CHECKS = 5  # the points there can be without the abdominal control check
MAX_PRIORITY_POINTS = PRIORITY_CHECKS + 1


def priority_for(points: int) -> str:
    """0-1 low, 2-3 moderate, 4 or more high (4-5 without the abdominal check, 4-6 with it)."""
    if not 0 <= points <= MAX_PRIORITY_POINTS:
        raise ValueError(f"priority points run from 0 to {MAX_PRIORITY_POINTS}, not {points}")
    return "low" if points <= 1 else "moderate" if points <= 3 else "high"


def pain_flag_for(bridge_hold: str, abdominal_check: str | None = None) -> bool:
    """The bridge check (E) or the abdominal control check (E) was stopped because it hurt."""
    return bridge_hold == "E" or abdominal_check == "E"


def plausibility_flag_for(weekday: int, weekend: int) -> bool:
    """True when either day adds up to more than 18 hours (1080 minutes) of sitting."""
    return weekday > PLAUSIBLE_DAY_MINUTES or weekend > PLAUSIBLE_DAY_MINUTES


# -- the plan --------------------------------------------------------------------------------

# Two or three hip extension exercises for each bridge-hold answer. C and D start at the bottom
# of the bridge ladder (the two-leg glute bridge) with fully supported kickbacks; E (stopped by
# pain) keeps to the same unloaded exercises. Only A, a 60-second single-leg hold, adds a loaded
# progression (the barbell hip thrust).
STRENGTH_PLANS: dict[str, tuple[tuple[str, str], ...]] = {
    "A": (
        ("hip-thrust", "The loaded bridge: your single-leg hold is strong enough to add weight."),
        ("single-leg-glute-bridge", "Keeps each side working on its own."),
        ("step-up", "Hip extension standing on one leg."),
    ),
    "B": (
        ("single-leg-glute-bridge", "The next rung after the two-leg bridge."),
        ("upright-hip-thrust", "A kneeling thrust with body weight, before any barbell."),
        ("step-up", "Hip extension standing on one leg."),
    ),
    "C": (
        ("glute-bridge", "Start at the bottom of the bridge ladder, with both feet down."),
        ("quadruped-kickback", "On hands and knees, fully supported."),
        ("standing-kickback", "Needs only a wall or counter to hold."),
    ),
    "D": (
        ("glute-bridge", "Start at the bottom of the bridge ladder, with both feet down."),
        ("quadruped-kickback", "On hands and knees, fully supported."),
    ),
    "E": (
        ("glute-bridge", "Both feet down, body weight only, and only if it does not hurt."),
        ("quadruped-kickback", "Body weight only, and only if it does not hurt."),
    ),
}
STRETCHES: dict[str, tuple[str, str]] = {
    ILIOPSOAS: (
        "kneeling-hip-flexor-stretch",
        "Your thigh lifted in the thigh check (the iliopsoas pattern).",
    ),
    RECTUS_FEMORIS: (
        "couch-stretch",
        "Your knee straightened in the knee check (the rectus femoris pattern): this stretch "
        "keeps the knee bent. Start with its easier version.",
    ),
}
PAIN_ADVICE = (
    "The bridge check hurt: see a clinician (a doctor or physiotherapist) about it. Until then "
    "use body weight only, add no load, and stop any exercise that hurts."
)
ABDOMINAL_PAIN_ADVICE = (
    "The flat-back hold hurt: see a clinician (a doctor or physiotherapist) about it. Until then "
    "use body weight only, add no load, leave out the abdominal exercises, and stop any exercise "
    "that hurts."
)
# The pelvic control exercise for each flat-back hold answer (none for A, E, U or not done).
PELVIC_CONTROL: dict[str, tuple[str, str]] = {
    "B": (
        "dead-bug",
        "You held the flat back for 15 to 29 seconds: the dead bug trains keeping it flat while "
        "your arms and legs move.",
    ),
    "C": (
        "posterior-pelvic-tilt",
        "Your lower back lifted within 15 seconds: learn to tip the pelvis back and hold it "
        "with the abdominals first.",
    ),
}
INCONCLUSIVE_ADVICE = (
    "The thigh and knee checks gave no clear answer, so no stretch is added. You can repeat "
    "them on another day."
)


def build_plan(
    answers: Answers, reminder_minutes: int, patterns: tuple[str, ...]
) -> tuple[Recommendation, ...]:
    """The plan, in the order to show it: safety first (pain flag), the warm-up, 2-3 hip
    extension exercises, how often, stretches for the patterns found, the break interval."""
    plan: list[Recommendation] = []
    if pain_flag_for(answers.bridge_hold):
        plan.append(Recommendation("safety", PAIN_ADVICE))
    if answers.abdominal_check == "E":
        plan.append(Recommendation("safety", ABDOMINAL_PAIN_ADVICE))
    plan.append(Recommendation("warm-up", "Warm up before every strength session.", "warm-up"))
    # Either check stopped by pain: the unloaded exercises of a bridge stopped by pain.
    hold = (
        "E" if pain_flag_for(answers.bridge_hold, answers.abdominal_check) else answers.bridge_hold
    )
    for exercise_id, why in STRENGTH_PLANS[hold]:
        plan.append(Recommendation("strength", why, exercise_id))
    if answers.abdominal_check in PELVIC_CONTROL:
        exercise_id, why = PELVIC_CONTROL[answers.abdominal_check]
        plan.append(Recommendation("pelvic-control", why, exercise_id))
    schedule = f"Do the warm-up and these exercises on at least {MIN_STRENGTH_DAYS} days a week."
    if answers.strength_days < MIN_STRENGTH_DAYS:
        schedule += f" You do strength work on {answers.strength_days} now: build up to that."
    plan.append(Recommendation("schedule", schedule))
    for pattern in patterns:
        exercise_id, why = STRETCHES[pattern]
        plan.append(Recommendation("stretch", why, exercise_id))
    flag, _ = hip_flexor_for(answers.thigh_check, answers.knee_check)
    if flag == "inconclusive":
        plan.append(Recommendation("note", INCONCLUSIVE_ADVICE))
    plan.append(
        Recommendation(
            "breaks",
            f"When you sit, get up and move at least every {reminder_minutes} minutes; "
            "this becomes the break reminder's interval.",
        )
    )
    return tuple(plan)


def score(answers: Answers) -> CheckupResult:
    """Apply every rule to ``answers``."""
    weekday = answers.weekday.total
    weekend = answers.weekend.total
    weekly = weekly_minutes(weekday, weekend)
    band = band_for(weekly)
    reminder = reminder_for(band, answers.breaks)
    hip_flexor, patterns = hip_flexor_for(answers.thigh_check, answers.knee_check)
    points = priority_points_for(
        band,
        answers.breaks,
        hip_flexor,
        answers.bridge_hold,
        answers.strength_days,
        answers.abdominal_check,
    )
    return CheckupResult(
        weekday_minutes=weekday,
        weekend_minutes=weekend,
        weekly_minutes=weekly,
        average_hundredths=average_hundredths(weekly),
        band=band,
        reminder_minutes=reminder,
        hip_flexor=hip_flexor,
        hip_flexor_patterns=patterns,
        priority_points=points,
        priority=priority_for(points),
        pain_flag=pain_flag_for(answers.bridge_hold, answers.abdominal_check),
        plausibility_flag=plausibility_flag_for(weekday, weekend),
        recommendations=build_plan(answers, reminder, patterns),
        wall_gap=answers.wall_gap,
        abdominal_check=answers.abdominal_check or NOT_DONE,
    )
