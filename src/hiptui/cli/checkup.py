"""``hiptui checkup --answers FILE [--json] [--save]``: score a self-check without the app.

Problems with the answers file go to standard error as ``path:line: message`` (exit 1) and
nothing is saved. ``--json`` prints one object with exactly the result keys; otherwise a plain
report with every figure, its meaning, the plan and the disclaimer. Nothing is written to the
history unless ``--save`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiptui.core.checkup.answers import Answers
    from hiptui.core.checkup.scoring import CheckupResult

WIDTH = 78
# Replaced by the two-decimal figure after json.dumps, which would write 4.3 for 4.30.
_AVERAGE_PLACEHOLDER = "\x00average_hours\x00"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "checkup",
        help="score a sitting and hip self-check answers file (see docs/checkup.md)",
        description="Score a self-check answers file (TOML) without opening the app. "
        "Educational only, not a diagnosis.",
    )
    parser.add_argument(
        "--answers", required=True, type=str, metavar="FILE", help="the answers file (TOML)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--save", action="store_true", help="also save the result to the history")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from hiptui.cli.common import eprint
    from hiptui.core.checkup.answers import load_answers
    from hiptui.core.checkup.scoring import score

    answers, problems = load_answers(Path(args.answers))
    if answers is None:
        for problem in problems:
            eprint(str(problem))
        return 1
    result = score(answers)
    previous = None if args.json else _previous_result()
    if args.save and not _save(answers, result):
        return 1
    if args.json:
        sys.stdout.write(result_json(result) + "\n")
        return 0
    from hiptui.content.checkup_form import load_checkup_form
    from hiptui.paths import bundled_content_dir

    form, problems = load_checkup_form(bundled_content_dir())
    if form is None:
        for problem in problems:
            eprint(str(problem))
        return 1
    sys.stdout.write(report(answers, result, form.disclaimer, previous))
    return 0


def result_json(result: CheckupResult) -> str:
    """The result as indented JSON, ``average_hours`` written with exactly two decimals."""
    data = result.to_dict()
    data["average_hours"] = _AVERAGE_PLACEHOLDER
    text = json.dumps(data, indent=2)
    return text.replace(json.dumps(_AVERAGE_PLACEHOLDER), result.average_hours_text, 1)


def report(
    answers: Answers,
    result: CheckupResult,
    disclaimer: str,
    previous: tuple[str, dict[str, Any]] | None = None,
) -> str:
    """The plain-text report: figures with meanings, the band scale, the plan, the disclaimer."""
    from hiptui.cli.common import safe
    from hiptui.core.checkup.text import band_scale, changes, figures

    out: list[str] = ["Sitting and hip self-check", ""]
    rows = figures(answers, result)
    width = max(len(figure.label) for figure in rows)
    for figure in rows:
        out.append(f"{figure.label:<{width}}  {figure.value}")
        out.extend(_wrap(figure.meaning, indent=width + 2))
    out += ["", "Sitting band:", *_wrap(band_scale(result.band), indent=2)]
    if previous is not None:
        taken, before = previous
        lines = changes(before, result)
        out += ["", f"Since your last self-check ({taken}):"]
        out += [line for text in lines for line in _wrap(text, indent=2)] or ["  no change"]
    out += ["", "Plan:"]
    marks = {"safety": "!", "note": "*", "schedule": "*", "breaks": "*"}
    for item in result.recommendations:
        mark = marks.get(item.kind, "-")
        text = f"{item.id}: {item.text}" if item.id is not None else item.text
        out.extend(_wrap(f"{mark} {text}", indent=2, hang=4))
    if result.exercise_ids:
        out += ["", "`hiptui show ID` prints any exercise's steps."]
    out += ["", "Please note:"]
    for number, paragraph in enumerate(disclaimer.split("\n\n")):
        out += [""] if number else []
        out.extend(_wrap(" ".join(paragraph.split()), indent=2))
    return safe("\n".join(out)) + "\n"


def _wrap(text: str, *, indent: int, hang: int | None = None) -> list[str]:
    first = " " * indent
    rest = " " * (hang if hang is not None else indent)
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _previous_result() -> tuple[str, dict[str, Any]] | None:
    """The latest saved result and its date, read-only; None when there is none to read."""
    from hiptui.cli.common import eprint
    from hiptui.paths import database_path
    from hiptui.store.db import Database
    from hiptui.store.errors import StoreError

    path = database_path()
    if not path.exists():
        return None
    try:
        with Database.open(path, read_only=True) as db:
            latest = db.latest_checkup()
    except OSError as error:  # StoreError is an OSError
        reason = str(error) if isinstance(error, StoreError) else f"{path}: {error.strerror}"
        eprint(f"{reason} (the report leaves out what changed since last time)")
        return None
    if latest is None:
        return None
    return latest.taken_at.astimezone().strftime("%Y-%m-%d"), latest.result


def _save(answers: Answers, result: CheckupResult) -> bool:
    from hiptui.cli.common import eprint
    from hiptui.paths import database_path
    from hiptui.store.db import Database
    from hiptui.store.errors import StoreError

    path = database_path()
    try:
        with Database.open(path) as db:
            checkup_id = db.save_checkup(answers.to_dict(), result.to_dict())
            if db.notice:
                eprint(db.notice)
    except StoreError as error:
        eprint(f"{error} (the self-check was not saved)")
        return False
    except OSError as error:
        eprint(f"{path}: {error.strerror or error} (the self-check was not saved)")
        return False
    eprint(f"Saved to the history as self-check {checkup_id}.")
    return True
