"""The core calls behind the app's flows of issue 13: a chronology PDF, pinned
certificates, an import preview, people no longer involved, a case closed with a reason,
and the fingerprint read aloud."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook.errors import InvalidInput
from casebook.service import Notebook


def test_a_chronology_pdf_is_signed_redacted_and_verifies(
    notebook: Notebook, tmp_path: Path
) -> None:
    from casebook.signing import read_audit_head, verify_pdf
    from casebook.summary.chronology_pdf import export_chronology

    head = notebook.audit.head()
    pdf = export_chronology(notebook, "C-1042", redaction="initials", include_drafts=True)
    report = verify_pdf(pdf, notebook.identity.signing_identity().cert_pem)
    assert report.ok and report.identity_checked
    assert read_audit_head(pdf) == {"seq": head.seq, "hash": head.hash}
    text = " ".join(
        samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path).split()
    )
    assert "Chronology" in text
    assert "Direct work with L.S." in text
    for name in ("Lily", "Jane", "Smith"):
        assert name not in text
    assert "Draft" in text  # the session draft, marked
    last = notebook.database.query_one("SELECT action, object FROM audit_log ORDER BY seq DESC")
    assert last[0] == "chronology.export" and last[1].startswith("case:")


def test_a_chronology_of_significant_events_only_leaves_the_others_out(
    notebook: Notebook,
) -> None:
    from casebook.summary.chronology_pdf import chronology_input, chronology_rows

    every = chronology_rows(chronology_input(notebook, "C-1042", include_drafts=True))
    assert len(every) == 3
    assert chronology_rows(chronology_input(notebook, "C-1042", significant_only=True)) == []
    finals = chronology_rows(chronology_input(notebook, "C-1042"))
    assert len(finals) == 2 and all("Draft" not in row.notes for row in finals)


def test_a_pinned_certificate_is_kept_in_the_notebook_and_checks_a_countersigned_summary(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    from casebook.signing import countersign_pdf, fingerprint, verify_pdf
    from casebook.summary.export import export_summary
    from casebook.trust import (
        TRUST_SETTING,
        forget_certificate,
        trust_bundle,
        trust_certificate,
        trusted_certificates,
    )

    practitioner_cert = notebook.identity.signing_identity().cert_pem
    pdf = export_summary(notebook, ["C-2001"])
    supervisor = empty_notebook
    assert not verify_pdf(pdf, trust_bundle(supervisor)).ok  # not pinned yet
    pinned = trust_certificate(supervisor, practitioner_cert)
    assert pinned.fingerprint == fingerprint(practitioner_cert)
    assert pinned.name == "Sam Tester"
    assert trust_certificate(supervisor, practitioner_cert) == pinned  # once only
    assert [c.fingerprint for c in trusted_certificates(supervisor)] == [pinned.fingerprint]
    assert (
        practitioner_cert.decode() in json.loads(supervisor.settings.get(TRUST_SETTING))[0]["pem"]
    )
    signed = countersign_pdf(
        pdf, supervisor.identity.signing_identity(), trust_pem=trust_bundle(supervisor)
    )
    report = verify_pdf(signed, trust_bundle(supervisor))
    assert report.ok and [s["trusted"] for s in report.signatures] == [True, True]
    forget_certificate(supervisor, pinned.fingerprint)
    assert trusted_certificates(supervisor) == []
    assert not verify_pdf(signed, trust_bundle(supervisor)).ok
    actions = [r[0] for r in supervisor.database.query("SELECT action FROM audit_log")]
    assert actions.count("trust.add") == 1 and actions.count("trust.remove") == 1
    assert supervisor.audit.verify().ok


def test_pinning_refuses_what_is_not_one_certificate(empty_notebook: Notebook) -> None:
    from casebook.trust import trust_certificate

    with pytest.raises(InvalidInput, match="not a certificate"):
        trust_certificate(empty_notebook, b"hello", where="ann.pem")


def test_an_import_preview_counts_the_file_and_names_what_the_notebook_already_has(
    notebook: Notebook, make_document: Any, tmp_path: Path
) -> None:
    from casebook.import_preview import preview_import

    path = tmp_path / "family.json"
    path.write_text(json.dumps(make_document()), encoding="utf-8")
    head = notebook.audit.head()
    preview = preview_import(notebook, path)
    assert (preview.cases, preview.people, preview.records, preview.attachments) == (2, 6, 4, 1)
    assert preview.reflections == 1 and preview.final_records == 3
    assert preview.case_refs == ("C-1042", "C-2001")
    assert preview.conflicts[0] == "cases[0].ref: the notebook already has a case 'C-1042'"
    assert any(c.startswith("cases[0].records[0].id:") for c in preview.conflicts)
    assert notebook.audit.head() == head  # a preview writes nothing


def test_an_import_preview_of_a_broken_file_names_the_json_path(
    empty_notebook: Notebook, make_document: Any, tmp_path: Path
) -> None:
    from casebook.import_preview import preview_import

    document = make_document()
    document["cases"][0]["records"][1]["fields"]["narative"] = "typo"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        preview_import(empty_notebook, path)
    assert caught.value.where == "cases[0].records[1].fields.narative"


def test_the_previewed_document_imports_without_being_read_again(
    empty_notebook: Notebook, make_document: Any, tmp_path: Path
) -> None:
    from casebook.import_preview import preview_import

    path = tmp_path / "family.json"
    path.write_text(json.dumps(make_document()), encoding="utf-8")
    preview = preview_import(empty_notebook, path)
    path.unlink()
    assert empty_notebook.interchange.import_document(preview.document).records == 4
    assert empty_notebook.audit.verify().ok


def test_a_person_no_longer_involved_is_marked_with_the_day_and_reason_and_can_return(
    notebook: Notebook,
) -> None:
    from casebook.stores.people import Involvement

    notebook.people.mark_no_longer_involved("C-1042", "p2", "2026-04-01", "Moved to another area")
    assert notebook.people.no_longer_involved("C-1042") == {
        "p2": Involvement("2026-04-01", "Moved to another area")
    }
    assert notebook.people.no_longer_involved("C-2001") == {}
    assert [p.key for p in notebook.people.list("C-1042")] == ["p2", "p1", "p3"]  # still there
    notebook.people.mark_involved_again("C-1042", "p2")
    assert notebook.people.no_longer_involved("C-1042") == {}
    with pytest.raises(InvalidInput):
        notebook.people.mark_no_longer_involved("C-1042", "p9")
    actions = [r[0] for r in notebook.database.query("SELECT action FROM audit_log")]
    assert "person.involvement_ended" in actions and "person.involved_again" in actions
    assert notebook.audit.verify().ok


def test_closing_and_reopening_a_case_keeps_each_reason_in_an_append_only_history(
    notebook: Notebook,
) -> None:
    from casebook.storage import FinalRecordViolation

    closed = notebook.cases.change_status("C-2001", "closed", "Family moved abroad")
    assert closed.status == "closed" and closed.closed
    reopened = notebook.cases.change_status("C-2001", "open", "New referral")
    assert reopened.status == "open" and reopened.closed is None
    changes = notebook.cases.status_changes("C-2001")
    assert [(c.status, c.reason) for c in changes] == [
        ("closed", "Family moved abroad"),
        ("open", "New referral"),
    ]
    with pytest.raises(InvalidInput, match="already open"):
        notebook.cases.change_status("C-2001", "open", "again")
    with pytest.raises(FinalRecordViolation), notebook.database.transaction() as tx:
        tx.execute("UPDATE case_status_changes SET reason = 'x'")


def test_the_fingerprint_is_read_aloud_in_sixteen_groups_of_four(notebook: Notebook) -> None:
    from casebook.identity import fingerprint_groups, identity_details

    details = identity_details(notebook)
    assert details.name == "Sam Tester" and details.organisation == "Test Service"
    assert len(details.groups) == 16 and all(len(g) == 4 for g in details.groups)
    assert "".join(details.groups) == details.fingerprint.replace(":", "")
    assert fingerprint_groups("3a:7f:09:c2") == ["3A7F", "09C2"]
