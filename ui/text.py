"""How dates, ages and search snippets are shown. Pure functions, no Qt."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from casebook import timeutil
from casebook.domain import SNIPPET_END, SNIPPET_START


def local(iso: str | None) -> datetime | None:
    """An ISO 8601 time as a local, aware datetime (None when empty or unreadable)."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone()


def when(iso: str | None) -> str:
    """``Thu 5 Mar 2025, 13:15``."""
    value = local(iso)
    if value is None:
        return ""
    return f"{value:%a} {value.day} {value:%b %Y, %H:%M}"


def day(iso: str | None) -> str:
    """``5 Mar 2025`` for a date or a time."""
    if not iso:
        return ""
    try:
        value = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{value.day} {value:%b %Y}"


def age(born: str | None, on: date | None = None) -> int | None:
    """Whole years from ``born`` (``YYYY-MM-DD``) to ``on`` (today)."""
    if not born:
        return None
    try:
        b = date.fromisoformat(born)
    except ValueError:
        return None
    on = on or date.today()
    return timeutil.age(b, on)


def snippet_html(snippet: str) -> str:
    """A search snippet as HTML: the user's text escaped, the matched words in bold."""
    out: list[str] = []
    bold = False
    piece: list[str] = []
    for ch in snippet:
        if ch in (SNIPPET_START, SNIPPET_END):
            text = html.escape("".join(piece))
            out.append(f"<b>{text}</b>" if bold and text else text)
            piece = []
            bold = ch == SNIPPET_START
        else:
            piece.append(ch)
    text = html.escape("".join(piece))
    out.append(f"<b>{text}</b>" if bold and text else text)
    return "".join(out).replace("\n", " ")


def now_iso() -> str:
    """Now, local time with offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def file_size(size: int) -> str:
    """``812 bytes``, ``640 KB`` or ``4.2 MB``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAY = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{4}|\d{2})$", re.I
)
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})$", re.I)
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.I)
_TIME_DIGITS = re.compile(r"^(\d{2})(\d{2})$")


def _year(text: str, today: date) -> int:
    """A two-digit year is this century's unless that is more than ten years ahead."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if 2000 + year <= today.year + 10 else 1900
    return year


def parse_typed_date(text: str, today: date | None = None) -> date | None:
    """A date as people type it: ``30/09/2016`` (day first), ``2016-09-30``,
    ``30 Sep 2016``, ``30 September 2016``, ``Sep 30, 2016``, ``Fri 30 Sep 2016``;
    None when ``text`` is no date."""
    today = today or date.today()
    text = _WEEKDAY.sub("", " ".join(text.split()))
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC_DATE.match(text):
            return date(_year(match[3], today), int(match[2]), int(match[1]))
        if (match := _DAY_MONTH.match(text)) and match[2].lower() in _MONTH_NAMES:
            return date(_year(match[3], today), _MONTH_NAMES[match[2].lower()], int(match[1]))
        if (match := _MONTH_DAY.match(text)) and match[1].lower() in _MONTH_NAMES:
            return date(int(match[3]), _MONTH_NAMES[match[1].lower()], int(match[2]))
    except ValueError:  # 31 Feb, month 13
        return None
    return None


def parse_typed_time(text: str) -> tuple[int, int] | None:
    """A time of day as people type it: ``14:30``, ``14.30``, ``1430``, ``2:30 pm``,
    ``2pm``; (hour, minute) or None."""
    text = text.strip()
    if match := _TIME_DIGITS.match(text):
        hour, minute, half = int(match[1]), int(match[2]), None
    elif match := _TIME.match(text):
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if match[2] is None and half is None:
            return None  # "9" alone: too easily a slip
    else:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def show_day(value: date) -> str:
    """``30 Sep 2016``: how a typed date is shown back once it is read."""
    return f"{value.day} {value:%b %Y}"


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 record``, ``3 records``, ``1 person``, ``2 people``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
