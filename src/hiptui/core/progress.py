"""Progress from the training history: per-exercise figures, consistency, progression steps.

Pure functions over the records the history database hands back (anything shaped like them:
see :class:`SetLike`, :class:`SessionLike`, :class:`CheckupLike`). Nothing here reads a clock:
"today" and the time zone that turns UTC timestamps into calendar days are parameters.

The rules (docs/history.md explains them for users):

- Asymmetry of a per-side exercise, over all its logged sets: ``|L - R| / max(L, R)`` where L
  and R are the total reps done on each side. Flagged when the gap is more than 10 percent
  (``10 * |L - R| > max(L, R)``, exact in integers, so exactly 10 percent is not flagged). One
  side with reps and the other with none is a 100 percent gap, flagged, with the missing side.
- Consistency: a strength day is a calendar day with at least one set (reps > 0, or timed
  work) of a strength exercise; the target is 2 or more such days per ISO week (Monday to
  Sunday). The streak counts consecutive ISO weeks that met the target, ending with the current
  week when it already meets it, else with the week before (an unfinished week never breaks it).
- Progression: when every set of an exercise reached the top of its rep range in the last two
  sessions that included it, the next step is suggested (:mod:`hiptui.core.progression`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from hiptui.content.ladders import Ladders
from hiptui.content.models import Exercise
from hiptui.core.progression import Suggestion, suggest

__all__ = [
    "Asymmetry", "BestSet", "CheckupRow", "Consistency", "ExerciseStats", "Overview",
    "SessionPoint", "SessionRow", "Suggestion", "all_exercise_stats", "asymmetry",
    "checkup_rows", "consistency", "exercise_stats", "overview", "session_row", "suggest",
    "training_days",
]  # fmt: skip

TARGET_DAYS = 2
ASYMMETRY_PERCENT = 10


class SetLike(Protocol):
    @property
    def session_id(self) -> int: ...
    @property
    def exercise_id(self) -> str: ...
    @property
    def exercise_name(self) -> str: ...
    @property
    def set_number(self) -> int: ...
    @property
    def side(self) -> str | None: ...
    @property
    def reps(self) -> int: ...
    @property
    def hold_seconds(self) -> float | None: ...
    @property
    def work_seconds(self) -> float | None: ...
    @property
    def discomfort(self) -> bool: ...
    @property
    def completed_at(self) -> datetime: ...


class SessionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def plan(self) -> dict[str, Any]: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def status(self) -> str: ...
    @property
    def sets(self) -> Sequence[SetLike]: ...


class CheckupLike(Protocol):
    @property
    def taken_at(self) -> datetime: ...
    @property
    def result(self) -> dict[str, Any]: ...


# -- sessions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One line of the session list."""

    session_id: int
    started_at: datetime
    name: str
    status: str
    sets: int  # distinct (exercise, set number): both halves of a per-side set are one set
    reps: int
    reps_left: int
    reps_right: int
    duration: timedelta | None
    discomfort: int  # set records marked for discomfort


def session_row(session: SessionLike) -> SessionRow:
    left = sum(s.reps for s in session.sets if s.side == "left")
    right = sum(s.reps for s in session.sets if s.side == "right")
    end = session.ended_at
    if end is None and session.sets:
        end = max(s.completed_at for s in session.sets)
    duration = None if end is None else max(end - session.started_at, timedelta(0))
    return SessionRow(
        session_id=session.id,
        started_at=session.started_at,
        name=session.name,
        status=session.status,
        sets=len({(s.exercise_id, s.set_number) for s in session.sets}),
        reps=sum(s.reps for s in session.sets),
        reps_left=left,
        reps_right=right,
        duration=duration,
        discomfort=sum(1 for s in session.sets if s.discomfort),
    )


def chronological(sessions: Iterable[SessionLike]) -> list[SessionLike]:
    return sorted(sessions, key=lambda s: (s.started_at, s.id))


# -- one exercise ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Asymmetry:
    left: int
    right: int
    gap: float  # |L - R| / max(L, R), 0.0 to 1.0
    flagged: bool  # gap above ASYMMETRY_PERCENT
    missing_side: str | None  # "left" or "right" when that side has no reps at all

    @property
    def weaker(self) -> str | None:
        if self.left == self.right:
            return None
        return "left" if self.left < self.right else "right"

    @property
    def percent(self) -> int:
        return round(self.gap * 100)


def asymmetry(sets: Iterable[SetLike]) -> Asymmetry | None:
    """Left/right gap over the total reps per side; ``None`` when no side has any reps."""
    left = right = 0
    for record in sets:
        if record.side == "left":
            left += record.reps
        elif record.side == "right":
            right += record.reps
    larger = max(left, right)
    if larger == 0:
        return None
    gap = abs(left - right)
    missing = "left" if left == 0 else "right" if right == 0 else None
    flagged = 100 * gap > ASYMMETRY_PERCENT * larger
    return Asymmetry(left, right, gap / larger, flagged, missing)


@dataclass(frozen=True, slots=True)
class SessionPoint:
    """What one session did of one exercise."""

    session_id: int
    started_at: datetime
    sets: int
    reps: int


@dataclass(frozen=True, slots=True)
class BestSet:
    reps: int
    side: str | None
    set_number: int
    completed_at: datetime


@dataclass(frozen=True, slots=True)
class ExerciseStats:
    exercise_id: str
    name: str
    points: tuple[SessionPoint, ...]  # oldest first
    total_reps: int
    best_set: BestSet | None  # most reps in one set (or one side of it); the first to reach it
    best_hold: float | None  # longest top hold per rep, or longest timed set, in seconds
    asymmetry: Asymmetry | None
    discomfort: int

    @property
    def reps_per_session(self) -> list[int]:
        return [point.reps for point in self.points]

    @property
    def running_total(self) -> list[int]:
        totals: list[int] = []
        for point in self.points:
            totals.append((totals[-1] if totals else 0) + point.reps)
        return totals


def _hold_of(record: SetLike) -> float | None:
    if record.reps == 0 and record.work_seconds:
        return record.work_seconds  # a timed hold
    return record.hold_seconds


def exercise_stats(sessions: Iterable[SessionLike], exercise_id: str) -> ExerciseStats | None:
    """Figures for one exercise over ``sessions``; ``None`` if it was never done."""
    return all_exercise_stats(sessions).get(exercise_id)


def all_exercise_stats(sessions: Iterable[SessionLike]) -> dict[str, ExerciseStats]:
    """Every exercise in the history, the most recently done first."""
    points: dict[str, list[SessionPoint]] = {}
    sets_of: dict[str, list[SetLike]] = {}
    names: dict[str, str] = {}
    for session in chronological(sessions):
        mine: dict[str, list[SetLike]] = {}
        for record in session.sets:
            mine.setdefault(record.exercise_id, []).append(record)
        for exercise_id, records in mine.items():
            names[exercise_id] = records[-1].exercise_name
            if exercise_id in sets_of:
                sets_of[exercise_id] += records
            else:
                sets_of[exercise_id], points[exercise_id] = list(records), []
            reps = 0
            numbers = set()
            for record in records:
                reps += record.reps
                numbers.add(record.set_number)
            point = SessionPoint(session.id, session.started_at, len(numbers), reps)
            points[exercise_id].append(point)
    stats = {key: _stats(key, names[key], points[key], sets_of[key]) for key in points}
    order = sorted(stats, key=lambda k: (stats[k].points[-1].started_at, k), reverse=True)
    return {key: stats[key] for key in order}


def _stats(
    exercise_id: str, name: str, points: list[SessionPoint], records: list[SetLike]
) -> ExerciseStats:
    best: BestSet | None = None
    for record in records:
        if record.reps > 0 and (best is None or record.reps > best.reps):
            best = BestSet(record.reps, record.side, record.set_number, record.completed_at)
    holds = [hold for hold in map(_hold_of, records) if hold]
    return ExerciseStats(
        exercise_id=exercise_id,
        name=name,
        points=tuple(points),
        total_reps=sum(point.reps for point in points),
        best_set=best,
        best_hold=max(holds) if holds else None,
        asymmetry=asymmetry(records),
        discomfort=sum(1 for r in records if r.discomfort),
    )


# -- consistency ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consistency:
    week_start: date  # Monday of the current ISO week
    days_this_week: int
    target: int
    streak_weeks: int

    @property
    def met_this_week(self) -> bool:
        return self.days_this_week >= self.target


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of ``moment`` in ``tz`` (``None``: this computer's time zone)."""
    return moment.astimezone(tz).date()


def training_days(
    sessions: Iterable[SessionLike],
    *,
    tz: tzinfo | None = None,
    counts: Callable[[str], bool] | None = None,
) -> set[date]:
    """Days with at least one done set (reps, or timed work) of an exercise that ``counts``."""
    days: set[date] = set()
    verdicts: dict[str, bool] = {}
    for session in sessions:
        moments = []
        for record in session.sets:
            if record.reps <= 0 and not record.work_seconds:
                continue
            if counts is not None:
                if record.exercise_id not in verdicts:
                    verdicts[record.exercise_id] = counts(record.exercise_id)
                if not verdicts[record.exercise_id]:
                    continue
            moments.append(record.completed_at)
        if not moments:
            continue
        first, last = min(moments), max(moments)
        if last - first < timedelta(hours=12):
            # One sitting: its sets fall on the first day, the last, or (past midnight) both.
            days.update((local_day(first, tz), local_day(last, tz)))
        else:
            days.update(local_day(moment, tz) for moment in moments)
    return days


def consistency(days: Iterable[date], today: date, target: int = TARGET_DAYS) -> Consistency:
    per_week: dict[date, int] = {}
    for day in set(days):
        if day <= today:
            per_week[monday(day)] = per_week.get(monday(day), 0) + 1
    this_week = monday(today)
    met = {week for week, count in per_week.items() if count >= target}
    week = this_week if this_week in met else this_week - timedelta(weeks=1)
    streak = 0
    while week in met:
        streak += 1
        week -= timedelta(weeks=1)
    return Consistency(this_week, per_week.get(this_week, 0), target, streak)


# -- self-checks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckupRow:
    taken_at: datetime
    average_hours: float | None  # sitting hours per day, from the self-check's result
    band: str | None  # low, moderate, high or very-high


def checkup_rows(checkups: Iterable[CheckupLike]) -> list[CheckupRow]:
    """One row per self-check, oldest first; values a result lacks are ``None``."""
    rows = []
    for checkup in sorted(checkups, key=lambda c: c.taken_at):
        result = checkup.result if isinstance(checkup.result, dict) else {}
        hours = result.get("average_hours")
        band = result.get("band")
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            hours = None
        rows.append(
            CheckupRow(
                checkup.taken_at,
                None if hours is None else float(hours),
                band if isinstance(band, str) and band else None,
            )
        )
    return rows


# -- everything the history screen shows ----------------------------------------------------


@dataclass(frozen=True)
class Overview:
    sessions: tuple[SessionRow, ...]  # newest first
    exercises: tuple[ExerciseStats, ...]  # most recently done first
    consistency: Consistency
    suggestions: tuple[Suggestion, ...]
    checkups: tuple[CheckupRow, ...]  # oldest first

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.checkups

    def suggestions_for(self, exercise_id: str) -> list[Suggestion]:
        return [s for s in self.suggestions if s.about == exercise_id]


def is_strength(library: Mapping[str, Exercise]) -> Callable[[str], bool]:
    """Strength exercises count towards the weekly target; one no longer known counts too."""

    def counts(exercise_id: str) -> bool:
        exercise = library.get(exercise_id)
        return exercise is None or exercise.category == "strength"

    return counts


def overview(
    sessions: Sequence[SessionLike],
    checkups: Iterable[CheckupLike],
    *,
    library: Mapping[str, Exercise],
    ladders: Ladders,
    today: date,
    tz: tzinfo | None = None,
) -> Overview:
    ordered = chronological(sessions)
    stats = all_exercise_stats(ordered)
    days = training_days(ordered, tz=tz, counts=is_strength(library))
    by_id = {session.id: session for session in ordered}
    found: list[Suggestion] = []
    for exercise_id, figures in stats.items():
        # Only the last two sessions with the exercise matter to the rule.
        recent = [by_id[point.session_id] for point in figures.points[-2:]]
        found += suggest(recent, exercise_id, library=library, ladders=ladders)
    return Overview(
        sessions=tuple(session_row(s) for s in reversed(ordered)),
        exercises=tuple(stats.values()),
        consistency=consistency(days, today),
        suggestions=tuple(found),
        checkups=tuple(checkup_rows(checkups)),
    )
