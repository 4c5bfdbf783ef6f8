"""The text a summary shows: where each string stands, and which strings are free text.

Redaction (:mod:`casebook.summary.redact`) and the redaction review
(:mod:`casebook.summary.review`) walk the same strings of a summary input: everything but
the values of :data:`STRUCTURAL_KEYS`, which are ids, times, flags and the fields whose
type holds no free text (:mod:`casebook.fieldtypes`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from casebook.fieldtypes import structured_field_names

# Keys whose values are never free text: ids, times, flags, sizes, roles, the people a
# record names and an attendee's person key; and every field whose type holds no free text
# (choices, person keys and dates, as casebook.fieldtypes declares them).
_NOT_TEXT = frozenset(
    {
        "id", "record_id", "key", "kind", "status", "location", "event_at", "written_at",
        "finalised_at", "content_hash", "due", "done", "late", "significant", "at",
        "media_type", "size", "duration_minutes", "people", "opened", "closed", "role",
        "child_age", "child_ages", "drawing", "imported", "imported_at", "claimed_written_at",
        "claimed_finalised_at", "person", "referral_date", "first_contact",
        "confidentiality_agreed", "occurred",
    }
)  # fmt: skip
STRUCTURAL_KEYS = _NOT_TEXT | structured_field_names()


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


# Person fields that are not free text, or that redaction wrote itself (the pseudonym).
_PERSON_NOT_TEXT = frozenset({"key", "name", "role", "born", "age", "redacted"})


def map_shown_text(
    summary_input: dict[str, Any], change: Callable[[Place, str], str]
) -> dict[str, Any]:
    """A copy of a summary input with ``change(place, text)`` applied to each shown string.

    The strings are the free text of the cases (reference, title, people's details other
    than their redacted names), records (everything but :data:`STRUCTURAL_KEYS`), the
    chronology, open actions and a subject-access pack's events, and the reflective log
    when the summary includes it. The practitioner's own name and organisation (the
    author) are left alone.

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
                    person[key] = walk(person[key], f"people[{index}].{key}", at(None))
        if isinstance(case.get("intake"), dict):
            case["intake"] = walk(case["intake"], "intake", at(None))
        for record in case.get("records") or []:
            if isinstance(record, dict):
                visit = at(str(record.get("id") or ""))
                for key in list(record):
                    record[key] = walk(record[key], key, visit)
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
        # A subject-access pack's chronology events (casebook.summary.sar).
        for index, event in enumerate(case.get("events") or []):
            if isinstance(event, dict):
                case["events"][index] = walk(event, f"events[{index}]", at(None))
    if data.get("include_reflections") and isinstance(data.get("reflections"), list):
        visit_log = lambda field, text: change(Place("", None, field), text)  # noqa: E731
        data["reflections"] = [
            walk(entry, f"reflections[{i}]", visit_log)
            for i, entry in enumerate(data["reflections"])
        ]
    return data


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def walk(value: Any, path: str, visit: Callable[[str, str], str]) -> Any:
    """``value`` with ``visit(path, text)`` applied to each string of free text in it.

    A value under a key of :data:`STRUCTURAL_KEYS` (at any depth) is left as it is.
    """
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if name in STRUCTURAL_KEYS:
        return value
    if isinstance(value, str):
        return visit(path, value)
    if isinstance(value, list):
        return [walk(item, f"{path}[{i}]", visit) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: walk(item, f"{path}.{key}", visit) for key, item in value.items()}
    return value


# -- characters no font draws ------------------------------------------------------------------


def undrawable_characters(summary_input: dict[str, Any]) -> list[str]:
    """The characters of a summary input that no registered font can draw.

    Args:
        summary_input: The summary input (redacted or not), as it will be rendered.

    Returns:
        The characters in code point order (empty when every character is drawn).
    """
    from casebook.summary.fonts import register_fonts
    from casebook.summary.text import undrawable

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
