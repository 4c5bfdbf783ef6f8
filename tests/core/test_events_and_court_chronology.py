"""Chronology events, significance after finalising, the court chronology and the search
filter by class (issue 14)."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook.errors import InvalidInput
from casebook.formats.casebook_json import parse_document
from casebook.summary.chronology_pdf import (
    chronology_input,
    chronology_table,
    export_chronology,
    redacted_chronology,
)

FINAL = "rec-partner-late"  # partner_support, feelings "Angry with the police and with Mark."
DRAFT = "rec-session-draft"


def _last_audit(notebook) -> tuple[str, str, str]:
    return notebook.database.query_one(
        "SELECT action, object, detail FROM audit_log ORDER BY seq DESC LIMIT 1"
    )


def test_an_event_is_added_audited_and_listed_in_date_order(notebook):
    later = notebook.events.add("C-1042", "2026-03-20", "court_hearing", "observed",
                                description="Interim order", source="Family court")  # fmt: skip
    earlier = notebook.events.add("C-1042", "2026-03-01", "arrest", "reported",
                                  source="Police disclosure")  # fmt: skip
    assert [e.id for e in notebook.events.list("C-1042")] == [earlier.id, later.id]
    assert _last_audit(notebook)[:2] == ("event.add", f"event:{earlier.id}")
    assert later.title == "Court hearing: Interim order"


def test_an_event_with_a_bad_class_changes_nothing(notebook):
    before = notebook.audit.head()
    with pytest.raises(InvalidInput, match="class"):
        notebook.events.add("C-1042", "2026-03-01", "arrest", "gossip")
    assert notebook.audit.head() == before
    assert notebook.events.list("C-1042") == []


def test_an_event_never_changes_and_is_withdrawn_with_a_reason(notebook):
    event = notebook.events.add("C-1042", "2026-03-01", "bail", "reported", source="Police")
    with pytest.raises(sqlcipher.IntegrityError, match="never changes"):
        notebook.database.conn.execute(
            "UPDATE chronology_events SET source = 'x' WHERE id = ?", (event.id,)
        )
    with pytest.raises(sqlcipher.IntegrityError, match="never deleted"):
        notebook.database.conn.execute("DELETE FROM chronology_events WHERE id = ?", (event.id,))
    withdrawn = notebook.events.withdraw(event.id, "entered on the wrong case")
    assert withdrawn.withdrawn_reason == "entered on the wrong case"
    assert notebook.events.list("C-1042") == []
    assert notebook.events.list("C-1042", include_withdrawn=True) == [withdrawn]


def test_events_are_listed_in_the_chronology_among_the_records(notebook):
    notebook.events.add("C-1042", "2026-03-05", "strategy_meeting", "observed")
    data = chronology_input(notebook, "C-1042")
    kinds = [e["kind"] for e in data["cases"][0]["chronology"]]
    assert kinds == ["child_work", "event", "partner_support"]


def test_significance_on_a_final_record_is_an_audited_annotation_outside_its_hash(notebook):
    before = notebook.records.get(FINAL)
    assert not notebook.significance.current(FINAL)
    notebook.significance.set(FINAL, True, "the first account of the breach")
    assert notebook.significance.current(FINAL)
    assert [e.record_id for e in notebook.records.chronology("C-1042", significant_only=True)] == [
        FINAL
    ]
    assert _last_audit(notebook)[0] == "record.significance"
    assert notebook.records.get(FINAL).content_hash == before.content_hash
    assert notebook.audit.verify(pages=False).ok
    notebook.significance.set(FINAL, False, "superseded")
    assert not notebook.significance.current(FINAL)
    assert [n.reason for n in notebook.significance.history(FINAL)] == [
        "the first account of the breach",
        "superseded",
    ]


def test_a_significance_annotation_cannot_be_rewritten(notebook):
    notebook.significance.set(FINAL, True)
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        notebook.database.conn.execute("UPDATE record_significance SET significant = 0")
    with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
        notebook.database.conn.execute("DELETE FROM record_significance")


def test_a_drafts_significance_is_set_in_the_draft(notebook):
    with pytest.raises(InvalidInput, match="draft"):
        notebook.significance.set(DRAFT, True)


def test_the_court_chronology_shows_unmarked_text_as_unclassified(notebook):
    data = chronology_input(notebook, "C-1042", court=True)
    header, cells, _, _ = chronology_table(data)
    assert header == ["Date", "Event", "Source", "Class"]
    feelings = next(c for c in cells if "Angry with the police" in c[1])
    assert feelings[3] == "Unclassified"
    assert not any(c[3] == "Observed" for c in cells)


def test_the_court_chronology_gives_each_passage_its_class_and_source(notebook):
    notebook.marks.mark_passage(DRAFT, "narrative", "Mark attended on time", "observed")
    notebook.marks.mark_passage(
        DRAFT, "purpose", "Initial assessment.", "reported", source_key="p1", told_to="me"
    )
    notebook.events.add("C-1042", "2026-03-06", "court_hearing", "reported", source="Court")
    data = chronology_input(notebook, "C-1042", court=True, include_drafts=True)
    _, cells, _, _ = chronology_table(data)
    observed = next(c for c in cells if c[1].endswith("Mark attended on time"))
    assert observed[3] == "Observed"
    reported = next(c for c in cells if c[1].endswith("Initial assessment."))
    assert (reported[2], reported[3]) == ("Jane Smith to me", "Reported")
    rest = next(c for c in cells if c[1].endswith("talked about his week."))
    assert rest[3] == "Unclassified"
    assert any(c[1] == "Court hearing" and c[2] == "Court" for c in cells)


def test_a_redacted_court_chronology_replaces_names_in_passages_and_sources(notebook):
    notebook.marks.mark_passage(
        DRAFT, "purpose", "Initial assessment.", "reported", source_key="p1"
    )
    data = redacted_chronology(
        chronology_input(notebook, "C-1042", court=True, include_drafts=True), "initials"
    )
    _, cells, _, _ = chronology_table(data)
    text = " ".join(" ".join(c) for c in cells)
    assert "Jane" not in text
    assert "Mark attended" not in text
    assert "J.S." in text


def test_the_court_chronology_pdf_is_signed_and_audited(notebook):
    pdf = export_chronology(notebook, "C-1042", court=True, redaction="none")
    assert pdf.startswith(b"%PDF")
    assert b"/ByteRange" in pdf
    action, _, detail = _last_audit(notebook)
    assert action == "chronology.export"
    assert "court=1" in detail


def test_search_only_observed_finds_words_in_observed_passages_only(notebook):
    notebook.marks.mark_passage(DRAFT, "narrative", "Mark attended on time", "observed")
    assert [h.record_id for h in notebook.marks.search("attended", "observed")] == [DRAFT]
    assert notebook.marks.search("week", "observed") == []
    assert notebook.marks.search("attended", "opinion") == []
    assert [h.record_id for h in notebook.records.search("week")] == [DRAFT]


def test_search_only_reports_from_a_person_names_its_source(notebook):
    notebook.marks.mark_passage(
        DRAFT, "presentation", "Tired, low mood.", "reported", source_key="p1"
    )
    assert [h.record_id for h in notebook.marks.search("tired", "reported:p1")] == [DRAFT]
    assert notebook.marks.search("tired", "reported:p2") == []
    with pytest.raises(InvalidInput, match="only"):
        notebook.marks.search("tired", "observed:p1")


def test_the_court_chronology_pdf_shows_user_text_literally_in_any_script(notebook, tmp_path):
    import subprocess

    narrative = "<b>Not bold</b> & محمد said: Ольга & Nguyễn were there."
    record = notebook.records.create("C-1042", {
        "kind": "session", "event_at": "2026-03-08T10:00:00+00:00",
        "fields": {"narrative": narrative},
        "spans": {"narrative": [{"start": 0, "end": len(narrative), "class": "reported",
                                 "source_name": "Łukasz <i>K</i>"}]},
    })  # fmt: skip
    notebook.records.finalise(record.id)
    pdf = tmp_path / "court.pdf"
    pdf.write_bytes(export_chronology(notebook, "C-1042", court=True, redaction="none"))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "<b>Not bold</b> &" in flat
    assert "Łukasz <i>K</i>" in flat
    for name in ("Ольга", "Nguyễn"):
        assert name in flat


def test_events_travel_in_casebook_1_1_export_and_import(notebook, empty_notebook):
    import json

    notebook.events.add("C-2001", "2026-01-20", "court_hearing", "reported",
                        description="Hearing adjourned", source="Ольга Петрова",
                        significant=True)  # fmt: skip
    gone = notebook.events.add("C-2001", "2026-01-21", "bail", "observed")
    notebook.events.withdraw(gone.id, "entered in error")
    document = json.loads(json.dumps(notebook.interchange.export_document(["C-2001"])))
    assert document["format"] == "casebook/1.1"
    assert [e["kind"] for e in document["cases"][0]["events"]] == ["court_hearing", "bail"]
    empty_notebook.interchange.import_document(document)
    (event,) = empty_notebook.events.list("C-2001")
    assert (event.title, event.source, event.cls, event.significant) == (
        "Court hearing: Hearing adjourned", "Ольга Петрова", "reported", True,
    )  # fmt: skip
    (_, withdrawn) = empty_notebook.events.list("C-2001", include_withdrawn=True)
    assert withdrawn.withdrawn_reason == "entered in error"
    actions = [r[0] for r in empty_notebook.database.query("SELECT action FROM audit_log")]
    assert actions.count("event.import") == 2


def test_an_imported_event_with_a_bad_class_names_its_path_and_imports_nothing(
    empty_notebook, make_document
):
    document = make_document()
    document["format"] = "casebook/1.1"
    document["cases"][1]["events"] = [{"date": "2026-01-20", "kind": "arrest", "class": "rumour"}]
    with pytest.raises(InvalidInput) as caught:
        empty_notebook.interchange.import_document(document)
    assert "cases[1].events[0].class" in str(caught.value)
    assert empty_notebook.cases.list() == []


def test_a_casebook_1_document_with_events_is_refused_naming_the_path(
    empty_notebook, make_document
):
    document = make_document()
    assert document["format"] == "casebook/1"
    document["cases"][1]["events"] = [{"date": "2026-01-20", "kind": "arrest", "class": "observed"}]
    with pytest.raises(InvalidInput, match=r"cases\[1\]\.events"):
        empty_notebook.interchange.import_document(document)
    assert empty_notebook.cases.list() == []


def test_significance_notes_travel_with_the_final_record_outside_its_hash(notebook, empty_notebook):
    import json

    notebook.significance.set(FINAL, True, "the first account of the breach")
    document = json.loads(json.dumps(notebook.interchange.export_document(["C-1042"])))
    exported = next(r for r in document["cases"][0]["records"] if r["id"] == FINAL)
    assert exported["significance"][0]["reason"] == "the first account of the breach"
    assert exported["significant"] is False  # the record's own flag, which its hash covers
    empty_notebook.interchange.import_document(document)
    assert empty_notebook.significance.current(FINAL)
    assert (
        empty_notebook.records.get(FINAL).content_hash == notebook.records.get(FINAL).content_hash
    )
    assert empty_notebook.audit.verify(pages=False).ok


def test_a_new_record_refuses_significance_notes(notebook):
    with pytest.raises(InvalidInput, match="significance"):
        notebook.records.create("C-1042", {
            "kind": "session", "event_at": "2026-03-08T10:00:00+00:00", "status": "final",
            "significance": [{"at": "2026-03-09T10:00:00+00:00", "significant": True}],
        })  # fmt: skip


def test_a_casebook_1_document_with_significance_notes_is_refused_naming_the_path(notebook):
    import json

    notebook.significance.set(FINAL, True)
    document = json.loads(json.dumps(notebook.interchange.export_document(["C-1042"])))
    assert document["format"] == "casebook/1.1"
    document["format"] = "casebook/1"
    where = next(i for i, r in enumerate(document["cases"][0]["records"]) if r["id"] == FINAL)
    with pytest.raises(InvalidInput, match=rf"cases\[0\]\.records\[{where}\]\.significance"):
        parse_document(document)
