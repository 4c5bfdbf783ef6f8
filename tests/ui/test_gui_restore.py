"""Backups with a progress bar, Restore from backup… (File menu and welcome window), a new
passphrase, and the recovery key from the unlock window (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_open, fake_save, unlock, wait_idle, wait_progress
from PySide6.QtCore import Qt

from casebook.backup import backup_notebook
from casebook.service import Notebook

NEW = "a brand new passphrase here"


def _backup_of(notebook_path: Path, out: Path) -> Path:
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        return backup_notebook(nb, out)
    finally:
        nb.close()


def test_back_up_now_shows_its_progress_to_100_percent_and_settings_say_when(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from test_gui_keys import security_page

    fake_save(monkeypatch, tmp_path / "usb" / "copy")
    main = unlock(qtbot, make_controller(notebook_path))
    page = security_page(qtbot, main)
    wait_idle(qtbot, main)
    assert page.backup_label.text() == "Last backup: never."
    main.settings_dialog.reject()
    main.backup_action.trigger()
    progress = main.exports.backup_progress
    wait_progress(qtbot, progress)
    assert progress.outcome == "done" and progress.bar.value() == 1000
    assert progress.result_line.text().startswith("Backup saved to ")
    qtbot.mouseClick(progress.close_button, Qt.MouseButton.LeftButton)
    page = security_page(qtbot, main)
    wait_idle(qtbot, main)
    assert page.backup_label.text().startswith("Last backup: today (")


def test_a_backup_cancelled_from_its_progress_window_leaves_no_file(
    empty_notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from guihelpers import many_records_document

    nb = Notebook.open(empty_notebook_path, PASSPHRASE)
    nb.interchange.import_document(many_records_document(make_document(), 30, 100))
    nb.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    fake_save(monkeypatch, usb / "copy")
    controller = make_controller(empty_notebook_path)
    main = unlock(qtbot, controller)
    head = controller.notebook.audit.head()
    main.backup_action.trigger()
    progress = main.exports.backup_progress
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    wait_progress(qtbot, progress)
    assert progress.outcome == "cancelled"
    assert list(usb.iterdir()) == []
    assert controller.notebook.audit.head() == head
    assert main.backup_action.isEnabled()


def _restore_dialog(qtbot: Any, dialog: Any, backup: Path, passphrase: str) -> Any:
    """Choose ``backup``, type the passphrase, check it; returns the dialog."""
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.backup.text() == str(backup)
    dialog.passphrase.setText(passphrase)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_progress(qtbot, dialog.progress)
    return dialog


def test_restore_from_the_file_menu_checks_the_backup_restores_it_as_a_new_notebook_and_opens_it(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from ui.restore import RestoreDialog

    backup = _backup_of(notebook_path, tmp_path / "usb" / "sample-backup")
    fake_open(monkeypatch, backup)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.menus.restore_action.trigger()
    dialog = main.flows.dialog
    assert isinstance(dialog, RestoreDialog)
    _restore_dialog(qtbot, dialog, backup, PASSPHRASE)
    assert dialog.progress.outcome == "done"
    report = dialog.report.text()
    assert (
        "The backup is whole" in report and "4 records" in report and "audit head entry" in report
    )
    # The open notebook's own folder is refused as a target.
    dialog.name.setText("sample")
    assert not dialog.restore_button.isEnabled()
    assert "open now" in dialog.problem.text()
    dialog.name.setText("sample-restored")
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    target = notebook_path.parent / "sample-restored.casebook"
    qtbot.waitUntil(
        lambda: controller.notebook is not None and controller.notebook.folder == target,
        timeout=30_000,
    )
    new_main = controller.main_window
    assert new_main is not main and new_main.windowTitle() == "Casebook — sample-restored"
    wait_idle(qtbot, new_main)
    assert [c.ref for c in new_main.cases.all_cases()] == ["C-1042", "C-2001"]
    assert controller.notebook.audit.verify().ok
    # The notebook that was open is closed and unchanged.
    Notebook.open(notebook_path, PASSPHRASE).close()


def test_a_backup_checked_with_a_wrong_passphrase_says_so_and_restores_nothing(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    backup = _backup_of(notebook_path, tmp_path / "usb" / "b")
    fake_open(monkeypatch, backup)
    main = unlock(qtbot, make_controller(notebook_path))
    main.menus.restore_action.trigger()
    dialog = _restore_dialog(qtbot, main.flows.dialog, backup, "not the passphrase")
    assert dialog.progress.outcome == "failed"
    assert dialog.progress.result_line.property("ok") is False
    assert "did not unlock" in dialog.progress.result_line.text()
    assert not dialog.restore_button.isEnabled()


def test_restore_from_the_welcome_window_opens_the_restored_notebook(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from casebook.paths import default_notebook

    backup = _backup_of(notebook_path, tmp_path / "usb" / "laptop-backup")
    fake_open(monkeypatch, backup)
    controller = make_controller(None)
    welcome = controller.window
    qtbot.mouseClick(welcome.restore_button, Qt.MouseButton.LeftButton)
    dialog = welcome.restore_dialog
    _restore_dialog(qtbot, dialog, backup, PASSPHRASE)
    assert dialog.target() == default_notebook()  # the default notebook: it opens next time
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=30_000)
    wait_idle(qtbot, controller.main_window)
    assert [c.ref for c in controller.main_window.cases.all_cases()] == ["C-1042", "C-2001"]


def test_after_changing_the_passphrase_the_notebook_unlocks_with_the_new_one_only(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from test_gui_keys import security_page

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    page = security_page(qtbot, main)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText(NEW)
    dialog.again.setText(NEW)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage() == "Passphrase changed.", timeout=20_000
    )
    controller.lock("manual")
    window = controller.window
    window.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.working and window.error_title.isVisibleTo(window))
    assert "did not unlock" in window.error_title.text()
    unlock(qtbot, controller, NEW)
    assert controller.notebook is not None


def test_i_forgot_my_passphrase_unlocks_with_the_recovery_key_and_sets_a_new_one(
    notebook_path: Path, make_controller: Any, qtbot: Any, recovery_key: str
) -> None:
    controller = make_controller(notebook_path)
    window = controller.window
    assert window.forgot.text() == "I forgot my passphrase…"
    qtbot.mouseClick(window.forgot, Qt.MouseButton.LeftButton)
    dialog = window.recovery_dialog
    dialog.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    dialog.new.setText(NEW)
    dialog.again.setText(NEW)
    assert dialog.strength.bar.value() >= 2
    dialog.accept()
    qtbot.waitUntil(lambda: not window.working and window.error_title.isVisibleTo(window))
    assert window.error_title.text().count("recovery key did not unlock") == 1
    qtbot.mouseClick(window.forgot, Qt.MouseButton.LeftButton)
    dialog = window.recovery_dialog
    dialog.key.setText(recovery_key.lower())
    dialog.new.setText(NEW)
    dialog.again.setText(NEW)
    dialog.accept()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=20_000)
    controller.main_window.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    Notebook.open(notebook_path, NEW).close()


def test_idle_during_a_long_operation_covers_the_screen_and_locks_when_it_ends(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    import threading

    from ui.progress import ProgressDialog

    controller = make_controller(notebook_path, idle_ms=1500)
    main = unlock(qtbot, controller)
    release = threading.Event()

    def long_operation(progress: Any) -> str:
        while not release.wait(0.02):
            progress(1, 2)
        return "done"

    dialog = ProgressDialog("A long operation", "Working…", main.bridge.run, main)
    dialog.open()
    dialog.start(long_operation)
    qtbot.waitUntil(lambda: main.privacy_on, timeout=10_000)
    qtbot.wait(300)
    assert controller.notebook is not None and dialog.running  # not thrown away
    release.set()
    qtbot.waitUntil(lambda: controller.notebook is None, timeout=10_000)
    assert dialog.outcome == "done"


def test_a_long_operation_closed_by_a_lock_does_not_keep_the_notebook_from_locking_again(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    import threading

    from ui.progress import ProgressDialog, running_operations

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    release = threading.Event()

    def long_operation(progress: Any) -> str:
        while not release.wait(0.02):
            progress(1, 2)  # raises Cancelled once the lock asked it to stop
        return "done"

    dialog = ProgressDialog("A long operation", "Working…", main.bridge.run, main)
    dialog.open()
    dialog.start(long_operation)
    qtbot.waitUntil(lambda: dialog.bar.value() > 0)
    controller.lock("manual")
    assert running_operations() == []
    unlock(qtbot, controller)
    controller.idle.set_timeout(200)
    controller.idle.start()
    qtbot.waitUntil(lambda: controller.notebook is None, timeout=10_000)
    release.set()
