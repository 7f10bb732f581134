"""``hiptui today [--json]``: what today holds in the weekly plan.

The session due (from ``training_days`` and ``training_routine`` in settings.toml), whether a
strength session is done today, this week's strength days against the goal, whether a self-check
is due again and, in the plain report, an easier start for exercises not done for two weeks or
more. The rules are in :mod:`hiptui.core.week`; docs/weekly-plan.md explains them.

Fast and read-only, like ``hiptui status``: the standard library, :mod:`hiptui.home`,
:mod:`hiptui.today` (which gathers the report), the store and the pure rules; never Textual or
rich.
"""

from __future__ import annotations

import sys
from datetime import datetime

from hiptui.home import Home
from hiptui.today import JSON_KEYS, TodayReport, today_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any


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


class _Plain:
    """The arguments of a plain ``hiptui today [--json]``, as argparse would give them."""

    def __init__(self, json: bool) -> None:
        self.json = json
        self.exercises: list[str] = []


def quick(arguments: list[str]) -> int | None:
    """``hiptui today`` and ``hiptui today --json`` run without argparse (it is a command a
    prompt or a bar may run often); anything else is left to the parser (``None``)."""
    if arguments == ["today"] or arguments == ["today", "--json"]:
        return run_today(_Plain(json=len(arguments) == 2))  # type: ignore[arg-type]
    return None


def run_today(args: argparse.Namespace) -> int:
    from hiptui.content.text import printable

    # The keymap is the app's: today binds no keys, and checking it takes the binding table.
    home = Home.for_user(getattr(args, "exercises", []), settings_keymap=False)
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
