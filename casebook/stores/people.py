"""The people of each case, and who is no longer involved (``people`` and
``person_involvement``).

A person who is no longer involved (moved away, contact ended, no longer the child's
carer) stays in the case, with everything written about them; they are marked with the
day it ended and, if the practitioner gives one, the reason. Pickers for new records
leave them out; the People tab shows them as no longer involved.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from casebook import kinds, timeutil
from casebook.changes import PersonChanged
from casebook.domain import Person
from casebook.errors import InvalidInput, NotFound
from casebook.formats import casebook_json
from casebook.stores.base import Facade, Store
from casebook.stores.cases import MAX_REASON_CHARS, CaseStore
from casebook.validate import check_text

_PERSON_COLUMNS = (
    "p.id, c.ref, p.key, p.name, p.role, p.preferred_name, p.born, p.gp, p.other_names"
)


@dataclass(frozen=True)
class Involvement:
    """A person no longer involved: since when and why."""

    ended: str
    reason: str = ""


class _Parts(Facade, Protocol):
    cases: CaseStore


class PeopleStore(Store[_Parts]):
    """``notebook.people``: the people of the notebook's cases."""

    def list(self, ref: str) -> list[Person]:
        """The people of a case, by role then name."""
        case = self._notebook.cases.get(ref)
        return self._people(
            f" WHERE p.case_id = ? ORDER BY {kinds.role_rank_sql('p.role')}, p.name COLLATE NOCASE",
            (case.id,),
        )

    def all(self) -> builtins.list[Person]:
        """Everyone in every case of the notebook, by case reference, then as in a case.

        Redaction uses them all: the reflective log belongs to no case, and a record may
        name someone from another case.
        """
        return self._people(
            f" ORDER BY c.ref, {kinds.role_rank_sql('p.role')}, p.name COLLATE NOCASE"
        )

    def get(self, ref: str, key: str) -> Person:
        """Person ``key`` of case ``ref``.

        Raises:
            NotFound: no such case or person.
        """
        for person in self.list(ref):
            if person.key == key:
                return person
        raise NotFound("person", f"case {ref} has no person {key!r}")

    def _people(self, where: str, params: tuple[Any, ...] = ()) -> builtins.list[Person]:
        rows = self._db.query(
            f"SELECT {_PERSON_COLUMNS} FROM people p JOIN cases c ON c.id = p.case_id" + where,
            params,
        )
        return [
            Person(id=r[0], case_ref=r[1], key=r[2], name=r[3], role=r[4], preferred_name=r[5],
                   born=r[6], gp=r[7], other_names=tuple(json.loads(r[8])))
            for r in rows
        ]  # fmt: skip

    def add(
        self,
        ref: str,
        name: str,
        role: str,
        *,
        key: str | None = None,
        preferred_name: str = "",
        born: str | None = None,
        gp: str = "",
        other_names: Sequence[str] = (),
    ) -> Person:
        """Add someone to a case; a key (``p1``, ``p2`` ...) is chosen when none is given."""
        case = self._notebook.cases.get(ref)
        existing = {p.key for p in self.list(ref)}
        if key is None:
            n = len(existing) + 1
            while f"p{n}" in existing:
                n += 1
            key = f"p{n}"
        person = _parsed(key, name, role, preferred_name, born, gp, other_names)
        if person.key in existing:
            raise InvalidInput("person.key", f"case {ref} already has a person {person.key!r}")
        with self._db.transaction() as tx:
            person_id = insert_person(tx, case.id, person)
            self._audit.append(tx, timeutil.now(), "person.create", f"person:{person_id}")
        self._notify(PersonChanged(ref, person.key))
        return self.get(ref, person.key)

    def update(
        self,
        ref: str,
        key: str,
        *,
        name: str,
        role: str,
        preferred_name: str = "",
        born: str | None = None,
        gp: str = "",
        other_names: Sequence[str] = (),
    ) -> Person:
        """Correct a person's details (their key stays)."""
        current = self.get(ref, key)
        person = _parsed(key, name, role, preferred_name, born, gp, other_names)
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE people SET name = ?, role = ?, preferred_name = ?, born = ?, gp = ?,"
                " other_names = ? WHERE id = ?",
                (person.name, person.role, person.preferred_name, person.born, person.gp,
                 _json_list(person.other_names), current.id),
            )  # fmt: skip
            self._audit.append(tx, timeutil.now(), "person.update", f"person:{current.id}")
        self._notify(PersonChanged(ref, key))
        return self.get(ref, key)

    # -- involvement ----------------------------------------------------------------------

    def no_longer_involved(self, ref: str) -> dict[str, Involvement]:
        """{person key: Involvement} for the people of case ``ref`` no longer involved."""
        case = self._notebook.cases.get(ref)
        rows = self._db.query(
            "SELECT p.key, i.ended, i.reason FROM person_involvement i"
            " JOIN people p ON p.id = i.person_id WHERE p.case_id = ?",
            (case.id,),
        )
        return {key: Involvement(ended, reason) for key, ended, reason in rows}

    def mark_no_longer_involved(
        self, ref: str, key: str, ended: str | None = None, reason: str = ""
    ) -> Involvement:
        """Mark person ``key`` of case ``ref`` as no longer involved since ``ended`` (today).

        Raises:
            NotFound: no such case or person.
            InvalidInput: a bad date, or a reason too long.
        """
        person_id = self.get(ref, key).id
        day = ended or timeutil.today()
        try:
            timeutil.parse_date(day)
        except ValueError:
            raise InvalidInput("ended", "expected a date like 2026-03-02") from None
        reason = check_text(reason, "reason", MAX_REASON_CHARS).strip()
        with self._db.transaction() as tx:
            tx.execute("DELETE FROM person_involvement WHERE person_id = ?", (person_id,))
            tx.execute(
                "INSERT INTO person_involvement (person_id, ended, reason) VALUES (?, ?, ?)",
                (person_id, day, reason),
            )
            self._audit.append(
                tx, timeutil.now(), "person.involvement_ended", f"person:{person_id}"
            )
        # Like every involvement change, told to no subscriber: the People tab reloads.
        return Involvement(day, reason)

    def mark_involved_again(self, ref: str, key: str) -> None:
        """Person ``key`` of case ``ref`` is involved again (nothing if they always were)."""
        person_id = self.get(ref, key).id
        with self._db.transaction() as tx:
            gone = tx.execute("DELETE FROM person_involvement WHERE person_id = ?", (person_id,))
            if gone.rowcount:
                self._audit.append(
                    tx, timeutil.now(), "person.involved_again", f"person:{person_id}"
                )

    def keys(self, case_id: int) -> set[str]:
        """The keys of the people of the case with this id."""
        return {
            r[0] for r in self._db.query("SELECT key FROM people WHERE case_id = ?", (case_id,))
        }


def insert_person(tx: Any, case_id: int, person: casebook_json.PersonInput) -> int:
    """Insert a person in the caller's transaction; returns their id."""
    cursor = tx.execute(
        "INSERT INTO people (case_id, key, name, preferred_name, role, born, gp, other_names)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, person.key, person.name, person.preferred_name, person.role, person.born,
         person.gp, _json_list(person.other_names)),
    )  # fmt: skip
    return int(cursor.lastrowid)


def person_roles(tx: Any, case_id: int) -> dict[str, str]:
    """{key: role} of the people of the case with this id, read in the caller's transaction."""
    rows = tx.execute("SELECT key, role FROM people WHERE case_id = ?", (case_id,)).fetchall()
    return {key: role for key, role in rows}


def person_ids(tx: Any, case_id: int) -> dict[str, int]:
    """{key: id} of the people of the case with this id, read in the caller's transaction."""
    rows = tx.execute("SELECT key, id FROM people WHERE case_id = ?", (case_id,)).fetchall()
    return {key: pid for key, pid in rows}


def _parsed(
    key: str,
    name: str,
    role: str,
    preferred_name: str,
    born: str | None,
    gp: str,
    other_names: Sequence[str],
) -> casebook_json.PersonInput:
    listed = list(other_names) if isinstance(other_names, list | tuple) else other_names
    return casebook_json.parse_person(
        {"key": key, "name": name, "role": role, "preferred_name": preferred_name,
         "born": born, "gp": gp, "other_names": listed},
        "person",
    )  # fmt: skip


def _json_list(values: Sequence[str]) -> str:
    """A list of texts as stored in a JSON column (every script kept as written)."""
    return json.dumps(list(values), ensure_ascii=False)
