"""Risk to self: the screen, the escalation a raised screen needs before it is final, the
notebook-wide "raised risk now" list, and the safety plan printed for the person."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from casebook.errors import InvalidInput
from casebook.record import content_hash, hashed_content
from casebook.service import Notebook
from casebook.summary.safety_plan import export_safety_plan, safety_plan_input

AT = "2026-11-03T10:00:00+00:00"
PASSPHRASE = "correct horse battery staple"
PLAN = {
    "plan_warning_signs": "Not sleeping; drinking alone",
    "plan_coping": "Walk by the river",
    "plan_people_places": "Marek; the gym",
    "plan_professionals": "Samaritans 116 123",
    "plan_environment": "Marek keeps the tablets",
}


def _case(notebook: Notebook, ref: str = "R-1") -> str:
    notebook.cases.add(ref, "Risk")
    notebook.people.add(ref, "Łukasz Nowak", "subject", key="p1", preferred_name="Łukasz")
    notebook.people.add(ref, "Mia", "child", key="mia")
    return ref


def _session(notebook: Notebook, ref: str, at: str = AT, **fields: Any) -> str:
    data = {"kind": "session", "event_at": at, "fields": {"session_type": "review", **fields}}
    return notebook.records.create(ref, data).id


def test_a_high_screen_cannot_be_finalised_without_who_was_contacted_and_when(
    empty_notebook: Notebook,
) -> None:
    ref = _case(empty_notebook)
    record = _session(empty_notebook, ref, risk_to_self="high", risk_plans="Saving tablets")
    with pytest.raises(InvalidInput, match="risk to self is high: record who was contacted"):
        empty_notebook.records.finalise(record)
    assert empty_notebook.records.get(record).status == "draft"
    data: dict[str, Any] = {
        "event_at": AT,
        "fields": {"risk_to_self": "high", "escalation_contacted": "GP"},
    }
    empty_notebook.records.save_draft(record, data)
    with pytest.raises(InvalidInput, match="escalation_on"):
        empty_notebook.records.finalise(record)
    data["fields"]["escalation_on"] = "2026-11-03"
    empty_notebook.records.save_draft(record, data)
    assert empty_notebook.records.finalise(record).status == "final"


def test_a_low_screen_is_finalised_without_an_escalation(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    record = _session(empty_notebook, ref, risk_to_self="low")
    assert empty_notebook.records.finalise(record).status == "final"


def test_raised_risk_now_lists_open_cases_by_their_latest_screen(empty_notebook: Notebook) -> None:
    calm = _case(empty_notebook, "CALM")
    _session(empty_notebook, calm, "2026-10-01T10:00:00+00:00", risk_to_self="high")
    _session(empty_notebook, calm, "2026-11-01T10:00:00+00:00", risk_to_self="low")
    worried = _case(empty_notebook, "WORRY")
    record = _session(empty_notebook, worried, risk_to_self="medium")
    _session(empty_notebook, worried, "2026-11-04T10:00:00+00:00")  # no screen: not counted
    high = _case(empty_notebook, "HIGH")
    _session(
        empty_notebook, high, "2026-10-20T10:00:00+00:00", risk_to_self="high",
        escalation_contacted="Crisis team", escalation_on="2026-10-20",
    )  # fmt: skip
    raised = empty_notebook.risk.raised_now()
    assert [(r.case_ref, r.level, r.escalated) for r in raised] == [
        ("HIGH", "high", True),
        ("WORRY", "medium", False),
    ]
    assert raised[1].record_id == record
    empty_notebook.cases.update("HIGH", status="closed")
    assert [r.case_ref for r in empty_notebook.risk.raised_now()] == ["WORRY"]


def test_fields_added_later_stay_out_of_the_hash_while_empty() -> None:
    common = {
        "uid": "x", "kind": "session", "event_at": AT, "written_at": AT, "location": None,
        "duration_minutes": None, "people": [], "tags": [], "significant": False,
        "actions": [], "attachments": [], "finalised_at": AT,
    }  # fmt: skip
    before = content_hash(hashed_content(fields={"narrative": "n"}, **common))
    filled_empty = {"narrative": "n", "risk_thoughts": "", "escalation_on": None}
    assert content_hash(hashed_content(fields=filled_empty, **common)) == before
    filled = {"narrative": "n", "risk_thoughts": "Some"}
    assert content_hash(hashed_content(fields=filled, **common)) != before


def test_a_version_1_export_imports_again_with_its_hashes(tmp_path: Path) -> None:
    from casebook.domain import Practitioner

    folder = tmp_path / "v1.casebook"
    v1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    shutil.copytree(v1, folder)
    with Notebook.open(folder, "correct horse battery staple") as old:
        document = old.interchange.export_document()
    other, _ = Notebook.create(tmp_path / "o.casebook", "correct horse battery staple",
                               Practitioner("Ł", "", ""))  # fmt: skip
    with other:
        result = other.interchange.import_document(document)
        assert result.records > 0
        assert other.audit.verify(pages=False).ok


def test_the_safety_plan_prints_the_plan_and_nothing_else_of_the_case(
    empty_notebook: Notebook, tmp_path: Path
) -> None:
    ref = _case(empty_notebook)
    record = _session(empty_notebook, ref, risk_to_self="low", narrative="SECRET NARRATIVE", **PLAN)
    data = safety_plan_input(empty_notebook, record)
    assert data["name"] == "Łukasz"
    assert [p["text"] for p in data["parts"]] == list(PLAN.values())
    pdf = export_safety_plan(empty_notebook, record)
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "My safety plan: Łukasz" in text
    assert "Walk by the river" in text and "Samaritans 116 123" in text
    for private in ("SECRET NARRATIVE", "R-1", "Mia", "Nowak", "Low"):
        assert private not in text
    assert empty_notebook.audit.verify(pages=False).ok


def test_a_session_without_a_safety_plan_has_none_to_print(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    record = _session(empty_notebook, ref)
    with pytest.raises(InvalidInput, match="no safety plan yet"):
        safety_plan_input(empty_notebook, record)


def test_casebook_risk_lists_raised_screens_and_safety_plan_writes_a_pdf(
    cli: Any, empty_notebook_path: Path, tmp_path: Path
) -> None:
    with Notebook.open(empty_notebook_path, PASSPHRASE) as notebook:
        ref = _case(notebook)
        _session(notebook, ref, risk_to_self="high")
        planned = _session(notebook, ref, "2026-10-01T10:00:00+00:00", **PLAN)
    base = ("--notebook", empty_notebook_path, "--passphrase-stdin")
    rc, out, err = cli(*base, "risk", stdin=PASSPHRASE + "\n")
    assert rc == 0, err
    assert "HIGH" in out and "R-1" in out and "NOT RECORDED" in out
    target = tmp_path / "plan.pdf"
    rc, out, err = cli(*base, "safety-plan", planned, "-o", target, stdin=PASSPHRASE + "\n")
    assert rc == 0, err
    assert target.read_bytes().startswith(b"%PDF") and "not encrypted" in out
    assert target.stat().st_mode & 0o077 == 0
