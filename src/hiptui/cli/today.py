"""``hiptui today [--json]``: what today holds in the weekly plan.

The session due (from ``training_days`` and ``training_routine`` in settings.toml), whether a
strength session is done today, this week's strength days against the goal, whether a self-check
is due again and, in the plain report, an easier start for exercises not done for two weeks or
more. The rules are in :mod:`hiptui.core.week`; docs/weekly-plan.md explains them.

Fast and read-only, like ``hiptui status``: the standard library, :mod:`hiptui.home`, the store
and the pure rules; never Textual or rich. The database is opened read-only and never created;
the exercise library (from its cache) is read only when a session logged this week needs its
categories or the plain report eases an exercise back in.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from hiptui.home import Home

if TYPE_CHECKING:
    from hiptui.core.week.comeback import Comeback
    from hiptui.core.week.schedule import DayPlan
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


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "today",
        help="what today holds: the session due, this week's strength days, the self-check",
        description="Print the session due today (from training_days and training_routine in "
        "settings.toml), whether it is done, this week's strength days against the goal of 2 or "
        "more (WHO 2020) and whether a self-check is due. Reads the history without changing "
        "it. See docs/weekly-plan.md.",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: " + ", ".join(JSON_KEYS),
    )
    parser.set_defaults(handler=run_today)


@dataclass
class TodayReport:
    plan: DayPlan
    session_due: str | None  # a routine id or "checkup-plan"
    session_name: str | None
    training_days: tuple[str, ...]
    checkup_due: bool
    checkup_due_on: date | None
    last_checkup: date | None
    every_weeks: int
    comebacks: list[Comeback] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # problems worth a line on stderr

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.plan.day.isoformat(),
            "session_due": self.session_due if self.plan.due else None,
            "session_done": self.plan.done,
            "strength_days_this_week": self.plan.strength_days,
            "strength_days_goal": self.plan.strength_goal,
            "checkup_due": self.checkup_due,
        }


def today_report(home: Home, now: datetime, *, with_comebacks: bool = True) -> TodayReport:
    """What ``now``'s local day holds (``now`` is aware; its zone decides the calendar days).
    Raises ``StoreError`` (an ``OSError``) when the history cannot be read."""
    from hiptui.core.week.schedule import checkup_due_on, day_plan
    from hiptui.store.settings import CHECKUP_PLAN, WEEKDAY_NAMES

    today = now.date()
    settings = home.settings
    notes = [str(problem) for problem in home.settings_problems]
    weekdays = [WEEKDAY_NAMES.index(day) for day in settings.training_days]
    sessions: list[SessionRecord] = []
    latest: CheckupRecord | None = None
    if home.has_history():
        with home.read_only_database(busy_timeout=BUSY_TIMEOUT) as db:
            # This ISO week and the day before it (a missed Sunday moves to Monday).
            first = min(today - timedelta(days=today.weekday()), today - timedelta(days=1))
            # A day's first session may have started the evening before (past midnight).
            sessions = db.sessions_since(_local_midnight(first, now) - timedelta(days=1))
            latest = db.latest_checkup()
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
        report.comebacks = _comebacks(home, exercise_ids, now)
    return report


def _local_midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(), tzinfo=now.tzinfo)


def _strength_days(home: Home, sessions: list[SessionRecord], now: datetime) -> set[date]:
    """Days with a strength session; the library is read only if there is a session at all."""
    from hiptui.core.history.consistency import training_days

    if not any(session.sets for session in sessions):
        return set()
    library = home.library().exercises

    def counts(exercise_id: str) -> bool:  # the history's rule: one no longer known counts
        exercise = library.get(exercise_id)
        return exercise is None or exercise.category == "strength"

    return training_days(sessions, tz=now.tzinfo, counts=counts)


def _checkup_plan_ids(record: CheckupRecord) -> list[str]:
    recommendations = record.result.get("recommendations")
    found = recommendations if isinstance(recommendations, list) else []
    return [r["id"] for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _comebacks(home: Home, exercise_ids: list[str], now: datetime) -> list[Comeback]:
    from hiptui.core.week.comeback import comeback

    if not home.has_history():
        return []
    with home.read_only_database(busy_timeout=BUSY_TIMEOUT) as db:
        last = db.last_done(exercise_ids)
    if not last:
        return []
    library = home.library().exercises
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


# -- the plain report ------------------------------------------------------------------------


def report_lines(report: TodayReport) -> list[str]:
    plan = report.plan
    lines = [plan.day.strftime("%A %d %B %Y")]
    if not report.training_days:
        lines.append(
            'No training days set: add for example training_days = ["mon", "thu"] to '
            "settings.toml (see docs/weekly-plan.md)."
        )
    elif not plan.due:
        lines.append(f"No session due today (training days: {', '.join(report.training_days)}).")
    else:
        why = (
            f"moved from {plan.moved_from.strftime('%A')}, which was missed"
            if plan.moved_from is not None
            else f"a training day ({', '.join(report.training_days)})"
        )
        lines.append(f"Session due: {report.session_name} ({report.session_due}); {why}.")
        if plan.done:
            lines.append("Done today: yes, a strength session is logged.")
        elif report.session_due == "checkup-plan":
            lines.append("Done today: not yet. Start it with s on the self-check result.")
        else:
            lines.append(f"Done today: not yet. Start it with: hiptui run {report.session_due}")
    if report.training_days and plan.done and not plan.due:
        lines.append("Trained today as well: a strength session is logged.")
    met = "goal met" if plan.goal_met else "goal not met yet"
    lines.append(
        f"Strength days this week: {plan.strength_days} of {plan.strength_goal} ({met}; "
        "WHO 2020 advises muscle-strengthening activity on 2 or more days a week)."
    )
    lines.append(_checkup_line(report))
    if report.comebacks:
        lines.append("Easing back in after time off:")
        lines.extend(f"  - {easier.text}" for easier in report.comebacks)
    return lines


def _checkup_line(report: TodayReport) -> str:
    every = f"every {report.every_weeks} weeks" if report.every_weeks != 1 else "every week"
    if report.last_checkup is None or report.checkup_due_on is None:
        return "Self-check: none saved yet (c in the app, or hiptui checkup)."
    last = report.last_checkup.isoformat()
    if report.checkup_due:
        return f"Self-check: due again (last taken {last}; {every})."
    return f"Self-check: next one due {report.checkup_due_on.isoformat()} (last {last}; {every})."


def run_today(args: argparse.Namespace) -> int:
    from hiptui.content.text import printable

    home = Home.for_user(getattr(args, "exercises", []))
    now = datetime.now().astimezone()
    try:
        report = today_report(home, now, with_comebacks=not args.json)
    except OSError as error:  # StoreError included: it already names the file
        text = str(error) if error.filename else f"{home.database_path}: {error}"
        print(printable(text, keep_newlines=False), file=sys.stderr)
        return 1
    for note in report.notes:
        print(printable(note, keep_newlines=False), file=sys.stderr)
    if args.json:
        import json

        print(json.dumps(report.to_json()))
    else:
        for line in report_lines(report):
            print(printable(line, keep_newlines=False))
    return 0
