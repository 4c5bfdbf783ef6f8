"""A field is declared once, in ``kinds.FIELDS``; its type says everything else (issue 15).

Validation, the search index, ``record show``, redaction and the summary each read a
field's type from one table (``casebook.fieldtypes.TYPES``; the summary's drawing in
``casebook.summary.record.DRAW``), and the summary draws a record's fields in the order
and with the labels ``kinds.FIELDS`` gives.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

import summary_samples as samples

from casebook import kinds
from casebook.fieldtypes import TYPES, rules, structured_field_names
from casebook.summary import render_summary_pdf
from casebook.summary.record import DRAW
from casebook.summary.records import SummaryRecord
from casebook.summary.shown import STRUCTURAL_KEYS


def _text(pdf: bytes, tmp_path: Path) -> str:
    return samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)


def test_every_field_type_has_its_rules_and_its_drawing() -> None:
    declared = set(typing.get_args(kinds.FieldType))
    used = {spec.type for specs in kinds.FIELDS.values() for spec in specs}
    assert used <= declared
    assert set(TYPES) == declared
    assert set(DRAW) == declared


def test_a_field_name_holds_free_text_in_every_kind_or_in_none() -> None:
    free: dict[str, set[bool]] = {}
    for specs in kinds.FIELDS.values():
        for spec in specs:
            free.setdefault(spec.name, set()).add(rules(spec).free_text)
    assert all(len(kinds_of_text) == 1 for kinds_of_text in free.values())


def test_redaction_leaves_alone_exactly_the_fields_that_hold_no_free_text() -> None:
    for specs in kinds.FIELDS.values():
        for spec in specs:
            assert (spec.name in STRUCTURAL_KEYS) is (not rules(spec).free_text), spec.name
    assert structured_field_names() <= STRUCTURAL_KEYS


def test_a_summary_record_reads_back_what_it_wrote(notebook) -> None:
    ref = notebook.cases.list()[0].ref
    meeting = {"kind": "professional_contact", "event_at": "2026-03-20T10:00:00+00:00"}
    notebook.records.create(ref, meeting | {"fields": {"meeting_type": "core_group"}})
    records = [
        notebook.records.get(summary.id)
        for case in notebook.cases.list()
        for summary in notebook.records.list(case.ref)
    ]
    assert {r.kind for r in records} == set(kinds.KINDS)
    for record in records:
        typed = SummaryRecord.from_record(record)
        assert [spec for spec, _ in typed.fields] == list(kinds.FIELDS[record.kind])
        assert SummaryRecord.from_entry(typed.entry()) == typed


def test_the_summary_heads_each_field_with_its_declared_words(tmp_path: Path) -> None:
    text = _text(render_summary_pdf(_every_field_filled()), tmp_path)
    for specs in kinds.FIELDS.values():
        for spec in specs:
            if spec.type in ("text", "enum_list", "text_list") or spec.summary_label:
                heading = spec.summary_heading
                # Labels are set in capitals; the details table keeps their case.
                assert heading.upper() in text or heading in text or spec.name == "escalation"


def test_a_sessions_escalation_stands_under_the_risk_to_self_screen_with_its_label(
    tmp_path: Path,
) -> None:
    data = samples.summary()
    session = next(r for r in data["cases"][0]["records"] if r["kind"] == "session")
    session["fields"]["escalation"] = "Phoned the duty GP at Oak Surgery at 11:40."
    text = " ".join(_text(render_summary_pdf(data), tmp_path).split())
    screen = text.index("RISK-TO-SELF SCREEN")
    escalation = text.index("ESCALATION TAKEN Phoned the duty GP")
    assert screen < escalation < text.index("RISK INDICATORS", screen)
    assert escalation < text.index("ACTIONS", screen)


def test_the_summary_draws_the_fields_of_each_kind_in_the_declared_order(
    tmp_path: Path,
) -> None:
    data = _every_field_filled()
    text = " ".join(_text(render_summary_pdf(copy.deepcopy(data)), tmp_path).split())
    for kind in kinds.KINDS:
        headings = [
            spec.summary_heading.upper()
            if spec.type not in ("person", "children")
            else spec.summary_heading
            for spec in kinds.FIELDS[kind]
            if spec.type not in ("enum", "disclosure", "disclosures")
            or spec.choices == kinds.RISK_LEVELS
        ]
        title = next(r["title"] for r in data["cases"][0]["records"] if r["kind"] == kind)
        start = text.index(title, text.index("Records"))
        places = [text.index(h, start) for h in headings]
        assert places == sorted(places), kind


def _every_field_filled() -> dict[str, Any]:
    """The sample summary with a record of every kind (a professional contact added), each
    field holding a sample value."""
    data = samples.summary()
    records = data["cases"][0]["records"]
    meeting = copy.deepcopy(records[-1])
    meeting.update(id="r4", kind="professional_contact", title="Core group")
    records.append(meeting)
    for record in records:
        record["fields"] = {
            spec.name: _sample_value(spec) for spec in kinds.FIELDS[record["kind"]]
        } | {"actions": []}
    return data


def _sample_value(spec: kinds.FieldSpec) -> object:
    return {
        "text": f"Some words about {spec.name}.",
        "enum": spec.choices[-1] if spec.choices else None,
        "enum_list": list(spec.choices[:2]),
        "text_list": ["A quote."],
        "person": "p3",
        "date": "2026-03-30",
        "disclosure": {"verbatim": "Words.", "at": None, "present": "", "response": "",
                       "informed": []},
        "attendees": [{"person": None, "name": "DS Khan", "agency": "Police", "role": "Chair"}],
        "children": ["p3"],
        "disclosures": [{"child": "p3", "verbatim": "Words again.", "at": None, "present": "",
                         "response": "", "informed": []}],
    }[spec.type]  # fmt: skip
