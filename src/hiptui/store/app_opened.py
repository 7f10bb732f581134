"""When the app was last opened: one timestamp in a small file beside the database (before
schema version 2).

Older hiptuis kept the app's start here for ``hiptui status``. The stored sitting timeline
(:mod:`hiptui.store.timeline`) replaces it: the first hiptui that writes the timeline takes the
file's moment in as the day's first sighting (if it is from that day) and removes the file
(:func:`take_app_opened`). A missing or unreadable file only means "not known".
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from hiptui.content.files import read_bytes
from hiptui.content.models import Problem
from hiptui.paths import ensure_private_dir
from hiptui.store.files import atomic_write
from hiptui.store.records import format_timestamp, parse_timestamp

LONGEST = 64  # bytes: a timestamp and a newline, with room to spare


def save_app_opened(path: Path, at: datetime) -> None:
    """Write the file as older hiptuis did, with ``at`` (aware) as the moment the app was
    opened (tests make such files with it). Raises ``OSError``."""
    ensure_private_dir(path.parent)
    atomic_write(path, (format_timestamp(at) + "\n").encode("ascii"))


def read_app_opened(path: Path) -> datetime | None:
    """The moment recorded by :func:`save_app_opened`, or ``None`` when there is none that
    reads as a timestamp (missing, unreadable, too long, or not one)."""
    raw = read_bytes(path, str(path), kind="a timestamp file", limit=LONGEST, too_large="")
    if isinstance(raw, Problem):
        return None
    try:
        return parse_timestamp(raw.decode("ascii").strip())
    except ValueError:  # UnicodeDecodeError included
        return None


def take_app_opened(path: Path) -> datetime | None:
    """The moment left by an older hiptui, if any, and the file removed (best effort)."""
    if not path.is_file():
        return None
    moment = read_app_opened(path)
    with contextlib.suppress(OSError):
        path.unlink()
    return moment
