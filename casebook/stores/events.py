"""The SQL of chronology events (:mod:`casebook.events`): ``chronology_events``.

Events are added, listed and withdrawn (each audited); an event never changes and is never
deleted (the database refuses: ``casebook.migrations.marks``). An import writes a case's
events in its own transaction (:meth:`EventStore.insert_imported`).
"""

from __future__ import annotations

import builtins
from typing import Any, Protocol

from casebook import marks, timeutil
from casebook.changes import EventChanged
from casebook.errors import InvalidInput, NotFound
from casebook.events import (
    EVENT_KINDS,
    ChronologyEvent,
    check_occurred,
    event_document,
    sort_key,
)
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore
from casebook.validate import _choice, check_text, label

_COLUMNS = (
    "e.id, c.ref, e.occurred, e.kind, e.description, e.source, e.class, e.significant,"
    " e.created_at, e.withdrawn_at, e.withdrawn_reason"
)


class _Parts(Facade, Protocol):
    cases: CaseStore


class EventStore(Store[_Parts]):
    """``notebook.events``: chronology events of cases (add, list, withdraw; each audited)."""

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
            kind: one of :data:`casebook.events.EVENT_KINDS`.
            cls: observed, reported or opinion: how the practitioner knows of it.

        Raises:
            NotFound: there is no such case.
            InvalidInput: naming the first bad value; nothing is written.
        """
        case = self._notebook.cases.get(ref)
        when = check_occurred(occurred)
        kind = _choice(kind, "kind", EVENT_KINDS)
        cls = _choice(cls, "class", marks.CLASSES)
        description = check_text(description, "description", 2000).strip()
        source = label(source, "source").strip()
        if kind == "other" and not description:
            raise InvalidInput("description", "say what happened")
        now = timeutil.now()
        with self._db.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO chronology_events (case_id, occurred, occurred_utc, kind,"
                " description, source, class, significant, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case.id, when, sort_key(when), kind, description, source, cls,
                 int(significant), now),
            )  # fmt: skip
            event_id = int(cursor.lastrowid)
            self._audit.append(
                tx, now, "event.add", f"event:{event_id}", f"case={case.id} kind={kind}"
            )
        self._notify(EventChanged(ref, event_id))
        return self.get(event_id)

    def case_document(self, ref: str) -> dict[str, Any]:
        """``{"events": [...]}`` for a casebook/1.1 case object, or ``{}`` when it has none."""
        events = self.list(ref, include_withdrawn=True)
        return {"events": [event_document(e) for e in events]} if events else {}

    @staticmethod
    def insert_imported(
        tx: Any, case_id: int, events: builtins.list[dict[str, Any]], now: str
    ) -> builtins.list[tuple[str, str, str]]:
        """Write a case's imported events (parsed by :func:`casebook.events.parse_events`)
        in the import's transaction; returns their audit entries (the import appends them)."""
        entries = []
        for e in events:
            cursor = tx.execute(
                "INSERT INTO chronology_events (case_id, occurred, occurred_utc, kind,"
                " description, source, class, significant, created_at, withdrawn_at,"
                " withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, e["occurred"], sort_key(e["occurred"]), e["kind"], e["description"],
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
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM chronology_events e JOIN cases c ON c.id = e.case_id"
            " WHERE e.id = ?",
            (event_id,),
        )
        if row is None:
            raise NotFound("event", f"there is no event {event_id}")
        return _event(row)

    def list(
        self, ref: str, *, significant_only: bool = False, include_withdrawn: bool = False
    ) -> builtins.list[ChronologyEvent]:
        """A case's events in date order (oldest first)."""
        case = self._notebook.cases.get(ref)
        sql = (
            f"SELECT {_COLUMNS} FROM chronology_events e JOIN cases c ON c.id = e.case_id"
            " WHERE e.case_id = ?"
        )
        if significant_only:
            sql += " AND e.significant = 1"
        if not include_withdrawn:
            sql += " AND e.withdrawn_at IS NULL"
        sql += " ORDER BY e.occurred_utc, e.id"
        return [_event(row) for row in self._db.query(sql, (case.id,))]

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
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE chronology_events SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?",
                (now, reason, event_id),
            )
            self._audit.append(tx, now, "event.withdraw", f"event:{event_id}")
        self._notify(EventChanged(event.case_ref, event_id))
        return self.get(event_id)


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
