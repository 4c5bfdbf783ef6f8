"""Import and export of casebook/1 documents (see ``IMPORT_FORMAT.md``): a document in,
in one transaction; the notebook (or some cases) out, in memory or streamed."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from casebook import audit as audit_chain
from casebook import timeutil
from casebook.changes import NotebookReloaded
from casebook.errors import InvalidInput
from casebook.formats import casebook_json
from casebook.marks import spans_document
from casebook.progress import Progress, counted_cases, report
from casebook.stores import record_rows, search_index
from casebook.stores.attachments import AttachmentStore
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore, insert_case
from casebook.stores.events import EventStore
from casebook.stores.imported import write_case_extras
from casebook.stores.intake import IntakeStore
from casebook.stores.people import PeopleStore, insert_person
from casebook.stores.person_details import PersonDetailsStore
from casebook.stores.records import RecordStore
from casebook.stores.reflections import ReflectionStore
from casebook.stores.settings import SettingsStore
from casebook.stores.significance import SignificanceStore
from casebook.writing import store as writing_store


@dataclass(frozen=True)
class ImportResult:
    """Counts of what an import added."""

    cases: int
    people: int
    records: int
    attachments: int
    reflections: int


Entries = list[tuple[str, str, str]]


class _Parts(Facade, Protocol):
    settings: SettingsStore
    cases: CaseStore
    people: PeopleStore
    records: RecordStore
    attachments: AttachmentStore
    reflections: ReflectionStore
    events: EventStore
    significance: SignificanceStore
    intake: IntakeStore
    details: PersonDetailsStore


class Interchange(Store[_Parts]):
    """``notebook.interchange``: casebook/1 documents in and out."""

    def import_document(self, document: Any, progress: Progress | None = None) -> ImportResult:
        """Import a casebook/1 document in one transaction: all of it, or nothing.

        Args:
            document: the decoded JSON, or the ``DocumentInput`` that parsing it gave.
            progress: called with (records written, records in the document) as the
                import goes on; it may raise :class:`~casebook.progress.Cancelled`,
                which rolls the whole import back.

        Raises:
            InvalidInput: naming the JSON path of the first problem; nothing is written.
            Cancelled: ``progress`` stopped the import; nothing is written.
        """
        parsed = (
            document
            if isinstance(document, casebook_json.DocumentInput)  # checked already (a preview)
            else casebook_json.parse_document(document)
        )
        total = sum(len(case.records) for case in parsed.cases)
        existing = self._notebook.cases.refs()
        for i, case in enumerate(parsed.cases):
            if case.ref in existing:
                raise InvalidInput(
                    f"cases[{i}].ref", f"the notebook already has a case {case.ref!r}"
                )
        records = self._notebook.records
        for i, case in enumerate(parsed.cases):
            for j, r in enumerate(case.records):
                if r.id and records.exists(r.id):
                    raise InvalidInput(
                        f"cases[{i}].records[{j}].id", f"the notebook already has a record {r.id!r}"
                    )
        writing_rows = writing_store.imported_settings(
            writing_store.WritingStore(self._notebook), parsed.phrases, parsed.templates
        )
        now = timeutil.now()
        counts = {"people": 0, "records": 0, "attachments": 0}
        with self._db.transaction() as tx:
            entries: Entries = []
            for i, case in enumerate(parsed.cases):
                case_id = insert_case(tx, case, now)
                entries.append(("case.import", f"case:{case_id}", ""))
                person_ids = {p.key: insert_person(tx, case_id, p) for p in case.people}
                write_case_extras(tx, case_id, person_ids, case)
                counts["people"] += len(person_ids)
                entries += EventStore.insert_imported(tx, case_id, case.events, now)
                for j, record in enumerate(case.records):
                    where = f"cases[{i}].records[{j}]"
                    self._import_record(tx, case_id, person_ids, record, now, where, entries)
                    counts["records"] += 1
                    counts["attachments"] += len(record.attachments)
                    report(progress, counts["records"], total)
            ReflectionStore.insert_imported(
                tx, [(r.written_at or now, r.text) for r in parsed.reflections]
            )
            self._notebook.settings.set_many(tx, writing_rows)
            entries.append(
                ("notebook.import", "notebook",
                 f"cases={len(parsed.cases)} records={counts['records']}")
            )  # fmt: skip
            self._audit.append_many(tx, now, entries)
            report(progress, total, total)  # the last chance to cancel: before the commit
        self._notify(NotebookReloaded())
        return ImportResult(
            cases=len(parsed.cases), people=counts["people"], records=counts["records"],
            attachments=counts["attachments"], reflections=len(parsed.reflections),
        )  # fmt: skip

    @staticmethod
    def _import_record(
        tx: Any,
        case_id: int,
        person_ids: dict[str, int],
        record: Any,
        now: str,
        where: str,
        entries: Entries,
    ) -> None:
        # Imported: written, finalised and added (addenda) now, by Casebook's clock; the
        # document's times are kept as claims.
        uid = record_rows.insert_record(tx, case_id, person_ids, record, now, imported=True)
        entries.append(("record.import", f"record:{uid}", record.kind))
        if record.status != "final":
            return
        digest = record_rows.finalise(tx, uid, now, record.finalised_at)
        if record.content_hash and record.content_hash != digest:
            raise InvalidInput(
                f"{where}.content_hash", "does not match the record's content (was it changed?)"
            )
        entries.append(("record.finalise", f"record:{uid}", f"sha256={digest}"))
        rowid = record_rows.rowid(tx, uid)
        entries += SignificanceStore.insert_imported(tx, rowid, uid, record.significance)
        for addendum in record.addenda:
            addendum_id = record_rows.insert_addendum(
                tx, rowid, now, addendum.text, claimed_written_at=addendum.written_at,
                imported=True,
            )  # fmt: skip
            detail = audit_chain.addendum_detail(
                addendum_id, addendum.text, imported=True, claimed=addendum.written_at
            )
            entries.append(("record.addendum", f"record:{uid}", detail))
        if record.addenda:
            search_index.index(tx, rowid)

    # -- export -----------------------------------------------------------------------------

    def export_document(
        self,
        case_refs: Iterable[str] | None = None,
        *,
        include_reflections: bool = False,
        include_attachment_data: bool = True,
        audit: bool = True,
        include_phrases: bool = False,
    ) -> dict[str, Any]:
        """The notebook (or some cases) as a casebook/1 document, in memory.

        Records carry the extras the notebook adds (``id``, ``significant``, and for final
        records ``finalised_at`` and ``content_hash``), which import accepts and checks.
        A whole caseload is better streamed: :meth:`write_export`.
        """
        cases = [
            {**case, "records": list(records)}
            for case, records in self.export_cases(case_refs, include_attachment_data)
        ]
        document: dict[str, Any] = {
            "format": casebook_json.FORMAT,
            "cases": cases,
        }
        if include_reflections:
            document["reflections"] = self._export_reflections()
        if include_phrases:
            document.update(writing_store.document_keys(writing_store.WritingStore(self._notebook)))
        if audit:
            self._audit_export(len(cases), include_reflections)
        return document

    def write_export(
        self,
        out: BinaryIO,
        case_refs: Iterable[str] | None = None,
        *,
        include_reflections: bool = False,
        include_phrases: bool = False,
        progress: Progress | None = None,
    ) -> None:
        """Write the notebook (or some cases) to ``out`` as casebook/1 JSON, a record at a
        time (the same text as :meth:`export_document` dumped with indent 2).

        ``progress(records written, records to write)`` may raise
        :class:`~casebook.progress.Cancelled`; the export is then not audited and the
        caller discards what was written (``atomic_file`` does).
        """
        listed = self._notebook.cases.list()
        refs = list(case_refs) if case_refs is not None else [c.ref for c in listed]
        reflections = self._export_reflections() if include_reflections else None
        writing = writing_store.WritingStore(self._notebook)
        extras = writing_store.document_keys(writing) if include_phrases else None
        cases = self.export_cases(refs)
        if progress is not None:
            counts = {c.ref: c.record_count for c in listed}
            cases = counted_cases(cases, progress, sum(counts.get(r, 0) for r in refs))
        casebook_json.write_document(out, cases, reflections, extras)
        self._audit_export(len(refs), include_reflections)

    def export_cases(
        self, case_refs: Iterable[str] | None = None, include_attachment_data: bool = True
    ) -> Iterator[tuple[dict[str, Any], Iterator[dict[str, Any]]]]:
        """Each case as a casebook/1 case object without ``records``, and its records
        (oldest first) read one at a time as they are asked for."""
        nb = self._notebook
        refs = list(case_refs) if case_refs is not None else [c.ref for c in nb.cases.list()]
        for ref in refs:
            case = nb.cases.get(ref)
            head: dict[str, Any] = {
                "ref": case.ref, "title": case.title, "status": case.status,
                "opened": case.opened, "closed": case.closed,
                "people": self.people_document(ref),
                **nb.events.case_document(ref),  # casebook/1.1: chronology events
            }  # fmt: skip
            intake = nb.intake.get(ref)
            if intake is not None:
                head["intake"] = intake.document()
            ids = [s.id for s in nb.records.list(ref, newest_first=False)]
            yield (
                head,
                (
                    self.record_document(i, include_attachment_data=include_attachment_data)
                    for i in ids
                ),
            )

    def _export_reflections(self) -> list[dict[str, Any]]:
        return [
            {"written_at": r.written_at, "text": r.text}
            for r in reversed(self._notebook.reflections.list())
        ]

    def _audit_export(self, cases: int, include_reflections: bool) -> None:
        self._append_audit(
            "notebook.export", "notebook", f"cases={cases} reflections={int(include_reflections)}"
        )

    def people_document(self, ref: str) -> list[dict[str, Any]]:
        """The people of a case as casebook/1 person objects."""
        people = []
        details = self._notebook.details.for_case(ref)
        for p in self._notebook.people.list(ref):
            person: dict[str, Any] = {"key": p.key, "name": p.name, "role": p.role}
            if p.preferred_name:
                person["preferred_name"] = p.preferred_name
            if p.born:
                person["born"] = p.born
            if p.gp:
                person["gp"] = p.gp
            if p.other_names:
                person["other_names"] = list(p.other_names)
            if p.key in details:
                person["details"] = details[p.key].document()
            people.append(person)
        return people

    def record_document(
        self, record_id: str, *, include_attachment_data: bool = True
    ) -> dict[str, Any]:
        """One record as a casebook/1 record object (with the notebook's extras)."""
        r = self._notebook.records.get(record_id)
        fields = dict(r.fields)
        if r.kind == "session" and not fields.get("escalation"):
            # Casebook's one addition to casebook/1: left out when empty, so plain
            # documents stay plain.
            fields.pop("escalation", None)
        fields["actions"] = [
            {"text": a.text, "due": a.due, **({"done": True} if a.done else {})} for a in r.actions
        ]
        # The times a document gives: an imported record's claims (which its content hash
        # covers), else Casebook's own; `imported_at` says which.
        out: dict[str, Any] = {
            "id": r.id, "kind": r.kind, "event_at": r.event_at,
            "written_at": r.claimed_written_at or r.written_at,
            "location": r.location, "duration_minutes": r.duration_minutes,
            "people": list(r.people), "status": r.status, "tags": list(r.tags),
            "significant": r.significant, "fields": fields,
        }  # fmt: skip
        if r.spans:
            out["spans"] = spans_document(r.spans)
        if r.attachments:
            attachments = []
            for a in r.attachments:
                item: dict[str, Any] = {"name": a.name, "media_type": a.media_type}
                if include_attachment_data and a.id is not None:
                    data = self._notebook.attachments.get(a.id).data or b""
                    item["data_base64"] = base64.b64encode(data).decode("ascii")
                attachments.append(item)
            out["attachments"] = attachments
        if r.is_final:
            out["finalised_at"] = r.claimed_finalised_at or r.finalised_at
            out["content_hash"] = r.content_hash
            if r.addenda:
                out["addenda"] = [
                    {"written_at": a.claimed_written_at or a.written_at, "text": a.text,
                     **({"imported_at": a.imported_at} if a.imported_at else {})}
                    for a in r.addenda
                ]  # fmt: skip
        if r.imported_at:
            out["imported_at"] = r.imported_at
        # casebook/1.1: significance notes set after finalising, outside the hash.
        out.update(self._notebook.significance.document(record_id))
        return out
