"""New case in the app: it opens today unless the practitioner picks the day it began."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from guihelpers import unlock

from ui.dialogs import NewCaseDialog


def test_the_new_case_dialog_opens_today_by_default(qtbot: Any) -> None:
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    assert dialog.opened() == date.today().isoformat()


def test_a_new_case_opens_on_the_day_chosen_in_its_dialog(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    import ui.case_pane

    class Backfilled(NewCaseDialog):
        def exec(self) -> int:
            self.ref.setText("C-OLD")
            self.opened_edit.set_value("2024-02-29")
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ui.case_pane, "NewCaseDialog", Backfilled)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.new_case()
    qtbot.waitUntil(
        lambda: main.case_view.case is not None and main.case_view.case.ref == "C-OLD",
        timeout=5000,
    )
    assert controller.notebook.cases.get("C-OLD").opened == "2024-02-29"
