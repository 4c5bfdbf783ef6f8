"""A professional contact (strategy discussion, core group, a call with the police ...):
the fourth record kind, its attendees, the schema upgrade that allows it, casebook/1.1."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from casebook.domain import Practitioner
from casebook.errors import CasebookError, InvalidInput
from casebook.formats.casebook_json import FORMAT, parse_document
from casebook.migrations.professional_contact import PROFESSIONAL_CONTACT_KIND
from casebook.schema import MIGRATIONS, SCHEMA_VERSION
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"
AT = "2026-11-03T10:00:00+00:00"


def _meeting(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "professional_contact",
        "event_at": AT,
        "location": "video",
        "fields": {
            "meeting_type": "strategy_discussion",
            "attendees": [
                {"name": "DS Amir Khan", "agency": "Police", "role": "Officer in the case"},
                {"name": "Ольга Петренко", "agency": "Children's social care", "role": "Chair"},
            ],
            "decisions": "Section 47 enquiry to start.",
            "family_told": "yes",
            "actions": [{"text": "Police: share bail conditions", "due": "2026-11-05"}],
            **fields,
        },
    }


def _case_with_child(notebook: Notebook) -> str:
    notebook.cases.add("PC-1", "Strategy")
    notebook.people.add("PC-1", "Mia Nguyễn", "child", key="mia")
    return "PC-1"


def test_a_strategy_discussion_is_a_record_with_attendees_decisions_and_actions(
    empty_notebook: Notebook,
) -> None:
    ref = _case_with_child(empty_notebook)
    attendee = {"person": "mia", "role": "Seen before the meeting"}
    record = empty_notebook.records.create(ref, _meeting(attendees=[attendee]))
    assert record.kind == "professional_contact"
    assert record.title == "Strategy discussion"
    assert record.fields["attendees"] == [
        {"person": "mia", "name": "", "agency": "", "role": "Seen before the meeting"}
    ]
    assert record.fields["family_told"] == "yes"
    assert [a.text for a in record.actions] == ["Police: share bail conditions"]
    due = empty_notebook.actions.list()
    assert any(a.text == "Police: share bail conditions" for a in due)


def test_an_attendee_needs_a_case_person_or_a_name(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    with pytest.raises(InvalidInput, match="person of the case or the professional's name"):
        empty_notebook.records.create(ref, _meeting(attendees=[{"agency": "School"}]))
    with pytest.raises(InvalidInput, match="no person with key 'nobody'"):
        empty_notebook.records.create(ref, _meeting(attendees=[{"person": "nobody"}]))
    assert empty_notebook.records.list(ref) == []


def test_family_told_is_yes_or_no(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    with pytest.raises(InvalidInput, match="family_told"):
        empty_notebook.records.create(ref, _meeting(family_told="maybe"))


def test_a_final_professional_contact_is_hashed_and_verifies(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    record = empty_notebook.records.finalise(empty_notebook.records.create(ref, _meeting()).id)
    assert record.content_hash
    assert empty_notebook.audit.verify(pages=False).ok
    assert [h.record_id for h in empty_notebook.records.search("Петренко")] == [record.id]
    assert [h.record_id for h in empty_notebook.records.search("Amir Khan")] == [record.id]


def test_casebook_1_documents_cannot_hold_the_new_kind() -> None:
    document = {"format": "casebook/1", "cases": [{"ref": "X", "records": [_meeting()]}]}
    with pytest.raises(InvalidInput, match="kind"):
        parse_document(document)
    parse_document({**document, "format": FORMAT})


def test_export_is_casebook_1_1_and_imports_again(empty_notebook: Notebook, tmp_path: Path) -> None:
    ref = _case_with_child(empty_notebook)
    empty_notebook.records.finalise(empty_notebook.records.create(ref, _meeting()).id)
    document = empty_notebook.interchange.export_document()
    assert document["format"] == "casebook/1.1"
    other, _ = Notebook.create(tmp_path / "other.casebook", PASSPHRASE, Practitioner("Ł", "", ""))
    with other:
        other.interchange.import_document(document)
        [summary] = other.records.list(ref)
        assert summary.kind == "professional_contact"
        assert other.records.get(summary.id).fields["attendees"][1]["name"] == "Ольга Петренко"


def test_a_version_1_notebook_upgrades_and_its_final_records_stay_immutable(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        db = notebook.database
        assert db.query_one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert db.query_one("PRAGMA foreign_keys")[0] == 1
        assert db.query("PRAGMA foreign_key_check") == []
        final = db.query_one("SELECT id FROM records WHERE status = 'final' LIMIT 1")[0]
        with pytest.raises(CasebookError), db.transaction() as tx:
            tx.execute("UPDATE records SET fields = '{}' WHERE id = ?", (final,))
        with pytest.raises(CasebookError), db.transaction() as tx:
            tx.execute("DELETE FROM records WHERE id = ?", (final,))
        with pytest.raises(CasebookError, match="never replaced"), db.transaction() as tx:
            tx.execute(
                "INSERT OR REPLACE INTO records SELECT * FROM records WHERE id = ?", (final,)
            )
        ref = notebook.cases.list()[0].ref
        record = notebook.records.create(ref, _meeting())
        notebook.records.finalise(record.id)
        assert notebook.audit.verify().ok
    with Notebook.open(folder, PASSPHRASE) as notebook:
        assert notebook.audit.verify().ok


def test_the_rebuilt_records_table_keeps_every_index_and_trigger(tmp_path: Path) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    names = "SELECT type, name FROM sqlite_schema WHERE tbl_name = 'records' ORDER BY name"
    with Notebook.open(folder, PASSPHRASE) as upgraded:
        after = upgraded.database.query(names)
    fresh, _ = Notebook.create(tmp_path / "new.casebook", PASSPHRASE, Practitioner("Ł", "", ""))
    with fresh:
        assert fresh.database.query(names) == after
    assert ("trigger", "records_final_no_update") in after
    assert ("trigger", "records_no_replace_by_update") in after
    assert ("index", "records_by_case_event_at") in after


def _schema_objects(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index', 'view')"
        " AND sql IS NOT NULL"
    )
    return {name: re.sub(r"\s+", " ", sql) for name, sql in rows}


def test_the_rebuild_makes_again_every_trigger_and_index_the_earlier_migrations_made() -> None:
    # Schema only (no cipher): every migration before the rebuild, then the rebuild alone
    # (later migrations may change a trigger on purpose), with the old RENAME the storage
    # layer turns on around a rebuild.
    rebuild = MIGRATIONS.index(PROFESSIONAL_CONTACT_KIND)
    conn = sqlite3.connect(":memory:")
    for script in MIGRATIONS[:rebuild]:
        conn.executescript(script)
    before = _schema_objects(conn)
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.executescript(MIGRATIONS[rebuild])
    after = _schema_objects(conn)
    assert {name: after.get(name) for name in before} == before
    assert "deletion_permits" in before["records_final_no_delete"]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(records)")]
    assert "last_written_at" in columns


def test_an_upgraded_notebook_deletes_a_case_past_retention_with_its_intake_and_details(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        notebook.interchange.import_document({
            "format": "casebook/1.1",
            "cases": [{
                "ref": "C-OLD", "title": "Old", "status": "open", "opened": "2010-01-04",
                "intake": {"referral_date": "2010-01-02", "referrer": "Ольга"},
                "people": [{"key": "p1", "name": "Łukasz", "role": "partner",
                            "details": {"relationship": "father"}},
                           {"key": "c1", "name": "Mia", "role": "child", "born": "1990-02-03"}],
                "records": [{
                    "kind": "partner_support", "event_at": "2011-05-06T10:00:00+00:00",
                    "status": "final", "people": ["p1"],
                    "fields": {"partner": "p1", "contact_type": "phone"},
                }],
            }],
        })  # fmt: skip
        notebook.cases.update("C-OLD", status="closed", closed="2012-03-01")
        final = notebook.database.query_one(
            "SELECT id FROM records WHERE status = 'final' LIMIT 1"
        )[0]
        with pytest.raises(CasebookError), notebook.database.transaction() as tx:
            tx.execute("DELETE FROM records WHERE id = ?", (final,))
        notebook.retention.delete_case("C-OLD", confirm="C-OLD")
        assert "C-OLD" not in notebook.cases.refs()
        assert notebook.database.query("SELECT * FROM case_intake") == []
        assert notebook.database.query("SELECT * FROM person_details") == []
        assert notebook.database.query("PRAGMA foreign_key_check") == []
        assert notebook.audit.verify().ok
