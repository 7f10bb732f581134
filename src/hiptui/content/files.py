"""Reading a file a user may point hiptui at: bounded in size, UTF-8, every failure one Problem."""

from __future__ import annotations

from pathlib import Path

from hiptui.content.models import Problem


def read_text(path: Path, name: str, *, kind: str, limit: int, too_large: str) -> str | Problem:
    """The text of ``path`` (shown as ``name``), or a Problem: a folder, unreadable, larger
    than ``limit`` bytes (``too_large`` says so), or not UTF-8 (with the line of the bad byte).
    """
    try:
        if path.is_dir():
            return Problem(name, None, f"is a folder, not {kind}")
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return Problem(name, None, f"cannot be read: {error.strerror or error}")
    if len(raw) > limit:
        return Problem(name, None, too_large)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(name, line, f"is not valid UTF-8 (byte {error.start})")
