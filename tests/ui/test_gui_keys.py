"""Settings ▸ Security ▸ Change passphrase… (with *Also re-encrypt everything*) and
New recovery key…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, unlock
from PySide6.QtCore import Qt

from casebook import keyfile
from casebook.errors import WrongPassphrase
from casebook.service import Notebook
from ui.keys import ChangePassphraseDialog, NewRecoveryKeyDialog

NEW = "a new passphrase for the notebook"


BUTTONS = {"Change passphrase…": "change_button", "New recovery key…": "recovery_button"}


def _file_menu_texts(main: Any) -> list[str]:
    menu = next(a.menu() for a in main.menuBar().actions() if a.text().replace("&", "") == "File")
    return [a.text() for a in menu.actions()]


def security_page(qtbot: Any, main: Any) -> Any:
    """File ▸ Security…: Settings, open on its Security tab; returns that page."""
    main.menus.security_action.trigger()
    settings = main.settings_dialog
    qtbot.waitUntil(settings.isVisible)
    page = settings.tabs.currentWidget()
    assert settings.tabs.tabText(settings.tabs.currentIndex()) == "Security"
    return page


def _run_dialog(qtbot: Any, main: Any, button_text: str, fill: Any) -> dict[str, Any]:
    """Settings ▸ Security ▸ the button; ``fill(dialog)`` fills the form and presses OK."""
    from shiboken6 import isValid

    page = security_page(qtbot, main)
    qtbot.mouseClick(getattr(page, BUTTONS[button_text]), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    seen: dict[str, Any] = {"dialog_type": type(dialog).__name__}
    fill(dialog)
    if not isValid(dialog) or not dialog.isVisible():
        return seen  # closed by what fill() did (a lock)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog._running, timeout=20_000)
    if not isValid(dialog):  # done, nothing to show: it closed itself (and was deleted)
        return {**seen, "problem": "", "recovery_key": ""}
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
    return seen


def test_change_passphrase_and_new_recovery_key_are_under_settings_security(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    texts = _file_menu_texts(main)
    assert "Change passphrase…" not in texts and "New recovery key…" not in texts
    page = security_page(qtbot, main)
    assert page.change_button.text() == "Change passphrase…"
    assert page.recovery_button.text() == "New recovery key…"


def test_the_new_passphrase_has_a_strength_meter_and_the_clis_minimum(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.passphrase import MIN_PASSPHRASE

    main = unlock(qtbot, make_controller(notebook_path))
    page = security_page(qtbot, main)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText("x" * (MIN_PASSPHRASE - 1))
    assert dialog.strength.bar.value() == 0 and "Too short" in dialog.strength.hint.text()
    dialog.again.setText("x" * (MIN_PASSPHRASE - 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert f"at least {MIN_PASSPHRASE} characters" in dialog.problem.text()
    dialog.new.setText("four words make a phrase")
    assert dialog.strength.bar.value() == 3
    assert "differ" in dialog.strength.hint.text()
    dialog.reject()


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
    assert controller.notebook.audit.verify().ok
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
