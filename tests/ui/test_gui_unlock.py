"""The unlock window: off-thread key derivation and one clear message per failure."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from guihelpers import PASSPHRASE, unlock
from PySide6.QtCore import Qt

from ui.unlock import UnlockWindow


def _attempt(qtbot: Any, window: UnlockWindow, passphrase: str) -> None:
    window.passphrase.setText(passphrase)
    qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.working, timeout=10_000)


def test_a_wrong_then_the_right_passphrase_unlocks_and_changes_nothing_on_disk(
    notebook_path: Path, make_controller: Any, qtbot: Any, folder_hashes: Any
) -> None:
    controller = make_controller(notebook_path)
    window = controller.window
    assert isinstance(window, UnlockWindow)
    before = folder_hashes(notebook_path)
    _attempt(qtbot, window, "not the passphrase")
    assert "did not unlock" in window.error_title.text()
    assert window.error.isVisibleTo(window)
    assert controller.main_window is None
    assert folder_hashes(notebook_path) == before
    main = unlock(qtbot, controller, PASSPHRASE)
    assert main.windowTitle() == f"Casebook — {notebook_path.name.removesuffix('.casebook')}"


def test_unlocking_runs_off_the_gui_thread_with_a_busy_bar(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    import ui.unlock

    threads: list[threading.Thread] = []
    real = ui.unlock.open_notebook

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(ui.unlock, "open_notebook", recording)
    controller = make_controller(notebook_path)
    window = controller.window
    window.passphrase.setText(PASSPHRASE)
    window.unlock()
    assert window.busy.isVisibleTo(window)
    assert not window.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()


def test_a_notebook_in_use_gets_its_own_message(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.lock import NotebookLock

    held = NotebookLock.acquire(notebook_path)
    try:
        controller = make_controller(notebook_path)
        _attempt(qtbot, controller.window, PASSPHRASE)
        assert "already open" in controller.window.error_title.text()
        assert "another window or process" in controller.window.error.text()
    finally:
        held.release()


def test_a_damaged_notebook_gets_its_own_message_and_nothing_is_deleted(
    notebook_path: Path, make_controller: Any, qtbot: Any, folder_hashes: Any
) -> None:
    database = notebook_path / "notebook.db"
    data = bytearray(database.read_bytes())
    data[0:4096] = bytes(4096)
    database.write_bytes(bytes(data))
    before = folder_hashes(notebook_path)
    controller = make_controller(notebook_path)
    _attempt(qtbot, controller.window, PASSPHRASE)
    assert "cannot be read" in controller.window.error_title.text()
    assert "damaged" in controller.window.error.text()
    after = folder_hashes(notebook_path)
    assert {k: v for k, v in after.items() if not k.endswith("lock")} == {
        k: v for k, v in before.items() if not k.endswith("lock")
    }


def test_a_notebook_from_a_newer_casebook_gets_its_own_message(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.service import Notebook

    nb = Notebook.open(notebook_path, PASSPHRASE)
    nb.database.conn.execute("PRAGMA user_version = 999")
    nb.close()
    controller = make_controller(notebook_path)
    _attempt(qtbot, controller.window, PASSPHRASE)
    assert "newer Casebook" in controller.window.error_title.text()
    assert (notebook_path / "notebook.db").exists()


def test_a_missing_notebook_says_so_and_offers_no_unlock(
    tmp_path: Path, make_controller: Any
) -> None:
    controller = make_controller(tmp_path / "Nowhere.casebook")
    window = controller.window
    assert "No notebook here" in window.error_title.text()
    assert not window.unlock_button.isEnabled()
    assert not (tmp_path / "Nowhere.casebook").exists()


def test_the_recovery_key_unlocks_and_sets_a_new_passphrase(
    notebook_path: Path, make_controller: Any, qtbot: Any, recovery_key: str
) -> None:
    from casebook.service import Notebook

    controller = make_controller(notebook_path)
    window = controller.window
    window.recover("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "a brand new passphrase")
    qtbot.waitUntil(lambda: not window.working, timeout=10_000)
    assert "did not unlock" in window.error_title.text()
    assert controller.main_window is None

    window.recover(recovery_key, "a brand new passphrase")
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    controller.main_window.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    Notebook.open(notebook_path, "a brand new passphrase").close()


def test_recovery_after_lock_gives_up_the_held_lock_first(
    notebook_path: Path, make_controller: Any, qtbot: Any, recovery_key: str
) -> None:
    controller = make_controller(notebook_path)
    unlock(qtbot, controller)
    controller.lock("manual")
    window = controller.window
    window.recover(recovery_key, "another new passphrase")
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    assert controller.notebook is not None


def test_choosing_another_notebook_while_locked_lets_the_first_one_go(
    notebook_path: Path, empty_notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.lock import NotebookLock

    controller = make_controller(notebook_path)
    unlock(qtbot, controller)
    controller.lock("manual")
    controller.window.open_other.emit(empty_notebook_path)
    assert controller.window.folder == empty_notebook_path
    NotebookLock.acquire(notebook_path).release()  # no longer held by the app
    unlock(qtbot, controller)
    assert controller.notebook.folder == empty_notebook_path
