"""Person details rows (table ``person_details``): read, set (audited), a case's all."""

from __future__ import annotations

from typing import Any, Protocol

from casebook import timeutil
from casebook.changes import PersonChanged
from casebook.person_details import DETAIL_KEYS, PersonDetails, parse_person_details
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore
from casebook.stores.people import PeopleStore

_COLUMNS = ", ".join(DETAIL_KEYS)


def _details(row: Any) -> PersonDetails:
    values = dict(zip(DETAIL_KEYS, row, strict=True))
    values["interpreter_needed"] = bool(values["interpreter_needed"])
    return PersonDetails(**values)


class _Parts(Facade, Protocol):
    cases: CaseStore
    people: PeopleStore


class PersonDetailsStore(Store[_Parts]):
    """``notebook.details``: the details of each person of a case."""

    def _person_id(self, ref: str, key: str) -> int:
        """Raises NotFound when there is no such case or person."""
        return self._notebook.people.get(ref, key).id

    def get(self, ref: str, key: str) -> PersonDetails | None:
        """Person ``key`` of case ``ref``'s details, or None when none were recorded."""
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM person_details WHERE person_id = ?",
            (self._person_id(ref, key),),
        )
        return _details(row) if row else None

    def for_case(self, ref: str) -> dict[str, PersonDetails]:
        """The details of case ``ref``'s people, by person key (those with any)."""
        case_id = self._notebook.cases.get(ref).id
        rows = self._db.query(
            f"SELECT p.key, {', '.join('d.' + k for k in DETAIL_KEYS)} FROM person_details d"
            " JOIN people p ON p.id = d.person_id WHERE p.case_id = ?",
            (case_id,),
        )
        return {row[0]: _details(row[1:]) for row in rows}

    def set(self, ref: str, key: str, changes: dict[str, Any]) -> PersonDetails:
        """Change parts of a person's details (keys of a ``details`` object; null clears).

        Raises:
            NotFound: no such case or person.
            InvalidInput: naming the part that is wrong; nothing changes.
        """
        person_id = self._person_id(ref, key)
        current = self.get(ref, key)
        details = parse_person_details({**(current.document() if current else {}), **changes})
        with self._db.transaction() as tx:
            self.write(tx, person_id, details)
            changed = ",".join(sorted(k for k in changes if k in DETAIL_KEYS))
            self._audit.append(
                tx, timeutil.now(), "person.details", f"person:{person_id}", f"set={changed}"
            )
        self._notify(PersonChanged(ref, key))
        return details

    @staticmethod
    def write(tx: Any, person_id: int, details: PersonDetails) -> None:
        """Store ``details`` as person ``person_id``'s (inside the caller's transaction)."""
        values = details.document()
        row = [int(values[k]) if k == "interpreter_needed" else values[k] for k in DETAIL_KEYS]
        tx.execute("DELETE FROM person_details WHERE person_id = ?", (person_id,))
        marks = ", ".join("?" for _ in DETAIL_KEYS)
        tx.execute(
            f"INSERT INTO person_details (person_id, {_COLUMNS}, updated_at)"
            f" VALUES (?, {marks}, ?)",
            (person_id, *row, timeutil.now()),
        )
