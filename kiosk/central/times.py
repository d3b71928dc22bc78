"""Instants in and out: UTC in the database, ISO 8601 with the community's offset on the wire.

Columns are naive UTC because SQLite has no zone type and PostgreSQL's `timestamp` then compares
the same way; every value is converted here and nowhere else.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

# What the server can count with (a deadline of days added, a month bucket): a kiosk's clock
# may be wrong by years, but not by millennia; outside this, datetime arithmetic overflows.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


class BadInstantError(ValueError):
    """Text that is not an ISO 8601 date or date-time, or one outside EARLIEST..LATEST."""


def to_db(when: datetime) -> datetime:
    if when.utcoffset() is None:
        raise ValueError(f"an instant needs a time zone, got {when!r}")
    return when.astimezone(UTC).replace(tzinfo=None)


def from_db(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime | None, zone: ZoneInfo) -> str | None:
    """'2024-12-04T09:30:00+08:00' (Open311 wants W3C date-times with an offset)."""
    if value is None:
        return None
    return from_db(value).astimezone(zone).isoformat(timespec="seconds")


def parse_instant(text: str, zone: ZoneInfo) -> datetime:
    """An aware instant from ISO 8601; a date or a date-time without offset is community time.
    BadInstantError for garbled text and for instants outside EARLIEST..LATEST."""
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise BadInstantError(f"not an ISO 8601 date-time: {text!r}") from None
    aware = parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=zone)
    if not EARLIEST <= aware < LATEST:
        raise BadInstantError(f"not between {EARLIEST.year} and {LATEST.year - 1}: {text!r}")
    return aware


def end_of_day(created: datetime, days: int, zone: ZoneInfo) -> datetime:
    """The promise the kiosk prints: `days` after the day of `created`, by 23:59:59 local time."""
    day = created.astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, time(23, 59, 59), zone)
