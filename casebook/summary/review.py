"""What the practitioner checks before a summary is signed: the redaction review.

Redaction (:mod:`casebook.summary.redact`) replaces the names of the case's people. Other
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
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.errors import InvalidInput
from casebook.summary.shown import (
    Place,
    code_points,
    map_shown_text,
    shown_strings,
    undrawable_characters,
)
from casebook.summary.spans import (
    ADDRESS,
    EMAIL,
    FAMILY_WORD,
    NAME,
    OTHER_SCRIPT,
    PHONE,
    PLACE,
    POSTCODE,
    TITLE_AND_NAME,
    find_spans,
)

# The review's whole vocabulary, with what it reads from the finder (spans) and from the
# text a summary shows (shown).
__all__ = [
    "ACTIONS", "ADDRESS", "EMAIL", "FAMILY_WORD", "KEEP", "NAME", "OTHER_SCRIPT", "PHONE",
    "PLACE", "POSTCODE", "REDACT", "SUGGESTED_REPLACEMENTS", "TITLE_AND_NAME", "Candidate",
    "Decision", "Place", "PreviewSection", "ReviewNeeded", "apply_decisions", "apply_to_text",
    "code_points", "field_label", "find_spans", "map_shown_text", "preview_sections",
    "read_review_file", "review_candidates", "review_file_json", "shown_strings",
    "split_by_candidates", "undrawable_characters", "unreviewed",
]  # fmt: skip

# -- candidates and decisions -----------------------------------------------------------------

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
        summary_input: The summary input after :func:`casebook.summary.redact`.

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
