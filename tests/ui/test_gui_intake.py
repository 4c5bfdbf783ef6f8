"""Intake in the app: the case's Intake… dialog, and referrals not yet seen in Actions due."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, unlock, wait_idle

from ui.intake_dialog import IntakeDialog


def test_the_intake_dialog_saves_the_referral_and_shows_the_days_waiting(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.case_view.intake_button.click()
    pane = main.record_pane
    qtbot.waitUntil(lambda: isinstance(pane.dialog, IntakeDialog), timeout=5000)
    dialog = pane.dialog
    assert isinstance(dialog, IntakeDialog)
    dialog.dates["referral_date"].set_value("2026-01-05")
    dialog.dates["first_contact"].set_value("2026-01-09")
    dialog._show_days()
    assert dialog.days.text().startswith("4 days from referral to first contact (within")
    dialog.texts["referrer"].setText("Nguyễn Thị Lan, duty social worker")
    dialog.flags["interpreter_needed"].setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: controller.notebook.intake.get("C-1042") is not None, timeout=5000)
    intake = controller.notebook.intake.get("C-1042")
    assert intake.referrer == "Nguyễn Thị Lan, duty social worker"
    assert intake.interpreter_needed and intake.days_to_first_contact() == 4


def test_actions_due_lists_referrals_not_yet_seen_and_opens_the_case(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    controller.notebook.intake.set("C-1042", {"referral_date": "2026-01-05"})
    main.show_actions_due()
    wait_idle(qtbot, main)
    panel = main.actions_view.referrals
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    assert "days waiting · over the 7-day aim · C-1042" in panel.list.item(0).text()
    panel.list.itemActivated.emit(panel.list.item(0))
    qtbot.waitUntil(lambda: main.case_view.case is not None and main.case_view.case.ref == "C-1042")
