"""Marking free text observed, reported or opinion in the editor (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from casebook.service import Notebook
from ui import marking

PASSPHRASE = "correct horse battery staple"
DRAFT = "rec-session-draft"  # narrative "Mark attended on time and talked about his week."


def _select(edit: Any, words: str) -> None:
    start = edit.toPlainText().index(words)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def test_ctrl_alt_o_marks_the_selection_observed_and_the_draft_saves_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, DRAFT)
    edit = editor.form.fields["narrative"].edit
    edit.setFocus()
    _select(edit, "talked about his week")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClick(edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)  # fmt: skip
    wait_idle(qtbot, main)
    start = edit.toPlainText().index("talked about his week")
    expected = {"start": start, "end": start + 21, "class": "observed"}
    assert editor.form.spans() == {"narrative": [expected]}
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        (mark,) = nb.records.get(DRAFT).spans
    finally:
        nb.close()
    assert (mark.field, mark.cls) == ("narrative", "observed")


def test_marks_follow_the_text_and_typing_after_a_mark_is_not_marked(qtbot: Any) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    marking.install_marking(edit, list, lambda: None)
    edit.setPlainText("𠀋 said: he shouted")
    marking.apply_spans(edit, [{"start": 8, "end": 18, "class": "reported", "source": "p1"}])
    assert marking.spans_of(edit) == [{"start": 8, "end": 18, "class": "reported", "source": "p1"}]
    cursor = edit.textCursor()
    cursor.setPosition(0)
    edit.setTextCursor(cursor)
    edit.insertPlainText("Ola ")
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    edit.insertPlainText(" and left")
    assert marking.spans_of(edit) == [{"start": 12, "end": 22, "class": "reported", "source": "p1"}]


def test_a_final_record_shows_its_marked_passages_with_their_class(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        nb.marks.mark_passage(DRAFT, "narrative", "Mark attended on time", "reported",
                              source_key="p1", told_to="me")  # fmt: skip
        nb.records.finalise(DRAFT)
    finally:
        nb.close()
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, DRAFT)
    shown = editor.document.text.text()
    assert "[reported: Jane to me]" in shown
    assert "background-color" in shown


def test_the_reported_dialog_needs_a_person_or_a_name_and_keeps_to_whom(qtbot: Any) -> None:
    from casebook.domain import Person

    people = [Person(id=1, case_ref="C-1", key="p1", name="Ольга Петрова", role="partner")]
    dialog = marking.ReportedDialog(people)
    qtbot.addWidget(dialog)
    dialog.told_to.setText("the teacher")
    assert dialog.details() == {"class": "reported", "source": "p1", "to": "the teacher"}
    dialog.source.setCurrentIndex(dialog.source.count() - 1)  # someone else
    assert dialog.details() is None
    dialog.name.setText("Mr Nguyễn, the neighbour")
    dialog.told_at.set_value("2026-03-02")
    assert dialog.details() == {
        "class": "reported",
        "source_name": "Mr Nguyễn, the neighbour",
        "to": "the teacher",
        "at": "2026-03-02",
    }


def test_the_margin_letters_each_line_with_the_classes_marked_on_it(qtbot: Any) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.marking_margin import MarkMargin, line_classes

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.resize(600, 300)
    marking.install_marking(edit, list, lambda: None)
    margin = edit.findChild(MarkMargin)
    edit.setPlainText("Aga said he phoned.\nI saw the bruise. I think she is afraid.\nNo marks.")
    assert not margin.shown and edit.viewportMargins().left() == 0  # no room taken unmarked
    marking.apply_spans(edit, [
        {"start": 0, "end": 19, "class": "reported", "source": "p2"},
        {"start": 20, "end": 37, "class": "observed"},
        {"start": 38, "end": 59, "class": "opinion"},
    ])  # fmt: skip
    edit.show()
    qtbot.waitExposed(edit)
    assert margin.shown and margin.isVisible() and edit.viewportMargins().left() > 0
    lines = line_classes(edit, marking.MARK_PROPERTY)
    assert [classes for _top, classes in lines] == [["reported"], ["observed", "opinion"]]
    assert lines[0][0] < lines[1][0]
    marking.apply_spans(edit, [])
    edit.selectAll()
    marking.mark_selection(edit, None)
    assert not margin.shown and edit.viewportMargins().left() == 0
