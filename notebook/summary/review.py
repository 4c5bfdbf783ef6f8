"""What the practitioner checks before a summary is signed: the redaction review.

Redaction (:mod:`notebook.summary.redact`) replaces the names of the case's people. Other
identifying details pass through untouched: a teacher ("Ms Fenwick"), a grandmother
("Babcia"), a GP's name and address, a phone number. :func:`review_candidates` finds, in
the text a redacted summary will show, everything that looks like such a detail:

* capitalised words and runs of them that are not common English words or words of a
  known-safe vocabulary (``resources/review``; a word at the start of a sentence is a
  candidate only when it is not a common word at all);
* a title and a name ("Ms Fenwick", "Dr A. Patel", "PC Jones");
* family words used as names ("Nana", "Babcia", "Auntie Sam");
* UK phone numbers, UK postcodes, e-mail addresses, and addresses (a number and a
  street: "14 Station Road"), and street or place names ("Green Lane", "Oak Surgery");
* words in a script without capital letters (Chinese, Arabic, Thai...) inside text that
  is mostly in one with them.

The practitioner decides each :class:`Candidate`: ``keep`` it, or ``redact`` it as a
replacement (``[name]``, ``[address]``, ``[phone]``...). :func:`apply_decisions` replaces
exactly the decided strings, as whole words, in the text the summary shows, and nothing
else; :func:`unreviewed` tells which candidates still have no decision.

:func:`undrawable_characters` lists the characters no bundled font draws (the PDF shows
them as ``[U+XXXX]`` markers), so that the CLI and the app say so before signing.

Nothing here logs, and no message of an exception holds a candidate's text: candidates
are user text (names), shown only to the practitioner.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from notebook import kinds, paths
from notebook.errors import InvalidInput
from notebook.summary.redact import STRUCTURAL_KEYS

# -- candidates and decisions -----------------------------------------------------------------

NAME = "name"
TITLE_AND_NAME = "title and name"
FAMILY_WORD = "family word"
PHONE = "phone number"
POSTCODE = "postcode"
EMAIL = "e-mail address"
ADDRESS = "address"
PLACE = "place"
OTHER_SCRIPT = "other script"

SUGGESTED_REPLACEMENTS = {
    NAME: "[name]",
    TITLE_AND_NAME: "[name]",
    FAMILY_WORD: "[relative]",
    PHONE: "[phone]",
    POSTCODE: "[postcode]",
    EMAIL: "[e-mail]",
    ADDRESS: "[address]",
    PLACE: "[place]",
    OTHER_SCRIPT: "[name]",
}

KEEP = "keep"
REDACT = "redact"
ACTIONS = (KEEP, REDACT)


@dataclass(frozen=True)
class Place:
    """Where a candidate occurs: never the text around it.

    Attributes:
        case: The (redacted) reference of the case; ``""`` for the reflective log.
        record: The record's id, or None for the case itself, its people and the log.
        field: The field, as a path: ``title``, ``fields.narrative``,
            ``addenda[0].text``, ``people[1].gp``, ``chronology``, ``reflections[0].text``.
    """

    case: str
    record: str | None
    field: str


@dataclass(frozen=True)
class Candidate:
    """Something in a redacted summary that may identify someone.

    Attributes:
        text: The text exactly as the summary shows it.
        kind: What it looks like (:data:`NAME`, :data:`PHONE`, ...).
        occurrences: How many times the summary shows it.
        places: Where, in order of first appearance, each place once.
    """

    text: str
    kind: str
    occurrences: int
    places: tuple[Place, ...]

    @property
    def replacement(self) -> str:
        """The suggested replacement when redacted (``[name]``, ``[phone]``...)."""
        return SUGGESTED_REPLACEMENTS.get(self.kind, "[name]")


@dataclass(frozen=True)
class Decision:
    """The practitioner's decision about one candidate.

    Attributes:
        text: The candidate's text.
        action: :data:`KEEP` or :data:`REDACT`.
        replacement: What replaces the text when redacted.
    """

    text: str
    action: str
    replacement: str = "[name]"


class ReviewNeeded(InvalidInput):
    """A redacted summary has candidates without a decision; it was not signed.

    Attributes:
        candidates: The undecided candidates (user text: show, never log).
    """

    def __init__(
        self,
        candidates: Sequence[Candidate],
        where: str = "redaction review",
        problem: str | None = None,
    ) -> None:
        self.candidates = list(candidates)
        count = len(self.candidates)
        details = f"{count} possible identifying detail{'s' if count != 1 else ''}"
        super().__init__(
            where,
            problem
            or f"{details} in the redacted summary without a decision (keep or redact); "
            "nothing was signed",
        )


# -- finding candidates ------------------------------------------------------------------------


def review_candidates(summary_input: dict[str, Any]) -> list[Candidate]:
    """Find what may still identify someone in the text a (redacted) summary shows.

    Args:
        summary_input: The summary input after :func:`notebook.summary.redact`.

    Returns:
        One candidate per distinct text, in order of first appearance.
    """
    found: dict[str, tuple[str, list[Place], int]] = {}

    def visit(place: Place, text: str) -> str:
        for start, end, kind in find_spans(text):
            span = text[start:end]
            kind0, places, count = found.get(span, (kind, [], 0))
            if place not in places:
                places.append(place)
            found[span] = (kind0, places, count + 1)
        return text

    map_shown_text(summary_input, visit)
    return [
        Candidate(text, kind, count, tuple(places)) for text, (kind, places, count) in found.items()
    ]


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


# -- the text a summary shows ------------------------------------------------------------------

# Person fields that are not free text, or that redaction wrote itself (the pseudonym).
_PERSON_NOT_TEXT = frozenset({"key", "name", "role", "born", "age", "redacted"})


def map_shown_text(
    summary_input: dict[str, Any], change: Callable[[Place, str], str]
) -> dict[str, Any]:
    """A copy of a summary input with ``change(place, text)`` applied to each shown string.

    The strings are the free text of the cases (reference, title, people's details other
    than their redacted names), records (everything but :data:`STRUCTURAL_KEYS`), the
    chronology and open actions, and the reflective log when the summary includes it. The
    practitioner's own name and organisation (the author) are left alone.

    Args:
        summary_input: The summary input (not modified).
        change: Called once per string, in document order; returns the new string.

    Returns:
        The changed copy.
    """
    data = copy.deepcopy(summary_input)
    for number, case in enumerate(data.get("cases") or [], start=1):
        if not isinstance(case, dict):
            continue
        ref = str(case.get("ref") or f"case {number}")

        def at(record: str | None, ref: str = ref) -> Callable[[str, str], str]:
            return lambda field, text: change(Place(ref, record, field), text)

        for key in ("ref", "title"):
            if isinstance(case.get(key), str):
                case[key] = at(None)(key, case[key])
        for index, person in enumerate(case.get("people") or []):
            if isinstance(person, dict):
                for key in person.keys() - _PERSON_NOT_TEXT:
                    person[key] = _walk(person[key], f"people[{index}].{key}", at(None))
        for record in case.get("records") or []:
            if isinstance(record, dict):
                visit = at(str(record.get("id") or ""))
                for key in list(record):
                    record[key] = _walk(record[key], key, visit)
        for entry in case.get("chronology") or []:
            if isinstance(entry, dict) and isinstance(entry.get("title"), str):
                entry["title"] = at(_str_or_none(entry.get("record_id")))(
                    "chronology", entry["title"]
                )
        for action in case.get("actions") or []:
            if isinstance(action, dict) and isinstance(action.get("text"), str):
                action["text"] = at(_str_or_none(action.get("record_id")))(
                    "open actions", action["text"]
                )
    if data.get("include_reflections") and isinstance(data.get("reflections"), list):
        visit_log = lambda field, text: change(Place("", None, field), text)  # noqa: E731
        data["reflections"] = [
            _walk(entry, f"reflections[{i}]", visit_log)
            for i, entry in enumerate(data["reflections"])
        ]
    return data


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _walk(value: Any, path: str, visit: Callable[[str, str], str]) -> Any:
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if name in STRUCTURAL_KEYS:
        return value
    if isinstance(value, str):
        return visit(path, value)
    if isinstance(value, list):
        return [_walk(item, f"{path}[{i}]", visit) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: _walk(item, f"{path}.{key}", visit) for key, item in value.items()}
    return value


# -- decisions ---------------------------------------------------------------------------------

# No letter or digit may touch a decided string: it is replaced as a whole word.
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


def apply_decisions(summary_input: dict[str, Any], decisions: Iterable[Decision]) -> dict[str, Any]:
    """Replace each string decided ``redact`` by its replacement, as a whole word.

    Only the text the summary shows changes (see :func:`map_shown_text`), only where a
    decided string stands as a whole word, and case matters. A string decided ``keep``
    stays as it is, even where a shorter decided string lies inside it.

    Args:
        summary_input: The redacted summary input (not modified).
        decisions: The practitioner's decisions.

    Returns:
        The changed copy.
    """
    table: dict[str, str] = {}
    for decision in decisions:
        if decision.text:
            table[decision.text] = (
                decision.replacement if decision.action == REDACT else decision.text
            )
    if not any(text != replacement for text, replacement in table.items()):
        return copy.deepcopy(summary_input)
    alternatives = "|".join(re.escape(text) for text in sorted(table, key=len, reverse=True))
    pattern = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}")
    return map_shown_text(
        summary_input, lambda _place, text: pattern.sub(lambda m: table[m.group(0)], text)
    )


def apply_to_text(text: str, decisions: Iterable[Decision]) -> str:
    """:func:`apply_decisions` for one string (the app's preview)."""
    data = apply_decisions({"cases": [{"title": text}]}, decisions)
    return str(data["cases"][0]["title"])


def unreviewed(candidates: Iterable[Candidate], decisions: Iterable[Decision]) -> list[Candidate]:
    """The candidates that have no decision.

    A candidate inside a replacement the practitioner chose (``Ms F.``) counts as decided.

    Args:
        candidates: Candidates found in the summary after the decisions were applied.
        decisions: The decisions.

    Returns:
        The candidates without one, in their order.
    """
    decisions = list(decisions)
    decided = {d.text for d in decisions}
    replacements = [d.replacement for d in decisions if d.action == REDACT]
    return [
        c
        for c in candidates
        if c.text not in decided and not any(c.text in r for r in replacements)
    ]


# -- the review file (CLI) ---------------------------------------------------------------------


def review_file_json(candidates: Iterable[Candidate], decisions: Iterable[Decision] = ()) -> str:
    """The review file: a JSON list the practitioner edits, one entry per candidate.

    Each entry: ``text``, ``kind``, ``occurrences``, ``where`` (case, record, field),
    ``decision`` (``null`` until decided: ``"keep"`` or ``"redact"``) and
    ``replacement``. Decisions given are written first, as they were.

    Args:
        candidates: Candidates without a decision yet.
        decisions: Decisions already made (kept in the file).

    Returns:
        The JSON text (UTF-8, names unescaped).
    """
    entries: list[dict[str, Any]] = [
        {"text": d.text, "decision": d.action, "replacement": d.replacement} for d in decisions
    ]
    for candidate in candidates:
        entries.append(
            {
                "text": candidate.text,
                "kind": candidate.kind,
                "occurrences": candidate.occurrences,
                "where": [
                    {"case": p.case, "record": p.record, "field": p.field} for p in candidate.places
                ],
                "decision": None,
                "replacement": candidate.replacement,
            }
        )
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def read_review_file(text: str, where: str = "review file") -> list[Decision]:
    """The decisions of a review file (entries whose decision is still null are skipped).

    Args:
        text: The file's JSON text.
        where: How to name the file in errors.

    Returns:
        The decisions, in file order.

    Raises:
        InvalidInput: The file is not a list of entries as :func:`review_file_json`
            writes them (the message names the entry by number, never its text).
    """
    try:
        entries = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(where, f"not valid JSON (line {getattr(exc, 'lineno', '?')})") from None
    if not isinstance(entries, list):
        raise InvalidInput(where, "expected a JSON list of candidates")
    decisions: list[Decision] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise InvalidInput(f"{where}, entry {number}", 'expected an object with a "text"')
        action = entry.get("decision")
        if action is None:
            continue
        if action not in ACTIONS:
            raise InvalidInput(
                f"{where}, entry {number}", '"decision" must be "keep", "redact" or null'
            )
        replacement = entry.get("replacement", "[name]")
        if action == REDACT and (not isinstance(replacement, str) or not replacement.strip()):
            raise InvalidInput(
                f"{where}, entry {number}", 'a redacted entry needs a "replacement" text'
            )
        decisions.append(Decision(entry["text"], action, str(replacement)))
    return decisions


# -- characters no font draws ------------------------------------------------------------------


def undrawable_characters(summary_input: dict[str, Any]) -> list[str]:
    """The characters of a summary input that no registered font can draw.

    Args:
        summary_input: The summary input (redacted or not), as it will be rendered.

    Returns:
        The characters in code point order (empty when every character is drawn).
    """
    from notebook.summary.fonts import register_fonts
    from notebook.summary.text import undrawable

    coverage = register_fonts()
    found: set[str] = set()
    for text in shown_strings(summary_input):
        found |= undrawable(text, coverage)
    return sorted(found)


def shown_strings(summary_input: dict[str, Any]) -> Iterator[str]:
    """Every string of a summary input that the PDF may show.

    Args:
        summary_input: The summary input.

    Yields:
        The strings (reflections only when the summary includes them).
    """
    for key, value in summary_input.items():
        if key == "reflections" and not summary_input.get("include_reflections"):
            continue
        yield from _strings(value)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def code_points(characters: Iterable[str]) -> str:
    """``U+0915, U+1FAE0``: characters named by code point, for messages."""
    return ", ".join(f"U+{ord(c):04X}" for c in characters)


# -- the app's preview -------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewSection:
    """The redacted text of one record (or of a case's details, or the reflective log).

    Attributes:
        case: The case's (redacted) reference, as in :class:`Place`.
        record: The record's id, or None.
        title: What the section is, for a list (redacted: user text).
        text: Its shown text, one ``Label: text`` paragraph per field.
    """

    case: str
    record: str | None
    title: str
    text: str


def preview_sections(summary_input: dict[str, Any]) -> list[PreviewSection]:
    """The text a redacted summary shows, by record, for the practitioner to read.

    Args:
        summary_input: The redacted summary input.

    Returns:
        A section for each case's own details and people, each record (in the order
        the summary input lists them) and the reflective log when included.
    """
    titles: dict[tuple[str, str | None], str] = {}
    for number, case in enumerate(summary_input.get("cases") or [], start=1):
        if not isinstance(case, dict):
            continue
        ref = str(case.get("ref") or f"case {number}")
        titles[(ref, None)] = f"{ref}: the case and its people"
        for record in case.get("records") or []:
            if isinstance(record, dict):
                day = str(record.get("event_at") or "")[:10]
                titles[(ref, str(record.get("id") or ""))] = (
                    f"{ref} · {day} · {record.get('title') or record.get('kind') or 'Record'}"
                )
    texts: dict[tuple[str, str | None], list[str]] = {}

    def collect(place: Place, text: str) -> str:
        if place.field not in ("chronology", "open actions") and text.strip():
            texts.setdefault((place.case, place.record), []).append(
                f"{field_label(place.field)}: {text}"
            )
        return text

    map_shown_text(summary_input, collect)
    if ("", None) in texts:
        titles[("", None)] = "Reflective log"
    return [
        PreviewSection(case, record, title, "\n\n".join(texts[(case, record)]))
        for (case, record), title in titles.items()
        if (case, record) in texts
    ]


def field_label(field: str) -> str:
    """``fields.good_things`` → ``Good things``; ``people[1].gp`` → ``Person 2 GP``."""
    words = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", field)
    words = words.removeprefix("fields.").replace(".", " ").replace("_", " ")
    words = " ".join(_FIELD_WORDS.get(word, word) for word in words.split())
    return words[:1].upper() + words[1:]


_FIELD_WORDS = {"people": "person", "gp": "GP", "ref": "reference", "addenda": "addendum",
                "childs": "child's", "reflections": "reflection"}  # fmt: skip


def split_by_candidates(text: str, candidates: Iterable[str]) -> list[tuple[str, str | None]]:
    """Cut ``text`` into pieces, each a candidate (as a whole word) or the text between.

    Args:
        text: One section's text.
        candidates: Candidate texts.

    Returns:
        ``(piece, candidate text or None)`` in order; the pieces join up to ``text``.
    """
    texts = sorted({c for c in candidates if c}, key=len, reverse=True)
    if not texts:
        return [(text, None)] if text else []
    pattern = re.compile(f"{_BEFORE}(?:{'|'.join(map(re.escape, texts))}){_AFTER}")
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], None))
        pieces.append((match.group(0), match.group(0)))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
