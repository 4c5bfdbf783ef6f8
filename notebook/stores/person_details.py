"""Person details rows (table ``person_details``): read, set (audited), a case's all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from notebook import timeutil
from notebook.errors import NotFound
from notebook.person_details import DETAIL_KEYS, PersonDetails, parse_person_details
from notebook.stores import NotebookParts

_COLUMNS = ", ".join(DETAIL_KEYS)


def _details(row: Any) -> PersonDetails:
    values = dict(zip(DETAIL_KEYS, row, strict=True))
    values["interpreter_needed"] = bool(values["interpreter_needed"])
    return PersonDetails(**values)


class PersonDetailsStore:
    """The details of each person of a case.

    Args:
        notebook: The notebook.
        case_changed: Tells the notebook's subscribers that case ``ref`` changed.
    """

    def __init__(self, notebook: NotebookParts, case_changed: Callable[[str], None]) -> None:
        self._notebook = notebook
        self._case_changed = case_changed

    def _person_id(self, ref: str, key: str) -> int:
        case_id = self._notebook.get_case(ref).id
        row = self._notebook._db.query_one(
            "SELECT id FROM people WHERE case_id = ? AND key = ?", (case_id, key)
        )
        if row is None:
            raise NotFound("person", f"case {ref} has no person {key!r}")
        return int(row[0])

    def get(self, ref: str, key: str) -> PersonDetails | None:
        """Person ``key`` of case ``ref``'s details, or None when none were recorded."""
        row = self._notebook._db.query_one(
            f"SELECT {_COLUMNS} FROM person_details WHERE person_id = ?",
            (self._person_id(ref, key),),
        )
        return _details(row) if row else None

    def for_case(self, ref: str) -> dict[str, PersonDetails]:
        """The details of case ``ref``'s people, by person key (those with any)."""
        case_id = self._notebook.get_case(ref).id
        rows = self._notebook._db.query(
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
        with self._notebook._db.transaction() as tx:
            self.write(tx, person_id, details)
            changed = ",".join(sorted(k for k in changes if k in DETAIL_KEYS))
            self._notebook._audit.append(
                tx, timeutil.now(), "person.details", f"person:{person_id}", f"set={changed}"
            )
        self._case_changed(ref)
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
