"""Writing a record's rows: the record, its children (people, tags, actions,
attachments, addenda), finalising and the content hash read back from what is stored.

Functions of the caller's transaction ``tx``: the records store, the import and the
audit check share them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from casebook import timeutil
from casebook.errors import FinalRecordError, NotFound
from casebook.record import (
    RecordInput,
    children_beyond_first,
    content_hash,
    hashed_content,
    title_parts,
)
from casebook.stores.late_entries import judge_at_finalising
from casebook.stores.mark_rows import hashed_spans, write_marks
from casebook.stores.search_index import index


def rowid(tx: Any, record_id: str) -> int:
    """The row id of the record with uid ``record_id``."""
    row = tx.execute("SELECT id FROM records WHERE uid = ?", (record_id,)).fetchone()
    if row is None:
        raise NotFound("record", f"there is no record {record_id!r}")
    return int(row[0])


def rowid_and_case(tx: Any, record_id: str) -> tuple[int, int]:
    """The row id of the record with uid ``record_id``, and its case's id."""
    row = tx.execute("SELECT id, case_id FROM records WHERE uid = ?", (record_id,)).fetchone()
    if row is None:
        raise NotFound("record", f"there is no record {record_id!r}")
    return int(row[0]), int(row[1])


def insert_record(
    tx: Any,
    case_id: int,
    person_ids: Mapping[str, int],
    record: RecordInput,
    now: str,
    *,
    imported: bool = False,
) -> str:
    """Insert a record as a draft with its children and search entry; returns its uid.

    It is written ``now``. An imported record keeps its document's ``written_at`` as
    a claim, and is late (as claimed) by that time.
    """
    uid = record.id or uuid.uuid4().hex
    claimed = record.written_at if imported else None
    subtype, about = title_parts(record.kind, record.fields)
    cursor = tx.execute(
        "INSERT INTO records (uid, case_id, kind, subtype, about_key, about_more, event_at,"
        " event_utc, written_at, location, duration_minutes, status, significant, late,"
        " fields, updated_at, imported_at, claimed_written_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)",
        (uid, case_id, record.kind, subtype, about,
         children_beyond_first(record.kind, record.fields), record.event_at,
         timeutil.utc_key(record.event_at), now, record.location,
         record.duration_minutes, int(record.significant),
         int(timeutil.is_late(record.event_at, claimed or now)),
         json.dumps(record.fields, ensure_ascii=False), now, now if imported else None,
         claimed),
    )  # fmt: skip
    row = int(cursor.lastrowid)
    write_children(tx, row, person_ids, record)
    for position, attachment in enumerate(record.attachments):
        insert_attachment(
            tx, row, position, attachment.name, attachment.media_type, attachment.data
        )
    index(tx, row)
    return uid


def rewrite_draft(
    tx: Any,
    row: int,
    case_id: int,
    person_ids: Mapping[str, int],
    record: RecordInput,
    now: str,
    written_at: str,
) -> None:
    """Rewrite a draft's content and children; its written times stay (``written_at``
    judges late). Its attachments are kept as they are."""
    subtype, about = title_parts(record.kind, record.fields)
    tx.execute(
        "UPDATE records SET subtype = ?, about_key = ?, about_more = ?, event_at = ?,"
        " event_utc = ?, location = ?, duration_minutes = ?, significant = ?, late = ?,"
        " fields = ?, updated_at = ? WHERE id = ? AND case_id = ?",
        (subtype, about, children_beyond_first(record.kind, record.fields), record.event_at,
         timeutil.utc_key(record.event_at), record.location, record.duration_minutes,
         int(record.significant), int(timeutil.is_late(record.event_at, written_at)),
         json.dumps(record.fields, ensure_ascii=False), now, row, case_id),
    )  # fmt: skip
    for table in ("record_people", "record_tags", "actions", "record_marks"):
        tx.execute(f"DELETE FROM {table} WHERE record_id = ?", (row,))
    write_children(tx, row, person_ids, record)
    index(tx, row)


def write_children(tx: Any, row: int, person_ids: Mapping[str, int], record: RecordInput) -> None:
    """Insert a record's people, tags, actions and marks."""
    tx.executemany(
        "INSERT INTO record_people (record_id, person_id, position) VALUES (?, ?, ?)",
        [(row, person_ids[key], i) for i, key in enumerate(record.people)],
    )
    tx.executemany(
        "INSERT INTO record_tags (record_id, tag, position) VALUES (?, ?, ?)",
        [(row, tag, i) for i, tag in enumerate(record.tags)],
    )
    tx.executemany(
        "INSERT INTO actions (record_id, position, text, due, done) VALUES (?, ?, ?, ?, ?)",
        [(row, i, a.text, a.due, int(a.done)) for i, a in enumerate(record.actions)],
    )
    write_marks(tx, row, record.spans)


def insert_attachment(
    tx: Any, row: int, position: int, name: str, media_type: str, data: bytes
) -> str:
    """Insert an attachment of record row ``row``; returns the SHA-256 of its bytes."""
    digest = hashlib.sha256(data).hexdigest()
    tx.execute(
        "INSERT INTO attachments (record_id, position, name, media_type, size, sha256, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row, position, name, media_type or "application/octet-stream", len(data), digest,
         data),
    )  # fmt: skip
    return digest


def insert_addendum(
    tx: Any,
    row: int,
    now: str,
    text: str,
    *,
    claimed_written_at: str | None = None,
    imported: bool = False,
) -> int:
    """Insert an addendum of record row ``row``, written ``now``; returns its id."""
    cursor = tx.execute(
        "INSERT INTO addenda (record_id, written_at, text, imported_at, claimed_written_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (row, now, text, now if imported else None, claimed_written_at),
    )
    return int(cursor.lastrowid)


def stored_content(tx: Any, row: int, finalised_at: str) -> dict[str, Any]:
    """What the content hash of the stored record covers, read back from the database.

    The times it covers are the record's times as a document gives them: an imported
    record's claimed times (so the hash its exporter computed still holds), else its
    own. ``finalised_at`` is that time of finalising.
    """
    record = tx.execute(
        "SELECT uid, kind, event_at, coalesce(claimed_written_at, written_at), location,"
        " duration_minutes, significant, fields FROM records WHERE id = ?",
        (row,),
    ).fetchone()
    people = tx.execute(
        "SELECT p.key FROM record_people rp JOIN people p ON p.id = rp.person_id"
        " WHERE rp.record_id = ? ORDER BY rp.position",
        (row,),
    ).fetchall()
    tags = tx.execute(
        "SELECT tag FROM record_tags WHERE record_id = ? ORDER BY position", (row,)
    ).fetchall()
    actions = tx.execute(
        "SELECT text, due FROM actions WHERE record_id = ? ORDER BY position", (row,)
    ).fetchall()
    attachments = tx.execute(
        "SELECT name, media_type, sha256 FROM attachments WHERE record_id = ? ORDER BY position",
        (row,),
    ).fetchall()
    return hashed_content(
        uid=record[0], kind=record[1], event_at=record[2], written_at=record[3],
        location=record[4], duration_minutes=record[5], people=[p[0] for p in people],
        tags=[t[0] for t in tags], significant=bool(record[6]), fields=json.loads(record[7]),
        actions=actions, attachments=attachments, finalised_at=finalised_at,
        spans=hashed_spans(tx, row),
    )  # fmt: skip


def finalise(
    tx: Any, record_id: str, finalised_at: str, claimed_finalised_at: str | None = None
) -> str:
    """Finalise at ``finalised_at`` (Casebook's clock); an imported record's document
    time of finalising is kept as ``claimed_finalised_at`` (and hashed).

    Returns:
        the content hash.
    """
    row = rowid(tx, record_id)
    judge_at_finalising(tx, row, finalised_at)
    digest = content_hash(stored_content(tx, row, claimed_finalised_at or finalised_at))
    cursor = tx.execute(
        "UPDATE records SET status = 'final', finalised_at = ?, claimed_finalised_at = ?,"
        " content_hash = ? WHERE id = ? AND status = 'draft'",
        (finalised_at, claimed_finalised_at, digest, row),
    )
    if cursor.rowcount != 1:
        raise FinalRecordError(record_id)
    return digest
