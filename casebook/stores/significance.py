"""The SQL of significance set after the fact: ``record_significance``.

A record's own ``significant`` flag is part of it (and of a final record's hash). What
turned out to matter is often known only later: a practitioner can then mark a record,
final or not, significant (or not) as a dated, audited annotation beside it, outside its
hash. The newest annotation holds; the earlier ones stay, and so does the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook import timeutil
from casebook.changes import RecordChanged
from casebook.errors import InvalidInput, NotFound
from casebook.stores.base import Facade, Store
from casebook.validate import check_text

# A record's significance as lists and the chronology show it, over `records r`.
SIGNIFICANT_SQL = (
    "coalesce((SELECT s.significant FROM record_significance s WHERE s.record_id = r.id"
    " ORDER BY s.id DESC LIMIT 1), r.significant)"
)


@dataclass(frozen=True)
class SignificanceNote:
    """One dated annotation: significant or not, and why."""

    significant: bool
    at: str
    reason: str


class SignificanceStore(Store[Facade]):
    """``notebook.significance``: significance annotations beside records."""

    def set(self, record_id: str, significant: bool, reason: str = "") -> SignificanceNote:
        """Mark a final record significant (or not) from now on; audited, outside its hash.

        A draft's significance is part of the draft: set it in the record.

        Raises:
            NotFound: there is no such record.
            InvalidInput: the record is a draft, or the reason is not text.
        """
        row = self._db.query_one(
            "SELECT r.id, r.status, c.ref FROM records r JOIN cases c ON c.id = r.case_id"
            " WHERE r.uid = ?",
            (record_id,),
        )
        if row is None:
            raise NotFound("record", f"there is no record {record_id!r}")
        rowid, status, case_ref = row
        if status != "final":
            raise InvalidInput(
                "significant", "a draft's significance is part of it: set it in the draft"
            )
        check_text(reason, "reason", 2000)
        now = timeutil.now()
        with self._db.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO record_significance (record_id, significant, at, reason)"
                " VALUES (?, ?, ?, ?)",
                (rowid, int(significant), now, reason.strip()),
            )
            self._audit.append(
                tx, now, "record.significance", f"record:{record_id}",
                f"note={cursor.lastrowid} significant={int(significant)}",
            )  # fmt: skip
        self._notify(RecordChanged(case_ref, record_id))
        return SignificanceNote(significant, now, reason.strip())

    def document(self, record_id: str) -> dict[str, Any]:
        """``{"significance": [...]}`` for a casebook/1.1 record object, or ``{}``."""
        notes = self.history(record_id)
        if not notes:
            return {}
        return {
            "significance": [
                {"at": n.at, "significant": n.significant, "reason": n.reason} for n in notes
            ]
        }

    @staticmethod
    def insert_imported(
        tx: Any, rowid: int, uid: str, notes: list[dict[str, Any]]
    ) -> list[tuple[str, str, str]]:
        """Write an imported final record's notes (their times kept as given: they are
        the document's); returns their audit entries."""
        entries = []
        for note in notes:
            cursor = tx.execute(
                "INSERT INTO record_significance (record_id, significant, at, reason)"
                " VALUES (?, ?, ?, ?)",
                (rowid, int(note["significant"]), note["at"], note["reason"]),
            )
            entries.append(
                ("record.significance", f"record:{uid}",
                 f"note={cursor.lastrowid} significant={int(note['significant'])} imported=1")
            )  # fmt: skip
        return entries

    def history(self, record_id: str) -> list[SignificanceNote]:
        """The annotations of a record, oldest first."""
        rows = self._db.query(
            "SELECT s.significant, s.at, s.reason FROM record_significance s"
            " JOIN records r ON r.id = s.record_id WHERE r.uid = ? ORDER BY s.id",
            (record_id,),
        )
        return [SignificanceNote(bool(r[0]), r[1], r[2]) for r in rows]

    def current(self, record_id: str) -> bool:
        """Whether the record is significant now (the newest annotation, else its own)."""
        row = self._db.query_one(
            f"SELECT {SIGNIFICANT_SQL} FROM records r WHERE r.uid = ?", (record_id,)
        )
        if row is None:
            raise InvalidInput("record", f"there is no record {record_id!r}")
        return bool(row[0])
