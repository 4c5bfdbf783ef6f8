"""A record says only what the practitioner entered; opening and closing one changes nothing.

Every optional section and checkbox of every editor starts empty on a new record and
stays so when something else is typed; a record opened and closed without typing (a new
draft, an existing draft, a final record) exports byte for byte as before, and a draft is
saved, and "last edited", only on a real edit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from guihelpers import open_case, open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox

from casebook import fieldtypes, kinds
from ui.editors.fields import TextField


def _new_record(qtbot: Any, main: Any, kind: str) -> Any:
    main.new_record(kind)
    qtbot.waitUntil(
        lambda: (
            main.editor.record is not None
            and main.editor.record.kind == kind
            and main.pages.currentWidget() is main.editor
        )
    )
    wait_idle(qtbot, main)
    return main.editor


def _export(notebook: Any) -> bytes:
    document = notebook.interchange.export_document(audit=False)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def _ticked_boxes(widget: Any) -> list[str]:
    boxes = [b.text() for b in widget.findChildren(QCheckBox) if b.isChecked()]
    groups = [
        g.title() for g in widget.findChildren(QGroupBox) if g.isCheckable() and g.isChecked()
    ]
    return boxes + groups


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_a_new_record_of_every_kind_asserts_nothing_in_any_section_or_checkbox(
    kind: str, notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, kind)
    for spec in kinds.FIELDS[kind]:
        assert editor.form.fields[spec.name].value() == fieldtypes.rules(spec).empty(), spec.name
    common = editor.common.values()
    assert common["location"] is None and common["duration_minutes"] is None
    assert common["people"] == [] and common["tags"] == [] and common["significant"] is False
    assert editor.actions_table.values() == []
    assert _ticked_boxes(editor.body) == []
    assert not any(
        editor.common.people.item(i).checkState() == Qt.CheckState.Checked
        for i in range(editor.common.people.count())
    )

    # Something typed elsewhere is saved; nothing else comes with it.
    typed = next(w for w in editor.form.fields.values() if isinstance(w, TextField))
    typed.edit.setPlainText("Only this was written.")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    wait_idle(qtbot, main)
    stored = controller.notebook.records.get(editor.record_id)
    assert stored.location is None and stored.duration_minutes is None
    assert stored.people == () and stored.tags == () and not stored.significant
    assert stored.actions == ()
    for spec in kinds.FIELDS[kind]:
        expected = "Only this was written." if spec.name == typed.spec.name else None
        assert stored.fields[spec.name] == (expected or fieldtypes.rules(spec).empty()), spec.name
    assert _ticked_boxes(editor.body) == []


def test_a_disclosure_ticked_asserts_no_time_until_the_practitioner_gives_one(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "child_work")
    disclosures = editor.form.fields["disclosures"]
    qtbot.mouseClick(disclosures.add, Qt.MouseButton.LeftButton)
    disclosure = disclosures.entries[0].disclosure
    qtbot.keyClicks(disclosure.verbatim, "He said not to tell")
    disclosure._add_informed("Duty social worker", None)
    disclosure.informed.item(0, 0).setText("Duty social worker")
    assert editor.save_sync()
    [stored] = controller.notebook.records.get(editor.record_id).fields["disclosures"]
    assert stored["child"] is None
    assert stored["at"] is None
    assert stored["informed"] == [{"who": "Duty social worker", "at": None}]
    qtbot.keyClicks(disclosure.at.date_edit.line, "5/3/2026")
    qtbot.keyClicks(disclosure.at.time, "10:20")
    assert editor.save_sync()
    [stored] = controller.notebook.records.get(editor.record_id).fields["disclosures"]
    assert stored["at"].startswith("2026-03-05T10:20:00")


def test_records_opened_and_closed_without_typing_export_byte_for_byte_as_before(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    notebook = controller.notebook
    # A draft holding a disclosure with times in another offset than the computer's.
    disclosed = notebook.records.create(
        "C-1042",
        {
            "kind": "child_work",
            "event_at": "2026-03-08T10:00:00.5+05:30",
            "people": ["p3"],
            "fields": {
                "child": "p3",
                "disclosure": {
                    "verbatim": "It was our secret",
                    "at": "2026-03-08T10:40:00+05:30",
                    "informed": [{"who": "Duty team", "at": None}],
                },
                "actions": [{"text": "Call the duty team", "due": "2026-03-09", "done": True}],
            },
        },
    ).id
    # Siblings seen together, a disclosure by one of them (casebook/1.1's shape).
    notebook.people.add("C-1042", "Sam Smith", "child", key="p4")
    siblings = notebook.records.create(
        "C-1042",
        {
            "kind": "child_work",
            "event_at": "2026-03-09T10:00:00+05:30",
            "fields": {
                "children": ["p4", "p3"],
                "activity": "three_houses",
                "disclosures": [{"child": "p4", "verbatim": "A secret", "at": None}],
            },
        },
    ).id
    # Change over time: a draft and a final record that rate (and leave a scale unrated).
    rated = {"motivation_rating": "action", "motivation_note": "Kept <i>every</i> session",
             "denial_rating": "full_denial"}  # fmt: skip
    rated_draft = notebook.records.create(
        "C-1042",
        {"kind": "session", "event_at": "2026-03-10T10:00:00+00:00", "people": ["p2"],
         "fields": rated},
    ).id  # fmt: skip
    rated_final = notebook.records.create(
        "C-1042",
        {"kind": "partner_support", "event_at": "2026-03-11T10:00:00+00:00",
         "fields": {"partner": "p1", "protective_rating": "developing"}},
    ).id  # fmt: skip
    notebook.records.finalise(rated_final)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "partner_support")
    new_draft = editor.record_id
    main.show_case_page()
    wait_idle(qtbot, main)
    records = (new_draft, disclosed, siblings, "rec-session-draft", "rec-child-final",
               rated_draft, rated_final)  # fmt: skip
    for record_id in records:
        before = _export(notebook)
        updated = notebook.records.get(record_id).updated_at
        editor = open_record(qtbot, main, record_id)
        editor.setFocus()
        qtbot.wait(200)
        main.show_case_page()
        assert main.save_drafts()
        qtbot.wait(1700)  # past the autosave pause
        wait_idle(qtbot, main)
        assert _export(notebook) == before, record_id
        assert notebook.records.get(record_id).updated_at == updated, record_id


def test_opening_a_draft_writes_nothing_and_last_edited_moves_only_on_a_real_edit(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    notebook = controller.notebook
    head = notebook.audit.head()
    before = notebook.records.get("rec-session-draft")
    editor = open_record(qtbot, main, "rec-session-draft")
    qtbot.wait(1700)
    wait_idle(qtbot, main)
    assert not editor.dirty
    assert notebook.audit.head() == head  # no record.edit entry
    assert notebook.records.get("rec-session-draft").updated_at == before.updated_at
    assert "last edited" not in editor.header.info.text()

    purpose = editor.form.fields["purpose"].edit
    purpose.setPlainText(purpose.toPlainText() + " More.")
    purpose.setPlainText(purpose.toPlainText().removesuffix(" More."))
    assert editor.save_sync()  # edited back as it was: still nothing to write
    assert notebook.audit.head() == head

    purpose.setPlainText("A real change.")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    wait_idle(qtbot, main)
    after = notebook.records.get("rec-session-draft")
    assert after.updated_at != before.updated_at
    assert "last edited" in editor.header.info.text()
