"""The professional contact editor: attendees from the case and named professionals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, open_record, unlock, wait_idle

from ui.editors.fields.attendees import AttendeesField


def test_a_strategy_discussion_records_attendees_and_the_family_told_and_survives_reopening(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.new_record("professional_contact")
    qtbot.waitUntil(
        lambda: main.editor.record is not None and main.editor.record.kind == "professional_contact"
    )
    editor = main.editor
    form = editor.form
    meeting = form.fields["meeting_type"].combo
    meeting.setCurrentIndex(meeting.findData("strategy_discussion"))
    attendees = form.fields["attendees"]
    assert isinstance(attendees, AttendeesField)
    menu = attendees.from_case.menu()
    assert menu.actions(), "the case's people are offered"
    menu.actions()[0].trigger()
    attendees._add_row(None, "DS Amir Khan", "Police", "Officer in the case")
    attendees.table.item(1, 2).setText("Officer in the case, chair")
    told = form.fields["family_told"].combo
    told.setCurrentIndex(told.findData("no"))
    form.fields["decisions"].edit.setPlainText("Section 47 enquiry")
    record_id = editor.record_id

    def stored() -> dict[str, Any]:
        fields: dict[str, Any] = controller.notebook.records.get(record_id).fields
        return fields

    qtbot.waitUntil(lambda: stored()["decisions"] == "Section 47 enquiry", timeout=5000)
    wait_idle(qtbot, main)
    assert editor.record.title == "Strategy discussion"
    stored_fields = stored()
    assert stored_fields["attendees"][1] == {
        "person": None, "name": "DS Amir Khan", "agency": "Police",
        "role": "Officer in the case, chair",
    }  # fmt: skip
    assert stored_fields["attendees"][0]["person"]
    assert stored_fields["family_told"] == "no"

    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    again = make_controller(notebook_path)
    main = unlock(qtbot, again)
    editor = open_record(qtbot, main, record_id)
    value = editor.form.fields["attendees"].value()
    assert [a["name"] for a in value] == ["", "DS Amir Khan"]
    assert editor.form.fields["attendees"].table.item(0, 0).text()
