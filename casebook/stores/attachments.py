"""Attachments: files kept encrypted inside the notebook, on a record (``attachments``)."""

from __future__ import annotations

from typing import Protocol

from casebook import timeutil
from casebook.changes import RecordChanged
from casebook.domain import Attachment, Record
from casebook.errors import InvalidInput, NotFound
from casebook.record import check_attachment_size
from casebook.stores import record_rows
from casebook.stores.base import Facade, Store
from casebook.stores.records import RecordStore


class _Parts(Facade, Protocol):
    records: RecordStore


class AttachmentStore(Store[_Parts]):
    """``notebook.attachments``: adding, reading and removing a record's attachments."""

    def get(self, attachment_id: int) -> Attachment:
        """An attachment with its bytes (kept in memory; never written out decoded)."""
        row = self._db.query_one(
            "SELECT id, name, media_type, size, sha256, data FROM attachments WHERE id = ?",
            (attachment_id,),
        )
        if row is None:
            raise NotFound("attachment", f"there is no attachment {attachment_id}")
        return Attachment(id=row[0], name=row[1], media_type=row[2], size=row[3], sha256=row[4],
                          data=bytes(row[5]))  # fmt: skip

    def add(self, record_id: str, name: str, media_type: str, data: bytes) -> Record:
        """Attach a file to a draft (kept encrypted inside the notebook)."""
        current = self._notebook.records.draft(record_id)
        check_attachment_size(len(data), "attachment")
        if not name.strip():
            raise InvalidInput("attachment.name", "the attachment needs a name")
        with self._db.transaction() as tx:
            rowid = record_rows.rowid(tx, record_id)
            position = tx.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM attachments WHERE record_id = ?",
                (rowid,),
            ).fetchone()[0]
            digest = record_rows.insert_attachment(tx, rowid, position, name, media_type, data)
            self._audit.append(
                tx, timeutil.now(), "record.attach", f"record:{record_id}", f"sha256={digest}"
            )
        self._notify(RecordChanged(current.case_ref, record_id))
        return self._notebook.records.get(record_id)

    def remove(self, record_id: str, attachment_id: int) -> Record:
        """Remove an attachment from a draft."""
        current = self._notebook.records.draft(record_id)
        with self._db.transaction() as tx:
            rowid = record_rows.rowid(tx, record_id)
            tx.execute(
                "DELETE FROM attachments WHERE id = ? AND record_id = ?", (attachment_id, rowid)
            )
            self._audit.append(
                tx, timeutil.now(), "record.detach", f"record:{record_id}",
                f"attachment={attachment_id}",
            )  # fmt: skip
        self._notify(RecordChanged(current.case_ref, record_id))
        return self._notebook.records.get(record_id)
