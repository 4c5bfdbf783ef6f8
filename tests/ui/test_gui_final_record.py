"""A final record is a locked document with "Add addendum" at the top; addenda say who and when."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)


def _visible_inputs(editor: Any) -> list[Any]:
    return [w for kind in INPUTS for w in editor.body.findChildren(kind) if w.isVisibleTo(editor)]


def test_a_final_record_shows_as_a_document_with_nothing_that_looks_editable(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-child-final")
    assert editor.document.isVisibleTo(editor)
    assert _visible_inputs(editor) == []
    buttons = [b.text() for b in editor.findChildren(QAbstractButton) if b.isVisibleTo(editor)]
    assert "Add addendum…" in buttons and "Finalise…" not in buttons and "Done" not in buttons
    shown = editor.document.text.text()
    for words in ("Bedtimes are hard.", "I miss my dad", "No disclosure recorded", "Home visit"):
        assert words in shown
    assert "Speak to mum about bedtime routine" in shown
    assert "choose" not in shown and "Not set" not in shown
    # Add addendum is at the top of the page, above the document.
    top = editor.add_addendum_button.mapTo(editor, editor.add_addendum_button.rect().topLeft())
    page = editor.scroll_area.mapTo(editor, editor.scroll_area.rect().topLeft())
    assert top.y() < page.y()
    assert main.saved_label.text() == "Final: read-only"


def test_leaving_a_final_record_clears_read_only_from_the_status_bar(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_record(qtbot, main, "rec-child-final")
    assert main.saved_label.text() == "Final: read-only"
    main.record_pane.show_case_page()
    assert main.saved_label.text() == ""


def test_an_addendum_says_who_wrote_it_and_when(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    practitioner = controller.notebook.identity.practitioner()
    editor = open_record(qtbot, main, "rec-child-final")
    assert "Addendum imported" in editor.document.text.text()  # the sample's came by import
    qtbot.mouseClick(editor.add_addendum_button, Qt.MouseButton.LeftButton)
    editor.addenda_section.addendum_text.setPlainText("The drawing was of the garden.")
    qtbot.mouseClick(editor.addenda_section.addendum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(editor.record.addenda) == 2, timeout=5000)
    shown = editor.document.text.text()
    assert f"Addendum by {practitioner.name}" in shown
    assert "The drawing was of the garden." in shown
    from ui import text

    assert text.when(editor.record.addenda[-1].written_at) in shown


def test_finalising_a_draft_turns_its_page_into_the_document_and_the_status_bar_says_final(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    assert not editor.document.isVisibleTo(editor) and _visible_inputs(editor)
    editor.form.fields["purpose"].edit.setPlainText("Initial assessment, first visit.")
    editor.confirm_finalise = lambda parent, gaps: True
    editor.request_finalise()
    qtbot.waitUntil(lambda: editor.is_final, timeout=5000)
    wait_idle(qtbot, main)
    assert _visible_inputs(editor) == []
    assert "Initial assessment, first visit." in editor.document.text.text()
    assert not main.saved_label.text().startswith("Draft saved")
    assert main.save_drafts()
    assert not main.saved_label.text().startswith("Draft saved")
