"""What today holds in the weekly plan, for ``hiptui today`` and the catalog's title.

The session due (from ``training_days`` and ``training_routine`` in settings.toml), whether a
strength session is done today, this week's strength days against the goal, whether a self-check
is due again and, on request, an easier start for exercises not done for two weeks or more. The
rules are in :mod:`hiptui.core.week`; docs/weekly-plan.md explains them.

Pure like :mod:`hiptui.home` (no Textual, no rich) and light: the database is opened read-only
and never created, and the exercise library (from its cache) is read only when a session logged
this week needs its categories or an exercise is eased back in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hiptui.core.week.comeback import Comeback
    from hiptui.core.week.schedule import DayPlan
    from hiptui.home import Home
    from hiptui.store.db import Database
    from hiptui.store.records import CheckupRecord, SessionRecord

BUSY_TIMEOUT = 0.5
# The session due when ``training_routine`` is not set and no self-check is saved: the bundled
# routine that follows the article's whole shape with no equipment but a mat.
DEFAULT_TRAINING_ROUTINE = "whole-hip-home"
CHECKUP_PLAN_NAME = "Self-check plan"
JSON_KEYS = (
    "date", "session_due", "session_done", "strength_days_this_week", "strength_days_goal",
    "checkup_due",
)  # fmt: skip


class TodayReport:
    """What :func:`today_report` found (a plain class: ``hiptui today`` never imports
    dataclasses)."""

    __slots__ = (
        "checkup_due",
        "checkup_due_on",
        "comebacks",
        "every_weeks",
        "last_checkup",
        "notes",
        "plan",
        "session_due",
        "session_name",
        "training_days",
    )  # fmt: skip

    def __init__(
        self,
        *,
        plan: DayPlan,
        session_due: str | None,  # a routine id or "checkup-plan"
        session_name: str | None,
        training_days: tuple[str, ...],
        checkup_due: bool,
        checkup_due_on: date | None,
        last_checkup: date | None,
        every_weeks: int,
        comebacks: list[Comeback] | None = None,
        notes: list[str] | None = None,  # problems worth a line on stderr
    ) -> None:
        self.plan = plan
        self.session_due = session_due
        self.session_name = session_name
        self.training_days = training_days
        self.checkup_due = checkup_due
        self.checkup_due_on = checkup_due_on
        self.last_checkup = last_checkup
        self.every_weeks = every_weeks
        self.comebacks: list[Comeback] = [] if comebacks is None else comebacks
        self.notes: list[str] = [] if notes is None else notes

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.plan.day.isoformat(),
            "session_due": self.session_due if self.plan.due else None,
            "session_done": self.plan.done,
            "strength_days_this_week": self.plan.strength_days,
            "strength_days_goal": self.plan.strength_goal,
            "checkup_due": self.checkup_due,
        }


def today_report(
    home: Home, now: datetime, *, with_comebacks: bool = True, db: Database | None = None
) -> TodayReport:
    """What ``now``'s local day holds (``now`` is aware; its zone decides the calendar days).

    ``db``: a database already open (the app's); without one, the history is read through a
    read-only connection of its own, and nothing is created. Raises ``StoreError`` (an
    ``OSError``) when the history cannot be read."""
    from hiptui.core.week.schedule import checkup_due_on, day_plan
    from hiptui.store.settings import CHECKUP_PLAN, WEEKDAY_NAMES

    today = now.date()
    settings = home.settings
    notes = [str(problem) for problem in home.settings_problems]
    weekdays = [WEEKDAY_NAMES.index(day) for day in settings.training_days]
    sessions: list[SessionRecord] = []
    latest: CheckupRecord | None = None
    with _history(home, db) as history:
        if history is not None:
            # This ISO week and the day before it (a missed Sunday moves to Monday).
            first = min(today - timedelta(days=today.weekday()), today - timedelta(days=1))
            # A day's first session may have started the evening before (past midnight).
            sessions = history.sessions_since(_local_midnight(first, now) - timedelta(days=1))
            latest = history.latest_checkup()
    plan = day_plan(today, weekdays, _strength_days(home, sessions, now))
    last_checkup = latest.taken_at.astimezone(now.tzinfo).date() if latest else None
    due_on = checkup_due_on(last_checkup, settings.checkup_every_weeks)
    report = TodayReport(
        plan=plan,
        session_due=None,
        session_name=None,
        training_days=settings.training_days,
        checkup_due=due_on is not None and today >= due_on,
        checkup_due_on=due_on,
        last_checkup=last_checkup,
        every_weeks=settings.checkup_every_weeks,
        notes=notes,
    )
    if not plan.due:
        return report
    wanted = settings.training_routine
    if wanted is None:
        wanted = CHECKUP_PLAN if latest is not None else DEFAULT_TRAINING_ROUTINE
    if wanted == CHECKUP_PLAN and latest is None:
        notes.append(
            f"training_routine is '{CHECKUP_PLAN}' but no self-check is saved yet; "
            f"'{DEFAULT_TRAINING_ROUTINE}' is due instead (take the self-check with c in the app)"
        )
        wanted = DEFAULT_TRAINING_ROUTINE
    exercise_ids: list[str] = []
    if wanted == CHECKUP_PLAN and latest is not None:
        report.session_due, report.session_name = CHECKUP_PLAN, CHECKUP_PLAN_NAME
        exercise_ids = _checkup_plan_ids(latest)
    else:
        routines, _ = home.routines()
        routine = routines.get(wanted)
        if routine is None and wanted != DEFAULT_TRAINING_ROUTINE:
            notes.append(
                f"{home.settings_path}: training_routine: no routine '{wanted}'"
                f"{_hint(wanted, routines)}; '{DEFAULT_TRAINING_ROUTINE}' is due instead"
            )
            routine = routines.get(DEFAULT_TRAINING_ROUTINE)
        if routine is not None:
            report.session_due, report.session_name = routine.id, routine.name
            exercise_ids = [item.exercise for item in routine.items]
    if with_comebacks and not plan.done and exercise_ids:
        report.comebacks = _comebacks(home, exercise_ids, now, db)
    return report


def _local_midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(), tzinfo=now.tzinfo)


def _strength_days(home: Home, sessions: list[SessionRecord], now: datetime) -> set[date]:
    """Days with a strength session; the library is read only if there is a session at all."""
    from hiptui.core.history.consistency import training_days

    if not any(session.sets for session in sessions):
        return set()
    library = home.exercises(s.exercise_id for session in sessions for s in session.sets)

    def counts(exercise_id: str) -> bool:  # the history's rule: one no longer known counts
        exercise = library.get(exercise_id)
        return exercise is None or exercise.category == "strength"

    return training_days(sessions, tz=now.tzinfo, counts=counts)


def _checkup_plan_ids(record: CheckupRecord) -> list[str]:
    recommendations = record.result.get("recommendations")
    found = recommendations if isinstance(recommendations, list) else []
    return [r["id"] for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)]


@contextmanager
def _history(home: Home, db: Database | None) -> Iterator[Database | None]:
    """``db`` if given, else a read-only connection closed afterwards (``None``: no history)."""
    if db is not None:
        yield db
    elif not home.has_history():
        yield None
    else:
        with home.read_only_database(busy_timeout=BUSY_TIMEOUT) as opened:
            yield opened


def _comebacks(
    home: Home, exercise_ids: list[str], now: datetime, db: Database | None
) -> list[Comeback]:
    from hiptui.core.week.comeback import comeback

    with _history(home, db) as history:
        last = {} if history is None else history.last_done(exercise_ids)
    if not last:
        return []
    library = home.exercises(exercise_ids)
    found = []
    for exercise_id in exercise_ids:
        exercise = library.get(exercise_id)
        when = last.get(exercise_id)
        if exercise is None or when is None:
            continue
        easier = comeback(exercise, when.astimezone(now.tzinfo).date(), now.date())
        if easier is not None:
            found.append(easier)
    return found


def _hint(wanted: str, routines: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(routines), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def title_note(report: TodayReport) -> str:
    """A few words for a title bar beside the break clock (short enough for 80 columns):
    whether a session is due today or done ("" when nothing is due). ``hiptui today`` names it."""
    if report.plan.done and report.training_days:
        return "today's session done"
    if not report.plan.due:
        return ""
    return "session due today" + (" (moved)" if report.plan.moved_from is not None else "")
