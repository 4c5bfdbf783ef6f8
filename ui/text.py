"""How dates, ages and search snippets are shown. Pure functions, no Qt."""

from __future__ import annotations

import html
from datetime import date, datetime

from notebook import timeutil
from notebook.domain import SNIPPET_END, SNIPPET_START


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


def counted(n: int, noun: str, plural: str = "") -> str:
    """``1 record``, ``2 records``; ``plural`` for nouns that do not take an s."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
