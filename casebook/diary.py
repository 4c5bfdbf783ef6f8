"""The diary: next sessions and visits planned in records, and overdue actions, together.

A session record's *Next session* date is a visit planned. It is **upcoming** from today
on; once its day has passed it is **overdue** unless the case has a record of an event
on or after that day (the visit happened, or a later one did), in which case it leaves
the diary. Open actions past their due date are listed beside them.

No calendar on a network: :func:`ics_calendar` renders the upcoming visits as an
iCalendar file (RFC 5545) that the practitioner saves on request; each event names the
case reference and the kind of visit, not the people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from casebook.domain import Action

PRODUCT_ID = "-//Casebook//Diary//EN"


@dataclass(frozen=True)
class Visit:
    """A next session or visit planned in a record."""

    day: str  # YYYY-MM-DD
    case_ref: str
    record_id: str  # the record that planned it
    title: str  # the planning record's title ("Session with Mark Smith")
    overdue: bool


@dataclass(frozen=True)
class Diary:
    """What the diary shows for a period: visits (overdue first, then by day) and overdue
    actions."""

    start: str | None
    end: str | None
    visits: tuple[Visit, ...]
    overdue_actions: tuple[Action, ...]


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def planned_visits(
    rows: Iterable[tuple[str, str, str, str]],
    last_event_day: dict[str, str],
    today: date,
) -> list[Visit]:
    """Visits from ``(day, case_ref, record_id, title)`` rows; a past one is overdue unless
    its case has an event on or after its day (``last_event_day``: case -> latest day)."""
    visits = []
    for day, ref, record_id, title in rows:
        if day >= today.isoformat():
            visits.append(Visit(day, ref, record_id, title, overdue=False))
        elif last_event_day.get(ref, "") < day:
            visits.append(Visit(day, ref, record_id, title, overdue=True))
    return sorted(visits, key=lambda v: (not v.overdue, v.day, v.case_ref))


def in_period(visits: Sequence[Visit], start: date | None, end: date | None) -> list[Visit]:
    """The visits of ``start``..``end`` (inclusive), and every overdue one."""
    return [
        v
        for v in visits
        if v.overdue
        or (
            (start is None or v.day >= start.isoformat())
            and (end is None or v.day <= end.isoformat())
        )
    ]


def ics_text(value: str) -> str:
    """Text as an iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
    line breaks escaped, control characters dropped (they cannot be written)."""
    out = []
    for char in value.replace("\r\n", "\n"):
        if char == "\\":
            out.append("\\\\")
        elif char in ";,":
            out.append("\\" + char)
        elif char in "\n\r":
            out.append("\\n")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            continue
        else:
            out.append(char)
    return "".join(out)


def _fold(line: str) -> list[str]:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a character."""
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return [parts[0]] + [" " + p for p in parts[1:]]


def ics_calendar(visits: Sequence[Visit], stamp: datetime, kind_label: str = "Session") -> bytes:
    """The upcoming ``visits`` as an iCalendar file: one all-day event each, named by the
    case reference (no person's name); ``stamp`` is DTSTAMP (UTC)."""
    utc = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN"]
    for visit in visits:
        if visit.overdue:
            continue
        day = date.fromisoformat(visit.day)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{visit.record_id}-{day:%Y%m%d}@casebook.invalid",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_text(f'{kind_label}: case {visit.case_ref}')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line)).encode("utf-8")
