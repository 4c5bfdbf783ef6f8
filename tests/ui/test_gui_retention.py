"""View ▸ Retention and legal hold…: review dates, a legal hold, and deleting a case past
retention by typing its reference (issue 14, part 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import PASSPHRASE, open_case, unlock, wait_idle
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from casebook.service import Notebook
from ui.retention_dialogs import DeleteCaseDialog, HoldDialog


def _old_closed_case(folder: Path) -> None:
    with Notebook.open(folder, PASSPHRASE) as notebook:
        notebook.cases.add("C-OLD", "Family Old")
        notebook.cases.update("C-OLD", status="closed", closed="2010-01-01")
        notebook.retention.set_rule("C-OLD", "closed", 6)


def _open_view(qtbot: Any, main: Any) -> Any:
    main.menus.retention_action.trigger()
    dialog = main.flows.dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=5000)
    return dialog


def _select(qtbot: Any, dialog: Any, ref: str) -> None:
    qtbot.waitUntil(lambda: any(r.ref == ref for r in dialog.rows), timeout=5000)
    dialog.select(ref)


def test_the_view_lists_review_dates_and_only_a_due_case_can_be_deleted(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    _old_closed_case(notebook_path)
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_view(qtbot, main)
    texts = [dialog.table.item(row, 3).text() for row in range(3)]
    assert "Due: 2016-01-01" in texts and texts.count("not due: the case is open") == 2
    _select(qtbot, dialog, "C-1042")
    assert not dialog.delete_button.isEnabled()
    _select(qtbot, dialog, "C-OLD")
    assert dialog.delete_button.isEnabled()
    dialog.due_only.setChecked(True)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)


def test_a_held_case_cannot_be_deleted_from_the_view(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    _old_closed_case(notebook_path)
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_view(qtbot, main)
    _select(qtbot, dialog, "C-OLD")

    def hold(self: HoldDialog) -> int:
        self.reason.setPlainText("Court order — Łukasz Nguyễn")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HoldDialog, "exec", hold)
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: "Held since" in _hold_cell(dialog, "C-OLD"), timeout=5000)
    _select(qtbot, dialog, "C-OLD")
    assert not dialog.delete_button.isEnabled() and dialog.release_button.isEnabled()
    assert "Court order — Łukasz Nguyễn" in _hold_cell(dialog, "C-OLD")


def _hold_cell(dialog: Any, ref: str) -> str:
    for row, r in enumerate(dialog.rows):
        item = dialog.table.item(row, 4)
        if r.ref == ref and item is not None:
            return str(item.text())
    return ""


def test_deleting_a_case_needs_its_ref_typed_and_removes_it_from_the_app(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    _old_closed_case(notebook_path)
    main = unlock(qtbot, make_controller(notebook_path))
    open_case(qtbot, main, "C-OLD")
    errors: list[object] = []
    main.bridge.failed.connect(errors.append)
    dialog = _open_view(qtbot, main)
    _select(qtbot, dialog, "C-OLD")
    seen: dict[str, bool] = {}

    def confirm(self: DeleteCaseDialog) -> int:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm.setText("c-old")
        seen["wrong"] = ok.isEnabled()
        self.confirm.setText("C-OLD")
        seen["right"] = ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeleteCaseDialog, "exec", confirm)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Deleted case C-OLD"), timeout=10000)
    assert seen == {"wrong": False, "right": True}
    wait_idle(qtbot, main)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert "C-OLD" not in [c.ref for c in main.notebook.cases.list()]
    qtbot.waitUntil(lambda: "C-OLD" not in [c.ref for c in main.case_pane.cases.all_cases()])
    assert main.current_ref is None and errors == []
