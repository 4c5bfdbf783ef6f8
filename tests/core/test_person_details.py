"""A person's details: relationship to the child, contact, language and interpreter need,
legal status and conditions with their dates; audited, exported as casebook/1.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casebook.domain import Practitioner
from casebook.errors import InvalidInput, NotFound
from casebook.formats.casebook_json import parse_document
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def _case(notebook: Notebook) -> None:
    notebook.cases.add("D-1", "Details")
    notebook.people.add("D-1", "محمد حداد", "subject", key="p1")


def test_details_are_set_in_parts_audited_and_read_back(empty_notebook: Notebook) -> None:
    _case(empty_notebook)
    empty_notebook.details.set("D-1", "p1", {"relationship": "Father", "language": "Arabic"})
    details = empty_notebook.details.set(
        "D-1", "p1",
        {"legal_status": "On bail", "conditions": "No contact with the children",
         "conditions_from": "2026-01-10", "conditions_until": "2026-06-30",
         "interpreter_needed": True},
    )  # fmt: skip
    assert details.relationship == "Father" and details.interpreter_needed
    assert empty_notebook.details.get("D-1", "p1") == details
    assert "Conditions: No contact with the children (2026-01-10 to 2026-06-30)" in (
        details.summary_words()
    )
    log = empty_notebook.database.query("SELECT action, detail FROM audit_log")
    assert ("person.details", "set=language,relationship") in log
    assert not any("Arabic" in detail for _action, detail in log)
    assert empty_notebook.audit.verify(pages=False).ok


def test_bad_details_are_refused_and_change_nothing(empty_notebook: Notebook) -> None:
    _case(empty_notebook)
    with pytest.raises(InvalidInput, match="end before they start"):
        empty_notebook.details.set(
            "D-1", "p1", {"conditions_from": "2026-05-01", "conditions_until": "2026-04-01"}
        )
    with pytest.raises(NotFound):
        empty_notebook.details.set("D-1", "nobody", {"relationship": "Uncle"})
    assert empty_notebook.details.get("D-1", "p1") is None


def test_details_travel_in_casebook_1_1_only(empty_notebook: Notebook, tmp_path: Path) -> None:
    _case(empty_notebook)
    empty_notebook.details.set("D-1", "p1", {"relationship": "Father", "language": "Arabic"})
    document = empty_notebook.interchange.export_document()
    assert document["cases"][0]["people"][0]["details"]["language"] == "Arabic"
    other, _ = Notebook.create(tmp_path / "o.casebook", PASSPHRASE, Practitioner("Ł", "", ""))
    with other:
        other.interchange.import_document(document)
        again = other.details.get("D-1", "p1")
        assert again is not None and again.relationship == "Father"
    old: dict[str, Any] = {**document, "format": "casebook/1"}
    old["cases"][0].pop("intake", None)
    with pytest.raises(InvalidInput, match=r"people\[0\]\.details: unknown key"):
        parse_document(old)


def test_casebook_person_details_sets_and_shows(cli: Any, empty_notebook_path: Path) -> None:
    with Notebook.open(empty_notebook_path, PASSPHRASE) as notebook:
        _case(notebook)
    base = ("--notebook", empty_notebook_path, "--passphrase-stdin")
    stdin = PASSPHRASE + "\n"
    rc, out, err = cli(
        *base, "person-details", "D-1", "p1", "--legal-status", "Convicted",
        "--conditions", "Notification requirements", "--conditions-from", "2025-03-01",
        "--interpreter-needed", stdin=stdin,
    )  # fmt: skip
    assert rc == 0, err
    assert "Notification requirements" in out and "Interpreter needed:" in out
    rc, out, err = cli(*base, "person-details", "D-1", "p1", "--json", stdin=stdin)
    assert rc == 0 and '"legal_status": "Convicted"' in out
