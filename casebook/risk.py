"""Risk to self: the rule that a raised screen is escalated before its record is final.

A session whose risk-to-self screen is medium or high cannot be finalised until it says
who was contacted (the GP, the crisis team ...) and when. The rule holds in the core, for
the command line and the app alike (:meth:`casebook.stores.records.RecordStore.finalise`);
the app asks about the same gaps first (:func:`escalation_gaps`). A record imported as
final was finalised elsewhere, as it was: import does not judge it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput

RAISED = ("medium", "high")


def is_raised(fields: Mapping[str, Any]) -> bool:
    """Whether a session's risk-to-self screen is medium or high."""
    return fields.get("risk_to_self") in RAISED


def escalation_gaps(kind: str, fields: Mapping[str, Any]) -> list[str]:
    """The escalation details a raised screen still lacks, as field names (none if fine)."""
    if kind != "session" or not is_raised(fields):
        return []
    gaps = []
    if not str(fields.get("escalation_contacted") or "").strip():
        gaps.append("escalation_contacted")
    if not fields.get("escalation_on"):
        gaps.append("escalation_on")
    return gaps


def check_can_finalise(kind: str, fields: Mapping[str, Any]) -> None:
    """Refuse to finalise a raised screen without its escalation.

    Raises:
        InvalidInput: naming the first missing field, saying what to fill in.
    """
    gaps = escalation_gaps(kind, fields)
    if gaps:
        level = kinds.label(str(fields.get("risk_to_self")), "risk_to_self").lower()
        raise InvalidInput(
            f"fields.{gaps[0]}",
            f"risk to self is {level}: record who was contacted (GP, crisis team) and when "
            "before finalising this session",
        )
