"""Words and pictures… in the app (issue 16 item 4): from a child's People entry, edit the
words, choose pictures, preview, save a version, save the PDF, mark it as shared."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from guihelpers import fake_save, open_case, unlock, wait_idle
from PySide6.QtCore import Qt


def _open_dialog(qtbot: Any, main: Any) -> Any:
    from ui.explain_dialog import ExplainDialog

    open_case(qtbot, main, "C-1042")
    view = main.case_view
    view.tabs.setCurrentIndex(1)
    lily = next(i for i, p in enumerate(view.people.rows()) if p.key == "p3")
    view.people_table.selectRow(lily)
    assert view.explain_button.isEnabled()
    qtbot.mouseClick(view.explain_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, ExplainDialog)
    qtbot.waitUntil(lambda: dialog.version_box.count() > 0)
    return dialog


def _write(qtbot: Any, dialog: Any) -> None:
    dialog.name_edit.setText("Lily")
    dialog.title_edit.setText("Why Dad lives somewhere else")
    qtbot.keyClicks(dialog.words_edit, "It is not your fault.")
    for name, caption in (("house", "You live with Mum"), ("heart", "Mum loves you")):
        dialog.picture_box.setCurrentIndex(dialog.picture_box.findData(name))
        qtbot.mouseClick(
            next(b for b in dialog.findChildren(type(dialog.save_button))
                 if b.text() == "Add picture"),
            Qt.MouseButton.LeftButton,
        )  # fmt: skip
        qtbot.keyClicks(dialog.caption_edit, caption)


def test_a_childs_words_and_pictures_are_previewed_saved_and_marked_as_shared(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_dialog(qtbot, main)
    assert dialog.child_key() == "p3"
    assert dialog.name_edit.text() == "Lily Smith"  # no preferred name: her name as written
    assert dialog.version_note.text() == "No version saved yet."
    assert not dialog.shared_button.isEnabled()
    _write(qtbot, dialog)
    assert dialog.preview.texts == [
        "For Lily", "Why Dad lives somewhere else", "It is not your fault.",
        "You live with Mum", "Mum loves you",
    ]  # fmt: skip
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.shown is not None and dialog.shown.version == 1)
    assert dialog.status.text() == "Saved as version 1."
    assert dialog.shared_button.isEnabled() and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.shared_button, Qt.MouseButton.LeftButton)
    shared = dialog.shared_dialog
    shared.day.set_value("2026-03-04")
    shared.record.setCurrentIndex(shared.record.findData("rec-child-final"))
    shared.accept()
    qtbot.waitUntil(lambda: dialog.shown is not None and bool(dialog.shown.shared))
    assert "shared with the child on" in dialog.version_note.text()
    wait_idle(qtbot, main)


def test_the_notebook_keeps_the_version_and_the_day_shared_audited(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    dialog = _open_dialog(qtbot, main)
    _write(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.shown is not None)
    dialog._note_shared(dialog.shown, "2026-03-05", None)
    qtbot.waitUntil(lambda: dialog.shown is not None and bool(dialog.shown.shared))
    saved = main.bridge.notebook.explanations.get("C-1042", "p3")
    assert saved.words == "It is not your fault."
    assert [p.caption for p in saved.panels] == ["You live with Mum", "Mum loves you"]
    assert saved.last_shared_on == "2026-03-05"
    rows = main.bridge.notebook.database.query(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'explanation.%' ORDER BY seq"
    )
    assert [r[0] for r in rows] == ["explanation.save", "explanation.shared"]
    assert rows[1][1] == "version=1 shared_on=2026-03-05"


def test_save_pdf_saves_the_changed_words_as_a_version_first_and_writes_the_childs_copy(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out = tmp_path / "copy.pdf"
    save = fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_dialog(qtbot, main)
    _write(qtbot, dialog)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved to" in dialog.status.text(), timeout=30_000)
    assert Path(save.offered[0]).name == "words-and-pictures-version-1.pdf"
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "For Lily" in text and "Mum loves you" in text
    assert "C-1042" not in text and "Smith" not in text


def test_the_button_is_off_for_a_case_without_a_child(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    open_case(qtbot, main, "C-2001")
    assert not main.case_view.explain_button.isEnabled()
    main.record_pane.words_and_pictures(None)
    assert main.record_pane.dialog is None


def test_bad_words_leave_the_notebook_unchanged_and_say_why(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_dialog(qtbot, main)
    dialog.name_edit.setText("")
    qtbot.keyClicks(dialog.words_edit, "Words")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "name" in dialog.status.text())
    nb_versions = main.bridge.notebook.explanations.versions("C-1042")
    assert nb_versions == []


def test_the_record_of_the_session_names_the_version_shared_in_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from guihelpers import open_record

    main = unlock(qtbot, make_controller(notebook_path))
    notebook = main.bridge.notebook
    notebook.explanations.save("C-1042", "p3", name="Lily", words="It is not your fault.")
    notebook.explanations.mark_shared(
        "C-1042", "p3", 1, shared_on="2026-03-04", record_id="rec-child-final"
    )
    editor = open_record(qtbot, main, "rec-child-final")
    assert editor.header.shared.isVisible()
    assert editor.header.shared.text() == (
        "Words and pictures shared in this session: version 1 for Lily, 4 Mar 2026"
    )
    editor = open_record(qtbot, main, "rec-session-draft")
    assert not editor.header.shared.isVisible()
