"""The user's settings: ``settings.toml`` in the config folder.

Loading never fails and never writes: a file that cannot be used gives :class:`Problem`\\ s
(``settings.toml:4: rest_seconds: ...``) and the app runs on defaults for the keys concerned.
The ``[keymap]`` table is checked entry by entry (:mod:`hiptui.bindings.keymap`); an entry that
cannot be used is reported and left out, the others apply.
Saving is atomic (a temporary file in the same folder, flushed to disk, then renamed over the
old one); when the old file had problems it is first kept as ``settings.toml.bak``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hiptui.content.files import file_kind, read_bytes, read_text
from hiptui.content.frozen import Frozen, _set
from hiptui.content.models import Problem
from hiptui.content.text import describe_char, first_unsafe_char, quoted
from hiptui.content.toml_bounds import MAX_FILE_BYTES
from hiptui.content.units import DEFAULT_UNITS
from hiptui.paths import ensure_private_dir
from hiptui.store.clock_settings import (
    BREAK_MINUTES_RANGE,
    DAY_START_HOUR_RANGE,
    DEFAULT_DAY_START_HOUR,
    NotPlain,
    plain_tables,
)
from hiptui.store.errors import StoreError
from hiptui.store.files import atomic_write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hiptui.content.toml_source import KeyLines

DEFAULT_BREAK_MINUTES = 45
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHECKUP_PLAN = "checkup-plan"
SOUND_LEVELS = ("off", "bell", "tones", "voice")
START_SIDES = ("exercise", "left", "right")
LOAD_STEP_KG_RANGE = (0.25, 50.0)
LOAD_STEP_LB_RANGE = (0.5, 100.0)
_NUMBERS = ("load_step_kg", "load_step_lb")  # read as floats: `5` and `5.0` are the same
# Settings hiptui no longer has, read quietly so an older file still loads without a
# complaint: ``bell = false`` becomes ``sound = "off"``; the others are left out
# (``tempo_hold``: tempo holds for the exercise's own hold; ``warn_10s``: the rest's
# 10-second cue is one of the sound cues).
RETIRED = ("bell", "warn_10s", "tempo_hold")
HEADER = (
    "# hiptui settings. Edit here or in the app; unknown keys are reported, not kept.\n"
    '# [keymap] remaps keys, e.g. "catalog.search" = "f6": `hiptui keys` lists the ids.\n\n'
)


class Settings(Frozen):
    """settings.toml as the app uses it (a Frozen value, not a dataclass: hiptui today and
    the other read-only commands never import dataclasses)."""

    __slots__ = FIELDS = (
        "theme", "units", "rest_seconds", "sound", "sound_reps", "lead_in_seconds", "start_side",
        "weaker_side_first", "break_minutes", "tempo_lift", "tempo_lower", "tempo",
        "training_days", "training_routine", "checkup_every_weeks", "keymap", "day_start_hour",
        "notify", "idle", "load_step_kg", "load_step_lb",
    )  # fmt: skip
    theme: str
    units: str  # 'imperial' or 'metric'
    # The rest when an exercise gives none (an exercise's own rest always comes first).
    rest_seconds: int
    # Cues in the runner: "off", "bell" (the terminal bell), "tones" or "voice"
    # (docs/session-runner.md).
    sound: str
    sound_reps: bool  # a short cue for every rep counted (tones and voice)
    # Seconds to get into position before a timed hold or stretch starts counting.
    lead_in_seconds: int
    # Which half of a per-side set comes first: "exercise" (as its steps have it), or always
    # "left" or "right".
    start_side: str
    weaker_side_first: bool  # the side behind by more than 10% in the history first
    # None: follow the latest self-check, or DEFAULT_BREAK_MINUTES without one.
    break_minutes: int | None
    # Tempo mode: seconds to lift and to lower; the hold at the top is the exercise's own.
    tempo_lift: int
    tempo_lower: int
    tempo: bool
    # The weekly plan (docs/weekly-plan.md): the days a session is due, which session, and how
    # many weeks after the last self-check a new one is due.
    training_days: tuple[str, ...]  # "mon" ... "sun", in week order
    # A routine id, or "checkup-plan"; None: the self-check's plan if one is saved, else
    # DEFAULT_TRAINING_ROUTINE.
    training_routine: str | None
    checkup_every_weeks: int
    # [keymap]: binding id -> keys as written ("catalog.search" = "f6"); only usable entries.
    keymap: dict[str, str]
    # The break clock (docs/breaks.md): the hour a new day starts, how a due break reaches
    # you outside the app, and whether the desktop's idle time counts as being away.
    day_start_hour: int
    notify: str  # 'auto', 'osc', 'notify-send', 'bell' or 'off'
    idle: str  # 'auto' (ask the desktop when it can tell) or 'off'
    # The step a loaded exercise's load goes up by (docs/progression.md), in kg and in lb.
    load_step_kg: float
    load_step_lb: float

    def __init__(
        self,
        theme: str = "textual-dark",
        units: str = DEFAULT_UNITS,
        rest_seconds: int = 60,
        sound: str = "bell",
        sound_reps: bool = False,
        lead_in_seconds: int = 5,
        start_side: str = "exercise",
        weaker_side_first: bool = False,
        break_minutes: int | None = None,
        tempo_lift: int = 2,
        tempo_lower: int = 2,
        tempo: bool = False,
        training_days: tuple[str, ...] = (),
        training_routine: str | None = None,
        checkup_every_weeks: int = 4,
        keymap: dict[str, str] | None = None,
        day_start_hour: int = DEFAULT_DAY_START_HOUR,
        notify: str = "auto",
        idle: str = "auto",
        load_step_kg: float = 2.5,
        load_step_lb: float = 5.0,
    ) -> None:
        _set(self, "theme", theme)
        _set(self, "units", units)
        _set(self, "rest_seconds", rest_seconds)
        _set(self, "sound", sound)
        _set(self, "sound_reps", sound_reps)
        _set(self, "lead_in_seconds", lead_in_seconds)
        _set(self, "start_side", start_side)
        _set(self, "weaker_side_first", weaker_side_first)
        _set(self, "break_minutes", break_minutes)
        _set(self, "tempo_lift", tempo_lift)
        _set(self, "tempo_lower", tempo_lower)
        _set(self, "tempo", tempo)
        _set(self, "training_days", training_days)
        _set(self, "training_routine", training_routine)
        _set(self, "checkup_every_weeks", checkup_every_weeks)
        _set(self, "keymap", {} if keymap is None else keymap)
        _set(self, "day_start_hour", day_start_hour)
        _set(self, "notify", notify)
        _set(self, "idle", idle)
        _set(self, "load_step_kg", load_step_kg)
        _set(self, "load_step_lb", load_step_lb)

    def __hash__(self) -> int:  # the keymap (a dict) left out, as the dataclass did
        return hash(tuple([getattr(self, name) for name in self.FIELDS if name != "keymap"]))

    def break_interval(self, from_checkup: int | None = None) -> int:
        """Minutes between sitting breaks: the setting, else the self-check's, else 45."""
        if self.break_minutes is not None:
            return self.break_minutes
        return from_checkup if from_checkup is not None else DEFAULT_BREAK_MINUTES


Check = Callable[[object], str | None]


def _whole(low: int, high: int) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number from {low} to {high}, got {_show(value)}"
        if not low <= value <= high:
            return f"{value} is out of range ({low} to {high})"
        return None

    return check


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, got {_show(value)}"


def _choice(*options: str) -> Check:
    def check(value: object) -> str | None:
        if value in options:
            return None
        listed = " or ".join(f'"{option}"' for option in options)
        return f"expected {listed}, got {_show(value)}"

    return check


def _name(what: str, limit: int, expected: str | None = None) -> Check:
    """A one-line name: not blank, at most ``limit`` characters, no control characters."""

    def check(value: object) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return f"expected {expected or what}, got {_show(value)}"
        if len(value) > limit:
            return f"{what} is at most {limit} characters"
        bad = first_unsafe_char(value)
        return None if bad is None else f"contains a control character ({describe_char(bad)})"

    return check


def _step(low: float, high: float, unit: str) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"expected a number of {unit} from {low:g} to {high:g}, got {_show(value)}"
        if not low <= value <= high:  # NaN is never in range
            return f"{value:g} is out of range ({low:g} to {high:g} {unit})"
        return None

    return check


def _weekdays(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(day, str) for day in value):
        return f'expected a list of days such as ["mon", "thu"], got {_show(value)}'
    unknown = [day for day in value if day not in WEEKDAY_NAMES]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0].lower(), WEEKDAY_NAMES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown day {_show(unknown[0])}{hint}; days are {', '.join(WEEKDAY_NAMES)}"
    if len(set(value)) != len(value):
        return "names a day twice"
    return None


CHECKS: dict[str, Check] = {
    "theme": _name("a theme name", 64),
    "units": _choice("imperial", "metric"),
    "rest_seconds": _whole(0, 1800),
    "sound": _choice(*SOUND_LEVELS),
    "sound_reps": _flag,
    "lead_in_seconds": _whole(0, 15),
    "start_side": _choice(*START_SIDES),
    "weaker_side_first": _flag,
    "break_minutes": _whole(*BREAK_MINUTES_RANGE),
    "tempo_lift": _whole(1, 10),
    "tempo_lower": _whole(1, 10),
    "tempo": _flag,
    "training_days": _weekdays,
    "training_routine": _name("a routine id", 80, f'a routine id or "{CHECKUP_PLAN}"'),
    "checkup_every_weeks": _whole(1, 52),
    "day_start_hour": _whole(*DAY_START_HOUR_RANGE),
    "notify": _choice("auto", "osc", "notify-send", "bell", "off"),
    "idle": _choice("auto", "off"),
    "load_step_kg": _step(*LOAD_STEP_KG_RANGE, "kg"),
    "load_step_lb": _step(*LOAD_STEP_LB_RANGE, "lb"),
}
KEYMAP = "keymap"
assert {*CHECKS, KEYMAP} == set(Settings.FIELDS)
# Settings read from a TOML list and kept as a tuple in week order.
_DAY_LISTS = ("training_days",)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:40] + "..."
        return repr(text)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _default_text(key: str) -> str:
    value = getattr(Settings(), key)
    return "not set" if value is None or value == () else _show(value)


def load_settings(path: Path, *, keymap: bool = True) -> tuple[Settings, list[Problem]]:
    """Read ``path``; a missing file means defaults. Each unusable key falls back to its
    default and is reported with its line; the file itself is never changed.

    ``keymap=False``: the ``[keymap]`` table is left unread (the settings have the default,
    empty keymap, and nothing in it is reported), for a command that binds no keys, such as
    ``hiptui today``: checking it takes the whole binding table."""
    if not path.exists() and not path.is_symlink():
        return Settings(), []
    text = read_text(path, str(path), kind="a TOML file", limit=MAX_FILE_BYTES, too_large="")
    quick = None if isinstance(text, Problem) else _plain_settings(text, str(path), keymap)
    return (quick, []) if quick is not None else _toml_settings(path, keymap)


def _toml_settings(path: Path, with_keymap: bool = True) -> tuple[Settings, list[Problem]]:
    """:func:`load_settings` through the TOML reader, which gives each problem its line."""
    from hiptui.content.toml_fields import MAX_HINTS
    from hiptui.content.toml_source import read_toml

    document = read_toml(path)
    if isinstance(document, Problem):
        return Settings(), [
            Problem(document.path, document.line, f"{document.message}; using default settings")
        ]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    known = [*CHECKS, KEYMAP]
    hints = MAX_HINTS
    for key, value in document.data.items():
        line = document.keys.line((key,))
        if key == KEYMAP and not with_keymap:
            continue
        if key == KEYMAP:
            values[key], found = _read_keymap(value, line, document.keys, str(path))
            problems += found
            continue
        if key in RETIRED:
            if key == "bell" and value is False and "sound" not in document.data:
                values["sound"] = "off"
            continue
        if key not in CHECKS:
            import difflib

            close = difflib.get_close_matches(key, known, n=1) if hints > 0 else []
            hints -= 1
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(str(path), line, f"unknown setting {quoted(key)}{hint}; ignored")
            )
            continue
        error = CHECKS[key](value)
        if error is not None:
            message = f"{key}: {error}; using the default ({_default_text(key)})"
            problems.append(Problem(str(path), line, message))
            continue
        if key in _DAY_LISTS:
            value = _week_order(value)
        values[key] = float(value) if key in _NUMBERS else value
    return Settings(**values), problems


def _plain_settings(text: str, path: str, with_keymap: bool = True) -> Settings | None:
    """The settings of a file of plain lines (as hiptui writes it) in which everything can be
    used as it is, read without tomllib; ``None`` for any other file, which the TOML reader
    then reads and reports on (only it knows the lines)."""
    try:
        tables = plain_tables(text)
    except NotPlain:
        return None
    top = tables[""]
    if tables.keys() - {"", KEYMAP} or KEYMAP in top:
        return None
    values: dict[str, Any] = {}
    for key, value in top.items():
        if key in RETIRED:
            if key == "bell" and value is False and "sound" not in top:
                values["sound"] = "off"
            continue
        if key not in CHECKS or CHECKS[key](value) is not None:
            return None
        if key in _DAY_LISTS:
            value = _week_order(value)  # type: ignore[arg-type]
        values[key] = float(value) if key in _NUMBERS else value  # type: ignore[arg-type]
    if KEYMAP in tables and with_keymap:
        from hiptui.bindings.keymap import KeymapEntry, check_keymap

        entries = [KeymapEntry(key, keys, None) for key, keys in tables[KEYMAP].items()]
        values[KEYMAP], problems = check_keymap(entries, path)
        if problems:
            return None
    return Settings(**values)


def _read_keymap(
    value: object, line: int | None, lines: KeyLines, path: str
) -> tuple[dict[str, str], list[Problem]]:
    if not isinstance(value, dict):
        message = (
            f'keymap: expected a table ([keymap] with "id" = "keys" lines), got {_show(value)}'
        )
        return {}, [Problem(path, line, f"{message}; ignored")]
    # The binding table is imported only for a file with a [keymap] (few have one).
    from hiptui.bindings.keymap import KeymapEntry, check_keymap

    entries = [
        KeymapEntry(str(binding_id), keys, _first_line(lines, (KEYMAP, str(binding_id))))
        for binding_id, keys in value.items()
    ]
    return check_keymap(entries, path)


def _first_line(lines: KeyLines, path: tuple[str, str]) -> int | None:
    """The line of ``path``, or of the first key under it (``keys.x = 1`` makes a table
    ``keys`` that no line names), or of the nearest parent."""
    under = [line for key, line in lines.lines.items() if key[: len(path)] == path]
    return min(under) if under else lines.line(path)


def _week_order(days: list[str]) -> tuple[str, ...]:
    return tuple(sorted(days, key=WEEKDAY_NAMES.index))


def settings_to_toml(settings: Settings) -> str:
    import tomli_w

    data = {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in ((name, getattr(settings, name)) for name in Settings.FIELDS)
        if value is not None and value != ()
    }
    return HEADER + str(tomli_w.dumps(data))


def validate(settings: Settings) -> None:
    """Refuse settings that would not load back (a programming error, not a user's)."""
    for key, check in CHECKS.items():
        value = getattr(settings, key)
        if key in ("break_minutes", "training_routine") and value is None:
            continue
        if isinstance(value, tuple):
            value = list(value)
        error = check(value)
        if error is not None:
            raise ValueError(f"{key}: {error}")
    from hiptui.bindings.keymap import KeymapEntry, check_keymap

    entries = [KeymapEntry(k, v, None) for k, v in settings.keymap.items()]
    _kept, problems = check_keymap(entries, KEYMAP)
    if problems:
        raise ValueError(str(problems[0]))


def save_settings(path: Path, settings: Settings, *, had_problems: bool) -> None:
    """Write ``settings`` to ``path`` atomically; raises :class:`StoreError` on failure.

    ``had_problems``: the current file could not be fully used, so keep it as
    ``<name>.bak`` before replacing it.
    """
    validate(settings)
    text = settings_to_toml(settings)
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(
            str(path.parent), f"cannot create the config folder: {error.strerror or error}"
        ) from error
    try:
        kind = file_kind(os.stat(path).st_mode)
    except OSError:
        kind = None  # nothing there yet (or unreadable: the write below says so)
    if kind is not None:
        raise StoreError(str(path), f"is {kind}, not a settings file; settings not saved")
    backup = path.with_name(path.name + ".bak")
    try:
        if had_problems and path.is_file():
            old = read_bytes(path, str(path), kind="a settings file", limit=MAX_FILE_BYTES,
                             too_large="too large")  # fmt: skip
            if isinstance(old, Problem):
                raise StoreError(str(path), f"{old.message}; settings not saved")
            # Private like the file itself (a plain copy would get the umask's mode, 0644).
            atomic_write(backup, old)
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise StoreError(str(path), f"settings not saved: {error.strerror or error}") from error
