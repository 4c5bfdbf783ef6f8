# ruff: noqa: RUF001, RUF002, RUF003  (Arabic, CJK and Turkish letters, on purpose)
"""Full-text search over FTS5: folding, segmenting, safe queries, and what a record is
indexed by.

The index (``search_index``, see :mod:`casebook.schema`) has four columns:

* ``head``: the record's title, the names of its people, the words of its choices
  ("Three Houses", "Developing") and its tags: found like the text but never cut into a
  snippet (a list shows the title once, beside a snippet of the text).
* ``body``: the record's text as written, one part (a field, an action, an addendum) to
  a line, so that a snippet keeps to the line of its match (:func:`part_snippet`);
  tokenised by unicode61 with ``remove_diacritics 2`` (Nguyễn is found by nguyen) and
  with combining marks kept inside words (``categories 'L* N* Co Mn Mc'``), so Arabic
  with harakat, Hebrew with points and Indic scripts stay whole words instead of falling
  apart at every mark.
* ``folded``: words whose folded form unicode61 would not find: letters of their own
  (Ł, ø, đ, ß: ``lukasz`` finds Łukasz), and Arabic spelling variants (hamza forms of
  alef, ta marbuta, alef maqsura, tatweel, harakat: ``الاحمد`` finds ``الأحمد`` and the
  reverse). Query words are folded the same way.
* ``grams``: the scripts written without spaces between words (Chinese, Japanese,
  Korean, Thai, Lao, Khmer, Myanmar), which unicode61 cannot split: each run of them is
  indexed as overlapping two-character tokens (王小明 → ``王小 小明 明``). A query run
  becomes the phrase of its bigrams (小明 → ``"小明"``; 王小明 → ``"王小 小明"``), which
  matches exactly where the run occurs inside running text; one character is a prefix
  query (``"明"*``). Unlike a trigram index, one- and two-character queries (most
  Chinese words and given names) are index lookups, not scans.

User input is never FTS5 syntax: every word becomes a quoted term.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta

from casebook.domain import SNIPPET_END, SNIPPET_START
from casebook.timeutil import parse_time

_FOLD = str.maketrans(
    {
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "TH",
        "þ": "th", "ı": "i",  # the dotless i, on purpose
        "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ƒ": "f", "Ŀ": "L", "ŀ": "l",
        # Arabic: hamza forms of alef and alef wasla → alef; hamza on waw and ya → waw, ya;
        # ta marbuta → ha; alef maqsura → ya; tatweel (kashida) is only stretching.
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي",
        "ـ": "",
    }
)  # fmt: skip
# Marks that search ignores: Arabic harakat and Quranic marks, Hebrew points. fold()
# drops them (they are combining characters); these words go to the folded column.
_IGNORED_MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
)
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + _IGNORED_MARKS + "]")
# A word for the folded column: letters and digits with the marks inside them.
_WORD = re.compile(r"[\w" + _IGNORED_MARKS + "]+")
# Scripts written without spaces between words (their punctuation left out).
_UNSEGMENTED_CHARS = (
    "\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59"  # Thai (not ฿ ๏ ๚ ๛)
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u1049\u1050-\u109d"  # Myanmar (not ၊ ။ ...)
    "\u1780-\u17d3\u17d7\u17dc-\u17ff"  # Khmer (not ។ ៕ ... ៛)
    "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7ff"  # Hangul
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c"  # 々 〆 〇 and CJK numerals
    "\u3041-\u309a\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # kana
    "\u3105-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)
_UNSEGMENTED = re.compile(f"[{_UNSEGMENTED_CHARS}]+")
_SPLIT_UNSEGMENTED = re.compile(f"([{_UNSEGMENTED_CHARS}]+)")
MAX_QUERY_WORDS = 16
# A longer run in a query is cut: its first 24 characters still say where it is.
MAX_QUERY_RUN = 24
# Snippets longer than this are cut around their first match (a run of Chinese or Thai
# is one unicode61 token, so FTS5's "12 tokens" can be a whole page).
SNIPPET_CHARS = 160
# row_key: seconds (clamped to 1900-2150) above 30 bits of record id stays within 63 bits.
_KEY_SECONDS = (-2_208_988_800, 5_680_281_600)
_KEY_ID_BITS = 30
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def fold(text: str) -> str:
    """Fold letters unicode61 keeps apart (Ł→L, ø→o, ß→ss, أ→ا, ة→ه, ى→ي), drop
    tatweel and strip combining marks (harakat, points, accents)."""
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


def grams(text: str) -> str:
    """The ``grams`` column of ``text``: every run of an unsegmented script as
    overlapping bigrams, each run ending with its last character alone.

    The lone last character lets a one-character prefix query find it, and keeps the
    bigrams of two runs from forming a phrase across the gap between them.
    """
    if not _UNSEGMENTED.search(text):
        return ""
    tokens: list[str] = []
    for run in _UNSEGMENTED.findall(text):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def row_key(event_at: str, record_id: int) -> int:
    """The search index rowid of a record: ascending order is newest event first.

    Args:
        event_at: the record's event time (ISO 8601 with its offset).
        record_id: the record's id; breaks ties within a second (highest first).
    """
    seconds = (parse_time(event_at) - _EPOCH) // _SECOND
    seconds = min(max(seconds, _KEY_SECONDS[0]), _KEY_SECONDS[1])
    return -((seconds << _KEY_ID_BITS) + record_id)


def _query_words(query: str) -> list[str]:
    """The words of a query as unicode61 sees them: letters, digits and the marks
    inside them (Python's ``\\w`` would cut Arabic, Thai or Hindi words at each mark)."""
    words: list[str] = []
    word: list[str] = []
    for ch in query:
        if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc", "Co"):
            word.append(ch)
            continue
        if word:
            words.append("".join(word))
            word = []
            if len(words) == MAX_QUERY_WORDS:
                return words
    if word:
        words.append("".join(word))
    return words[:MAX_QUERY_WORDS]


# A search parses its query twice (match_expression, query_runs): the second is free.
# Small on purpose: it saves the repeat within one search, not work across searches.
@functools.lru_cache(maxsize=4)
def _terms(query: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) pieces of a query: ``("run", 小明)`` or ``("word", lily)``."""
    pieces: list[tuple[str, str]] = []
    for word in _query_words(query):
        for i, piece in enumerate(_SPLIT_UNSEGMENTED.split(word)):
            if piece:
                pieces.append(("run", piece[:MAX_QUERY_RUN]) if i % 2 else ("word", piece))
    return tuple(pieces[:MAX_QUERY_WORDS])


def query_runs(query: str) -> list[str]:
    """The runs of unsegmented scripts in a query (for making their snippets)."""
    return [text for kind, text in _terms(query) if kind == "run"]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or None if it has no words.

    Every word is a quoted prefix term (``"lily"*``), so quotes, ``*``, ``-``,
    parentheses, ``NEAR`` and ``AND`` are just text; a word with letters the index
    folds also matches its folded form. A run of Chinese, Thai ... is the phrase of its
    bigrams in the ``grams`` column. Everything is ANDed.
    """
    terms = []
    for kind, text in _terms(query):
        if kind == "run":
            if len(text) == 1:
                terms.append(f'grams : "{text}"*')
            else:
                pairs = " ".join(text[i : i + 2] for i in range(len(text) - 1))
                terms.append(f'grams : "{pairs}"')
            continue
        plain = text.lower()
        term = f'"{plain}"*'
        if _FOLDABLE.search(plain):
            folded = fold(plain)
            if folded and folded != plain:
                term = f'({term} OR "{folded}"*)'
        terms.append(term)
    return " AND ".join(terms) if terms else None


def runs_snippet(body: str, runs: list[str]) -> str | None:
    """A snippet of ``body`` around the first place one of ``runs`` occurs, each
    occurrence marked; None when none occurs as typed (then FTS5's snippet is used)."""
    found = [(body.find(run), run) for run in runs]
    found = [(at, run) for at, run in found if at >= 0]
    if not found:
        return None
    at, run = min(found)
    start = max(0, at - SNIPPET_CHARS // 4)
    end = min(len(body), at + len(run) + SNIPPET_CHARS // 2)
    window = body[start:end]
    pattern = re.compile("|".join(re.escape(r) for r in sorted(set(runs), key=len, reverse=True)))
    marked = pattern.sub(lambda m: f"{SNIPPET_START}{m.group()}{SNIPPET_END}", window)
    return ("…" if start else "") + marked + ("…" if end < len(body) else "")


def part_snippet(snippet: str) -> str:
    """The line of an FTS5 snippet that holds the most matches (the first of equals).

    FTS5 cuts its window out of the body without regard to the lines, so it ran from
    one part of a record into the next ("…sad.\nKeeps to the plan"). A line that does
    not reach the window's edge is a whole part, so it carries no ellipsis of its own.
    A snippet with no match (the record was found by its head) stays as it is.
    """
    lines = snippet.split("\n")
    marked = [line.count(SNIPPET_START) for line in lines]
    if len(lines) == 1 or not any(marked):
        return snippet
    return lines[marked.index(max(marked))]


def clip_snippet(snippet: str, width: int = SNIPPET_CHARS) -> str:
    """``snippet`` cut to about ``width`` characters around its first match, keeping
    every match mark paired."""
    if len(snippet) <= width:
        return snippet
    first = snippet.find(SNIPPET_START)
    start = max(0, first - width // 4) if first >= 0 else 0
    clipped = snippet[start : start + width]
    if clipped.rfind(SNIPPET_END) < clipped.rfind(SNIPPET_START):
        clipped += SNIPPET_END  # a match cut at the end
    if clipped.find(SNIPPET_END) < clipped.find(SNIPPET_START) or (
        SNIPPET_END in clipped and SNIPPET_START not in clipped
    ):
        clipped = SNIPPET_START + clipped  # a match cut at the start
    return ("" if start == 0 else "…") + clipped + ("…" if start + width < len(snippet) else "")
