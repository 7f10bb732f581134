"""Reading typed fields out of a history export (parsed JSON), collecting a :class:`Problem` for
each bad one. :mod:`hiptui.store.history_import` reads an export with it.

Locations are written the way a user finds them in the file: ``sessions[3].sets[0].reps``.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from hiptui.content.load import LOAD_UNITS, Load
from hiptui.content.models import Problem
from hiptui.content.text import describe_char, first_unsafe_char
from hiptui.store.records import MAX_LOAD, MAX_TEXT, parse_timestamp
from hiptui.store.rows import dump_json
from hiptui.store.stamps import EARLIEST_YEAR, LATEST_YEAR

MAX_PROBLEMS = 50
_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class TooManyProblems(Exception):
    pass


class ExportFieldReader:
    """Reads fields of a history export, collecting a problem for each bad one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, None, f"{where}: {message}" if where else message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def table(self, value: object, where: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(where, f"expected an object, got {kind_of(value)}")
        return None

    def items(
        self, data: dict[str, Any], key: str, *, required: bool, where: str = ""
    ) -> list[Any]:
        location = f"{where}.{key}" if where else key
        if key not in data:
            if required:
                self.fail(location, "missing")
            return []
        value = data[key]
        if isinstance(value, list):
            return value
        self.fail(location, f"expected a list, got {kind_of(value)}")
        return []

    def text(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        *,
        default: str | None = None,
        required: bool = True,
        nullable: bool = False,
        newlines: bool = False,
    ) -> str | None:
        if key not in data and not required:
            return default
        value = data.get(key)
        if value is None and nullable and key in data:
            return None
        if not isinstance(value, str):
            self.fail(
                f"{where}.{key}",
                "missing" if key not in data else f"expected text, got {kind_of(value)}",
            )
            return default
        if len(value) > MAX_TEXT:
            self.fail(f"{where}.{key}", f"is longer than {MAX_TEXT} characters")
            return default
        bad = first_unsafe_char(value, allow_newlines=newlines)
        if bad is not None:
            self.fail(f"{where}.{key}", f"contains a control character ({describe_char(bad)})")
            return default
        return value

    def uid(self, data: dict[str, Any], where: str) -> str:
        value = data.get("id")
        if isinstance(value, str) and _UID.match(value):
            return value
        self.fail(f"{where}.id", "expected an id of 1 to 64 letters, digits, '-' or '_'")
        return ""

    def moment(
        self, data: dict[str, Any], key: str, where: str, *, nullable: bool = False
    ) -> datetime | None:
        value = data.get(key)
        if value is None and nullable:
            return None
        expected = "expected an ISO 8601 time with a time zone, like 2024-05-01T18:30:00Z"
        if isinstance(value, str) and len(value) <= 64:
            try:
                if datetime.fromisoformat(value).tzinfo is not None:
                    return parse_timestamp(value)
            except ValueError as error:
                if "outside the years" in str(error):
                    expected = f"expected a time from the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        self.fail(f"{where}.{key}", expected)
        return None

    def whole(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        low: int,
        high: int,
        *,
        nullable: bool = False,
    ) -> int | None:
        value = data.get(key)
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                f"{where}.{key}",
                f"expected a whole number from {low} to {high}, got {kind_of(value)}",
            )
            return None
        return value

    def load(self, data: dict[str, Any], key: str, where: str) -> Load | None:
        """``{"value": 40.0, "unit": "kg"}`` (kg, lb or band), or null or missing: no load."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dict) and set(value) == {"value", "unit"}:
            number, unit = value["value"], value["unit"]
            if (
                not isinstance(number, bool)
                and isinstance(number, int | float)
                and math.isfinite(number)
                and 0 <= number <= MAX_LOAD
                and unit in LOAD_UNITS
            ):
                return Load(float(number), unit)
        self.fail(
            f"{where}.{key}",
            f'expected {{"value": a number from 0 to {MAX_LOAD:g}, "unit": "kg", "lb" or '
            f'"band"}} or null, got {kind_of(value)}',
        )
        return None

    def seconds(self, data: dict[str, Any], key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= 86_400
        ):
            self.fail(
                f"{where}.{key}", f"expected a number of seconds or null, got {kind_of(value)}"
            )
            return None
        return float(value)

    def choice(
        self,
        data: dict[str, Any],
        key: str,
        where: str,
        options: tuple[str, ...],
        *,
        nullable: bool = False,
    ) -> str | None:
        value = data.get(key)
        if value is None and nullable:
            return None
        if value in options:
            return str(value)
        allowed = ", ".join(options) + (" or null" if nullable else "")
        self.fail(f"{where}.{key}", f"expected one of {allowed}, got {kind_of(value)}")
        return None

    def json_object(self, data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            self.fail(f"{where}.{key}", f"expected an object, got {kind_of(value)}")
            return {}
        try:
            dump_json(value)
        except (RecursionError, ValueError):
            self.fail(f"{where}.{key}", "is nested too deeply or holds numbers JSON cannot keep")
            return {}
        found = _unsafe_text(value, f"{where}.{key}")
        if found is not None:
            place, char = found
            self.fail(place, f"contains a control character ({describe_char(char)})")
            return {}
        return value


def _unsafe_text(value: object, where: str) -> tuple[str, str] | None:
    """The first key or text inside ``value`` (a parsed JSON value, of a bounded depth since
    it was dumped already) holding a control character: ``(where, the character)``. Text may
    hold line breaks; keys may not."""
    if isinstance(value, str):
        bad = first_unsafe_char(value, allow_newlines=True)
        return None if bad is None else (where, bad)
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _unsafe_text(item, f"{where}[{index}]")
            if found is not None:
                return found
    if isinstance(value, dict):
        for name, item in value.items():
            bad = first_unsafe_char(str(name))
            if bad is not None:
                return f"{where} (a key)", bad
            found = _unsafe_text(item, f"{where}.{name}")
            if found is not None:
                return found
    return None


def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"
