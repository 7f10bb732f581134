"""``hiptui list``, ``hiptui show ID`` and ``hiptui cues ID``: quick look-ups, no Textual."""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from typing import Any

from hiptui.content.models import EQUIPMENT, LEVELS, MUSCLES

UNIT_CHOICES = ("imperial", "metric")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


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
        text = json.dumps(rows, indent=2, ensure_ascii=False)
        # json escapes C0 controls itself; file names can also hold C1 controls, bidi
        # overrides and bytes that are not UTF-8 (surrogates): write those as \uXXXX too.
        sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
        return 0

    width = max((len(ex.id) for ex in chosen), default=10)
    for ex in chosen:
        side = " per side" if ex.per_side else ""
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
    close = difflib.get_close_matches(value.lower(), list(choices), n=3, cutoff=0.5)
    return f" (did you mean: {', '.join(close)}?)" if close else ""


def _card(args: argparse.Namespace, *, cues_only: bool) -> int:
    from hiptui.cli.common import load_content, safe, units_from, use_style
    from hiptui.content.card import card_sections

    library = load_content(args)
    exercise = library.get(args.id)
    if exercise is None:
        names = {ex.name.lower(): ex.id for ex in library.exercises.values()}
        close = difflib.get_close_matches(args.id, list(library.exercises), n=3, cutoff=0.5)
        close += [
            names[n]
            for n in difflib.get_close_matches(args.id.lower(), list(names), n=3, cutoff=0.5)
            if names[n] not in close
        ]
        hint = f" Did you mean: {', '.join(close)}?" if close else " Try `hiptui list`."
        print(safe(f"hiptui: no exercise with id '{args.id}'.{hint}"), file=sys.stderr)
        return 1

    styled = use_style(sys.stdout)
    bold, dim, reset = ("\x1b[1m", "\x1b[2m", "\x1b[0m") if styled else ("", "", "")
    out = [f"{bold}{safe(exercise.name)}{reset}  {dim}{exercise.id}{reset}"]
    if not cues_only:
        out.append(safe(exercise.summary))
    for section in card_sections(exercise, units_from(args), cues_only=cues_only):
        out.append("")
        out.append(f"{bold}{section.title}{reset}")
        for index, line in enumerate(section.lines, start=1):
            marker = f"{index:>2}. " if section.numbered else "  - "
            out.append(marker + safe(line).replace("\n", " "))
    if not cues_only and (exercise.art.start or exercise.art.top):
        for label, drawing in (("Start", exercise.art.start), ("Top", exercise.art.top)):
            if drawing:
                out += ["", f"{bold}{label} position{reset}", safe(drawing)]
    print("\n".join(out))
    return 0


def run_show(args: argparse.Namespace) -> int:
    return _card(args, cues_only=False)


def run_cues(args: argparse.Namespace) -> int:
    return _card(args, cues_only=True)
