"""The bundled content files read with tomllib alone, for the tests that check them against
their sources without depending on the loader."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "exercises"

Span = tuple[int, int]


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def exercise(exercise_id: str) -> dict[str, Any]:
    return load(CONTENT / f"{exercise_id}.toml")


def span(value: int | list[int]) -> Span:
    return (value, value) if isinstance(value, int) else (value[0], value[1])
