"""Words the summary shows for stored values: enums, dates and times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casebook import kinds

KIND = kinds.KIND_LABELS
LOCATION = kinds.CHOICE_LABELS["location"]
ROLE = kinds.CHOICE_LABELS["role"]
REDACTION = {
    "none": "None: names are shown",
    "initials": "Initials: names replaced by initials, dates of birth by ages",
    "pseudonyms": "Pseudonyms: names replaced by roles, dates of birth by ages",
}

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def label(table: dict[str, str], value: Any) -> str:
    """Look a stored value up, falling back to the value itself.

    Args:
        table: One of the tables in this module.
        value: The stored value (usually an enum string).

    Returns:
        The human label, or ``str(value)`` for values the table lacks.
    """
    if value is None:
        return ""
    return table.get(str(value), str(value).replace("_", " "))


def parse_time(value: Any) -> dt.datetime | None:
    """Parse an ISO 8601 time, or return None.

    Args:
        value: A string such as ``2026-03-04T10:00:00+00:00``.

    Returns:
        The time, or None when the value is not a time.
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_day(value: Any) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` date (or the date part of a time), or return None.

    Args:
        value: A string.

    Returns:
        The date, or None.
    """
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def format_day(value: Any) -> str:
    """Show a date as ``4 Mar 2026`` (anything unparsable as given).

    Args:
        value: A ``YYYY-MM-DD`` string or a time string.

    Returns:
        The formatted date, or ``""`` for None.
    """
    day = parse_day(value)
    if day is None:
        return "" if value is None else str(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_time(value: Any) -> str:
    """Show a time as ``4 Mar 2026, 10:00`` with its UTC offset when not zero.

    Args:
        value: An ISO 8601 time string.

    Returns:
        The formatted time, or the value as given when unparsable.
    """
    moment = parse_time(value)
    if moment is None:
        return "" if value is None else str(value)
    text = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return text
    if offset == dt.timedelta(0):
        return text + " UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return text + f" (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def format_when(value: Any) -> str:
    """Show a chronology event's date (``4 Mar 2026``) or time (as :func:`format_time`)."""
    text = str(value or "")
    return format_time(text) if "T" in text else format_day(text)


def format_duration(minutes: Any) -> str:
    """Show a duration in minutes as ``50 min`` or ``1 h 30 min``.

    Args:
        minutes: Whole minutes (int), or None.

    Returns:
        The formatted duration, ``""`` when unknown.
    """
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        return "" if minutes is None else str(minutes)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_size(size: Any) -> str:
    """Show a byte count as ``512 B``, ``14 KB`` or ``2.3 MB``.

    Args:
        size: Bytes (int), or None.

    Returns:
        The formatted size.
    """
    if not isinstance(size, int) or isinstance(size, bool):
        return "" if size is None else str(size)
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
