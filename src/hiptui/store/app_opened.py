"""When the app was last opened: one timestamp in a small file beside the database.

Before the day's first break the app counts sitting time from when it was opened. The shell's
``hiptui status`` reads this file to count from the same moment (it never writes anything);
the app writes it when its break clock starts. It is not history: it is not in the database
or the export, and a missing or unreadable file only means "not known".
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hiptui.paths import ensure_private_dir
from hiptui.store.files import atomic_write
from hiptui.store.records import format_timestamp, parse_timestamp

LONGEST = 64  # bytes: a timestamp and a newline, with room to spare


def save_app_opened(path: Path, at: datetime) -> None:
    """Record ``at`` (aware) as the moment the app was opened. Raises ``OSError``."""
    ensure_private_dir(path.parent)
    atomic_write(path, (format_timestamp(at) + "\n").encode("ascii"))


def read_app_opened(path: Path) -> datetime | None:
    """The moment recorded by :func:`save_app_opened`, or ``None`` when there is none that
    reads as a timestamp (missing, unreadable, too long, or not one)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(LONGEST + 1)
    except OSError:
        return None
    if len(raw) > LONGEST:
        return None
    try:
        return parse_timestamp(raw.decode("ascii").strip())
    except ValueError:  # UnicodeDecodeError included
        return None
