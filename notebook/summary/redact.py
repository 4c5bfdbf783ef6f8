"""Redact a summary input: names become initials or pseudonyms.

:func:`redact` returns a deep copy of the summary input in which

* every person in every case is renamed (``J.S.`` or ``Child A``), the same
  person (same name) getting the same replacement everywhere in the document;
* every free-text string (narratives, quotes, disclosure details, actions,
  addenda, tags, titles, chronology, attachment names, reflections) has each
  person's full name, first name, surname and preferred name replaced, in any
  letter case, with or without accents, possessive or not (see
  :mod:`notebook.summary.names`);
* a date of birth becomes an age at the time the summary was generated, and a
  date of birth written in free text becomes ``[date of birth]``;
* a case title or reference that contains a name becomes ``Case N``.

The copy records its mode under the top-level key ``"redaction"``, so that
redacting it again (``render_summary_pdf`` redacts its input itself) changes
nothing.

The practitioner (the author who signs the summary) is not redacted. Values
that are not free text (ids, enums, times, person keys, hashes) are left as
they are.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from typing import Any

from notebook.summary.names import NameMatcher, Term, name_pattern

REDACTION_MODES = ("none", "initials", "pseudonyms")

# Keys whose values are never free text: ids, enums, times, keys and hashes.
STRUCTURAL_KEYS = frozenset(
    {
        "id", "record_id", "key", "kind", "status", "location", "event_at", "written_at",
        "finalised_at", "content_hash", "due", "done", "late", "significant", "at",
        "next_session", "session_type", "activity", "risk_to_self", "risk_indicators",
        "contact_type", "feelings_stage", "media_type", "size", "duration_minutes",
        "people", "child", "partner", "opened", "closed", "role", "child_age",
        "imported", "imported_at", "claimed_written_at", "claimed_finalised_at",
    }
)  # fmt: skip

# Honorifics are not name parts: "Dr" alone must not be redacted everywhere.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})

_ROLE_LABELS = {
    "subject": "Subject",
    "partner": "Partner",
    "child": "Child",
    "family": "Family member",
    "professional": "Professional",
}
# Roles that read well without a letter when the document has only one of them.
_SINGLE_WITHOUT_LETTER = frozenset({"subject", "partner"})

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


class RedactionError(ValueError):
    """Raised for an unknown redaction mode."""


def redact(summary_input: dict[str, Any], mode: str) -> dict[str, Any]:
    """Return a redacted deep copy of a summary input.

    Args:
        summary_input: The summary input (see ``notebook.summary``); not modified.
        mode: ``"none"``, ``"initials"`` or ``"pseudonyms"``.

    Returns:
        A new dict; with ``"none"``, or for input already redacted in this
        mode, an unchanged deep copy.

    Raises:
        RedactionError: When ``mode`` is not one of :data:`REDACTION_MODES`, or
            the input was already redacted in another mode.
    """
    if mode not in REDACTION_MODES:
        raise RedactionError(f"unknown redaction mode: {mode!r}")
    data = copy.deepcopy(summary_input)
    done = data.get("redaction", "none")
    if mode in ("none", done):
        return data
    if done != "none":
        raise RedactionError(f"the summary input is already redacted ({done})")
    today = _generated_date(data.get("generated_at"))
    people = [p for case in data.get("cases", []) for p in case.get("people", [])]
    replacements = _replacements(people, mode)
    matcher = NameMatcher(_terms(people, replacements, mode))
    for number, case in enumerate(data.get("cases", []), start=1):
        _redact_case(case, number, matcher, replacements, today)
    if "reflections" in data:
        data["reflections"] = _walk(data["reflections"], None, matcher)
    data["redaction"] = mode
    return data


def _redact_case(
    case: dict[str, Any],
    number: int,
    matcher: NameMatcher,
    replacements: dict[str, str],
    today: dt.date | None,
) -> None:
    for key in ("title", "ref"):
        if isinstance(case.get(key), str) and matcher.found_in(case[key]):
            case[key] = f"Case {number}"
    born_by_key = {p.get("key"): _parse_date(p.get("born")) for p in case.get("people", [])}
    for record in case.get("records", []):
        _add_child_age(record, born_by_key)
    case["people"] = [
        _redact_person(person, matcher, replacements, today) for person in case.get("people", [])
    ]
    for key in ("records", "chronology", "actions"):
        if key in case:
            case[key] = _walk(case[key], None, matcher)


def _redact_person(
    person: dict[str, Any],
    matcher: NameMatcher,
    replacements: dict[str, str],
    today: dt.date | None,
) -> dict[str, Any]:
    born = _parse_date(person.get("born"))
    redacted: dict[str, Any] = {
        "key": person.get("key"),
        "name": replacements.get(_identity(person), "[name]"),
        "role": person.get("role"),
        "age": _age(born, today) if born and today else None,
        "redacted": True,
    }
    if person.get("gp"):
        redacted["gp"] = matcher.sub(str(person["gp"]))
    return redacted


def _add_child_age(record: dict[str, Any], born_by_key: dict[Any, dt.date | None]) -> None:
    """Keep the child's age at the session once the date of birth is gone."""
    fields = record.get("fields") or {}
    born = born_by_key.get(fields.get("child"))
    event = _parse_date(str(record.get("event_at") or "")[:10])
    if born and event:
        record["child_age"] = _age(born, event)


def _walk(value: Any, key: str | None, matcher: NameMatcher) -> Any:
    if key in STRUCTURAL_KEYS:
        return value
    if isinstance(value, str):
        return matcher.sub(value)
    if isinstance(value, list):
        return [_walk(item, key, matcher) for item in value]
    if isinstance(value, dict):
        return {k: _walk(v, k, matcher) for k, v in value.items()}
    return value


def _identity(person: dict[str, Any]) -> str:
    name = unicodedata.normalize("NFC", str(person.get("name") or "")).strip()
    return " ".join(name.casefold().split()) or f"key:{person.get('key')}"


def _replacements(people: list[dict[str, Any]], mode: str) -> dict[str, str]:
    """Choose one replacement per person (by identity), in order of appearance."""
    first_seen: dict[str, dict[str, Any]] = {}
    for person in people:
        first_seen.setdefault(_identity(person), person)
    if mode == "initials":
        return {ident: _initials(str(p.get("name") or "")) for ident, p in first_seen.items()}
    by_role: dict[str, list[str]] = {}
    for ident, person in first_seen.items():
        by_role.setdefault(str(person.get("role") or ""), []).append(ident)
    result: dict[str, str] = {}
    for role, idents in by_role.items():
        label = _ROLE_LABELS.get(role, "Person")
        if len(idents) == 1 and role in _SINGLE_WITHOUT_LETTER:
            result[idents[0]] = label
            continue
        for index, ident in enumerate(idents):
            result[ident] = f"{label} {_letters(index)}"
    return result


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _initials(name: str) -> str:
    letters = [
        next((c for c in word if c.isalpha()), "")
        for word in name.split()
        if word.casefold().rstrip(".") not in _HONORIFICS
    ]
    letters = [c.upper() for c in letters if c]
    return "".join(f"{c}." for c in letters) or "X."


def _name_parts(person: dict[str, Any]) -> list[str]:
    """Every way the person's name may be written: full, each word, each part."""
    names = [str(person.get(k) or "").strip() for k in ("name", "preferred_name")]
    parts: list[str] = [n for n in names if n]
    for name in names:
        words = [w for w in name.split() if w.casefold().rstrip(".") not in _HONORIFICS]
        parts.append(" ".join(words))
        for word in words:
            parts.append(word)
            parts.extend(re.split("[-\u2010\u2011\u2012\u2013]", word))
    unique: list[str] = []
    for raw in parts:
        part = raw.strip(".,;:'\u2019\"()")
        if sum(c.isalpha() for c in part) >= 2 and part not in unique:
            unique.append(part)
    return unique


def _terms(people: list[dict[str, Any]], replacements: dict[str, str], mode: str) -> list[Term]:
    owners: dict[str, set[str]] = {}
    for person in people:
        for part in _name_parts(person):
            owners.setdefault(part.casefold(), set()).add(_identity(person))
    terms: list[Term] = []
    for person in people:
        own = replacements.get(_identity(person), "[name]")
        for part in _name_parts(person):
            shared = len(owners[part.casefold()]) > 1
            if not shared:
                replacement = own
            elif mode == "initials":
                replacement = part[0].upper() + "."
            else:
                replacement = "[name]"
            terms.append(Term(name_pattern(part), replacement, len(part)))
        born = _parse_date(person.get("born"))
        if born:
            terms.append(Term(f"(?P<NAME>{_date_pattern(born)})", "[date of birth]", 100))
    return terms


def _date_pattern(day: dt.date) -> str:
    """A date of birth the ways people write it (ISO, 30/09/2016, 30 Sept 2016)."""
    d, m, y = day.day, day.month, day.year
    month = _MONTHS[m - 1]
    forms = [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"0?{d}[/.\\-]0?{m}[/.\\-]{y:04d}",
        f"0?{d}(?:st|nd|rd|th)?\\s+{month[:3]}[a-z]*\\.?,?\\s+{y:04d}",
        f"{month[:3]}[a-z]*\\.?\\s+0?{d}(?:st|nd|rd|th)?,?\\s+{y:04d}",
    ]
    return "(?<!\\d)(?:" + "|".join(forms) + ")(?!\\d)"


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _generated_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            return _parse_date(value)
    return None


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
