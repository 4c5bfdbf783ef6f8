"""Retention rules, legal hold, and deleting a case past retention (issue 14, part 3)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from sqlcipher_pages import plaintext

from casebook.errors import InvalidInput
from casebook.paths import DATABASE_FILE
from casebook.retention import Rule, due_date
from casebook.schema import SCHEMA_VERSION
from casebook.service import Notebook

MARKER = "QUETZAL-RETENTION-4471"
NAME_MARKER = "Vondrakowska"


def _marked_case(notebook: Notebook, ref: str = "C-OLD") -> None:
    """A closed case from 2012 with a final record, an addendum and an attachment."""
    notebook.interchange.import_document({
        "format": "casebook/1",
        "cases": [{
            "ref": ref, "title": "Family Old", "status": "open", "opened": "2010-01-04",
            "people": [
                {"key": "c1", "name": f"Ada {NAME_MARKER}", "role": "child", "born": "1990-02-03"},
                {"key": "p1", "name": "Bea Old", "role": "partner"},
            ],
            "records": [{
                "kind": "partner_support", "event_at": "2011-05-06T10:00:00+00:00",
                "status": "final", "people": ["p1"], "tags": ["old"],
                "fields": {"partner": "p1", "contact_type": "phone", "feelings_stage": "shock",
                           "feelings": f"Shaken {MARKER} and tired.",
                           "actions": [{"text": f"Call back {MARKER}", "due": None}]},
                "attachments": [{"name": "letter.txt", "media_type": "text/plain",
                                 "data_base64": base64.b64encode(
                                     (MARKER + " attached ") .encode() * 40).decode()}],
                "addenda": [{"written_at": "2011-05-07T09:00:00+00:00",
                             "text": f"Correction {MARKER}."}],
            }, {
                "kind": "partner_support", "event_at": "2011-06-06T10:00:00+00:00",
                "people": ["p1"],
                "fields": {"partner": "p1", "contact_type": "phone",
                           "feelings": f"Draft {MARKER}."},
            }],
        }],
    })  # fmt: skip
    notebook.cases.update(ref, status="closed", closed="2012-03-01")


def _db_plaintext(notebook: Notebook) -> bytes:
    key = notebook._data_key
    assert key is not None
    return plaintext(notebook.folder / DATABASE_FILE, key, notebook._key_file.page_hmac)


def test_the_page_reader_finds_text_the_database_holds(notebook: Notebook) -> None:
    _marked_case(notebook)
    assert MARKER.encode() in _db_plaintext(notebook)


def test_closed_plus_years_is_due_that_many_years_after_closing() -> None:
    from datetime import date

    assert due_date(Rule("closed", 6), date(2012, 3, 1), None) == ("2018-03-01", "")


def test_child_rule_waits_for_the_youngest_child_and_the_closing() -> None:
    from datetime import date

    born = date(2016, 2, 29)
    assert due_date(Rule("child", 25), date(2020, 1, 1), born)[0] == "2041-02-28"
    assert due_date(Rule("child", 25), None, born)[0] is None


def test_a_new_case_follows_the_uk_default_of_the_youngest_child_reaching_25(
    notebook: Notebook,
) -> None:
    retention = notebook.retention.get("C-1042")
    assert retention.rule == Rule("child", 25) and not retention.own_rule
    assert retention.due is None  # open cases are never due
    assert "open" in retention.describe_due()


def test_a_case_past_its_rule_is_listed_as_due_for_review(notebook: Notebook) -> None:
    _marked_case(notebook)
    due = notebook.retention.cases()
    assert [r.ref for r in due] == ["C-OLD"]
    assert due[0].due == "2015-02-03"  # the child was 25 then; the case closed in 2012


def test_a_case_rule_and_the_default_numbers_can_be_set_and_are_audited(
    notebook: Notebook,
) -> None:
    _marked_case(notebook)
    retention = notebook.retention.set_rule("C-OLD", "closed", 40)
    assert retention.due == "2052-03-01" and retention.own_rule
    assert notebook.retention.cases() == []
    notebook.retention.set_defaults("closed", 3)
    assert notebook.retention.set_rule("C-OLD", None).rule == Rule("closed", 3)
    actions = [r[0] for r in notebook._db.query("SELECT action FROM audit_log")]
    assert actions.count("retention.rule") == 2 and "retention.default" in actions


def test_a_rule_outside_the_range_is_refused_and_changes_nothing(notebook: Notebook) -> None:
    before = notebook.audit.head()
    with pytest.raises(InvalidInput):
        notebook.retention.set_rule("C-1042", "closed", 151)
    with pytest.raises(InvalidInput):
        notebook.retention.set_rule("C-1042", "forever", 3)
    assert notebook.audit.head() == before


def test_a_legal_hold_keeps_its_reason_and_date_and_is_audited(notebook: Notebook) -> None:
    held = notebook.retention.place_hold("C-1042", "Family court, case ZW12", "2026-01-02")
    assert held.hold is not None and held.hold.reason == "Family court, case ZW12"
    assert held.hold.held_on == "2026-01-02"
    detail = notebook._db.query_one("SELECT detail FROM audit_log WHERE action = 'case.hold'")[0]
    assert "ZW12" not in detail and "held_on=2026-01-02" in detail
    assert notebook.retention.release_hold("C-1042").hold is None


def test_held_case_cannot_be_deleted(notebook: Notebook) -> None:
    _marked_case(notebook)
    notebook.retention.place_hold("C-OLD", "Subject access dispute")
    head = notebook.audit.head()
    preview = notebook.retention.deletion_preview("C-OLD")
    assert preview.refusal is not None and "legal hold" in preview.refusal
    with pytest.raises(InvalidInput, match="legal hold"):
        notebook.retention.delete_case("C-OLD", confirm="C-OLD")
    assert notebook.cases.get("C-OLD").record_count == 2
    assert notebook.audit.head() == head


def test_the_database_itself_refuses_a_deletion_permit_for_a_held_case(
    notebook: Notebook,
) -> None:
    import sqlcipher3

    _marked_case(notebook)
    notebook.retention.place_hold("C-OLD", "Court")
    case_id = notebook.cases.get("C-OLD").id
    with pytest.raises(sqlcipher3.IntegrityError):
        notebook._db.conn.execute("INSERT INTO deletion_permits (case_id) VALUES (?)", (case_id,))


def test_a_case_not_yet_due_cannot_be_deleted(notebook: Notebook) -> None:
    notebook.cases.update("C-1042", status="closed")
    with pytest.raises(InvalidInput, match="not past retention"):
        notebook.retention.delete_case("C-1042", confirm="C-1042")
    assert notebook.cases.get("C-1042").record_count == 3


def test_deletion_needs_the_ref_typed_again(notebook: Notebook) -> None:
    _marked_case(notebook)
    with pytest.raises(InvalidInput, match="type the case reference"):
        notebook.retention.delete_case("C-OLD", confirm="c-old")
    assert notebook.cases.get("C-OLD").record_count == 2


def test_final_records_stay_undeletable_without_a_permit(notebook: Notebook) -> None:
    import sqlcipher3

    _marked_case(notebook)
    with pytest.raises(sqlcipher3.IntegrityError):
        notebook._db.conn.execute("DELETE FROM records WHERE status = 'final'")
    with pytest.raises(sqlcipher3.IntegrityError):
        notebook._db.conn.execute("DELETE FROM addenda")


def _delete_old_case(notebook: Notebook) -> Any:
    _marked_case(notebook)
    return notebook.retention.delete_case("C-OLD", confirm="C-OLD")


def test_deleting_a_case_removes_everything_it_held(notebook: Notebook) -> None:
    deleted = _delete_old_case(notebook)
    assert (deleted.records, deleted.final_records, deleted.addenda) == (2, 1, 1)
    assert (deleted.attachments, deleted.people, deleted.actions) == (1, 2, 1)
    assert "C-OLD" not in [c.ref for c in notebook.cases.list()]
    assert notebook.records.search(MARKER) == []
    assert notebook._db.query_one("SELECT count(*) FROM deletion_permits")[0] == 0


def test_a_deleted_cases_text_is_absent_from_the_db_the_wal_and_free_pages(
    notebook: Notebook,
) -> None:
    _delete_old_case(notebook)
    pages = _db_plaintext(notebook)
    for marker in (MARKER, NAME_MARKER, MARKER.lower(), NAME_MARKER.lower()):
        assert marker.encode() not in pages, marker
    wal = notebook.folder / (DATABASE_FILE + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # The other cases are still whole and readable.
    assert notebook.cases.get("C-1042").record_count == 3
    assert b"Bedtimes are hard." in pages


def test_the_audit_chain_verifies_after_a_deletion_with_a_tombstone(notebook: Notebook) -> None:
    _delete_old_case(notebook)
    report = notebook.audit.verify()
    assert report.ok, report.problems
    tomb = notebook._db.query_one("SELECT detail FROM audit_log WHERE action = 'case.delete'")[0]
    assert "ref=C-OLD" in tomb and "records=2" in tomb and "final_records=1" in tomb
    assert MARKER not in tomb and NAME_MARKER not in tomb


def test_a_final_record_deleted_without_a_tombstone_fails_the_audit_check(
    notebook: Notebook,
) -> None:
    _marked_case(notebook)
    case_id = notebook.cases.get("C-OLD").id
    conn = notebook._db.conn
    conn.execute("INSERT INTO deletion_permits (case_id) VALUES (?)", (case_id,))
    in_case = "record_id IN (SELECT id FROM records WHERE case_id = ?)"
    for table in ("addenda", "attachments", "actions", "record_tags", "record_people"):
        conn.execute(f"DELETE FROM {table} WHERE {in_case}", (case_id,))
    conn.execute("DELETE FROM records WHERE case_id = ?", (case_id,))
    report = notebook.audit.verify(pages=False)
    assert not report.ok
    assert any("is missing" in p for p in report.problems)


def test_the_confirmation_names_the_backups_that_still_hold_the_case(
    notebook: Notebook, tmp_path: Path
) -> None:
    from casebook.backup import backup_notebook

    _marked_case(notebook)
    backup_notebook(notebook, tmp_path / "one.casebook-backup")
    backup_notebook(notebook, tmp_path / "two.casebook-backup")
    preview = notebook.retention.deletion_preview("C-OLD")
    assert preview.backups == 2
    assert preview.warning().startswith(
        "2 backups made before this deletion still contain this case (backed up "
    )
    assert len(preview.backup_times) == 2


def test_the_retention_schema_is_the_newest_migration() -> None:
    from casebook.migrations.retention import RETENTION_AND_HOLD
    from casebook.schema import MIGRATIONS

    assert MIGRATIONS.index(RETENTION_AND_HOLD) + 1 <= SCHEMA_VERSION


def test_cli_deletes_a_case_in_two_deliberate_steps(cli: Any, notebook_path: Path) -> None:
    with Notebook.open(notebook_path, "correct horse battery staple") as notebook:
        _marked_case(notebook)
    rc, out, _ = cli.nb(notebook_path, "retention", "list")
    assert rc == 0 and "C-OLD" in out and "C-1042" not in out
    rc, out, _ = cli.nb(notebook_path, "retention", "delete", "C-OLD")
    assert rc == 0 and "--confirm C-OLD" in out and "2 records (1 final)" in out
    rc, _, err = cli.nb(notebook_path, "retention", "delete", "C-OLD", "--confirm", "C-1042")
    assert rc == 6 and "type the case reference" in err
    rc, out, _ = cli.nb(notebook_path, "retention", "delete", "C-OLD", "--confirm", "C-OLD")
    assert rc == 0 and "tombstone" in out
    rc, out, _ = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, out


def test_cli_refuses_to_delete_a_held_case(cli: Any, notebook_path: Path) -> None:
    with Notebook.open(notebook_path, "correct horse battery staple") as notebook:
        _marked_case(notebook)
    rc, out, _ = cli.nb(notebook_path, "retention", "hold", "C-OLD", "--reason", "Court: Ольга")
    assert rc == 0 and "legal hold" in out
    rc, _, err = cli.nb(notebook_path, "retention", "delete", "C-OLD", "--confirm", "C-OLD")
    assert rc == 6 and "legal hold" in err
    rc, out, _ = cli.nb(notebook_path, "retention", "show", "C-OLD")
    assert "Court: Ольга" in out


def test_a_case_with_marks_significance_notes_and_events_can_be_deleted(
    notebook: Notebook,
) -> None:
    """Issue 14's marks, significance notes and chronology events go with their case."""
    _marked_case(notebook)
    draft = notebook.records.list("C-OLD")[0].id
    notebook.marks.mark_passage(draft, "feelings", f"Draft {MARKER}", "observed")
    notebook.records.finalise(draft)
    notebook.significance.set(draft, True, f"Why {MARKER}")
    notebook.events.add("C-OLD", "2011-07-01", "court_hearing", "reported",
                        description=f"Hearing {MARKER}", source="Court")  # fmt: skip
    _ = notebook.events.add("C-1042", "2026-03-01", "bail", "observed")
    notebook.retention.delete_case("C-OLD", confirm="C-OLD")
    for table in ("record_marks", "record_significance", "chronology_events"):
        left = notebook._db.query_one(f"SELECT count(*) FROM {table}")[0]
        assert left == (1 if table == "chronology_events" else 0), table
    assert MARKER.encode() not in _db_plaintext(notebook)
    assert notebook.audit.verify().ok


def test_events_marks_and_notes_stay_undeletable_without_a_permit(notebook: Notebook) -> None:
    import sqlcipher3

    _marked_case(notebook)
    draft = notebook.records.list("C-OLD")[0].id
    notebook.marks.mark_passage(draft, "feelings", f"Draft {MARKER}", "observed")
    notebook.records.finalise(draft)
    notebook.significance.set(draft, True)
    notebook.events.add("C-OLD", "2011-07-01", "bail", "observed")
    for table in ("record_marks", "record_significance", "chronology_events"):
        with pytest.raises(sqlcipher3.IntegrityError):
            notebook._db.conn.execute(f"DELETE FROM {table}")


WORDS_MARKER = "ZEPHYRINE-WORDS-8812"


def _case_with_words_and_pictures(notebook: Notebook) -> None:
    """The old case, its child with two versions of Words and pictures, one shared."""
    _marked_case(notebook)
    for words in (f"Mum and you {WORDS_MARKER}.", f"Dad lives apart {WORDS_MARKER}."):
        notebook.explanations.save("C-OLD", "c1", name="Ada", words=words)
    uid = notebook._db.query_one(
        "SELECT r.uid FROM records r JOIN cases c ON c.id = r.case_id"
        " WHERE c.ref = 'C-OLD' AND r.status = 'final'"
    )[0]
    notebook.explanations.mark_shared("C-OLD", "c1", 1, shared_on="2011-05-06", record_id=uid)


def test_a_case_whose_child_has_words_and_pictures_shared_can_be_deleted(
    notebook: Notebook,
) -> None:
    _case_with_words_and_pictures(notebook)
    assert WORDS_MARKER.encode() in _db_plaintext(notebook)
    notebook.retention.delete_case("C-OLD", confirm="C-OLD")
    assert "C-OLD" not in [c.ref for c in notebook.cases.list()]
    db = notebook._db
    assert db.query_one("SELECT count(*) FROM explanations")[0] == 0
    assert db.query_one("SELECT count(*) FROM explanation_shares")[0] == 0
    assert db.query_one("SELECT count(*) FROM deletion_permits")[0] == 0
    pages = _db_plaintext(notebook)
    assert WORDS_MARKER.encode() not in pages
    assert WORDS_MARKER.lower().encode() not in pages
    report = notebook.audit.verify()
    assert report.ok, report.problems


def test_words_and_pictures_of_another_case_stay_when_a_case_is_deleted(
    notebook: Notebook,
) -> None:
    _case_with_words_and_pictures(notebook)
    notebook.explanations.save("C-1042", "p3", name="Lily", words="Still here.")
    notebook.retention.delete_case("C-OLD", confirm="C-OLD")
    assert [v.words for v in notebook.explanations.versions("C-1042")] == ["Still here."]


def test_words_and_pictures_stay_undeletable_without_a_permit(notebook: Notebook) -> None:
    import sqlcipher3

    _case_with_words_and_pictures(notebook)
    conn = notebook._db.conn
    with pytest.raises(sqlcipher3.IntegrityError, match="explanation_shares is append-only"):
        conn.execute("DELETE FROM explanation_shares")
    with pytest.raises(sqlcipher3.IntegrityError, match="explanations is append-only"):
        conn.execute("DELETE FROM explanations")
    # A permit for another case gives way to nothing in this one.
    other = notebook.cases.get("C-1042").id
    conn.execute("INSERT INTO deletion_permits (case_id) VALUES (?)", (other,))
    with pytest.raises(sqlcipher3.IntegrityError, match="explanations is append-only"):
        conn.execute("DELETE FROM explanations")
    assert len(notebook.explanations.versions("C-OLD")) == 2


def test_cli_deletes_a_case_whose_child_has_words_and_pictures(
    cli: Any, notebook_path: Path
) -> None:
    with Notebook.open(notebook_path, "correct horse battery staple") as notebook:
        _case_with_words_and_pictures(notebook)
    rc, out, err = cli.nb(notebook_path, "retention", "delete", "C-OLD", "--confirm", "C-OLD")
    assert rc == 0 and "tombstone" in out, err
    rc, out, _ = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, out
