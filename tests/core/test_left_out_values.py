"""A record says only what was given: a left-out location is no location, not "other"."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"


def test_a_record_whose_location_is_left_out_has_none_and_exports_it_as_null(
    notebook: Any,
) -> None:
    record = notebook.records.create(
        "C-1042", {"kind": "session", "event_at": "2026-03-10T10:00:00+00:00"}
    )
    assert record.location is None
    assert notebook.interchange.record_document(record.id)["location"] is None
    final = notebook.records.finalise(record.id)
    assert final.location is None
    assert notebook.audit.verify().ok


def test_a_left_out_location_stays_left_out_through_export_and_import(
    notebook: Any, empty_notebook: Any
) -> None:
    record = notebook.records.create(
        "C-1042", {"kind": "child_work", "event_at": "2026-03-10T10:00:00+00:00"}
    )
    document = notebook.interchange.export_document(["C-1042"])
    empty_notebook.interchange.import_document(document)
    again = empty_notebook.records.get(record.id)
    assert again.location is None
    assert empty_notebook.records.get("rec-session-draft").location == "office"


def test_a_version_1_notebook_keeps_its_locations_and_its_final_records_verify(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        records = [
            notebook.records.get(s.id)
            for c in notebook.cases.list()
            for s in notebook.records.list(c.ref)
        ]
        # Version 1 stored a location for every record; the move keeps each one.
        assert records and all(r.location for r in records)
        assert notebook.audit.verify().ok
        ref = notebook.cases.list()[0].ref
        new = notebook.records.create(
            ref, {"kind": "session", "event_at": "2026-12-01T10:00:00+00:00"}
        )
        assert new.location is None
