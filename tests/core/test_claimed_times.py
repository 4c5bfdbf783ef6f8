"""Times Casebook vouches for (written, finalised, addendum) are its own clock, always; a
record brought in by import keeps its document's times as claims and is marked imported
wherever it shows."""

from __future__ import annotations

import copy
import json
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook import timeutil
from casebook.errors import InvalidInput
from casebook.service import Notebook
from casebook_cli.output import TIMES_NOTE

PASSPHRASE = "correct horse battery staple"

# Written today, claiming it was written and finalised last year (with a claimed addendum).
BACKDATED: dict[str, Any] = {
    "format": "casebook/1",
    "cases": [
        {
            "ref": "B-1",
            "people": [{"key": "s", "name": "Sam Subject", "role": "subject"}],
            "records": [
                {
                    "id": "backdated",
                    "kind": "session",
                    "event_at": "2025-03-04T10:00:00+00:00",
                    "written_at": "2025-03-04T11:00:00+00:00",
                    "status": "final",
                    "finalised_at": "2025-03-04T12:00:00+00:00",
                    "people": ["s"],
                    "fields": {"session_type": "review", "narrative": "Claims to be old."},
                    "addenda": [
                        {"written_at": "2025-03-05T09:00:00+00:00", "text": "A claimed fix."}
                    ],
                },
                {
                    "id": "claimed-late",
                    "kind": "session",
                    "event_at": "2025-03-10T10:00:00+00:00",
                    "written_at": "2025-03-14T10:00:00+00:00",
                    "fields": {"narrative": "Claims to be a late entry."},
                },
            ],
        }
    ],
}


def _now() -> datetime:
    return timeutil.parse_time(timeutil.now())


def _between(value: str | None, before: datetime, after: datetime) -> bool:
    return value is not None and before <= timeutil.parse_time(value) <= after


@pytest.fixture
def imported(empty_notebook: Notebook) -> tuple[Notebook, datetime, datetime]:
    before = _now()
    empty_notebook.interchange.import_document(copy.deepcopy(BACKDATED))
    return empty_notebook, before, _now()


# -- records made here ---------------------------------------------------------------------------

REFUSED = {
    "written_at": {"written_at": "2025-03-10T12:00:00+00:00"},
    "finalised_at": {"status": "final", "finalised_at": "2025-03-10T12:00:00+00:00"},
    "content_hash": {"status": "final", "content_hash": "0" * 64},
    "addenda": {"status": "final", "addenda": [{"text": "Claimed.", "written_at": None}]},
    "imported_at": {"imported_at": "2025-03-10T12:00:00+00:00"},
}


@pytest.mark.parametrize("extra", REFUSED.values(), ids=REFUSED.keys())
def test_record_add_refuses_a_time_casebook_vouches_for_with_exit_6(cli, notebook_path, extra):
    key = next(k for k in extra if k != "status")
    record = {"kind": "session", "event_at": "2025-03-10T10:00:00+00:00", **extra}
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", "-",
                        stdin=json.dumps(record))  # fmt: skip
    assert rc == 6, err
    assert f"record.{key}:" in err
    assert "Traceback" not in err
    rc, out, _ = cli.nb(notebook_path, "case", "show", "C-1042", "--json")
    assert len(json.loads(out)["records"]) == 3


def test_a_record_made_here_is_written_and_finalised_by_casebooks_clock(notebook):
    before = _now()
    record = notebook.records.create(
        "C-1042", {"kind": "session", "event_at": "2025-03-10T10:00:00+00:00", "status": "final"}
    )
    after = _now()
    assert _between(record.written_at, before, after)
    assert _between(record.finalised_at, before, after)
    assert not record.is_imported and record.claimed_written_at is None
    assert record.late  # written now about last year: late by Casebook's clock
    assert notebook.audit.verify(pages=False).ok


def test_saving_a_draft_cannot_change_when_it_was_written(notebook):
    draft = notebook.records.get("rec-session-draft")
    data = notebook.interchange.record_document(draft.id)
    data.pop("attachments", None)
    # Echoing the time the record already has is fine ...
    notebook.records.save_draft(draft.id, data)
    # ... another time is refused, and nothing changes.
    with pytest.raises(InvalidInput) as info:
        notebook.records.save_draft(draft.id, {**data, "written_at": "2024-01-01T09:00:00+00:00"})
    assert info.value.where == "record.written_at"
    after = notebook.records.get(draft.id)
    assert (after.written_at, after.claimed_written_at) == (
        draft.written_at,
        draft.claimed_written_at,
    )


# -- imported records ----------------------------------------------------------------------------


def test_an_imported_record_keeps_its_documents_times_as_claims(imported):
    nb, before, after = imported
    record = nb.records.get("backdated")
    assert record.is_imported and _between(record.imported_at, before, after)
    assert record.written_at == record.imported_at
    assert record.finalised_at == record.imported_at
    assert record.claimed_written_at == "2025-03-04T11:00:00+00:00"
    assert record.claimed_finalised_at == "2025-03-04T12:00:00+00:00"
    (addendum,) = record.addenda
    assert addendum.is_imported and addendum.written_at == record.imported_at
    assert addendum.claimed_written_at == "2025-03-05T09:00:00+00:00"
    assert nb.audit.verify(pages=False).ok


def test_an_imported_record_is_marked_imported_in_lists_chronology_and_search(imported):
    nb, _, _ = imported
    assert all(s.is_imported for s in nb.records.list("B-1"))
    assert all(e.is_imported for e in nb.records.chronology("B-1"))
    assert all(h.is_imported for h in nb.records.search("claims"))
    late = {e.record_id: e.late for e in nb.records.chronology("B-1")}
    # Judged by the claimed time (a claim, shown as one), not by the time of the import.
    assert late == {"backdated": False, "claimed-late": True}


def test_export_gives_the_claimed_times_and_the_import_time_so_the_hash_still_checks(
    imported, empty_template, tmp_path
):
    nb, _, _ = imported
    exported = nb.interchange.export_document()
    record = exported["cases"][0]["records"][0]
    assert record["written_at"] == "2025-03-04T11:00:00+00:00"
    assert record["finalised_at"] == "2025-03-04T12:00:00+00:00"
    assert record["imported_at"] == nb.records.get("backdated").imported_at
    assert record["addenda"][0]["written_at"] == "2025-03-05T09:00:00+00:00"
    folder = shutil.copytree(empty_template.folder, tmp_path / "second.casebook")
    with Notebook.open(folder, PASSPHRASE) as second:
        second.interchange.import_document(exported)
        again = second.records.get("backdated")
        assert again.content_hash == nb.records.get("backdated").content_hash
        assert again.claimed_finalised_at == "2025-03-04T12:00:00+00:00"
        assert second.audit.verify(pages=False).ok


def test_a_summary_shows_an_imported_record_as_imported_with_claimed_times(imported, tmp_path):
    from casebook.summary.pdf import render_summary_pdf
    from casebook.summary.source import summary_input

    nb, _, _ = imported
    text = samples.poppler(
        "pdftotext",
        "-enc",
        "UTF-8",
        data=render_summary_pdf(summary_input(nb, ["B-1"], include_drafts=True)),
        tmp_path=tmp_path,
    )
    flat = " ".join(text.split())
    imported_on = nb.records.get("backdated").imported_at[:10]
    day = timeutil.parse_date(imported_on)
    assert f"Imported {day.day} {day:%b} {day.year}" in flat
    assert "claimed written 4 Mar 2025, 11:00" in flat
    assert "claimed finalised 4 Mar 2025, 12:00" in flat
    assert "IMPORTED" in flat and "LATE ENTRY (CLAIMED)" in flat
    assert "claimed written 5 Mar 2025, 09:00" in flat  # the addendum
    assert "Written 4 Mar 2025" not in flat


def test_cli_marks_imported_records_in_case_show_chronology_and_record_show(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "case", "show", "C-1042")
    assert rc == 0, err
    rows = [line for line in out.splitlines() if line.strip().startswith("rec-")]
    assert rows and all("IMPORTED" in line for line in rows)
    rc, out, err = cli.nb(notebook_path, "chronology", "C-1042")
    assert rc == 0, err
    rows = [line for line in out.splitlines()[1:] if line != TIMES_NOTE]
    assert rows and all("(imported" in line for line in rows)
    rc, out, err = cli.nb(notebook_path, "record", "show", "rec-partner-late")
    assert rc == 0, err
    assert "Imported:" in out
    claimed = r"Claimed written: +2026-03-09T17:00:00\+00:00  \(late entry, as claimed\)"
    assert re.search(claimed, out)
    rc, out, err = cli.nb(notebook_path, "case", "show", "C-1042", "--json")
    assert all(r["imported_at"] for r in json.loads(out)["records"])


# -- notebooks written by version 1 --------------------------------------------------------------

V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"


def test_upgrading_a_version_1_notebook_turns_the_times_it_took_from_documents_into_claims(
    tmp_path,
):
    folder = shutil.copytree(V1, tmp_path / "demo-v1.casebook")
    with Notebook.open(folder, PASSPHRASE) as nb:
        imports = dict(
            nb.database.query(
                "SELECT substr(object, 8), at FROM audit_log WHERE action = 'record.import'"
            )
        )
        records = [nb.records.get(s.id) for c in nb.cases.list() for s in nb.records.list(c.ref)]
        assert records and all(r.is_imported for r in records)
        for r in records:
            assert r.imported_at == r.written_at == imports[r.id]
            assert r.claimed_written_at is not None
            if r.is_final:
                assert r.finalised_at == r.imported_at
        addenda = [a for r in records for a in r.addenda]
        # The demo's own addendum came with the import; the fixture's extra one was
        # added in the notebook and stays Casebook's.
        assert any(a.is_imported and a.claimed_written_at for a in addenda)
        assert any(not a.is_imported and a.claimed_written_at is None for a in addenda)
        report = nb.audit.verify()
        assert report.ok, report.problems
