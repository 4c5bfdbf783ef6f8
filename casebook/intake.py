"""Intake on a case: how the work began, and how long the family waited to be seen.

Referral date, who referred and from where (source), the first contact and the days
from referral to it (the service aims at :data:`AIM_DAYS`), the confidentiality
statement explained and agreed (the date, and the limits explained), consent to share
information (with whom), whether safeguarding information was taken and the GP
confirmed, and the language and interpreter need. casebook/1.1 carries it as a case's
``intake`` object (docs/interchange.md); :func:`parse_intake` validates it wherever it
comes from (the CLI, the app's dialog, an imported document).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from casebook import timeutil
from casebook.errors import InvalidInput
from casebook.validate import _bool, _date, _object, _text

# The service aims to see a family within this many days of the referral.
AIM_DAYS = 7

TEXT_KEYS = ("referrer", "source", "confidentiality_limits", "consent_to_share", "language")
DATE_KEYS = ("referral_date", "first_contact", "confidentiality_agreed")
FLAG_KEYS = ("safeguarding_taken", "gp_confirmed", "interpreter_needed")
INTAKE_KEYS = (
    "referral_date",
    "referrer",
    "source",
    "first_contact",
    "confidentiality_agreed",
    "confidentiality_limits",
    "consent_to_share",
    "safeguarding_taken",
    "gp_confirmed",
    "language",
    "interpreter_needed",
)
LABELS = {
    "referral_date": "Referral date",
    "referrer": "Referred by",
    "source": "Source of the referral",
    "first_contact": "First contact",
    "confidentiality_agreed": "Confidentiality explained and agreed on",
    "confidentiality_limits": "Limits of confidentiality explained",
    "consent_to_share": "Consent to share information with",
    "safeguarding_taken": "Safeguarding information taken",
    "gp_confirmed": "GP confirmed",
    "language": "Language",
    "interpreter_needed": "Interpreter needed",
}


@dataclass(frozen=True)
class Intake:
    """A case's intake; every part may be left out (empty text, no date, False)."""

    referral_date: str | None = None
    referrer: str = ""
    source: str = ""
    first_contact: str | None = None
    confidentiality_agreed: str | None = None
    confidentiality_limits: str = ""
    consent_to_share: str = ""
    safeguarding_taken: bool = False
    gp_confirmed: bool = False
    language: str = ""
    interpreter_needed: bool = False

    def document(self) -> dict[str, Any]:
        """The casebook/1.1 ``intake`` object."""
        return asdict(self)

    def days_to_first_contact(self) -> int | None:
        """Days from the referral to the first contact (None until both are known)."""
        if not self.referral_date or not self.first_contact:
            return None
        return (
            date.fromisoformat(self.first_contact) - date.fromisoformat(self.referral_date)
        ).days

    def waiting_days(self, today: date | None = None) -> int | None:
        """Days a referral not yet seen has waited (None once seen, or with no referral)."""
        if not self.referral_date or self.first_contact:
            return None
        today = today or date.fromisoformat(timeutil.today())
        return (today - date.fromisoformat(self.referral_date)).days


def parse_intake(obj: Any, path: str = "intake") -> Intake:
    """Validate an ``intake`` object (every key optional; null is left out).

    Raises:
        InvalidInput: naming the path of the first problem (the first contact before the
            referral, too).
    """
    obj = _object(obj, path, set(INTAKE_KEYS), ())
    values: dict[str, Any] = {}
    for key in DATE_KEYS:
        if obj.get(key) is not None:
            values[key] = _date(obj[key], f"{path}.{key}")
    for key in TEXT_KEYS:
        if obj.get(key) is not None:
            values[key] = _text(obj[key], f"{path}.{key}", 2000).strip()
    for key in FLAG_KEYS:
        if obj.get(key) is not None:
            values[key] = _bool(obj[key], f"{path}.{key}")
    intake = Intake(**values)
    days = intake.days_to_first_contact()
    if days is not None and days < 0:
        raise InvalidInput(f"{path}.first_contact", "the first contact is before the referral")
    return intake
