"""Timestamps as the store keeps them: ISO 8601 UTC text with second precision
(``2024-05-01T18:30:05Z``), so they sort as text and read the same in the database, the JSON
export and the records. Only the standard library's ``datetime`` (``hiptui status`` imports
this)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def format_timestamp(moment: datetime) -> str:
    """``moment`` as stored: UTC, whole seconds, ``Z`` suffix. Naive times are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Times outside these years are refused wherever a timestamp is read (the database, an import,
# the app-opened file): near the ends of what ``datetime`` holds, turning one into local time
# or counting weeks back from it overflows (9999-12-31T23:00:00-05:00 is year 10000 in UTC).
EARLIEST_YEAR, LATEST_YEAR = 1900, 8999
_EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC)
_AFTER_LATEST = datetime(LATEST_YEAR + 1, 1, 1, tzinfo=UTC)


def parse_timestamp(text: object) -> datetime:
    """A stored timestamp back as an aware UTC ``datetime`` (a time without a zone is taken as
    UTC). ``ValueError``, with a message fit to show, for anything that is not an ISO 8601
    time from the years 1900 to 8999."""
    if not isinstance(text, str):
        raise ValueError(f"expected a time, got {type(text).__name__}")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise ValueError(f"{shown!r} is not an ISO 8601 time") from None  # repr escapes controls
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        moment = _AFTER_LATEST if moment.year > EARLIEST_YEAR else _EARLIEST - timedelta(1)
    if not _EARLIEST <= moment < _AFTER_LATEST:
        raise ValueError(f"{text} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")
    return moment


def parse_optional_timestamp(text: object) -> datetime | None:
    return None if text is None else parse_timestamp(text)
