"""Times and dates as the notebook stores them: ISO 8601 text, times always with an offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

LATE_AFTER = timedelta(hours=24)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The plausible range of what people enter (docs/input-rules.md): nothing before 1900;
# times and dates of events at most a year ahead of the clock (a mistyped year, not a
# record); planned dates (an action's due date, the next session) at most ten years
# ahead; a birth date never after today.
EARLIEST_YEAR = 1900
EVENT_AHEAD = timedelta(days=366)
PLANNED_AHEAD = timedelta(days=3653)


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


def check_time_range(value: datetime) -> None:
    """Refuse a time outside the plausible range (1900 to a year from now).

    Raises:
        ValueError: in words, naming the range.
    """
    if value.year < EARLIEST_YEAR or value > datetime.now(UTC) + EVENT_AHEAD:
        raise ValueError(
            f"the time must lie between {EARLIEST_YEAR} and a year from now "
            f"({_latest(EVENT_AHEAD)})"
        )


def check_date_range(value: date, kind: str = "event") -> None:
    """Refuse a date outside the plausible range for its kind.

    Args:
        value: the date.
        kind: ``"birth"`` (1900 to today), ``"planned"`` (1900 to ten years from today)
            or ``"event"`` (1900 to a year from today).

    Raises:
        ValueError: in words, naming the range.
    """
    today = date.today()
    if kind == "birth":
        if value > today:
            raise ValueError("a birth date cannot be in the future")
        latest, words = today, "today"
    else:
        ahead = PLANNED_AHEAD if kind == "planned" else EVENT_AHEAD
        latest = today + ahead
        words = "ten years from today" if kind == "planned" else "a year from today"
    if value.year < EARLIEST_YEAR or value > latest:
        raise ValueError(f"the date must lie between {EARLIEST_YEAR} and {words} ({latest})")


def _latest(ahead: timedelta) -> str:
    return (date.today() + ahead).isoformat()


def is_late(event_at: str, written_at: str) -> bool:
    """A record completed (finalised, or last written) more than 24 hours after the event is
    a late entry."""
    return parse_time(written_at) - parse_time(event_at) > LATE_AFTER


def age(born: date, on: date) -> int:
    """Whole years from ``born`` to ``on``: a person's age on that day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
