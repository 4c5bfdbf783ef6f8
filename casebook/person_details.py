"""A person's details: relationship to the child, contact details, language and
interpreter need, legal status and conditions (bail conditions, a Sexual Harm Prevention
Order, notification requirements) with the dates they run from and until.

casebook/1.1 carries them as a person's ``details`` object (docs/interchange.md);
:func:`parse_person_details` validates them wherever they come from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from casebook.errors import InvalidInput
from casebook.validate import _bool, _date, _object, _text

TEXT_KEYS = ("relationship", "contact", "language", "legal_status", "conditions")
DATE_KEYS = ("conditions_from", "conditions_until")
DETAIL_KEYS = (
    "relationship",
    "contact",
    "language",
    "interpreter_needed",
    "legal_status",
    "conditions",
    "conditions_from",
    "conditions_until",
)
LABELS = {
    "relationship": "Relationship to the child",
    "contact": "Contact details",
    "language": "Language",
    "interpreter_needed": "Interpreter needed",
    "legal_status": "Legal status",
    "conditions": "Conditions (bail, SHPO, notification requirements)",
    "conditions_from": "Conditions from",
    "conditions_until": "Conditions until",
}


@dataclass(frozen=True)
class PersonDetails:
    """Every part may be left out (empty text, no date, False)."""

    relationship: str = ""
    contact: str = ""
    language: str = ""
    interpreter_needed: bool = False
    legal_status: str = ""
    conditions: str = ""
    conditions_from: str | None = None
    conditions_until: str | None = None

    def document(self) -> dict[str, Any]:
        """The casebook/1.1 ``details`` object."""
        return asdict(self)

    def summary_words(self) -> list[str]:
        """The details as short lines for a table of people (empty parts left out)."""
        lines = [f"{LABELS[k]}: {getattr(self, k)}" for k in ("relationship", "language")
                 if getattr(self, k)]  # fmt: skip
        if self.interpreter_needed:
            lines.append("Interpreter needed")
        if self.contact:
            lines.append(f"Contact: {self.contact}")
        if self.legal_status:
            lines.append(f"Legal status: {self.legal_status}")
        if self.conditions:
            span = " to ".join(d for d in (self.conditions_from, self.conditions_until) if d)
            lines.append(f"Conditions: {self.conditions}" + (f" ({span})" if span else ""))
        return lines


def parse_person_details(obj: Any, path: str = "details") -> PersonDetails:
    """Validate a ``details`` object (every key optional; null is left out).

    Raises:
        InvalidInput: naming the path of the first problem (conditions ending before
            they start, too).
    """
    obj = _object(obj, path, set(DETAIL_KEYS), ())
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        if obj.get(key) is not None:
            values[key] = _text(obj[key], f"{path}.{key}", 2000).strip()
    for key in DATE_KEYS:
        if obj.get(key) is not None:
            values[key] = _date(obj[key], f"{path}.{key}", "planned")
    if obj.get("interpreter_needed") is not None:
        values["interpreter_needed"] = _bool(
            obj["interpreter_needed"], f"{path}.interpreter_needed"
        )
    details = PersonDetails(**values)
    start, end = details.conditions_from, details.conditions_until
    if start and end and end < start:
        raise InvalidInput(f"{path}.conditions_until", "the conditions end before they start")
    return details
