"""A person's Details… dialog in the People tab: relationship, legal status, conditions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, unlock

from ui.person_details_dialog import PersonDetailsDialog


def test_the_details_dialog_saves_relationship_legal_status_and_conditions(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    person = main.case_view.people.rows()[0]
    main.case_view.person_details.emit(person)
    pane = main.record_pane
    qtbot.waitUntil(lambda: isinstance(pane.dialog, PersonDetailsDialog), timeout=5000)
    dialog = pane.dialog
    assert isinstance(dialog, PersonDetailsDialog)
    dialog.lines["relationship"].setText("Father of Lily")
    dialog.lines["legal_status"].setText("On bail")
    dialog.conditions.setPlainText("No contact with Lily; live at his mother's address")
    dialog.dates["conditions_from"].set_value("2026-03-02")
    dialog.interpreter.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(
        lambda: controller.notebook.details.get("C-1042", person.key) is not None, timeout=5000
    )
    details = controller.notebook.details.get("C-1042", person.key)
    assert details.relationship == "Father of Lily" and details.legal_status == "On bail"
    assert details.conditions_from == "2026-03-02" and details.interpreter_needed
