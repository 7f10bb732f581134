"""Timestamps as the store keeps them: ISO 8601 UTC text with second precision
(``2024-05-01T18:30:05Z``), so they sort as text and read the same in the database, the JSON
export and the records. Only the standard library's ``datetime`` (``hiptui status`` imports
this)."""

from __future__ import annotations

from datetime import UTC, datetime


def format_timestamp(moment: datetime) -> str:
    """``moment`` as stored: UTC, whole seconds, ``Z`` suffix. Naive times are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    """A stored timestamp back as an aware UTC ``datetime``."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_optional_timestamp(text: str | None) -> datetime | None:
    return None if text is None else parse_timestamp(text)
