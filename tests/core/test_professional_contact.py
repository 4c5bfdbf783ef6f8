"""A professional contact (strategy discussion, core group, a call with the police ...):
the fourth record kind, its attendees, the schema upgrade that allows it, casebook/1.1."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from notebook.domain import Practitioner
from notebook.errors import CasebookError, InvalidInput
from notebook.formats.casebook_json import FORMAT, parse_document
from notebook.schema import SCHEMA_VERSION
from notebook.service import Notebook

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
    notebook.add_case("PC-1", "Strategy")
    notebook.add_person("PC-1", "Mia Nguyễn", "child", key="mia")
    return "PC-1"


def test_a_strategy_discussion_is_a_record_with_attendees_decisions_and_actions(
    empty_notebook: Notebook,
) -> None:
    ref = _case_with_child(empty_notebook)
    attendee = {"person": "mia", "role": "Seen before the meeting"}
    record = empty_notebook.create_record(ref, _meeting(attendees=[attendee]))
    assert record.kind == "professional_contact"
    assert record.title == "Strategy discussion"
    assert record.fields["attendees"] == [
        {"person": "mia", "name": "", "agency": "", "role": "Seen before the meeting"}
    ]
    assert record.fields["family_told"] == "yes"
    assert [a.text for a in record.actions] == ["Police: share bail conditions"]
    due = empty_notebook.list_actions()
    assert any(a.text == "Police: share bail conditions" for a in due)


def test_an_attendee_needs_a_case_person_or_a_name(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    with pytest.raises(InvalidInput, match="person of the case or the professional's name"):
        empty_notebook.create_record(ref, _meeting(attendees=[{"agency": "School"}]))
    with pytest.raises(InvalidInput, match="no person with key 'nobody'"):
        empty_notebook.create_record(ref, _meeting(attendees=[{"person": "nobody"}]))
    assert empty_notebook.list_records(ref) == []


def test_family_told_is_yes_or_no(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    with pytest.raises(InvalidInput, match="family_told"):
        empty_notebook.create_record(ref, _meeting(family_told="maybe"))


def test_a_final_professional_contact_is_hashed_and_verifies(empty_notebook: Notebook) -> None:
    ref = _case_with_child(empty_notebook)
    record = empty_notebook.finalise_record(empty_notebook.create_record(ref, _meeting()).id)
    assert record.content_hash
    assert empty_notebook.verify_audit(pages=False).ok
    assert [h.record_id for h in empty_notebook.search("Петренко")] == [record.id]
    assert [h.record_id for h in empty_notebook.search("Amir Khan")] == [record.id]


def test_casebook_1_documents_cannot_hold_the_new_kind() -> None:
    document = {"format": "casebook/1", "cases": [{"ref": "X", "records": [_meeting()]}]}
    with pytest.raises(InvalidInput, match="kind"):
        parse_document(document)
    parse_document({**document, "format": FORMAT})


def test_export_is_casebook_1_1_and_imports_again(empty_notebook: Notebook, tmp_path: Path) -> None:
    ref = _case_with_child(empty_notebook)
    empty_notebook.finalise_record(empty_notebook.create_record(ref, _meeting()).id)
    document = empty_notebook.export_document()
    assert document["format"] == "casebook/1.1"
    other, _ = Notebook.create(tmp_path / "other.casebook", PASSPHRASE, Practitioner("Ł", "", ""))
    with other:
        other.import_document(document)
        [summary] = other.list_records(ref)
        assert summary.kind == "professional_contact"
        assert other.get_record(summary.id).fields["attendees"][1]["name"] == "Ольга Петренко"


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
        ref = notebook.list_cases()[0].ref
        record = notebook.create_record(ref, _meeting())
        notebook.finalise_record(record.id)
        assert notebook.verify_audit().ok
    with Notebook.open(folder, PASSPHRASE) as notebook:
        assert notebook.verify_audit().ok


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
