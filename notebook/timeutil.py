"""Times and dates as the notebook stores them: ISO 8601 text, times always with an offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

LATE_AFTER = timedelta(hours=24)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def now() -> str:
    """The current local time with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    """Today's local date, ``YYYY-MM-DD``."""
    return date.today().isoformat()


def parse_time(text: str) -> datetime:
    """Parse an ISO 8601 time that carries an offset.

    Raises:
        ValueError: not a time, no offset, or out of range once in UTC.
    """
    if not isinstance(text, str) or not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        raise ValueError("expected a time like 2026-03-04T10:00:00+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("expected a time like 2026-03-04T10:00:00+00:00") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the time needs an offset, e.g. +00:00")
    try:
        value.astimezone(UTC)  # 0001-01-01T00:30+01:00 has no UTC time: refuse it here
    except OverflowError:
        raise ValueError("the time is out of range") from None
    return value


def normalise_time(text: str) -> str:
    """The canonical text of a time: ISO 8601, seconds, its own offset."""
    value = parse_time(text)
    spec = "microseconds" if value.microsecond else "seconds"
    return value.isoformat(timespec=spec)


def utc_key(text: str) -> str:
    """A text that sorts times correctly whatever their offsets."""
    return parse_time(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def parse_date(text: str) -> date:
    """Parse ``YYYY-MM-DD`` strictly.

    Raises:
        ValueError: not a date in that form.
    """
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        raise ValueError("expected a date like 2026-03-02")
    return date.fromisoformat(text)


def is_late(event_at: str, written_at: str) -> bool:
    """A record written more than 24 hours after the event is a late entry."""
    return parse_time(written_at) - parse_time(event_at) > LATE_AFTER


def age_on(born: str, on: date) -> int:
    """Whole years from ``born`` to ``on``."""
    b = parse_date(born)
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))
