"""Words and pictures in the notebook: a child's explanations, their versions and the
days each was shared (see :mod:`casebook.explain`).

Versions are numbered per child from 1 and never change; the tables refuse updates and
deletes (casebook/migrations/explanations.py), except when a case past retention is
deleted (casebook/stores/case_deletion.py). Saving a version, sharing one and printing one
are audited with ids, the version number and the day only: the words stay in the encrypted
notebook.

Saving a version and noting one as shared send :class:`~casebook.changes.ExplanationChanged`
(the Words and pictures dialog reloads after each command it runs; no other view shows
them yet).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from casebook import timeutil
from casebook.changes import ExplanationChanged
from casebook.domain import Person
from casebook.errors import InvalidInput, NotFound
from casebook.explain import (
    Explanation,
    Panel,
    Sharing,
    check_explanation,
    panels_from_json,
    panels_json,
)
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore
from casebook.stores.people import PeopleStore
from casebook.stores.records import RecordStore


class _Parts(Facade, Protocol):
    cases: CaseStore
    people: PeopleStore
    records: RecordStore


_SELECT = (
    "SELECT e.id, c.ref, p.key, e.version, e.name, e.title, e.words, e.panels, e.saved_at"
    " FROM explanations e JOIN people p ON p.id = e.person_id"
    " JOIN cases c ON c.id = p.case_id"
)


class ExplanationStore(Store[_Parts]):
    """A notebook's Words and pictures (``notebook.explanations``)."""

    # -- reading ---------------------------------------------------------------------------

    def children(self, ref: str) -> list[Person]:
        """The children of case ``ref`` (whom an explanation can be for)."""
        return [p for p in self._notebook.people.list(ref) if p.role == "child"]

    def versions(self, ref: str, child_key: str | None = None) -> list[Explanation]:
        """The versions of case ``ref`` (of one child if given), by child then version."""
        case = self._notebook.cases.get(ref)
        sql = _SELECT + " WHERE c.id = ?"
        params: list[Any] = [case.id]
        if child_key is not None:
            self.child(ref, child_key)
            sql += " AND p.key = ?"
            params.append(child_key)
        rows = self._db.query(sql + " ORDER BY p.key, e.version", params)
        return self._with_shares(rows)

    def get(self, ref: str, child_key: str, version: int | None = None) -> Explanation:
        """Version ``version`` (the latest when None) of the child's explanation.

        Raises:
            NotFound: no such case, child or version (or none saved yet).
        """
        versions = self.versions(ref, child_key)
        if not versions:
            raise NotFound("explanation", f"no words and pictures saved for {child_key} yet")
        if version is None:
            return versions[-1]
        for explanation in versions:
            if explanation.version == version:
                return explanation
        raise NotFound("explanation", f"{child_key} has no version {version}")

    def _with_shares(self, rows: Iterable[Any]) -> list[Explanation]:
        rows = list(rows)
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        shares: dict[int, list[Sharing]] = {}
        for explanation_id, shared_on, noted_at, record_uid in self._db.query(
            "SELECT explanation_id, shared_on, noted_at, record_uid FROM explanation_shares"
            f" WHERE explanation_id IN ({marks}) ORDER BY id",
            ids,
        ):
            shares.setdefault(explanation_id, []).append(Sharing(shared_on, noted_at, record_uid))
        return [
            Explanation(
                id=r[0], case_ref=r[1], child_key=r[2], version=r[3], name=r[4], title=r[5],
                words=r[6], panels=panels_from_json(json.loads(r[7])), saved_at=r[8],
                shared=tuple(shares.get(r[0], ())),
            )
            for r in rows
        ]  # fmt: skip

    def shared_in(self, record_id: str) -> list[tuple[str, int, str]]:
        """The versions noted as shared in the session of record ``record_id``:
        (the name on the child's copy, version, day shared), oldest first."""
        rows = self._db.query(
            "SELECT e.name, e.version, s.shared_on FROM explanation_shares s"
            " JOIN explanations e ON e.id = s.explanation_id WHERE s.record_uid = ?"
            " ORDER BY s.id",
            (record_id,),
        )
        return [(str(name), int(version), str(day)) for name, version, day in rows]

    def child(self, ref: str, key: str) -> Person:
        """Person ``key`` of case ``ref``, who must be a child."""
        for person in self._notebook.people.list(ref):
            if person.key == key:
                if person.role != "child":
                    raise InvalidInput(
                        "child", f"{key} is not a child of case {ref}: words and pictures are "
                        "for a child"
                    )  # fmt: skip
                return person
        raise NotFound("person", f"case {ref} has no person {key!r}")

    # -- writing ---------------------------------------------------------------------------

    def save(
        self,
        ref: str,
        child_key: str,
        *,
        name: str,
        words: str,
        panels: Iterable[Panel | dict[str, Any]] = (),
        title: str = "",
    ) -> Explanation:
        """Save the words and pictures as the child's next version.

        Raises:
            NotFound: no such case or person.
            InvalidInput: not a child, or the words, name or panels are not valid.
        """
        child = self.child(ref, child_key)
        value = check_explanation(name, words, list(panels), title)
        now = timeutil.now()
        with self._db.transaction() as tx:
            version = tx.execute(
                "SELECT coalesce(max(version), 0) + 1 FROM explanations WHERE person_id = ?",
                (child.id,),
            ).fetchone()[0]
            cursor = tx.execute(
                "INSERT INTO explanations (person_id, version, name, title, words, panels,"
                " saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (child.id, version, value.name, value.title, value.words,
                 json.dumps(panels_json(value.panels), ensure_ascii=False), now),
            )  # fmt: skip
            self._audit.append(
                tx, now, "explanation.save", f"explanation:{cursor.lastrowid}",
                f"person={child.id} version={version}",
            )  # fmt: skip
        self._notify(ExplanationChanged(ref, child_key))
        return self.get(ref, child_key, version)

    def mark_shared(
        self,
        ref: str,
        child_key: str,
        version: int,
        *,
        shared_on: str | None = None,
        record_id: str | None = None,
    ) -> Explanation:
        """Note that version ``version`` was shared with the child on ``shared_on`` (today).

        ``record_id`` names the record of the session in which it was shared (a record of
        the same case); the note is kept beside the record, which stays as it is (a final
        record cannot change).

        Raises:
            NotFound: no such case, child, version or record.
            InvalidInput: a bad or future date, or a record of another case.
        """
        explanation = self.get(ref, child_key, version)
        day = shared_on or timeutil.today()
        try:
            parsed = timeutil.parse_date(day)
        except ValueError as exc:
            raise InvalidInput("shared_on", str(exc)) from None
        if parsed > date.today():
            raise InvalidInput("shared_on", "the day it was shared cannot be in the future")
        try:
            timeutil.check_date_range(parsed)
        except ValueError as exc:
            raise InvalidInput("shared_on", str(exc)) from None
        if record_id is not None and self._notebook.records.get(record_id).case_ref != ref:
            raise InvalidInput("record", f"record {record_id} is not a record of case {ref}")
        now = timeutil.now()
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO explanation_shares (explanation_id, shared_on, noted_at,"
                " record_uid) VALUES (?, ?, ?, ?)",
                (explanation.id, parsed.isoformat(), now, record_id),
            )
            detail = f"version={version} shared_on={parsed.isoformat()}"
            self._audit.append(
                tx, now, "explanation.shared", f"explanation:{explanation.id}",
                detail + (f" record={record_id}" if record_id else ""),
            )  # fmt: skip
        self._notify(ExplanationChanged(ref, child_key))
        return self.get(ref, child_key, version)

    def write_pdf(
        self, ref: str, child_key: str, version: int | None, path: Path
    ) -> tuple[Explanation, int]:
        """Write the child's copy of a version (the latest when None) to ``path``
        atomically, and audit it (an export). Returns the version and the file's size.

        Raises:
            NotFound: no such case, child or version.
            WriteFailed: the file could not be written; nothing is audited.
        """
        from casebook.explain_pdf import write_explanation_pdf

        explanation = self.get(ref, child_key, version)
        size = write_explanation_pdf(explanation, path)
        self._append_audit(
            "explanation.pdf", f"explanation:{explanation.id}", f"version={explanation.version}"
        )
        return explanation, size
