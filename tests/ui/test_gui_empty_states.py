"""Empty states say why and what to do; counts are in words; one result bar with its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import open_case, unlock, wait_idle
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox

from ui.exports import SummaryWritten


def test_an_empty_notebook_says_how_to_start_and_asks_for_no_backup(
    empty_notebook_path: Path, make_controller: Any, qtbot: Any, app_settings: Any
) -> None:
    app_settings.backup_reminder_days = 7
    controller = make_controller(empty_notebook_path)
    main = unlock(qtbot, controller)
    wait_idle(qtbot, main)
    assert main.backup_reminder.isHidden()
    assert "No cases yet" in main.case_pane.case_table.empty_message()
    assert "New case (Ctrl+Shift+N)" in main.case_pane.case_table.empty_message()
    assert "New case" in main.record_pane.empty_page.text()


def test_a_case_filter_with_no_result_and_an_empty_new_case_say_so(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.case_filter.setText("zebra")
    assert main.case_pane.case_table.empty_message() == "No open case matches “zebra”."
    main.case_filter.setText("")
    assert main.case_pane.case_table.empty_message() == ""
    main.bridge.run(controller.notebook.cases.add, "C-3001", "Family C")
    wait_idle(qtbot, main)
    open_case(qtbot, main, "C-3001")
    view = main.case_view
    assert "0 records · 0 people" in view.heading.text()
    assert "No records in this case yet" in view.record_table.empty_message()
    assert "Add person" in view.people_table.empty_message()
    assert "No actions in this case" in view.actions_table.empty_message()
    assert view.chronology_table.empty_message()


def test_counts_say_one_record_and_one_person_and_one_open_action(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    notebook = controller.notebook
    main.bridge.run(notebook.cases.add, "C-3001", "Family C")
    main.bridge.run(notebook.people.add, "C-3001", "Ada Ng", "child")
    wait_idle(qtbot, main)
    open_case(qtbot, main, "C-2001")
    assert "1 record · 3 people" in main.case_view.heading.text()
    open_case(qtbot, main, "C-3001")
    assert "0 records · 1 person" in main.case_view.heading.text()
    main.actions_view.show_actions(notebook.actions.list()[:1])
    assert main.actions_view.summary.text().startswith("1 open action, ")
    main.actions_view.show_actions([])
    assert "No open actions" in main.actions_view.table.empty_message()
    assert main.actions_view.summary.text() == ""


def test_one_result_bar_shows_the_last_backup_or_summary_with_its_file_and_folder(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    backup = tmp_path / "drive" / "Sample.casebook-backup"
    backup.parent.mkdir()
    backup.write_bytes(b"x")
    main.exports._backup_written(backup)
    bar = main.result_notice
    assert bar.isVisibleTo(main) and "Backup saved" in bar.message.text()
    assert not bar.open_button.isVisibleTo(main)
    bar.folder_button.click()
    assert opened == [str(backup.parent)]

    pdf = tmp_path / "summaries" / "summary-C-1042.pdf"
    main.exports._summary_written(SummaryWritten(pdf, 1234, "AB:CD"))
    assert "Signed summary saved" in bar.message.text() and "Backup saved" not in bar.message.text()
    bars = [w for w in main.findChildren(type(bar)) if w.isVisibleTo(main)]
    assert bars == [bar]
    bar.open_button.click()
    bar.folder_button.click()
    assert opened[1:] == [str(pdf), str(pdf.parent)]
    assert QUrl.fromLocalFile(str(pdf)).isLocalFile()


def test_the_new_case_dialog_button_says_create_case(qtbot: Any) -> None:
    from ui.dialogs import NewCaseDialog

    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Create case"
