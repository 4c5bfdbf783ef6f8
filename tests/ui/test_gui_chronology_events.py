"""The app's side of issue 14: chronology events, significance, court version, search by class."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, unlock, wait_idle
from PySide6.QtCore import Qt

from casebook.events import ChronologyEvent
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
DRAFT = "rec-session-draft"


def _chronology_rows(main: Any) -> list[Any]:
    return list(main.case_view.chronology.rows())


def test_add_event_puts_the_event_in_the_chronology_tab_among_the_records(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.chronology_events import AddEventDialog

    main = unlock(qtbot, make_controller(notebook_path))
    open_case(qtbot, main, "C-1042")
    main.case_view.tabs.setCurrentIndex(2)
    qtbot.mouseClick(main.case_view.add_event_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    assert isinstance(dialog, AddEventDialog)
    dialog.date.set_value("2026-03-05")
    dialog.kind.setCurrentIndex(dialog.kind.findData("court_hearing"))
    dialog.cls.setCurrentIndex(dialog.cls.findData("reported"))
    dialog.description.setText("Interim order for Łukasz")
    dialog.source.setText("Letter from the court")
    dialog.accept()
    qtbot.waitUntil(
        lambda: any(isinstance(r, ChronologyEvent) for r in _chronology_rows(main)), timeout=5000
    )
    rows = _chronology_rows(main)
    kinds = ["event" if isinstance(r, ChronologyEvent) else r.kind for r in rows]
    assert kinds == ["child_work", "event", "session", "partner_support"]
    model = main.case_view.chronology
    assert model.index(1, 1).data() == "Court hearing: Interim order for Łukasz"
    assert "Reported" in model.index(1, 3).data()


def test_significance_of_a_final_record_is_set_from_the_chronology_tab(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("it mattered", True))
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.case_view.tabs.setCurrentIndex(2)
    table = main.case_view.chronology_table
    row = next(i for i, r in enumerate(_chronology_rows(main)) if r.id == "rec-partner-late")
    table.selectRow(row)
    qtbot.mouseClick(main.case_view.significance_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: next(r for r in _chronology_rows(main) if r.id == "rec-partner-late").significant,
        timeout=5000,
    )
    wait_idle(qtbot, main)
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        (note,) = nb.significance.history("rec-partner-late")
    finally:
        nb.close()
    assert note.reason == "it mattered"


def test_the_court_version_menu_entry_opens_the_chronology_dialog_with_court_ticked(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    open_case(qtbot, main, "C-1042")
    main.menus.court_chronology_action.trigger()
    dialog = main.record_pane.dialog
    assert dialog.court.isChecked()
    assert dialog.options().court
    assert dialog.windowTitle() == "Court chronology of C-1042"


def test_the_search_filter_keeps_only_observed_passages(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        nb.marks.mark_passage(DRAFT, "narrative", "Mark attended on time", "observed")
    finally:
        nb.close()
    main = unlock(qtbot, make_controller(notebook_path))
    view = main.search_view
    main.search_field.setText("week")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    view.only.setCurrentIndex(view.only.findText("Only observed facts"))
    view.only.activated.emit(view.only.currentIndex())
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    main.search_field.setText("attended")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.only.findText("Only reports from Jane Smith (C-1042)") >= 0


def test_an_event_opened_from_the_chronology_tab_can_be_withdrawn_with_a_reason(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        event = nb.events.add("C-1042", "2026-03-05", "bail", "reported", source="Police")
    finally:
        nb.close()

    def click_withdraw(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "Withdraw event…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_withdraw)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("wrong case", True))
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    row = next(i for i, r in enumerate(_chronology_rows(main)) if isinstance(r, ChronologyEvent))
    main.case_view.chronology_table.activated_row.emit(_chronology_rows(main)[row])
    qtbot.waitUntil(
        lambda: not any(isinstance(r, ChronologyEvent) for r in _chronology_rows(main)),
        timeout=5000,
    )
    wait_idle(qtbot, main)
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        (withdrawn,) = nb.events.list("C-1042", include_withdrawn=True)
    finally:
        nb.close()
    assert (withdrawn.id, withdrawn.withdrawn_reason) == (event.id, "wrong case")


def test_a_final_record_shows_significance_set_after_finalising(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from guihelpers import open_record

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        nb.significance.set("rec-partner-late", True, "turned out to matter")
    finally:
        nb.close()
    main = unlock(qtbot, make_controller(notebook_path))
    editor = open_record(qtbot, main, "rec-partner-late")
    assert "Significant" in editor.document.text.text()
