"""What in one string of a summary may identify someone: names, titles and family words,
phone numbers, postcodes, e-mail addresses, addresses and places, words of another script.

:func:`find_spans` is the finder of the redaction review (:mod:`casebook.summary.review`),
which says how it judges (a capitalised word that is not a common or known-safe word, and
so on); the known-safe words are in ``resources/review``.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from casebook import kinds, paths

# What a candidate looks like.
NAME = "name"
TITLE_AND_NAME = "title and name"
FAMILY_WORD = "family word"
PHONE = "phone number"
POSTCODE = "postcode"
EMAIL = "e-mail address"
ADDRESS = "address"
PLACE = "place"
OTHER_SCRIPT = "other script"


def find_spans(text: str) -> list[tuple[int, int, str]]:
    """The candidates in one string, as ``(start, end, kind)``, in text order.

    Args:
        text: One string of the summary.

    Returns:
        Spans that do not overlap; a more specific finding (an e-mail address, a phone
        number, a postcode, an address, a title and name, a family word) wins over a
        capitalised word inside it.
    """
    if not text or not any(c.isalpha() or c.isdigit() for c in text):
        return []
    spans: list[tuple[int, int, str]] = []

    def add(start: int, end: int, kind: str) -> None:
        if end > start and not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, kind))

    for pattern, kind in ((_EMAIL, EMAIL), (_PHONE, PHONE), (_POSTCODE, POSTCODE)):
        for match in pattern.finditer(text):
            if kind != PHONE or _is_uk_phone(match.group(0)):
                add(match.start(), match.end(), kind)
    for match in _street_address().finditer(text):
        add(match.start(), match.end(), ADDRESS)
    tokens = [_Token(m.start(), m.end(), m.group(0)) for m in _word_pattern().finditer(text)]
    for start, end, kind in _token_spans(text, tokens):
        add(start, end, kind)
    return sorted(spans)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        """The word without a possessive ending (``Fenwick's`` → ``Fenwick``)."""
        for ending in ("'s", "\u2019s", "s'", "s\u2019"):
            if self.text.endswith(ending) and len(self.text) > len(ending):
                return self.text[: -len(ending)] + ("s" if ending[0] == "s" else "")
        return self.text.rstrip("'\u2019")

    @property
    def bare_end(self) -> int:
        """Where the word ends without its possessive ending or closing apostrophe."""
        bare = self.bare
        return self.start + len(bare) if self.text.startswith(bare) else self.end

    @property
    def key(self) -> str:
        return self.bare.casefold()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def uncased(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and not any(c.isupper() or c.islower() for c in letters)

    @property
    def letters(self) -> int:
        return sum(c.isalpha() for c in self.bare)


def _token_spans(text: str, tokens: list[_Token]) -> Iterator[tuple[int, int, str]]:
    vocabulary = _vocabulary()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.uncased:
            end = index
            while end + 1 < len(tokens) and tokens[end + 1].uncased and _joined(text, tokens, end):
                end += 1
            if _mostly_cased(text):
                yield token.start, tokens[end].bare_end, OTHER_SCRIPT
            index = end + 1
            continue
        if not token.capitalised:
            index += 1
            continue
        end = index
        while end + 1 < len(tokens):
            if _joined(text, tokens, end) and tokens[end + 1].capitalised:
                end += 1
            elif (
                end + 2 < len(tokens)
                and tokens[end + 1].key in _PARTICLES
                and _joined(text, tokens, end)
                and _joined(text, tokens, end + 1)
                and tokens[end + 2].capitalised
            ):
                end += 2
            else:
                break
        run = tokens[index : end + 1]
        yield from _run_spans(text, run, vocabulary)
        index = end + 1


def _run_spans(
    text: str, run: list[_Token], vocabulary: _Vocabulary
) -> Iterator[tuple[int, int, str]]:
    """Candidates in one run of capitalised words joined by single spaces."""
    plain: list[_Token] = []
    starts_sentence = _at_sentence_start(text, run[0].start)
    at = 0
    while at < len(run):
        token = run[at]
        names = _name_after_title(run, at + 1, vocabulary) if token.bare in _TITLES else 0
        if names or token.key in vocabulary.kinship:
            yield from _plain_spans(plain, starts_sentence and plain[:1] == run[:1], vocabulary)
            plain = []
            last = at + names
            if not names:  # a family word, with the name that may follow ("Auntie Sam")
                while last + 1 < len(run) and _suspicious(run[last + 1], False, vocabulary):
                    last += 1
            yield token.start, run[last].bare_end, TITLE_AND_NAME if names else FAMILY_WORD
            at = last + 1
            continue
        plain.append(token)
        at += 1
    yield from _plain_spans(plain, starts_sentence and plain[:1] == run[:1], vocabulary)


def _plain_spans(
    run: list[_Token], starts_sentence: bool, vocabulary: _Vocabulary
) -> Iterator[tuple[int, int, str]]:
    """Capitalised words that are not common or known words; named streets and places."""
    if not run:
        return
    flags = [_suspicious(t, starts_sentence and i == 0, vocabulary) for i, t in enumerate(run)]
    last_key = run[-1].key
    named_place = last_key in _STREET_WORDS or last_key in _PLACE_WORDS
    if any(flags):
        first = flags.index(True)
        last = len(run) - 1 if named_place else len(flags) - 1 - flags[::-1].index(True)
    elif named_place and len(run) >= 2:
        # "Oak Surgery", "Green Lane": common words, but a name together ("The" and
        # the like before it are not part of the name: "The Oak Surgery").
        first = 1 if run[0].key in _LEADING_WORDS else 0
        if first >= len(run) - 1 or all(t.key in vocabulary.known for t in run[first:]):
            return
        if _is_institution(run[first:]):
            return
        last = len(run) - 1
    else:
        return
    kind = NAME
    if last == len(run) - 1 and named_place:
        court = last_key == "court" and last > first and run[last - 1].key in _COURT_KINDS
        kind = ADDRESS if last_key in _STREET_WORDS and not court else PLACE
    yield run[first].start, run[last].bare_end, kind


def _name_after_title(run: list[_Token], at: int, vocabulary: _Vocabulary) -> int:
    """How many tokens after a title form a name (0: none, e.g. "Mr Subject")."""
    count = 0
    named = False
    for token in run[at:]:
        if token.letters == 1:  # an initial: "Dr A. Patel"
            count += 1
            continue
        if token.key in vocabulary.known or token.bare in _TITLES:
            break
        count += 1
        named = True
    while count and run[at + count - 1].letters == 1:
        count -= 1  # a trailing initial is the redaction's ("Mrs S.")
    return count if named else 0


def _suspicious(token: _Token, sentence_start: bool, vocabulary: _Vocabulary) -> bool:
    if token.letters < 2 or not token.capitalised or token.bare in _TITLES:
        return False
    key = token.key
    if key in vocabulary.known or key in vocabulary.kinship:
        return False
    if sentence_start:
        # Only English has a word list here: another script's first word is not judged.
        return key not in vocabulary.common and _latin(token.text)
    return key not in vocabulary.common or key in vocabulary.names_that_are_words


def _latin(word: str) -> bool:
    return all(c < "\u0250" or "\u1e00" <= c < "\u1f00" for c in word if c.isalpha())


def _is_institution(run: list[_Token]) -> bool:
    """A court named by its kind ("Family Court"), not a street named Court."""
    return run[-1].key == "court" and all(t.key in _COURT_KINDS for t in run[:-1])


def _joined(text: str, tokens: list[_Token], index: int) -> bool:
    gap = text[tokens[index].end : tokens[index + 1].start]
    return gap in (" ", "\u00a0", ". ", ".\u00a0") and not (
        gap.startswith(".") and tokens[index].letters > 1 and tokens[index].bare not in _TITLES
    )


def _at_sentence_start(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and (text[index] in " \t\u00a0" or text[index] in _OPENERS):
        index -= 1
    return index < 0 or text[index] in ".!?:;\u2026\n"


def _mostly_cased(text: str) -> bool:
    cased = uncased = 0
    for char in text:
        if char.isalpha():
            if char.isupper() or char.islower():
                cased += 1
            else:
                uncased += 1
    return cased > uncased


_OPENERS = frozenset("\"'\u201c\u201d\u2018\u2019([{\u00ab\u201e*\u2022\u25b8-\u2013\u2014")
_LEADING_WORDS = frozenset(
    {"the", "a", "an", "at", "in", "on", "to", "from", "by", "with", "and", "or", "our", "my",
     "your", "her", "his", "their", "this", "that", "its", "we", "she", "he", "they", "it",
     "then", "when", "after", "before", "near", "outside", "behind", "opposite"}
)  # fmt: skip
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "la", "le", "du", "da", "di", "del"})
_TITLES = frozenset(
    {
        "Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Doctor", "Prof", "Professor",
        "Sir", "Dame", "Lord", "Lady", "Rev", "Revd", "Reverend", "Father", "Sister",
        "Brother", "Imam", "Rabbi", "Pastor", "Canon", "Judge", "HHJ", "PC", "DC", "DS",
        "DI", "DCI", "DCS", "Sgt", "Sergeant", "Insp", "Inspector", "Constable", "Cllr",
        "Councillor", "Nurse", "Midwife", "MR", "MRS", "MS", "MISS", "DR",
    }
)  # fmt: skip
_STREET_WORDS = frozenset(
    {
        "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "close", "drive",
        "way", "crescent", "court", "ct", "place", "pl", "gardens", "gdns", "grove",
        "terrace", "hill", "row", "square", "sq", "walk", "mews", "rise", "view", "green",
        "parade", "boulevard", "estate", "park", "wharf", "yard", "gate", "croft",
    }
)  # fmt: skip
_PLACE_WORDS = frozenset(
    {
        "surgery", "school", "primary", "academy", "nursery", "college", "university",
        "hospital", "clinic", "centre", "center", "practice", "church", "mosque",
        "temple", "gurdwara", "synagogue", "library", "station", "prison", "infants",
        "juniors", "house", "hall", "farm", "hotel", "pub", "club",
    }
)  # fmt: skip
_COURT_KINDS = frozenset(
    {"family", "crown", "county", "youth", "high", "magistrates", "magistrate", "appeal",
     "supreme", "civil", "criminal", "district", "the"}
)  # fmt: skip

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 0 or +44 / 0044, then 9 or 10 digits, in groups (checked by _is_uk_phone).
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44|0044|\(?0)[ \-\u00a0]?\(?(?:0\))?[ \-\u00a0]?\d"
    r"(?:[ \-\u00a0]?\)?[ \-\u00a0]?\d){7,10}(?!\d)"
)
_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}|GIR[ \u00a0]?0AA)(?![\w])",
    re.IGNORECASE,
)


def _is_uk_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0044"):
        digits = digits[4:]
    elif text.lstrip("(").startswith("+44"):
        digits = digits[2:]
    digits = digits.removeprefix("0")
    return len(digits) in (9, 10) and not digits.startswith("0")


@functools.cache
def _street_address() -> re.Pattern[str]:
    words = "|".join(sorted((w.capitalize() for w in _STREET_WORDS), key=len, reverse=True))
    capital = r"[A-Z][\w'\u2019-]*"
    return re.compile(
        rf"(?<![\w])\d{{1,4}}[A-Za-z]?(?:[-/]\d{{1,4}}[A-Za-z]?)?,?[ \u00a0]+"
        rf"(?:{capital}[ \u00a0]+){{0,3}}(?:{words})(?![\w])"
    )


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    """A word: letters (with their combining marks), inner apostrophes and hyphens."""
    marks = "".join(
        re.escape(chr(c))
        for c in range(0x300, sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")
    )
    letter = rf"(?:[^\W\d_]|[{marks}])"
    return re.compile(rf"[^\W\d_]{letter}*(?:['\u2019\-]{letter}+)*['\u2019]?")


# -- vocabulary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    known: frozenset[str]
    kinship: frozenset[str]
    common: frozenset[str]
    names_that_are_words: frozenset[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    folder = paths.resource_dir("review")

    def read(name: str) -> frozenset[str]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        return frozenset(
            _Token(0, 0, line.strip()).key for line in lines if line.strip() and line[0] != "#"
        )

    labels = [*kinds.KIND_LABELS.values()]
    labels += [label for table in kinds.CHOICE_LABELS.values() for label in table.values()]
    words = {m.group(0).casefold() for label in labels for m in _word_pattern().finditer(label)}
    return _Vocabulary(
        known=read("known-words.txt") | words,
        kinship=read("kinship-words.txt"),
        common=read("common-words.txt"),
        names_that_are_words=read("names-that-are-words.txt"),
    )
