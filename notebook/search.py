"""Full-text search over FTS5: folding, safe queries, and the text a record is indexed by.

unicode61 with ``remove_diacritics 2`` folds Nguyễn to nguyen but not Łukasz to lukasz
(Ł, ø, đ, ß are letters of their own). Words containing such letters are folded here
and stored in a second column, and query words are folded the same way, so a
practitioner typing "lukasz" finds Łukasz. User input is never FTS5 syntax: every word
becomes a quoted prefix term.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta

from notebook.timeutil import parse_time

_FOLD = str.maketrans(
    {
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "TH",
        "þ": "th", "ı": "i",  # noqa: RUF001 (the dotless i, on purpose)
        "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ƒ": "f", "Ŀ": "L", "ŀ": "l",
    }
)  # fmt: skip
_WORD = re.compile(r"\w+", re.UNICODE)
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
MAX_QUERY_WORDS = 16
# row_key: seconds (clamped to 1900-2150) above 30 bits of record id stays within 63 bits.
_KEY_SECONDS = (-2_208_988_800, 5_680_281_600)
_KEY_ID_BITS = 30
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def fold(text: str) -> str:
    """Fold letters unicode61 keeps apart (Ł→L, ø→o, ß→ss) and strip combining marks."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_extras(text: str) -> str:
    """The folded forms of just those words that unicode61 would not fold itself."""
    # Most texts hold no such letter: one C-level scan says so, instead of a Python
    # loop over every word (this was most of the cost of indexing a record).
    if not _FOLDABLE.search(text):
        return ""
    extras = [fold(word) for word in _WORD.findall(text) if _FOLDABLE.search(word)]
    return " ".join(dict.fromkeys(extras))


def row_key(event_at: str, record_id: int) -> int:
    """The search index rowid of a record: ascending order is newest event first.

    Args:
        event_at: the record's event time (ISO 8601 with its offset).
        record_id: the record's id; breaks ties within a second (highest first).
    """
    seconds = (parse_time(event_at) - _EPOCH) // _SECOND
    seconds = min(max(seconds, _KEY_SECONDS[0]), _KEY_SECONDS[1])
    return -((seconds << _KEY_ID_BITS) + record_id)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or None if it has no words.

    Every word is a quoted prefix term (``"lily"*``), so quotes, ``*``, ``-``,
    parentheses, ``NEAR`` and ``AND`` are just text. Words are ANDed.
    """
    terms = []
    for word in _WORD.findall(query)[:MAX_QUERY_WORDS]:
        plain = word.lower()
        folded = fold(plain)
        term = f'"{plain}"*'
        if folded != plain and folded:
            term = f'({term} OR "{folded}"*)'
        terms.append(term)
    return " AND ".join(terms) if terms else None
