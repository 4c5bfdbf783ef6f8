"""The withheld log of a subject-access pack: what was withheld and why (no withheld
text in it), shared by the pack's gathering, redaction and rendering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

THIRD_PARTY = "third-party information"
IDENTIFIES_CHILD = "would identify a child"


@dataclass(frozen=True)
class Withheld:
    """One withheld item: what (no withheld text in it) and why."""

    what: str
    reason: str


def record_label(record: dict[str, Any]) -> str:
    """E.g. "Record of 4 Mar 2026 (Child work)" (no names: the title may hold one)."""
    from casebook import kinds
    from casebook.summary import labels as lb

    kind = kinds.KIND_LABELS.get(str(record.get("kind")), "Record")
    return f"Record of {lb.format_day(str(record.get('event_at') or '')[:10])} ({kind})"
