"""Reading another app's CSV export of sets (Strong's, or Hevy's) as history records.

The layout is told by the header row: Strong's columns (``Date``, ``Workout Name``,
``Exercise Name``, ``Set Order``, ...; separated by ``;``, or by ``,`` as older Strong
versions wrote them) or Hevy's (``title``, ``start_time``, ``exercise_title``, ``set_index``,
...). Each row is one set; the rows of one workout (its start and name) are one session.
Exercise names that match an exercise hiptui knows (by name or id, with or without a trailing
``(Barbell)``-like part) take its id; the others keep their own name under an id made of it.

Like the JSON import (:mod:`hiptui.store.history_import`), everything is checked first: any
problem (``FILE.csv:12: Reps: expected a whole number from 0 to 100000, got 'ten'``) and
nothing is imported. A session's id is made from its start and name, so importing the same
file again adds nothing; a session already in the history with the same start and name (the
file came from this history's own CSV export) takes the sets into that session.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from hiptui.content.files import decode_text, read_bytes
from hiptui.content.load import Load, LoadUnit
from hiptui.content.models import Problem
from hiptui.content.text import describe_char, first_unsafe_char
from hiptui.store.db import Database
from hiptui.store.export_fields import MAX_PROBLEMS
from hiptui.store.history_import import ImportSummary
from hiptui.store.records import MAX_LOAD, MAX_TEXT, SessionRecord, SetRecord
from hiptui.store.stamps import EARLIEST_YEAR, LATEST_YEAR
from hiptui.store.strong_csv import WEIGHT_UNITS, next_day_pain, rir_of, split_notes

MAX_CSV_BYTES = 32 * 1024 * 1024
MAX_ROWS = 500_000
MAX_SET_NUMBER = 10_000
MAX_REPS = 100_000
MAX_SECONDS = 86_400
_FORMULA_START = ("=", "+", "-", "@")
# Rows of a Strong export that are not sets.
_NOT_SETS = ("rest timer",)

_STRONG_NEEDS = ("Date", "Workout Name", "Exercise Name", "Set Order", "Reps")
_HEVY_NEEDS = ("title", "start_time", "exercise_title", "set_index", "reps")
_STRONG_DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d")
_HEVY_DATES = ("%d %b %Y, %H:%M", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
_DURATION = re.compile(
    r"^\s*(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?\s*(?:(\d{1,5})\s*s)?\s*$"
)
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*$")
_NOT_WORD = re.compile(r"[\W_]+")


class _TooMany(Exception):
    pass


def normal_name(name: str) -> str:
    """A name as names are compared: case folded, runs of anything but letters and digits
    one space ("Hip-thrust" and "hip thrust" are one name)."""
    return _NOT_WORD.sub(" ", name.casefold()).strip()


def known_exercises(exercises: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``(id, name)`` of the exercises hiptui knows as what :func:`exercise_id_for` looks
    names up in: each normal name, then each id, to its id (the first one wins)."""
    pairs = list(exercises)
    known: dict[str, str] = {}
    for exercise_id, name in pairs:
        known.setdefault(normal_name(name), exercise_id)
    for exercise_id, _name in pairs:
        known.setdefault(normal_name(exercise_id), exercise_id)
    return known


def exercise_id_for(name: str, known: Mapping[str, str]) -> str:
    """The id of the exercise ``name`` names: an id in ``known`` (normal name or id -> id) if
    it matches, also without a trailing ``(...)``; else an id made of the name (``imported-``
    first if that id is one hiptui knows by another name)."""
    for candidate in (name, _PARENTHESES.sub("", name)):
        found = known.get(normal_name(candidate))
        if found is not None:
            return found
    made = normal_name(name).replace(" ", "-") or "exercise"
    return f"imported-{made}" if made in known.values() else made


@dataclass
class _Session:
    name: str
    started_at: datetime
    ended_at: datetime
    key: str
    pain_next_day: int | None = None
    sets: list[SetRecord] = field(default_factory=list)
    noted: set[str] = field(default_factory=set)  # exercises whose notes were taken already


class _Reader:
    """One CSV file's rows as sessions, with a problem for each bad cell."""

    def __init__(self, path: str, known: Mapping[str, str], tz: tzinfo | None) -> None:
        self.path = path
        self.known = known
        self.tz = tz
        self.problems: list[Problem] = []
        self.sessions: dict[tuple[str, str], _Session] = {}
        self._line = 0

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.path, self._line, f"{column}: {message}"))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    # -- cells --------------------------------------------------------------------------------

    def text(self, row: Mapping[str, str], column: str, *, required: bool = False,
             newlines: bool = False) -> str:  # fmt: skip
        value = (row.get(column) or "").strip()
        if value[:1] == "'" and value[1:2] in _FORMULA_START:
            value = value[1:]  # the quote an export puts before what a spreadsheet would run
        if required and not value:
            self.fail(column, "is empty")
        elif len(value) > MAX_TEXT:
            self.fail(column, f"is longer than {MAX_TEXT} characters")
            return ""
        bad = first_unsafe_char(value, allow_newlines=newlines)
        if bad is not None:
            self.fail(column, f"contains a control character ({describe_char(bad)})")
            return ""
        return value

    def number(self, row: Mapping[str, str], column: str, high: float) -> float | None:
        value = (row.get(column) or "").strip()
        if not value:
            return None
        try:
            found = float(value.replace(",", ".")) if len(value) <= 32 else math.nan
        except ValueError:
            found = math.nan
        if not math.isfinite(found) or not 0 <= found <= high:
            self.fail(column, f"expected a number from 0 to {high:g}, got {_shown(value)}")
            return None
        return found

    def whole(self, row: Mapping[str, str], column: str, low: int, high: int) -> int | None:
        value = (row.get(column) or "").strip()
        if value.endswith(".0"):  # some exports write whole numbers as 10.0
            value = value[:-2]
        if not (
            value.isascii() and value.isdigit() and len(value) <= 9 and low <= int(value) <= high
        ):
            self.fail(column, f"expected a whole number from {low} to {high}, got {_shown(value)}")
            return None
        return int(value)

    def moment(
        self, row: Mapping[str, str], column: str, formats: tuple[str, ...]
    ) -> datetime | None:
        value = (row.get(column) or "").replace("\u202f", " ").strip()
        if len(value) <= 40:
            for pattern in formats:
                try:
                    found = datetime.strptime(value, pattern)
                except ValueError:
                    continue
                if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
                    break
                local = found.replace(tzinfo=self.tz) if self.tz is not None else found.astimezone()
                return local.astimezone(UTC).replace(microsecond=0)
        example = datetime(2024, 5, 1, 18, 30).strftime(formats[0])
        self.fail(column, f"expected a date and time like {example!r}, got {_shown(value)}")
        return None

    def rir(self, row: Mapping[str, str], column: str) -> int | None:
        value = (row.get(column) or "").strip()
        if not value:
            return None
        rpe = self.number(row, column, 10)
        if rpe is None:
            return None
        if rpe < 1:
            self.fail(column, f"expected an RPE from 1 to 10, got {_shown(value)}")
            return None
        return rir_of(rpe)

    # -- rows ---------------------------------------------------------------------------------

    def session(self, started: datetime, name: str, ended: datetime | None) -> _Session:
        key = (started.isoformat(), name)
        found = self.sessions.get(key)
        if found is None:
            found = _Session(name, started, max(ended or started, started), "\n".join(key))
            self.sessions[key] = found
        elif ended is not None and ended > found.ended_at:
            found.ended_at = ended
        return found

    def add(self, session: _Session, exercise: str, number: int, side: str | None, reps: int,
            work: float | None, load: Load | None, rir: int | None, pain: int | None,
            discomfort: bool, note: str | None) -> None:  # fmt: skip
        session.sets.append(
            SetRecord(
                id=0, session_id=0, exercise_id=exercise_id_for(exercise, self.known),
                exercise_name=exercise, set_number=number, side=side, reps=reps,
                hold_seconds=None, work_seconds=work or None, discomfort=discomfort, note=note,
                started_at=None, completed_at=session.started_at, load=load, rir=rir, pain=pain,
            )
        )  # fmt: skip

    def strong_row(self, row: Mapping[str, str]) -> None:
        if (row.get("Set Order") or "").strip().casefold() in _NOT_SETS:
            return
        before = len(self.problems)
        started = self.moment(row, "Date", _STRONG_DATES)
        name = self.text(row, "Workout Name")
        exercise = self.text(row, "Exercise Name", required=True)
        number = self.whole(row, "Set Order", 1, MAX_SET_NUMBER)
        weight = self.number(row, "Weight", MAX_LOAD)
        unit_text = self.text(row, "Weight Unit").casefold()
        unit = WEIGHT_UNITS.get(unit_text or "kg")
        if unit is None:
            self.fail("Weight Unit", f"expected kg or lbs, got {_shown(unit_text)}")
        reps = self.whole(row, "Reps", 0, MAX_REPS) if (row.get("Reps") or "").strip() else 0
        rir = self.rir(row, "RPE")
        seconds = self.number(row, "Seconds", MAX_SECONDS)
        notes = split_notes(self.text(row, "Notes", newlines=True))
        workout_notes = self.text(row, "Workout Notes", newlines=True)
        duration = _duration(row.get("Workout Duration") or row.get("Duration") or "")
        if len(self.problems) > before or started is None or number is None or reps is None:
            return
        load: Load | None = None
        if notes.band is not None:
            load = Load(notes.band, "band")
        elif weight and unit is not None:
            load = Load(weight, unit)  # type: ignore[arg-type]
        session = self.session(started, name, None if duration is None else started + duration)
        session.pain_next_day = session.pain_next_day or next_day_pain(workout_notes)
        self.add(session, exercise, number, notes.side, reps, seconds, load, rir, notes.pain,
                 notes.discomfort, notes.note)  # fmt: skip

    def hevy_row(self, row: Mapping[str, str]) -> None:
        before = len(self.problems)
        started = self.moment(row, "start_time", _HEVY_DATES)
        ended = self.moment(row, "end_time", _HEVY_DATES) if row.get("end_time") else None
        name = self.text(row, "title")
        exercise = self.text(row, "exercise_title", required=True)
        index = self.whole(row, "set_index", 0, MAX_SET_NUMBER - 1)
        kind = self.text(row, "set_type").casefold()
        weight_column = "weight_lbs" if "weight_lbs" in row else "weight_kg"
        weight = self.number(row, weight_column, MAX_LOAD)
        reps = self.whole(row, "reps", 0, MAX_REPS) if (row.get("reps") or "").strip() else 0
        rir = self.rir(row, "rpe")
        seconds = self.number(row, "duration_seconds", MAX_SECONDS)
        exercise_notes = self.text(row, "exercise_notes", newlines=True)
        if len(self.problems) > before or started is None or index is None or reps is None:
            return
        session = self.session(started, name, ended)
        parts = []
        if exercise_notes and exercise not in session.noted:
            parts.append(exercise_notes)  # the exercise's note, on its first set only
            session.noted.add(exercise)
        if kind and kind != "normal":
            parts.append(kind)  # warmup, failure, dropset
        unit: LoadUnit = "lb" if weight_column == "weight_lbs" else "kg"
        load = Load(weight, unit) if weight else None
        self.add(session, exercise, index + 1, None, reps, seconds, load, rir, None, False,
                 "; ".join(parts) or None)  # fmt: skip

    def read(self, rows: Iterator[dict[str, str]], lines: Callable[[], int], hevy: bool) -> None:
        handle = self.hevy_row if hevy else self.strong_row
        count = 0
        try:
            while True:
                self._line = lines() + 1
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as error:
                    self.fail("CSV", str(error))
                    return
                count += 1
                if count > MAX_ROWS:
                    self.fail("CSV", f"more than {MAX_ROWS} rows")
                    return
                if None in row:  # more cells than the header has columns
                    self.fail("CSV", "the row has more cells than the header has columns")
                    continue
                handle(row)
        except _TooMany:
            self.problems.append(Problem(self.path, None, f"stopped after {MAX_PROBLEMS} problems"))


def _duration(text: str) -> timedelta | None:
    """Strong's workout duration (``1h 5m``, ``45m``, ``50s``), else ``None``."""
    found = _DURATION.match(text) if text.strip() else None
    if found is None or not any(found.groups()):
        return None
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...") if value else "nothing"


@dataclass(frozen=True)
class ParsedCsv:
    layout: str  # "strong" or "hevy"
    sessions: list[SessionRecord]


def parse_csv(text: str, *, path: str, known: Mapping[str, str], tz: tzinfo | None = None
              ) -> ParsedCsv | list[Problem]:  # fmt: skip
    """The sessions of a Strong or Hevy CSV export, or every problem found (up to 50).

    ``known``: normal exercise name (:func:`normal_name`) or id -> id, for the exercises
    hiptui knows; ``tz``: the time zone the file's times are in (``None``: this computer's).
    """
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    raw = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(raw)]
    except (StopIteration, csv.Error):
        header = []
    if all(column in header for column in _STRONG_NEEDS):
        layout = "strong"
    elif all(column in header for column in _HEVY_NEEDS):
        layout = "hevy"
    else:
        strong, hevy = ", ".join(_STRONG_NEEDS), ", ".join(_HEVY_NEEDS)
        message = f"the first line names neither {strong} nor {hevy}"
        return [Problem(path, 1, f"is not a Strong or Hevy CSV export: {message}")]
    if len(set(header)) != len(header):
        return [Problem(path, 1, "the header names a column twice")]
    reader = _Reader(path, known, tz)
    rows = _dict_rows(raw, header)
    reader.read(rows, lambda: raw.line_num, layout == "hevy")
    if reader.problems:
        return reader.problems
    sessions = [
        SessionRecord(
            id=0, uid=_uid(layout, found.key), name=found.name, routine_id=None, plan={},
            state=None, started_at=found.started_at, ended_at=found.ended_at,
            status="completed", sets=tuple(found.sets), pain_next_day=found.pain_next_day,
        )
        for found in reader.sessions.values()
    ]  # fmt: skip
    return ParsedCsv(layout, sessions)


def _dict_rows(raw: Iterator[list[str]], header: list[str]) -> Iterator[dict[str, str]]:
    for cells in raw:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        row = dict(zip(header, cells, strict=False))
        if len(cells) > len(header):
            row[None] = ""  # type: ignore[index]
        yield row


def _uid(layout: str, key: str) -> str:
    return hashlib.sha256(f"{layout}\n{key}".encode()).hexdigest()[:32]


def import_csv_history(db: Database, text: str, *, path: str, known: Mapping[str, str],
                       tz: tzinfo | None = None) -> ImportSummary | list[Problem]:  # fmt: skip
    """Add a Strong or Hevy CSV export's sessions to ``db`` in one transaction, skipping the
    sets already there; a file with any problem writes nothing and returns the problems. A
    session already in the history with the same start and name takes the file's sets (so a
    history's own CSV export imports into it as nothing new)."""
    parsed = parse_csv(text, path=path, known=known, tz=tz)
    if isinstance(parsed, list):
        return parsed
    sessions = []
    for session in parsed.sessions:
        there = db.session_uid(session.started_at, session.name)
        sessions.append(session if there is None else session.replace(uid=there))
    counts = db.merge(sessions)
    return ImportSummary(
        sessions_added=counts.sessions_added,
        sets_added=counts.sets_added,
        checkups_added=0,
        breaks_added=0,
        skipped=counts.skipped,
    )


def load_csv_file(path: Path, display: str | None = None) -> str | Problem:
    """The text of a CSV file (UTF-8; a byte order mark, as spreadsheets write, is dropped)."""
    name = display if display is not None else str(path)
    raw = read_bytes(path, name, kind="a CSV file", limit=MAX_CSV_BYTES,
                     too_large=f"is larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB")  # fmt: skip
    if isinstance(raw, Problem):
        return raw
    return decode_text(raw.removeprefix(b"\xef\xbb\xbf"), name)
