"""Fact, hearsay and opinion: marks on free text are part of the record and its hash."""

from __future__ import annotations

import json

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook.errors import FinalRecordError, InvalidInput
from casebook.formats.casebook_json import parse_document
from casebook.record import content_hash
from casebook.schema import SCHEMA_VERSION
from casebook.service import Notebook
from casebook.stores.record_rows import stored_content

PASSPHRASE = "correct horse battery staple"

DRAFT = "rec-session-draft"  # narrative "Mark attended on time and talked about his week."
NARRATIVE = "Mark attended on time and talked about his week."


def _marked_record(ref: str = "C-1042") -> dict:
    text = "Lily said her dad shouted. I saw a bruise on her arm. I think she is frightened."
    saw, think = text.index("I saw"), text.index("I think")
    return {
        "kind": "session",
        "event_at": "2026-03-10T10:00:00+00:00",
        "people": ["p2"],
        "fields": {"session_type": "review", "narrative": text},
        "spans": {
            "narrative": [
                {"start": 0, "end": saw - 1, "class": "reported", "source": "p3",
                 "to": "the teacher", "at": "2026-03-09T15:00:00+00:00"},
                {"start": saw, "end": think - 1, "class": "observed"},
                {"start": think, "end": len(text), "class": "opinion",
                 "basis": "her manner during the visit"},
            ]
        },
    }  # fmt: skip


def test_marks_are_stored_with_a_draft_and_read_back(notebook):
    record = notebook.records.create("C-1042", _marked_record())
    assert [m.cls for m in record.spans] == ["reported", "observed", "opinion"]
    assert record.spans[0].source_key == "p3"
    assert record.spans[0].told_to == "the teacher"
    assert record.spans[2].basis == "her manner during the visit"


def test_a_reported_passage_needs_its_source(notebook):
    data = _marked_record()
    del data["spans"]["narrative"][0]["source"]
    with pytest.raises(InvalidInput, match="needs its source"):
        notebook.records.create("C-1042", data)


def test_a_mark_outside_the_text_is_refused_with_its_path(notebook):
    data = _marked_record()
    data["spans"]["narrative"][1]["end"] = 5000
    with pytest.raises(InvalidInput) as caught:
        notebook.records.create("C-1042", data)
    assert "spans.narrative[1]" in str(caught.value)


def test_overlapping_marks_are_refused(notebook):
    data = _marked_record()
    data["spans"]["narrative"][1]["start"] = 10
    with pytest.raises(InvalidInput, match="overlap"):
        notebook.records.create("C-1042", data)


def test_marks_go_on_free_text_fields_only(notebook):
    data = _marked_record()
    data["spans"] = {"session_type": [{"start": 0, "end": 2, "class": "observed"}]}
    with pytest.raises(InvalidInput, match="session_type"):
        notebook.records.create("C-1042", data)


def test_marking_a_passage_of_a_draft_by_its_words_is_saved_and_audited(notebook):
    notebook.marks.mark_passage(DRAFT, "narrative", "talked about his week", "observed")
    record = notebook.records.get(DRAFT)
    (mark,) = record.spans
    assert NARRATIVE[mark.start : mark.end] == "talked about his week"
    last = notebook.database.query("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")
    assert last[0][0] == "record.edit"


def test_unmarking_removes_the_marks_over_the_passage(notebook):
    notebook.marks.mark_passage(DRAFT, "narrative", "talked about his week", "observed")
    notebook.marks.mark_passage(DRAFT, "narrative", "his week", "unclassified")
    assert notebook.records.get(DRAFT).spans == ()


def test_marks_are_part_of_the_final_records_hash(notebook):
    record = notebook.records.create("C-1042", _marked_record())
    final = notebook.records.finalise(record.id)
    rowid = notebook.database.query_one("SELECT id FROM records WHERE uid = ?", (record.id,))[0]
    content = stored_content(notebook.database.conn, rowid, final.finalised_at)
    assert content["spans"]["narrative"][0]["class"] == "reported"
    assert content_hash(content) == final.content_hash


def test_a_record_without_marks_keeps_the_hash_casebook_1_gave_it(notebook):
    rowid = notebook.database.query_one("SELECT id FROM records WHERE uid = 'rec-partner-late'")[0]
    record = notebook.records.get("rec-partner-late")
    content = stored_content(
        notebook.database.conn, rowid, record.claimed_finalised_at or record.finalised_at
    )
    assert "spans" not in content
    assert content_hash(content) == record.content_hash


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE record_marks SET class = 'observed' WHERE record_id = {row}",
        "DELETE FROM record_marks WHERE record_id = {row}",
        'INSERT INTO record_marks (record_id, position, field, start, "end", class)'
        " VALUES ({row}, 9, 'narrative', 0, 4, 'observed')",
    ],
)
def test_changing_a_mark_of_a_final_record_is_refused_by_the_database(notebook, statement):
    record = notebook.records.finalise(notebook.records.create("C-1042", _marked_record()).id)
    row = f"(SELECT id FROM records WHERE uid = '{record.id}')"
    with pytest.raises(sqlcipher.IntegrityError, match="final record cannot be changed"):
        notebook.database.conn.execute(statement.format(row=row))


def test_marking_a_final_record_is_refused(notebook):
    with pytest.raises(FinalRecordError):
        notebook.marks.mark_passage("rec-partner-late", "feelings", "Angry", "observed")


def test_audit_verify_catches_a_tampered_mark(notebook_path):
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        uid = nb.records.finalise(nb.records.create("C-1042", _marked_record()).id).id
        assert nb.audit.verify(pages=False).ok
        for sql in (
            "DROP TRIGGER record_marks_final_no_update",
            "UPDATE record_marks SET class = 'observed' WHERE class = 'opinion'",
        ):
            nb.database.conn.execute(sql)
        report = nb.audit.verify(pages=False)
    finally:
        nb.close()
    assert not report.ok
    assert any(f"final record {uid} was changed" in p for p in report.problems)


def test_export_then_import_round_trips_marks_as_casebook_1_1(notebook, empty_notebook):
    record = notebook.records.finalise(notebook.records.create("C-1042", _marked_record()).id)
    document = json.loads(json.dumps(notebook.interchange.export_document(["C-1042"])))
    assert document["format"] == "casebook/1.1"
    exported = next(r for r in document["cases"][0]["records"] if r["id"] == record.id)
    assert exported["spans"]["narrative"][2]["basis"] == "her manner during the visit"
    empty_notebook.interchange.import_document(document)
    again = empty_notebook.records.get(record.id)
    assert again.spans == record.spans
    assert again.content_hash == record.content_hash


def test_a_casebook_1_document_with_marks_is_refused_naming_the_path(notebook):
    notebook.records.create("C-1042", _marked_record())
    document = json.loads(json.dumps(notebook.interchange.export_document(["C-1042"])))
    document["format"] = "casebook/1"
    where = next(i for i, r in enumerate(document["cases"][0]["records"]) if r.get("spans"))
    with pytest.raises(InvalidInput, match=rf"cases\[0\]\.records\[{where}\]\.spans"):
        parse_document(document)


def test_a_casebook_1_document_without_spans_still_imports(empty_notebook, make_document):
    document = make_document()
    assert document["format"] == "casebook/1"
    result = empty_notebook.interchange.import_document(document)
    assert result.records == 4
    assert empty_notebook.records.get("rec-child-final").spans == ()


def test_the_marks_migration_comes_after_every_earlier_one():
    from casebook.migrations.marks import MARKS_EVENTS_SIGNIFICANCE
    from casebook.schema import MIGRATIONS, SEARCH_HEAD_APART

    # Other features' migrations may follow it; none of the ones it was written after may.
    assert MIGRATIONS.index(MARKS_EVENTS_SIGNIFICANCE) > MIGRATIONS.index(SEARCH_HEAD_APART)
    assert MIGRATIONS.index(MARKS_EVENTS_SIGNIFICANCE) < SCHEMA_VERSION


def test_the_casebook_1_1_example_in_docs_interchange_md_is_valid():
    import re
    from pathlib import Path

    from casebook.formats.casebook_json import parse_document

    text = (Path(__file__).resolve().parents[2] / "docs" / "interchange.md").read_text("utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    document = json.loads(next(b for b in blocks if '"spans"' in b))
    record = parse_document(document).cases[0].records[0]
    narrative = record.fields["narrative"]
    assert [(m.cls, narrative[m.start : m.end]) for m in record.spans] == [
        ("reported", "Jane said he shouted."),
        ("observed", "I saw a bruise."),
        ("opinion", "I think she is frightened."),
    ]


def test_a_reported_passage_may_say_the_day_it_was_said(notebook):
    data = _marked_record()
    data["spans"]["narrative"][0]["at"] = "2026-03-09"
    assert notebook.records.create("C-1042", data).spans[0].told_at == "2026-03-09"
