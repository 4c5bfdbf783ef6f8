"""File ▸ Change passphrase… (with *Also re-encrypt everything*) and File ▸ New recovery key…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, unlock
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from notebook import keyfile
from notebook.errors import WrongPassphrase
from notebook.service import Notebook
from ui.keys import ChangePassphraseDialog, NewRecoveryKeyDialog

NEW = "a new passphrase for the notebook"


def _file_menu_texts(main: Any) -> list[str]:
    menu = next(a.menu() for a in main.menuBar().actions() if a.text().replace("&", "") == "File")
    return [a.text() for a in menu.actions()]


def _run_dialog(qtbot: Any, main: Any, action_text: str, fill: Any) -> dict[str, Any]:
    """Trigger the File menu action; ``fill(dialog)`` fills the form and presses OK."""
    seen: dict[str, Any] = {}

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen["dialog_type"] = type(dialog).__name__
        fill(dialog)
        if not dialog.isVisible():
            return  # closed by what fill() did (a lock)
        qtbot.waitUntil(lambda: not dialog._running, timeout=20_000)
        seen["problem"] = dialog.problem.text()
        seen["recovery_key"] = dialog.recovery_key.text()
        if dialog.showing_key:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # does not close before typed back
            seen["open_after_escape"] = dialog.isVisible()
            seen["close_enabled_before"] = dialog.close_button.isEnabled()
            qtbot.keyClicks(dialog.key_panel.retype, seen["recovery_key"].lower())
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        elif dialog.isVisible():
            dialog.reject()

    action = next(
        a for a in main.findChildren(type(main.menus.settings_action)) if a.text() == action_text
    )
    QTimer.singleShot(0, drive)
    action.trigger()
    return seen


def test_the_file_menu_offers_change_passphrase_and_new_recovery_key(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    texts = _file_menu_texts(main)
    assert "Change passphrase…" in texts and "New recovery key…" in texts
    assert texts.index("Change passphrase…") < texts.index(main.menus.settings_action.text())


def test_change_passphrase_with_re_encrypt_everything_gives_a_new_key_and_recovery_key(
    notebook_path: Path, make_controller: Any, qtbot: Any, recovery_key: str
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    data_key_before = controller.notebook._data_key

    def fill(dialog: ChangePassphraseDialog) -> None:
        dialog.current.setText(PASSPHRASE)
        dialog.new.setText(NEW)
        dialog.again.setText(NEW)
        dialog.rekey.setChecked(True)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _run_dialog(qtbot, main, "Change passphrase…", fill)
    assert seen["dialog_type"] == "ChangePassphraseDialog"
    assert seen["problem"] == ""
    assert seen["open_after_escape"] is True
    new_key = seen["recovery_key"]
    assert len(keyfile.parse_recovery_key(new_key)) == keyfile.RECOVERY_KEY_BYTES
    assert controller.notebook._data_key != data_key_before
    assert controller.notebook.verify_audit().ok
    assert "re-encrypted" in main.statusBar().currentMessage()

    controller.lock("manual")
    unlock(qtbot, controller, NEW)
    controller.main_window.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    with pytest.raises(WrongPassphrase):
        Notebook.recover(notebook_path, recovery_key, "anything else")
    Notebook.recover(notebook_path, new_key, PASSPHRASE).close()


def test_change_passphrase_without_re_encrypting_keeps_the_data_key(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    data_key_before = controller.notebook._data_key

    def fill(dialog: ChangePassphraseDialog) -> None:
        dialog.current.setText(PASSPHRASE)
        dialog.new.setText(NEW)
        dialog.again.setText(NEW)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _run_dialog(qtbot, main, "Change passphrase…", fill)
    assert seen["recovery_key"] == ""
    assert controller.notebook._data_key == data_key_before
    assert main.statusBar().currentMessage() == "Passphrase changed."


def test_a_wrong_current_passphrase_is_said_in_the_dialog_and_changes_nothing(
    notebook_path: Path, make_controller: Any, qtbot: Any, folder_hashes: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    key_before = (notebook_path / "key.json").read_bytes()

    def fill(dialog: NewRecoveryKeyDialog) -> None:
        dialog.passphrase.setText("not the passphrase")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _run_dialog(qtbot, main, "New recovery key…", fill)
    assert "did not unlock" in seen["problem"]
    assert seen["recovery_key"] == ""
    assert (notebook_path / "key.json").read_bytes() == key_before


def test_new_recovery_key_shows_a_key_that_replaces_the_old_one(
    notebook_path: Path, make_controller: Any, qtbot: Any, recovery_key: str
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)

    def fill(dialog: NewRecoveryKeyDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _run_dialog(qtbot, main, "New recovery key…", fill)
    new_key = seen["recovery_key"]
    assert new_key and new_key != recovery_key
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    with pytest.raises(WrongPassphrase):
        Notebook.recover(notebook_path, recovery_key, NEW)
    Notebook.recover(notebook_path, new_key, NEW).close()


def test_lock_closes_the_dialog_showing_a_new_recovery_key(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)

    def fill(dialog: NewRecoveryKeyDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.showing_key, timeout=20_000)
        controller.lock("idle")
        assert not dialog.isVisible()
        assert dialog.recovery_key.text() == ""

    _run_dialog(qtbot, main, "New recovery key…", fill)
    assert controller.notebook is None
