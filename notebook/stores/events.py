"""The SQL of chronology events: what happened that is not a record.

An arrest, bail, a charge, a sentence, a strategy meeting, a conference, a court hearing, a
move of home: each with its date (or time), what happened, its source (who says so: "police
disclosure", "letter from the court") and its class (observed, reported, opinion; see
:mod:`notebook.marks`). An event never changes; one entered in error is withdrawn, with a
date and a reason, and a chronology leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from notebook import marks, timeutil
from notebook.errors import InvalidInput, NotFound
from notebook.validate import _bool, _choice, _date, _list, _object, _time, check_text, label

if TYPE_CHECKING:
    from notebook.stores.host import ChangeFactory, Host

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
        return _sort_key(self.occurred)


def _sort_key(occurred: str) -> str:
    return timeutil.utc_key(occurred if "T" in occurred else occurred + "T00:00:00+00:00")


_COLUMNS = (
    "e.id, c.ref, e.occurred, e.kind, e.description, e.source, e.class, e.significant,"
    " e.created_at, e.withdrawn_at, e.withdrawn_reason"
)


class EventStore:
    """Chronology events of cases: add, list, withdraw (each audited)."""

    def __init__(self, notebook: Host, change: ChangeFactory) -> None:
        self._notebook = notebook
        self._change = change

    def add(
        self,
        ref: str,
        occurred: str,
        kind: str,
        cls: str,
        *,
        description: str = "",
        source: str = "",
        significant: bool = False,
    ) -> ChronologyEvent:
        """Add an event to case ``ref``'s chronology.

        Args:
            occurred: ``YYYY-MM-DD`` or an ISO 8601 time with its offset.
            kind: one of :data:`EVENT_KINDS`.
            cls: observed, reported or opinion: how the practitioner knows of it.

        Raises:
            NotFound: there is no such case.
            InvalidInput: naming the first bad value; nothing is written.
        """
        case = self._notebook.get_case(ref)
        when = _occurred(occurred)
        kind = _choice(kind, "kind", EVENT_KINDS)
        cls = _choice(cls, "class", marks.CLASSES)
        description = check_text(description, "description", 2000).strip()
        source = label(source, "source").strip()
        if kind == "other" and not description:
            raise InvalidInput("description", "say what happened")
        now = timeutil.now()
        with self._notebook._db.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO chronology_events (case_id, occurred, occurred_utc, kind,"
                " description, source, class, significant, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case.id, when, _sort_key(when), kind, description, source, cls,
                 int(significant), now),
            )  # fmt: skip
            event_id = int(cursor.lastrowid)
            self._notebook._audit.append(
                tx, now, "event.add", f"event:{event_id}", f"case={case.id} kind={kind}"
            )
        self._notebook._notify(self._change("case", ref))
        return self.get(event_id)

    def case_document(self, ref: str) -> dict[str, Any]:
        """``{"events": [...]}`` for a casebook/1.1 case object, or ``{}`` when it has none."""
        events = self.list(ref, include_withdrawn=True)
        return {"events": [event_document(e) for e in events]} if events else {}

    @staticmethod
    def insert_imported(
        tx: Any, case_id: int, events: list[dict[str, Any]], now: str
    ) -> list[tuple[str, str, str]]:
        """Write a case's imported events (parsed by :func:`parse_events`) in the import's
        transaction; returns their audit entries (the import appends them)."""
        entries = []
        for e in events:
            cursor = tx.execute(
                "INSERT INTO chronology_events (case_id, occurred, occurred_utc, kind,"
                " description, source, class, significant, created_at, withdrawn_at,"
                " withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, e["occurred"], _sort_key(e["occurred"]), e["kind"], e["description"],
                 e["source"], e["class"], int(e["significant"]), now, e.get("withdrawn_at"),
                 e.get("withdrawn_reason")),
            )  # fmt: skip
            entries.append(("event.import", f"event:{cursor.lastrowid}", f"kind={e['kind']}"))
        return entries

    def get(self, event_id: int) -> ChronologyEvent:
        """One event.

        Raises:
            NotFound: there is no such event.
        """
        row = self._notebook._db.query_one(
            f"SELECT {_COLUMNS} FROM chronology_events e JOIN cases c ON c.id = e.case_id"
            " WHERE e.id = ?",
            (event_id,),
        )
        if row is None:
            raise NotFound("event", f"there is no event {event_id}")
        return _event(row)

    def list(
        self, ref: str, *, significant_only: bool = False, include_withdrawn: bool = False
    ) -> list[ChronologyEvent]:
        """A case's events in date order (oldest first)."""
        case = self._notebook.get_case(ref)
        sql = (
            f"SELECT {_COLUMNS} FROM chronology_events e JOIN cases c ON c.id = e.case_id"
            " WHERE e.case_id = ?"
        )
        if significant_only:
            sql += " AND e.significant = 1"
        if not include_withdrawn:
            sql += " AND e.withdrawn_at IS NULL"
        sql += " ORDER BY e.occurred_utc, e.id"
        return [_event(row) for row in self._notebook._db.query(sql, (case.id,))]

    def withdraw(self, event_id: int, reason: str) -> ChronologyEvent:
        """Withdraw an event entered in error; it stays, dated and with the reason.

        Raises:
            NotFound: there is no such event.
            InvalidInput: no reason, or the event is withdrawn already.
        """
        event = self.get(event_id)
        reason = check_text(reason, "reason", 2000).strip()
        if not reason:
            raise InvalidInput("reason", "say why the event is withdrawn")
        if event.withdrawn_at:
            raise InvalidInput("event", f"event {event_id} was withdrawn already")
        now = timeutil.now()
        with self._notebook._db.transaction() as tx:
            tx.execute(
                "UPDATE chronology_events SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?",
                (now, reason, event_id),
            )
            self._notebook._audit.append(tx, now, "event.withdraw", f"event:{event_id}")
        self._notebook._notify(self._change("case", event.case_ref))
        return self.get(event_id)


def _occurred(value: str) -> str:
    return _occurred_at(value.strip() if isinstance(value, str) else value, "date")


def _event(row: tuple[object, ...]) -> ChronologyEvent:
    (id_, ref, occurred, kind, description, source, cls, significant, created_at,
     withdrawn_at, withdrawn_reason) = row  # fmt: skip
    return ChronologyEvent(
        id=int(str(id_)), case_ref=str(ref), occurred=str(occurred), kind=str(kind),
        description=str(description), source=str(source), cls=str(cls),
        significant=bool(significant), created_at=str(created_at),
        withdrawn_at=None if withdrawn_at is None else str(withdrawn_at),
        withdrawn_reason=None if withdrawn_reason is None else str(withdrawn_reason),
    )  # fmt: skip


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
