"""Cases: opening, renaming, closing and reopening them, and why (``cases`` and
``case_status_changes``).

Closing or reopening a case in the app keeps the reason the practitioner gives, with the
time, in an append-only history beside the case. Reasons are the practitioner's words,
kept encrypted in the notebook; the audit log holds ids only.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from casebook import kinds, timeutil
from casebook.changes import CaseChanged
from casebook.domain import Case
from casebook.errors import InvalidInput, NotFound
from casebook.formats import casebook_json
from casebook.stores.base import Facade, Store
from casebook.validate import check_text

MAX_REASON_CHARS = 2000

_CASE_SQL = (
    "SELECT c.id, c.ref, c.title, c.status, c.opened, c.closed,"
    " (SELECT count(*) FROM records r WHERE r.case_id = c.id),"
    " (SELECT max(r.event_at) FROM records r WHERE r.case_id = c.id)"
    " FROM cases c"
)


@dataclass(frozen=True)
class StatusChange:
    """A case closed or reopened: when, and the practitioner's reason."""

    status: str
    at: str
    reason: str


class CaseStore(Store[Facade]):
    """``notebook.cases``: the cases of the notebook."""

    def list(self, status: str | None = None) -> list[Case]:
        """Cases, open first, then by ref."""
        sql = _CASE_SQL
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE c.status = ?"
            params = (status,)
        sql += " ORDER BY c.status = 'closed', c.ref COLLATE NOCASE"
        return [Case(*row) for row in self._db.query(sql, params)]

    def get(self, ref: str) -> Case:
        """The case with this ref."""
        for case in self._db.query(_CASE_SQL + " WHERE c.ref = ?", (ref,)):
            return Case(*case)
        raise NotFound("case", f"there is no case {ref!r}")

    def refs(self) -> set[str]:
        """The reference of every case."""
        return {r[0] for r in self._db.query("SELECT ref FROM cases")}

    def add(
        self, ref: str, title: str = "", *, status: str = "open", opened: str | None = None
    ) -> Case:
        """Open a new case."""
        case = casebook_json.parse_case(
            {"ref": ref, "title": title, "status": status, "opened": opened or timeutil.today()},
            "case",
        )
        with self._db.transaction() as tx:
            if tx.execute("SELECT 1 FROM cases WHERE ref = ?", (case.ref,)).fetchone():
                raise InvalidInput("case.ref", f"a case {case.ref!r} already exists")
            case_id = insert_case(tx, case, timeutil.now())
            self._audit.append(tx, timeutil.now(), "case.create", f"case:{case_id}")
        self._notify(CaseChanged(case.ref))
        return self.get(case.ref)

    def update(
        self,
        ref: str,
        *,
        title: str | None = None,
        status: str | None = None,
        closed: str | None = None,
    ) -> Case:
        """Change a case's title or status (closing sets the closed date)."""
        case = self.get(ref)
        if title is not None:
            title = check_text(title, "case.title", 500)
        new_status = status or case.status
        if new_status not in kinds.CASE_STATUSES:
            raise InvalidInput("status", "expected open or closed")
        new_closed = closed if closed is not None else case.closed
        if new_status == "closed" and not new_closed:
            new_closed = timeutil.today()
        if new_status == "open":
            new_closed = None
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE cases SET title = ?, status = ?, closed = ? WHERE id = ?",
                (case.title if title is None else title, new_status, new_closed, case.id),
            )
            self._audit.append(tx, timeutil.now(), "case.update", f"case:{case.id}")
        self._notify(CaseChanged(ref))
        return self.get(ref)

    def change_status(self, ref: str, status: str, reason: str = "") -> Case:
        """Close or reopen case ``ref``, keeping the practitioner's reason with the time.

        Raises:
            NotFound: no such case.
            InvalidInput: an unknown status, the case already has it, or a reason too long.
        """
        if status not in kinds.CASE_STATUSES:
            raise InvalidInput("status", "expected open or closed")
        reason = check_text(reason, "reason", MAX_REASON_CHARS).strip()
        if self.get(ref).status == status:
            raise InvalidInput("status", f"the case is already {status}")
        with self._db.transaction() as tx:
            case = self.update(ref, status=status)
            tx.execute(
                "INSERT INTO case_status_changes (case_id, status, at, reason) VALUES (?, ?, ?, ?)",
                (case.id, status, timeutil.now(), reason),
            )
        return case

    def status_changes(self, ref: str) -> builtins.list[StatusChange]:
        """The times case ``ref`` was closed or reopened in the app, oldest first."""
        case = self.get(ref)
        rows = self._db.query(
            "SELECT status, at, reason FROM case_status_changes WHERE case_id = ? ORDER BY id",
            (case.id,),
        )
        return [StatusChange(*row) for row in rows]


def insert_case(tx: Any, case: casebook_json.CaseInput, now: str) -> int:
    """Insert a case row in the caller's transaction; returns its id."""
    cursor = tx.execute(
        "INSERT INTO cases (ref, title, status, opened, closed, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (case.ref, case.title, case.status, case.opened, case.closed, now),
    )
    return int(cursor.lastrowid)
