"""``hiptui import free-exercise-db FILE``: exercise files from the free-exercise-db dataset."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiptui.content.free_exercise_db import Converted
    from hiptui.content.models import Problem
    from hiptui.store.exercise_files import PlannedFile, WriteReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="make exercise files from a dataset (free-exercise-db)",
        description="Convert an exercise dataset into hiptui exercise files "
        "(see docs/importing.md).",
    )
    datasets = parser.add_subparsers(dest="dataset", metavar="DATASET", required=True)
    fedb = datasets.add_parser(
        "free-exercise-db",
        help="the free-exercise-db JSON (an array, or a folder of one-object files)",
        description="Write one TOML file per exercise into your exercises folder. Running it "
        "again updates what it wrote before; files you edited by hand are left alone.",
    )
    fedb.add_argument("file", type=Path, metavar="FILE", help="a JSON array file or a folder")
    fedb.add_argument(
        "--muscle",
        action="append",
        default=[],
        metavar="M",
        help="only exercises that train M (their name or ours; may be repeated)",
    )
    fedb.add_argument("--level", metavar="L", help="only this level (expert = advanced)")
    fedb.add_argument("--category", metavar="C", help="only this category (e.g. stretching)")
    fedb.add_argument(
        "--into", type=Path, metavar="DIR", help="write here instead of your exercises folder"
    )
    fedb.set_defaults(handler=run)


@dataclass(frozen=True)
class Filters:
    muscles: frozenset[str] = frozenset()
    level: str | None = None
    category: str | None = None

    def accepts(self, data: dict[str, Any]) -> bool:
        if self.level and data["level"] != self.level:
            return False
        if self.category and data["category"] != self.category:
            return False
        trained = {*data["muscles"]["primary"], *data["muscles"]["secondary"]}
        return not self.muscles or bool(self.muscles & trained)


@dataclass
class Outcome:
    records: int = 0
    left_out: int = 0
    problems: list[Problem] = field(default_factory=list)
    report: WriteReport | None = None


def parse_filters(args: argparse.Namespace) -> Filters | str:
    """The filters in our vocabulary, or a usage error."""
    from hiptui.content.free_exercise_db_vocab import CATEGORY_ALIASES, LEVEL_MAP, MUSCLE_MAP
    from hiptui.content.models import CATEGORIES, MUSCLES
    from hiptui.content.toml_fields import ALIASES

    muscles = set()
    for given in args.muscle:
        word = " ".join(given.lower().split())
        ours = word if word in MUSCLES else MUSCLE_MAP.get(word) or ALIASES.get(word)
        if ours not in MUSCLES:
            return f"unknown muscle '{given}'{_hint(word, (*MUSCLES, *MUSCLE_MAP))}"
        muscles.add(ours)
    level = None
    if args.level:
        level = LEVEL_MAP.get(args.level.lower().strip())
        if level is None:
            return f"unknown level '{args.level}' (beginner, intermediate, expert or advanced)"
    category = None
    if args.category:
        word = " ".join(args.category.lower().split())
        category = word if word in CATEGORIES else CATEGORY_ALIASES.get(word)
        if category is None:
            return f"unknown category '{args.category}'{_hint(word, CATEGORIES)}"
    return Filters(frozenset(muscles), level, category)


def _hint(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)
    return f" (did you mean: {', '.join(close)}?)" if close else ""


def reserved_ids(into: Path) -> set[str]:
    """Ids the import must not take: the bundled exercises', and those of the user's own
    files in ``into``. A file the manifest lists is the import's own; so is one that looks
    like an import (a free-exercise-db source, named after its id), in case the manifest
    was lost."""
    from hiptui.content.free_exercise_db import DATASET
    from hiptui.content.loader import exercise_files, load_exercise_file
    from hiptui.paths import bundled_content_dir
    from hiptui.store.exercise_files import read_manifest

    manifest = read_manifest(into)
    ids = set()
    for path in exercise_files(bundled_content_dir()):
        result = load_exercise_file(path)
        if not isinstance(result, list):
            ids.add(result.id)
    for path in exercise_files(into):
        if path.name in manifest:
            continue
        result = load_exercise_file(path)
        if isinstance(result, list):
            continue
        looks_imported = result.source.startswith(f"{DATASET}:")
        if not (looks_imported and path.name == f"{result.id}.toml"):
            ids.add(result.id)
    return ids


def plan(exercise: Converted) -> PlannedFile | Problem:
    """The file for one converted record, checked by the loader before anything is written."""
    from hiptui.content.loader import parse_exercise
    from hiptui.content.models import Problem
    from hiptui.content.toml_source import parse_toml_text
    from hiptui.store.exercise_files import PlannedFile, exercise_toml

    header = (
        f"Imported from free-exercise-db (record {exercise.their_id or exercise.id}) by "
        "`hiptui import`.",
        "Edit it as you like: once you change it, a re-import leaves this file alone.",
    )
    text = exercise_toml(exercise.data, header)
    name = f"{exercise.id}.toml"
    document = parse_toml_text(text, Path(name), name)
    result = document if isinstance(document, Problem) else parse_exercise(document)
    if isinstance(result, Problem | list):
        first = result if isinstance(result, Problem) else result[0]
        where = f"record {exercise.number} ({exercise.their_id or exercise.id})"
        return Problem(exercise.origin, None, f"{where}: would not load: {first.message}")
    return PlannedFile(name, text, exercise.key)


def import_dataset(dataset: Path, into: Path, filters: Filters) -> Outcome:
    """Read, convert, filter and write. Raises ``DatasetError`` when ``dataset`` cannot be
    read and ``StoreError`` when ``into`` cannot be created."""
    from hiptui.content.free_exercise_db import convert, read_dataset
    from hiptui.content.models import Problem
    from hiptui.store.exercise_files import prepare_folder, write_planned

    records = read_dataset(dataset)
    prepare_folder(into)
    conversion = convert(records, reserved=reserved_ids(into))
    outcome = Outcome(records=len(records), problems=list(conversion.problems))
    planned = []
    for exercise in conversion.exercises:
        if not filters.accepts(exercise.data):
            outcome.left_out += 1
            continue
        item = plan(exercise)
        if isinstance(item, Problem):
            outcome.problems.append(item)
        else:
            planned.append(item)
    outcome.report = write_planned(into, planned)
    return outcome


def run(args: argparse.Namespace) -> int:
    from hiptui.cli.common import eprint
    from hiptui.content.free_exercise_db import DatasetError
    from hiptui.paths import user_exercises_dir
    from hiptui.store.errors import StoreError

    filters = parse_filters(args)
    if isinstance(filters, str):
        eprint(f"hiptui: error: {filters}")
        return 2
    into: Path = args.into or user_exercises_dir()
    try:
        outcome = import_dataset(args.file, into, filters)
    except (DatasetError, StoreError) as error:
        eprint(str(error))
        return 1
    report = outcome.report
    assert report is not None
    for problem in outcome.problems:
        eprint(str(problem))
    for path, why in report.skipped:
        eprint(f"{path}: {why}")
    for problem in report.errors:
        eprint(str(problem))
    print(summary_line(outcome, report))
    print(f"Folder: {into}")
    return 0


def summary_line(outcome: Outcome, report: WriteReport) -> str:
    errors = len(outcome.problems) + len(report.errors)
    text = (
        f"{outcome.records} records: {len(report.imported)} imported, "
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped (edited by hand or not ours), {errors} errors"
    )
    if report.removed:
        text += f", {len(report.removed)} old files removed (id changed)"
    if outcome.left_out:
        text += f"; {outcome.left_out} left out by the filters"
    return text + "."
