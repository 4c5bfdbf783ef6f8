"""Check the audit log…, the chronology printed or saved as a signed PDF, people no longer
involved, and a case's title, closing and reopening with a reason (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_save, open_case, unlock, wait_idle, wait_progress
from PySide6.QtCore import Qt

from casebook.service import Notebook


def _tamper(folder: Path, *statements: str) -> None:
    nb = Notebook.open(folder, PASSPHRASE)
    try:
        for sql in statements:
            nb.database.conn.execute(sql)
    finally:
        nb.close()


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    """The words of a PDF, by poppler's pdftotext (installed by make test)."""
    import shutil
    import subprocess
    import unicodedata

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(unicodedata.normalize("NFKC", result.stdout.decode("utf-8")).split())


def test_check_the_audit_log_shows_its_progress_and_says_the_log_is_whole(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    main.menus.audit_action.trigger()
    progress = main.flows.dialog
    values: list[int] = []
    progress.bar.valueChanged.connect(values.append)
    wait_progress(qtbot, progress)
    assert progress.outcome == "done" and progress.bar.value() == 1000
    assert progress.result_line.property("ok") is True
    assert progress.result_line.text().startswith("The audit log is whole: ")
    assert "3 final records and 1 addendum are as they were written" in progress.result_line.text()


def test_check_the_audit_log_reports_the_first_break_in_plain_words_in_red(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    _tamper(
        notebook_path,
        "DROP TRIGGER records_final_no_update",
        "UPDATE records SET fields = json_set(fields, '$.feelings', 'Calm.')"
        " WHERE uid = 'rec-partner-late'",
    )
    main = unlock(qtbot, make_controller(notebook_path))
    main.menus.audit_action.trigger()
    progress = main.flows.dialog
    wait_progress(qtbot, progress)
    assert progress.result_line.property("ok") is False
    assert "#c62828" in progress.result_line.styleSheet()
    assert progress.result_line.text() == (
        "The audit log shows a change to history. The first problem found: final record "
        "rec-partner-late was changed after it was finalised."
    )


def _chronology_dialog(qtbot: Any, main: Any) -> Any:
    from ui.chronology_export import ChronologyDialog

    open_case(qtbot, main, "C-1042")
    main.case_view.tabs.setCurrentIndex(2)
    qtbot.mouseClick(main.case_view.print_chronology, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, ChronologyDialog)
    return dialog


def test_the_chronology_is_saved_as_a_signed_pdf_with_names_redacted(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from casebook.signing import verify_pdf

    out = tmp_path / "out" / "chronology.pdf"
    out.parent.mkdir()
    save = fake_save(monkeypatch, out)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    dialog = _chronology_dialog(qtbot, main)
    assert dialog.every.isChecked() and dialog.redaction_buttons["initials"].isChecked()
    dialog.drafts.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved to" in dialog.status.text(), timeout=30_000)
    assert Path(save.offered[0]).name.startswith("chronology-C-1042-")
    pdf = out.read_bytes()
    assert verify_pdf(pdf).ok
    text = _pdf_text(pdf, tmp_path)
    assert "Direct work with L.S." in text and "Draft" in text
    assert "Lily" not in text and "Jane" not in text


def test_the_chronology_prints_the_significant_events_with_names_redacted(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    printed = tmp_path / "printed.pdf"

    def print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    nb = Notebook.open(notebook_path, PASSPHRASE)
    nb.database.conn.execute("DROP TRIGGER records_final_no_update")
    nb.database.conn.execute("UPDATE records SET significant = 1 WHERE uid = 'rec-child-final'")
    nb.close()
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _chronology_dialog(qtbot, main)
    dialog.significant.setChecked(True)
    dialog.redaction_buttons["pseudonyms"].setChecked(True)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sent"), timeout=30_000)
    assert dialog.status.text() == "Sent 1 event to the printer."
    text = _pdf_text(printed.read_bytes(), tmp_path)
    assert "Significant events only" in text and "Pseudonyms" in text
    assert "Lily" not in text and "Smith" not in text


def test_a_person_no_longer_involved_leaves_the_pickers_of_new_records_and_can_return(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.case_dialogs import NoLongerInvolvedDialog

    main = unlock(qtbot, make_controller(notebook_path))
    open_case(qtbot, main, "C-1042")
    view = main.case_view
    view.tabs.setCurrentIndex(1)
    row = next(i for i in range(view.people.rowCount()) if view.people.row_at(i).key == "p2")
    view.people_table.selectRow(row)
    assert view.involved_button.text() == "No longer involved…"
    qtbot.mouseClick(view.involved_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, NoLongerInvolvedDialog)
    dialog.reason.setPlainText("Moved to another area")
    dialog.accept()
    qtbot.waitUntil(lambda: "p2" in view.people.involvement, timeout=20_000)
    involved = view.people.index(row, 5)
    assert involved.data().startswith("No longer, since ")
    assert involved.data(Qt.ItemDataRole.ToolTipRole).endswith(": Moved to another area")
    view.people_table.selectRow(row)
    assert view.involved_button.text() == "Involved again"

    main.new_record("session")
    qtbot.waitUntil(lambda: main.editor.record_id is not None, timeout=20_000)
    wait_idle(qtbot, main)
    keys = [main.editor.common.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(main.editor.common.people.count())]  # fmt: skip
    assert "p2" not in keys and {"p1", "p3"} <= set(keys)
    main.open_record("rec-session-draft")  # a record that names him still shows him
    qtbot.waitUntil(lambda: main.editor.record_id == "rec-session-draft", timeout=20_000)
    keys = [main.editor.common.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(main.editor.common.people.count())]  # fmt: skip
    assert "p2" in keys

    open_case(qtbot, main, "C-1042")
    view.tabs.setCurrentIndex(1)
    view.people_table.selectRow(row)
    qtbot.mouseClick(view.involved_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "p2" not in view.people.involvement, timeout=20_000)


def test_a_case_is_closed_and_reopened_with_a_reason_and_its_title_edited(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.case_dialogs import CaseStatusDialog, EditCaseDialog

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-2001")
    view = main.case_view
    assert view.status_button.text() == "Close case…"
    qtbot.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, CaseStatusDialog)
    assert not dialog.buttons.buttons()[0].isEnabled()  # a reason first
    dialog.reason.setPlainText("Family moved abroad")
    dialog.accept()
    qtbot.waitUntil(lambda: view.case.status == "closed", timeout=20_000)
    assert "Family moved abroad" in view.heading.text()
    qtbot.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    dialog.reason.setPlainText("New referral")
    dialog.accept()
    qtbot.waitUntil(lambda: view.case.status == "open", timeout=20_000)
    assert [(c.status, c.reason) for c in controller.notebook.cases.status_changes("C-2001")] == [
        ("closed", "Family moved abroad"),
        ("open", "New referral"),
    ]
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, EditCaseDialog)
    dialog.title_edit.setText("Family B (Hoa)")
    dialog.accept()
    qtbot.waitUntil(lambda: view.case.title == "Family B (Hoa)", timeout=20_000)
    assert controller.notebook.audit.verify().ok


def test_the_audit_log_is_checked_against_a_backup_and_a_summary_made_elsewhere(
    notebook_path: Path,
    empty_notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from guihelpers import fake_open

    from casebook.backup import backup_notebook
    from casebook.summary.export import export_summary

    nb = Notebook.open(notebook_path, PASSPHRASE)
    backup = backup_notebook(nb, tmp_path / "files" / "b")
    nb.close()
    other = Notebook.open(empty_notebook_path, PASSPHRASE)
    other.cases.add("X-1")
    elsewhere = tmp_path / "files" / "elsewhere.pdf"
    elsewhere.write_bytes(export_summary(other, ["X-1"]))
    other.close()
    fake_open(monkeypatch, backup, elsewhere)
    main = unlock(qtbot, make_controller(notebook_path))
    main.menus.audit_action.trigger()
    progress = main.flows.dialog
    wait_progress(qtbot, progress)
    against = progress.findChild(type(progress.close_button), "checkAgainst")
    qtbot.mouseClick(against, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "b.casebook-backup" in progress.result_line.text(), timeout=20_000)
    assert "still holds the audit head b.casebook-backup recorded" in progress.result_line.text()
    assert progress.result_line.property("ok") is True
    qtbot.mouseClick(against, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "elsewhere.pdf" in progress.result_line.text(), timeout=20_000)
    assert progress.result_line.property("ok") is False
    assert "Against elsewhere.pdf: " in progress.result_line.text()


def test_the_app_checks_a_file_against_the_audit_log_with_the_commands_core_call(
    notebook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook.errors import InvalidInput
    from casebook.summary import export
    from ui import work

    neither = tmp_path / "notes.txt"
    neither.write_text("not a summary")
    with pytest.raises(InvalidInput, match="neither a signed summary"):
        work.check_against(notebook, neither)
    asked: list[Path] = []
    monkeypatch.setattr(export, "check_anchor", lambda _nb, path: asked.append(path) or "gone")
    assert work.check_against(notebook, neither) == (False, "Against notes.txt: gone.")
    assert asked == [neither]  # `casebook audit verify --against` calls the same
