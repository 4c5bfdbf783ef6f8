"""Redaction for a subject-access pack: everyone but the person is a third party.

Built from the summary's redaction (:mod:`casebook.summary.redact`): the same name forms
and matcher, with the person's own forms kept as written (so a surname shared with a
third party is not cut out of the person's own full name), and their date of birth left.
Then what the redaction review finder still catches is redacted, one withheld-log line
per item.
"""

from __future__ import annotations

from typing import Any

from casebook.summary import spans
from casebook.summary.names import NameMatcher
from casebook.summary.redact import (
    _date_pattern,
    _identity,
    _parse_date,
    _replacements,
    _terms,
    own_name_finder,
)
from casebook.summary.shown import walk
from casebook.summary.withheld import IDENTIFIES_CHILD, THIRD_PARTY, Withheld, record_label

_KEEP = "\ue000keep\ue000"  # the person's own name: left as written
_KINDS = {
    spans.NAME: "a name",
    spans.TITLE_AND_NAME: "a name",
    spans.FAMILY_WORD: "a relative's name",
    spans.PHONE: "a phone number",
    spans.POSTCODE: "a postcode",
    spans.EMAIL: "an e-mail address",
    spans.ADDRESS: "an address",
    spans.PLACE: "a place",
    spans.OTHER_SCRIPT: "a name",
}


def redact_for(
    data: dict[str, Any], person: dict[str, Any], withheld: list[Withheld]
) -> dict[str, Any]:
    """Redact everyone but ``person`` in the one-case pack input ``data`` (changed in place
    and returned); append a withheld-log line per withheld item."""
    case = data["cases"][0]
    own = _identity(person)
    others = [p for p in case["people"] if _identity(p) != own]
    replacements = _replacements(others, "pseudonyms")
    replacements[own] = _KEEP
    in_case = {_identity(p) for p in case["people"]}
    outside = [p for p in data.pop("notebook_people", None) or [] if _identity(p) not in in_case]
    for other in outside:
        replacements.setdefault(_identity(other), "[name]")
    terms = _terms(case["people"] + outside, replacements, "pseudonyms")
    born = _parse_date(person.get("born"))
    if born:  # the person's own date of birth is theirs to see
        terms = [t for t in terms if t.tokens != (_date_pattern(born),)]
    matcher = NameMatcher(terms)

    def sub(_path: str, text: str) -> str:
        pieces, pos = [], 0
        for found in matcher.find(text):
            keep = found.replacement == _KEEP
            pieces += [text[pos : found.start], found.text if keep else found.replacement]
            pos = found.end
        return "".join([*pieces, text[pos:]])

    for key in ("ref", "title"):
        if sub(key, str(case.get(key) or "")) != str(case.get(key) or ""):
            case[key] = "Case 1"
    for key in ("records", "chronology", "actions", "events"):
        case[key] = walk(case[key], key, sub)
    case["people"] = [
        dict(p) if _identity(p) == own else _third_party(p, replacements, withheld)
        for p in case["people"]
    ]
    data["redaction"] = "pseudonyms"
    return _redact_review_finds(data, person, withheld)


def _third_party(
    other: dict[str, Any], replacements: dict[str, str], withheld: list[Withheld]
) -> dict[str, Any]:
    name = replacements.get(_identity(other), "[name]")
    role = str(other.get("role") or "")
    reason = IDENTIFIES_CHILD if role == "child" else THIRD_PARTY
    withheld.append(Withheld(f"Details of {name} ({role}): name, date of birth, details", reason))
    return {"key": other.get("key"), "name": name, "role": role, "redacted": True}


def _redact_review_finds(
    data: dict[str, Any], person: dict[str, Any], withheld: list[Withheld]
) -> dict[str, Any]:
    """Redact what the review finder catches (not the person's own names)."""
    from casebook.summary.review import REDACT, Decision, apply_decisions, review_candidates

    own = own_name_finder(person)
    labels = {r["id"]: record_label(r) for r in data["cases"][0]["records"]}
    decisions = []
    for candidate in review_candidates(data):
        if candidate.kind not in _KINDS or own(candidate.text):
            continue
        decisions.append(Decision(candidate.text, REDACT, candidate.replacement))
        where = sorted({_where(p, labels) for p in candidate.places})
        shown = "; ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        withheld.append(Withheld(f"{shown}: {_KINDS[candidate.kind]}", THIRD_PARTY))
    return apply_decisions(data, decisions) if decisions else data


def _where(place: Any, labels: dict[str, str]) -> str:
    """The part of the pack a withheld item was found in, for the withheld log."""
    if place.field.startswith("events["):
        return "Events in the case's chronology"
    return labels.get(place.record or "", "The case's details")
