"""``hiptui list``, ``hiptui show ID`` and ``hiptui cues ID``: quick look-ups, no Textual.

``show`` and ``cues`` with plain arguments (:func:`quick`) are answered from the content cache's
index before argparse is even imported: one exercise is decoded, not the whole library, and
only the modules that printing a card needs are imported. Anything else (another option, a
cache that no longer matches the folders, an unknown id) goes the full way, which answers the
same, only slower.
"""

from __future__ import annotations

import sys

from hiptui.content.models import EQUIPMENT, LEVELS, MUSCLES
from hiptui.content.units import UNIT_SYSTEMS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping
    from typing import Any

    from hiptui.content.library import Library
    from hiptui.content.models import Exercise
    from hiptui.content.routines import Routine

UNIT_CHOICES = UNIT_SYSTEMS
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def register(subparsers: Any) -> None:
    listing = subparsers.add_parser("list", help="list exercises")
    listing.add_argument("--muscle", metavar="M", help="only exercises that train muscle M")
    listing.add_argument(
        "--equipment", metavar="E", help="only exercises that need E ('none' for no equipment)"
    )
    listing.add_argument("--level", choices=LEVELS, help="only exercises of this level")
    listing.add_argument("--source", action="store_true", help="show the file each came from")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    for name, helptext, handler in (
        ("show", "print an exercise's whole card", run_show),
        ("cues", "print an exercise's form cues and steps", run_cues),
    ):
        parser = subparsers.add_parser(name, help=helptext)
        parser.add_argument("id", help="exercise id, e.g. glute-bridge")
        parser.add_argument("--units", choices=UNIT_CHOICES, help="units for distances")
        parser.set_defaults(handler=handler)


def _usage_error(message: str) -> int:
    print(f"hiptui: error: {message}", file=sys.stderr)
    return 2


def _choice(value: str, vocabulary: tuple[str, ...]) -> str | None:
    lowered = value.lower().strip()
    return lowered if lowered in vocabulary else None


def run_list(args: argparse.Namespace) -> int:
    from hiptui.cli.common import load_content, safe

    muscle = equipment = None
    if args.muscle:
        muscle = _choice(args.muscle, MUSCLES)
        if muscle is None:
            return _usage_error(f"unknown muscle '{args.muscle}'{_hint(args.muscle, MUSCLES)}")
    if args.equipment:
        equipment = _choice(args.equipment, (*EQUIPMENT, "none"))
        if equipment is None:
            hint = _hint(args.equipment, (*EQUIPMENT, "none"))
            return _usage_error(f"unknown equipment '{args.equipment}'{hint}")

    library = load_content(args)
    chosen = []
    for ex in library.ordered():
        if muscle and muscle not in ex.primary_muscles + ex.secondary_muscles:
            continue
        if equipment == "none" and ex.needs_equipment:
            continue
        if equipment and equipment != "none" and not ex.uses_equipment(equipment):
            continue
        if args.level and ex.level != args.level:
            continue
        chosen.append(ex)

    if args.json:
        rows = [
            {
                "id": ex.id,
                "name": ex.name,
                "level": ex.level,
                "category": ex.category,
                "per_side": ex.per_side,
                "primary_muscles": list(ex.primary_muscles),
                "secondary_muscles": list(ex.secondary_muscles),
                "equipment": list(ex.equipment),
                "equipment_one_of": list(ex.equipment_choice),
                "optional_equipment": list(ex.optional_equipment),
                "group": ex.group.value,
                "source": ex.source,
                "path": str(ex.path) if ex.path else None,
            }
            for ex in chosen
        ]
        import json
        import re

        text = json.dumps(rows, indent=2, ensure_ascii=False)
        # json escapes C0 controls itself; file names can also hold C1 controls, bidi
        # overrides and bytes that are not UTF-8 (surrogates): write those as \uXXXX too.
        escape = re.compile(_JSON_UNSAFE)
        sys.stdout.write(escape.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
        return 0

    width = max((len(ex.id) for ex in chosen), default=10)
    for ex in chosen:
        side = "; per side" if ex.per_side else ""
        kit = ", ".join(ex.equipment_words()) or "no equipment"
        line = f"{ex.id:<{width}}  {ex.name} ({ex.level}; {kit}{side})"
        if args.source:
            line += f"\n{'':<{width}}  {ex.group.value}: {ex.path}"
            for old in library.replaced.get(ex.id, []):
                line += f"\n{'':<{width}}  replaces {old}"
        print(safe(line))
    if not chosen:
        print("No exercises match.", file=sys.stderr)
    return 0


def _hint(value: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(value.lower(), list(choices), n=3, cutoff=0.5)
    return f" (did you mean: {', '.join(close)}?)" if close else ""


def unknown_id(library: Library, wanted: str, routines: Mapping[str, Routine] | None = None) -> str:
    """``hiptui: no exercise with id 'X'. Did you mean: a, b?`` (ids and names that are close;
    with ``routines``, their ids and names too, for ``hiptui run``)."""
    import difflib

    names = {ex.name.lower(): ex.id for ex in library.exercises.values()}
    ids = list(library.exercises)
    if routines is not None:
        names.update({routine.name.lower(): routine.id for routine in routines.values()})
        ids += list(routines)
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    close += [
        names[n]
        for n in difflib.get_close_matches(wanted.lower(), list(names), n=3, cutoff=0.5)
        if names[n] not in close
    ]
    hint = f" Did you mean: {', '.join(close)}?" if close else " Try `hiptui list`."
    if not close and routines:
        hint = f" Try `hiptui list` for the exercises; the routines are {', '.join(routines)}."
    what = "exercise or routine" if routines is not None else "exercise"
    return f"hiptui: no {what} with id '{wanted}'.{hint}"


def _card(args: argparse.Namespace, *, cues_only: bool) -> int:
    from hiptui.cli.common import load_content, safe, units_from

    library = load_content(args)
    exercise = library.get(args.id)
    if exercise is None:
        print(safe(unknown_id(library, args.id)), file=sys.stderr)
        return 1
    print_card(exercise, units_from(args), cues_only=cues_only)
    return 0


def print_card(exercise: Exercise, units: str, *, cues_only: bool) -> None:
    """The card (or only its cues, steps and dosage) on stdout, bold headings on a terminal."""
    from hiptui.cli.common import safe, use_style
    from hiptui.cli.output import write_styled
    from hiptui.content.card import card_sections

    # Lines of (text, style) pieces: the styles are hiptui's own, every text is cleaned.
    out: list[list[tuple[str, str | None]]] = [
        [(exercise.name, "bold"), ("  ", None), (exercise.id, "dim")]
    ]
    if not cues_only:
        out.append([(safe(exercise.summary), None)])
    for section in card_sections(exercise, units, cues_only=cues_only):
        out += [[], [(section.title, "bold")]]
        for index, line in enumerate(section.lines, start=1):
            marker = f"{index:>2}. " if section.numbered else "  - "
            out.append([(marker + safe(line).replace("\n", " "), None)])
    if not cues_only and (exercise.art.start or exercise.art.top):
        for label, drawing in (("Start", exercise.art.start), ("Top", exercise.art.top)):
            if drawing:
                out += [[], [(f"{label} position", "bold")], [(safe(drawing), None)]]
    write_styled(out, styled=use_style(sys.stdout))


def quick(arguments: list[str]) -> int | None:
    """``hiptui [--exercises DIR]... show|cues ID [--units U] [--exercises DIR]...`` answered
    without argparse: from the content index, or, when it no longer describes the folders (a
    file was edited), from the library loaded through the cache (which is then rewritten).
    ``None`` when the arguments are anything else or the id is unknown (the caller then parses
    and loads as usual, and suggests ids)."""
    plain = _plain_arguments(arguments)
    if plain is None:
        return None
    command, exercise_id, units, extra = plain
    from hiptui import paths
    from hiptui.cli.common import report_problems
    from hiptui.content.index import CacheIndex, loader_fingerprint

    folders = paths.content_folders_str(extra)
    index = CacheIndex.read(paths.content_cache_str(), loader_fingerprint())
    if index is not None and index.describes(folders):
        exercise = index.exercise(exercise_id)
        problems = index.problems()
    else:
        from pathlib import Path

        from hiptui.content.cache import load_library_cached

        library = load_library_cached([Path(f) for f in folders], Path(paths.content_cache_str()))
        exercise, problems = library.get(exercise_id), library.problems
    if exercise is None:
        return None  # an unknown id gets its suggestions the usual way
    report_problems(problems)
    units = units or _settings_units(paths.settings_str())
    print_card(exercise, units, cues_only=command == "cues")
    return 0


def _plain_arguments(arguments: list[str]) -> tuple[str, str, str | None, list[str]] | None:
    """(command, id, units or None, extra folders) for the shapes :func:`quick` takes."""
    position = 0
    before: list[str] = []
    while position < len(arguments) and arguments[position].startswith("-"):
        folder, position = _exercises_option(arguments, position)
        if folder is None:
            return None
        before.append(folder)
    if position >= len(arguments) or arguments[position] not in ("show", "cues"):
        return None
    command = arguments[position]
    exercise_id = units = None
    after: list[str] = []
    position += 1
    while position < len(arguments):
        token = arguments[position]
        if not token.startswith("-"):
            if exercise_id is not None:
                return None
            exercise_id, position = token, position + 1
        elif token == "--units" or token.startswith("--units="):
            value, position = _option_value(arguments, position, "--units")
            if units is not None or value not in UNIT_CHOICES:
                return None
            units = value
        else:
            folder, position = _exercises_option(arguments, position)
            if folder is None:
                return None
            after.append(folder)
    if exercise_id is None or (before and after):
        return None  # (argparse keeps only the later --exercises: the full path knows how)
    return command, exercise_id, units, before or after


def _exercises_option(arguments: list[str], position: int) -> tuple[str | None, int]:
    return _option_value(arguments, position, "--exercises")


def _option_value(arguments: list[str], position: int, option: str) -> tuple[str | None, int]:
    """The value of ``option`` at ``position`` (``--opt VALUE`` or ``--opt=VALUE``) and the
    position after it; ``None`` when ``arguments[position]`` is something else."""
    token = arguments[position]
    if token.startswith(option + "="):
        return token[len(option) + 1 :], position + 1
    if token != option or position + 1 >= len(arguments):
        return None, position + 1
    value = arguments[position + 1]
    return (None if value.startswith("-") else value), position + 2


def _settings_units(settings_file: str) -> str:
    """The ``units`` setting, as the settings loader reads it (without tomllib for a file of
    plain lines: :mod:`hiptui.store.clock_settings`)."""
    from hiptui.store.clock_settings import read_units

    return read_units(settings_file)


def run_show(args: argparse.Namespace) -> int:
    return _card(args, cues_only=False)


def run_cues(args: argparse.Namespace) -> int:
    return _card(args, cues_only=True)
