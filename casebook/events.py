"""Chronology events: what happened that is not a record.

An arrest, bail, a charge, a sentence, a strategy meeting, a conference, a court hearing, a
move of home: each with its date (or time), what happened, its source (who says so: "police
disclosure", "letter from the court") and its class (observed, reported, opinion; see
:mod:`casebook.marks`). An event never changes; one entered in error is withdrawn, with a
date and a reason, and a chronology leaves it out.

Their SQL is :mod:`casebook.stores.events`; this module is what they are (kinds, the
event, a casebook/1.1 case's ``"events"``), shared by the store and the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook import marks, timeutil
from casebook.validate import _bool, _choice, _date, _list, _object, _time, check_text, label

EVENT_KINDS = (
    "arrest", "bail", "charge", "sentence", "strategy_meeting", "conference",
    "court_hearing", "move_of_home", "other",
)  # fmt: skip
EVENT_KIND_LABELS = {
    "arrest": "Arrest",
    "bail": "Bail",
    "charge": "Charge",
    "sentence": "Sentence",
    "strategy_meeting": "Strategy meeting",
    "conference": "Conference",
    "court_hearing": "Court hearing",
    "move_of_home": "Move of home",
    "other": "Other event",
}


@dataclass(frozen=True)
class ChronologyEvent:
    """An event of a case's chronology that is not a record."""

    id: int
    case_ref: str
    occurred: str  # YYYY-MM-DD, or a time with its offset
    kind: str
    description: str
    source: str
    cls: str
    significant: bool
    created_at: str
    withdrawn_at: str | None = None
    withdrawn_reason: str | None = None

    @property
    def title(self) -> str:
        """The kind's label and what happened: "Court hearing: interim care order"."""
        label_ = EVENT_KIND_LABELS.get(self.kind, self.kind)
        return f"{label_}: {self.description}" if self.description else label_

    @property
    def sort_key(self) -> str:
        """Sorts with records' ``event_utc`` (a date sorts at the start of its day, UTC)."""
        return sort_key(self.occurred)


def sort_key(occurred: str) -> str:
    """A date or time as a key that sorts with records' ``event_utc``."""
    return timeutil.utc_key(occurred if "T" in occurred else occurred + "T00:00:00+00:00")


def check_occurred(value: str) -> str:
    """A date (``YYYY-MM-DD``) or a time with its offset, checked.

    Raises:
        InvalidInput: neither.
    """
    return _occurred_at(value.strip() if isinstance(value, str) else value, "date")


_EVENT_KEYS = {
    "date", "kind", "class", "description", "source", "significant", "withdrawn_at",
    "withdrawn_reason",
}  # fmt: skip


def event_document(event: ChronologyEvent) -> dict[str, Any]:
    """An event as a casebook/1.1 case's ``"events"`` item."""
    out: dict[str, Any] = {
        "date": event.occurred, "kind": event.kind, "class": event.cls,
        "description": event.description, "source": event.source,
        "significant": event.significant,
    }  # fmt: skip
    if event.withdrawn_at:
        out["withdrawn_at"] = event.withdrawn_at
        out["withdrawn_reason"] = event.withdrawn_reason or ""
    return out


def parse_events(value: Any, path: str) -> list[dict[str, Any]]:
    """Validate a casebook/1.1 case's ``"events"``.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    events = []
    for i, item in enumerate(_list(value, path)):
        where = f"{path}[{i}]"
        obj = _object(item, where, _EVENT_KEYS, ("date", "kind", "class"))
        withdrawn = obj.get("withdrawn_at")
        events.append(
            {
                "occurred": _occurred_at(obj["date"], f"{where}.date"),
                "kind": _choice(obj["kind"], f"{where}.kind", EVENT_KINDS),
                "class": _choice(obj["class"], f"{where}.class", marks.CLASSES),
                "description": check_text(obj.get("description", ""), f"{where}.description",
                                          2000).strip(),
                "source": label(obj.get("source", ""), f"{where}.source").strip(),
                "significant": _bool(obj.get("significant", False), f"{where}.significant"),
                "withdrawn_at": _time(withdrawn, f"{where}.withdrawn_at") if withdrawn else None,
                "withdrawn_reason": check_text(obj.get("withdrawn_reason") or "",
                                               f"{where}.withdrawn_reason", 2000) or None,
            }
        )  # fmt: skip
    return events


def _occurred_at(value: Any, path: str) -> str:
    if isinstance(value, str) and len(value) == 10:
        return _date(value, path)
    return _time(value, path)
