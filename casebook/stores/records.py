"""Records: reading them (lists, the chronology, a whole record, search) and the commands
that write them (create, save a draft, finalise, add an addendum, delete a draft).

Row writing lives in :mod:`casebook.stores.record_rows`, the search index in
:mod:`casebook.stores.search_index`.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from typing import Any, Protocol

from casebook import audit, timeutil
from casebook.changes import RecordChanged, RecordFinalised, RecordSaved
from casebook.domain import (
    Action,
    Addendum,
    Attachment,
    ChronologyEntry,
    Record,
    RecordSummary,
    SearchHit,
)
from casebook.errors import FinalRecordError, InvalidInput, NotFound
from casebook.record import CASEBOOK_TIMES, parse_record, record_title
from casebook.risk import check_can_finalise
from casebook.storage import FinalRecordViolation
from casebook.stores import mark_rows, record_rows, search_index
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore
from casebook.stores.late_entries import note_written, rewritten
from casebook.stores.people import PeopleStore, person_ids, person_roles
from casebook.stores.search_index import WHO_SQL
from casebook.stores.significance import SIGNIFICANT_SQL
from casebook.validate import check_text

_SUMMARY_SQL = (
    "SELECT r.uid, c.ref, r.kind, r.subtype, " + WHO_SQL + ","
    " r.event_at, r.written_at, r.status, r.late, " + SIGNIFICANT_SQL + ", r.imported_at,"
    " r.claimed_written_at, r.last_written_at"
    " FROM records r JOIN cases c ON c.id = r.case_id"
    " LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
)

_RECORD_SQL = (
    "SELECT r.id, r.uid, c.ref, r.kind, r.event_at, r.written_at, r.location,"
    " r.duration_minutes, r.status, r.significant, r.fields, r.finalised_at,"
    " r.content_hash, r.subtype, r.about_key, r.case_id, r.late, r.updated_at,"
    " r.imported_at, r.claimed_written_at, r.claimed_finalised_at, r.last_written_at,"
    " " + WHO_SQL + " FROM records r JOIN cases c ON c.id = r.case_id"
    " LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key WHERE r.uid = ?"
)


def _summary(row: Any) -> RecordSummary:
    (uid, ref, kind, subtype, who, event_at, written_at, status, late, significant,
     imported_at, claimed_written_at, last_written_at) = row  # fmt: skip
    return RecordSummary(
        id=uid, case_ref=ref, kind=kind, title=record_title(kind, subtype, who),
        event_at=event_at, written_at=written_at, status=status, late=bool(late),
        significant=bool(significant), imported_at=imported_at,
        claimed_written_at=claimed_written_at, last_written_at=last_written_at,
    )  # fmt: skip


class _Parts(Facade, Protocol):
    cases: CaseStore
    people: PeopleStore


class RecordStore(Store[_Parts]):
    """``notebook.records``: the records of the notebook's cases."""

    # -- reading ----------------------------------------------------------------------------

    def list(
        self, ref: str, *, kind: str | None = None, newest_first: bool = True
    ) -> list[RecordSummary]:
        """The records of a case (newest first by event time)."""
        case = self._notebook.cases.get(ref)
        sql = _SUMMARY_SQL + " WHERE r.case_id = ?"
        params: list[Any] = [case.id]
        if kind:
            sql += " AND r.kind = ?"
            params.append(kind)
        sql += " ORDER BY r.event_utc " + ("DESC" if newest_first else "ASC") + ", r.id"
        return [_summary(row) for row in self._db.query(sql, params)]

    def summary(self, record_id: str) -> RecordSummary:
        """One record's row in a list (what an autosave changes in it)."""
        row = self._db.query_one(_SUMMARY_SQL + " WHERE r.uid = ?", (record_id,))
        if row is None:
            raise NotFound("record", f"there is no record {record_id!r}")
        return _summary(row)

    def ids(self) -> set[str]:
        """The id of every record in the notebook."""
        return {row[0] for row in self._db.query("SELECT uid FROM records")}

    def exists(self, record_id: str) -> bool:
        """Whether the notebook holds a record with this id."""
        return self._db.query_one("SELECT 1 FROM records WHERE uid = ?", (record_id,)) is not None

    def count(self) -> int:
        """How many records the notebook holds."""
        return int(self._db.query_one("SELECT count(*) FROM records")[0])

    def chronology(
        self, ref: str, *, significant_only: bool = False
    ) -> builtins.list[ChronologyEntry]:
        """A case's records in date order (oldest first), optionally only significant ones."""
        case = self._notebook.cases.get(ref)
        sql = _SUMMARY_SQL + " WHERE r.case_id = ?"
        if significant_only:
            sql += " AND " + SIGNIFICANT_SQL + " = 1"
        sql += " ORDER BY r.event_utc, r.id"
        entries = []
        for row in self._db.query(sql, (case.id,)):
            s = _summary(row)
            entries.append(
                ChronologyEntry(record_id=s.id, event_at=s.event_at, kind=s.kind, title=s.title,
                                late=s.late, significant=s.significant, status=s.status,
                                imported_at=s.imported_at,
                                claimed_written_at=s.claimed_written_at)
            )  # fmt: skip
        return entries

    def search(
        self,
        query: str,
        *,
        case_ref: str | None = None,
        kind: str | None = None,
        limit: int = 50,
    ) -> builtins.list[SearchHit]:
        """Records matching every word of ``query`` (as prefixes), newest first, with snippets.

        Whatever the user typed is treated as words, never as FTS5 syntax.
        """
        return search_index.find(self._db, query, case_ref=case_ref, kind=kind, limit=limit)

    def get(self, record_id: str) -> Record:
        """A whole record with its actions, attachment list and addenda."""
        db = self._db
        with db.lock:
            row = db.query_one(_RECORD_SQL, (record_id,))
            if row is None:
                raise NotFound("record", f"there is no record {record_id!r}")
            (rowid, uid, ref, kind, event_at, written_at, location, duration, status,
             significant, fields_json, finalised_at, digest, subtype, _about, _case_id,
             late, updated_at, imported_at, claimed_written_at,
             claimed_finalised_at, last_written_at, who) = row  # fmt: skip
            people = db.query(
                "SELECT p.key FROM record_people rp JOIN people p ON p.id = rp.person_id"
                " WHERE rp.record_id = ? ORDER BY rp.position",
                (rowid,),
            )
            tags = db.query(
                "SELECT tag FROM record_tags WHERE record_id = ? ORDER BY position", (rowid,)
            )
            actions = db.query(
                "SELECT id, text, due, done FROM actions WHERE record_id = ? ORDER BY position",
                (rowid,),
            )
            attachments = db.query(
                "SELECT id, name, media_type, size, sha256 FROM attachments"
                " WHERE record_id = ? ORDER BY position",
                (rowid,),
            )
            addenda = db.query(
                "SELECT written_at, text, imported_at, claimed_written_at FROM addenda"
                " WHERE record_id = ? ORDER BY id",
                (rowid,),
            )
            spans = mark_rows.marks_of(db.query(mark_rows.SELECT_SQL, (rowid,)))
        return Record(
            id=uid, case_ref=ref, kind=kind, event_at=event_at, written_at=written_at,
            location=location, duration_minutes=duration,
            people=tuple(p[0] for p in people), status=status,
            tags=tuple(t[0] for t in tags), significant=bool(significant),
            fields=json.loads(fields_json),
            actions=tuple(
                Action(text=a[1], due=a[2], done=bool(a[3]), id=a[0], record_id=uid,
                       case_ref=ref, record_status=status)
                for a in actions
            ),
            attachments=tuple(
                Attachment(id=a[0], name=a[1], media_type=a[2], size=a[3], sha256=a[4])
                for a in attachments
            ),
            addenda=tuple(
                Addendum(written_at=a[0], text=a[1], imported_at=a[2], claimed_written_at=a[3])
                for a in addenda
            ),
            finalised_at=finalised_at, content_hash=digest,
            title=record_title(kind, subtype, who), late=bool(late), updated_at=updated_at,
            imported_at=imported_at, claimed_written_at=claimed_written_at,
            claimed_finalised_at=claimed_finalised_at, last_written_at=last_written_at,
            spans=tuple(spans),
        )  # fmt: skip

    # -- writing ----------------------------------------------------------------------------

    def create(self, ref: str, data: Mapping[str, Any]) -> Record:
        """Start a record (a draft unless ``data`` says final) from a casebook/1 record object.

        The record is written now and, if final, finalised now: Casebook's clock, never a
        time the caller gives. ``written_at``, ``finalised_at``, ``content_hash`` and
        ``addenda`` are refused (records written elsewhere come in by import, which keeps
        their times as claims).

        Raises:
            InvalidInput: naming the refused key or the first invalid value.
        """
        case = self._notebook.cases.get(ref)
        with self._db.reading() as conn:
            roles = person_roles(conn, case.id)
        _refuse_caller_times(data, None)
        for key, why in (
            ("content_hash", "Casebook computes the content hash when it finalises a record"),
            ("addenda", "add addenda to a final record one at a time; each is dated when added"),
            ("significance", "set significance on the final record; each note is dated when added"),
        ):
            if data.get(key):
                raise InvalidInput(f"record.{key}", f"{why}; leave {key} out")
        record = parse_record(dict(data), "record", roles, roles=roles)
        if record.id is not None and self.exists(record.id):
            raise InvalidInput("record.id", f"a record {record.id!r} already exists")
        now = timeutil.now()
        with self._db.transaction() as tx:
            uid = record_rows.insert_record(tx, case.id, person_ids(tx, case.id), record, now)
            self._audit.append(tx, now, "record.create", f"record:{uid}", record.kind)
            if record.status == "final":
                digest = record_rows.finalise(tx, uid, now)
                self._audit.append(tx, now, "record.finalise", f"record:{uid}", f"sha256={digest}")
        self._notify(RecordChanged(ref, uid))
        return self.get(uid)

    def save_draft(self, record_id: str, data: Mapping[str, Any]) -> Record:
        """Replace a draft's content (autosave). Attachments are kept as they are.

        ``data`` is a casebook/1 record object; ``kind`` may be left out. Final records
        refuse: only addenda can be added to them.
        """
        # The row is enough to check a draft's save (a final record has nothing to
        # check: it refuses); the whole record is read once, to return it.
        current = self.summary(record_id)
        if current.status != "draft":
            raise FinalRecordError(record_id)
        _refuse_caller_times(data, current)
        data = dict(data)
        data.setdefault("kind", current.kind)
        # The time written stays the record's own (or, imported, its claim); only what
        # the record says changes.
        for key in CASEBOOK_TIMES:
            data.pop(key, None)
        if data["kind"] != current.kind:
            raise InvalidInput("record.kind", "a record's kind cannot change")
        data.pop("attachments", None)
        if data.get("status", "draft") != "draft":
            raise InvalidInput("record.status", "use finalise to make a record final")
        now = timeutil.now()
        try:
            with self._db.transaction() as tx:
                rowid, case_id = record_rows.rowid_and_case(tx, record_id)
                people = person_ids(tx, case_id)
                record = parse_record(data, "record", set(people), roles=person_roles(tx, case_id))
                # Late is judged by the last real write (an imported record: its claim).
                imported = current.is_imported
                before = None if imported else record_rows.stored_content(tx, rowid, "")
                record_rows.rewrite_draft(
                    tx, rowid, case_id, people, record, now, _late_basis(current)
                )
                if before is not None and rewritten(before, record) != before:
                    note_written(tx, rowid, record.event_at, now)
                self._audit.append(tx, now, "record.edit", f"record:{record_id}")
        except FinalRecordViolation:
            raise FinalRecordError(record_id) from None
        self._notify(RecordSaved(current.case_ref, record_id))
        return self.get(record_id)

    def finalise(self, record_id: str) -> Record:
        """Lock a draft: store the time and SHA-256 content hash; it can never change again."""
        current = self.draft(record_id)
        check_can_finalise(current.kind, current.fields)
        now = timeutil.now()
        with self._db.transaction() as tx:
            digest = record_rows.finalise(tx, record_id, now)
            self._audit.append(
                tx, now, "record.finalise", f"record:{record_id}", f"sha256={digest}"
            )
        self._notify(RecordFinalised(current.case_ref, record_id))
        return self.get(record_id)

    def add_addendum(self, record_id: str, text: str) -> Record:
        """Add a dated correction or addition to a final record; the original stays."""
        current = self.get(record_id)
        if not current.is_final:
            raise InvalidInput("addendum", "addenda are added to final records; edit the draft")
        check_text(text, "addendum")
        if not text.strip():
            raise InvalidInput("addendum", "the addendum is empty")
        now = timeutil.now()
        with self._db.transaction() as tx:
            rowid = record_rows.rowid(tx, record_id)
            addendum_id = record_rows.insert_addendum(tx, rowid, now, text)
            search_index.index(tx, rowid)
            self._audit.append(
                tx, now, "record.addendum", f"record:{record_id}",
                audit.addendum_detail(addendum_id, text),
            )  # fmt: skip
        self._notify(RecordChanged(current.case_ref, record_id))
        return self.get(record_id)

    def delete_draft(self, record_id: str) -> None:
        """Discard a draft. Final records are never deleted."""
        current = self.draft(record_id)
        with self._db.transaction() as tx:
            rowid = record_rows.rowid(tx, record_id)
            search_index.unindex(tx, rowid)
            tx.execute("DELETE FROM records WHERE id = ?", (rowid,))
            self._audit.append(tx, timeutil.now(), "record.delete_draft", f"record:{record_id}")
        self._notify(RecordChanged(current.case_ref, record_id))

    def draft(self, record_id: str) -> Record:
        """The record, which must be a draft.

        Raises:
            NotFound: no such record.
            FinalRecordError: the record is final.
        """
        current = self.get(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        return current


_CASEBOOK_TIME_REFUSALS = {
    "written_at": "Casebook records when a record is written, by its own clock; leave "
    "written_at out (records written elsewhere come in by import, which keeps their times "
    "as claims)",
    "finalised_at": "Casebook records when a record is finalised, by its own clock; leave "
    "finalised_at out",
    "imported_at": "only an import sets imported_at; leave it out",
}


def _refuse_caller_times(data: Mapping[str, Any], current: Record | RecordSummary | None) -> None:
    """Refuse a written, finalised or import time given by the caller.

    A client may echo back the time ``current`` already has (its own, or its claim);
    anything else would be taken as fact where Casebook vouches only for its own clock.

    Raises:
        InvalidInput: naming the key.
    """
    for key, message in _CASEBOOK_TIME_REFUSALS.items():
        value = data.get(key)
        if value is None:
            continue
        if current is not None:
            known = {getattr(current, key, None), getattr(current, f"claimed_{key}", None)}
            try:
                if timeutil.normalise_time(value) in known - {None}:
                    continue
            except (ValueError, TypeError):
                pass
        raise InvalidInput(f"record.{key}", message)


def _late_basis(record: Record | RecordSummary) -> str:
    """The written time a record's lateness is judged by: Casebook's last real write
    (casebook/stores/late_entries.py), or for an imported record the time its document
    claims (a claimed judgement, shown as such)."""
    if record.is_imported and record.claimed_written_at:
        return record.claimed_written_at
    return record.last_written_at or record.written_at
