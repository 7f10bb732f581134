"""The commented starting point that ``hiptui new ID`` writes.

Values are written with tomli-w, so they are always valid TOML; each key gets comment lines
saying what it holds and, where there is one, its vocabulary. Every text that starts with
``TODO`` is for the user to replace; after that the file passes ``hiptui check``.
"""

from __future__ import annotations

import textwrap
from typing import Any

from hiptui.content.models import CATEGORIES, EQUIPMENT, LEVELS, MUSCLES, UNITS

TODO = "TODO"
WIDTH = 96


def _comment(text: str) -> str:
    lines = textwrap.wrap(text, WIDTH - 2, break_on_hyphens=False, break_long_words=False)
    return "".join(f"# {line}\n" for line in lines)


def _value(key: str, value: Any) -> str:
    import tomli_w

    text: str = tomli_w.dumps({key: value})
    return text


def _one_of(words: tuple[str, ...]) -> str:
    return "One of: " + ", ".join(words) + "."


def unfilled_lines(text: str) -> list[int]:
    """The lines of an exercise file (1-based) that still hold a template text: a string that
    starts with ``TODO``. Comments do not count."""
    marker = f'"{TODO}'
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if marker in line and not line.lstrip().startswith("#")
    ]


def name_from_id(exercise_id: str) -> str:
    """``"single-leg-hop"`` -> ``"Single leg hop"``."""
    words = exercise_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def template_text(exercise_id: str) -> str:
    """A complete exercise file for ``exercise_id``, with comments and TODO placeholders."""
    top: list[tuple[str, str, Any]] = [
        (
            "id",
            "Unique id in kebab-case (lower-case words joined by '-'). An exercise with the same "
            "id in an earlier folder (the bundled ones) is replaced by this file.",
            exercise_id,
        ),
        ("name", "The name shown in lists, up to 80 characters.", name_from_id(exercise_id)),
        (
            "summary",
            "One line on what the exercise is and what it is for, up to 300 characters.",
            f"{TODO}: one line on what this exercise is for",
        ),
        ("level", _one_of(LEVELS), "beginner"),
        ("category", _one_of(CATEGORIES), "strength"),
        (
            "per_side",
            "true when each side is trained in turn; reps and times then count per side.",
            False,
        ),
        (
            "source",
            "Where the facts come from: a book, a coach, a web page, or your own practice.",
            f"{TODO}: where this exercise comes from",
        ),
        ("tags", "Extra words the catalog filter matches (optional).", []),
        (
            "steps",
            "The steps, in order. A text can show a distance or angle from [quantities] "
            "below by naming it in braces, like {foot_to_glutes}.",
            [f"{TODO}: the starting position", f"{TODO}: the movement, and how a rep ends"],
        ),
        (
            "cues",
            "Short phrases shown during a set, like 'Squeeze the glutes'.",
            [f"{TODO}: a short form cue"],
        ),
        ("faults", "Common faults and how to fix them (optional).", []),
        ("cautions", "When to stop or take care (optional).", []),
        ("tips", "Anything else worth knowing (optional).", []),
    ]
    tables: list[tuple[str, str, list[tuple[str, str, Any]]]] = [
        (
            "muscles",
            "Primary muscles (at least one) and secondary muscles, each from: "
            + ", ".join(MUSCLES)
            + ".",
            [("primary", "", ["gluteus maximus"]), ("secondary", "", [])],
        ),
        (
            "equipment",
            "Equipment needed (an empty list means none) and equipment that is optional, "
            "each from: " + ", ".join(EQUIPMENT) + ".",
            [("required", "", []), ("optional", "", [])],
        ),
        (
            "dosage",
            "sets, reps and work_seconds are a whole number or [low, high]. A timed exercise "
            "has work_seconds instead of reps. hold_seconds (optional) is a pause at the top; "
            "rest_seconds is the rest between sets.",
            [
                ("sets", "", [2, 3]),
                ("reps", "", [8, 12]),
                ("rest_seconds", "", 60),
                (
                    "defaults",
                    "Values above that are suggestions rather than from your source; remove a "
                    "name from this list once you have set that value yourself.",
                    ["sets", "reps", "rest_seconds"],
                ),
            ],
        ),
    ]
    out = [
        _comment(
            f"A hiptui exercise. Replace every text that starts with {TODO}, then run "
            "`hiptui check` on this file. Lines starting with # are comments. The whole "
            "format is described in docs/content-format.md."
        )
    ]
    for key, note, value in top:
        out.append("\n" + _comment(note) + _value(key, value))
    for table, note, keys in tables:
        out.append(f"\n[{table}]\n" + _comment(note))
        for key, key_note, value in keys:
            out.append((_comment(key_note) if key_note else "") + _value(key, value))
    out.append(
        "\n"
        + _comment(
            "Optional: distances and angles, shown in the user's units. Units: "
            + ", ".join(UNITS)
            + ". Remove the # to use them:"
        )
        + '# [quantities]\n# foot_to_glutes = { low = 12, high = 16, unit = "in" }\n'
        + "\n"
        + _comment("Optional: variations, one [[variations]] table each:")
        + '# [[variations]]\n# name = "Harder"\n'
        + '# text = "Hold a dumbbell across the hips."\n'
    )
    return "".join(out)
