"""Privacy: lock, idle auto-lock, the privacy screen, the clipboard, nothing left in settings."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from guihelpers import MARKER, PASSPHRASE, open_record, unlock, wait_idle
from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.privacy import ClipboardGuard, SuspendWatcher
from ui.unlock import UnlockWindow


def _visible_text(window: QWidget) -> str:
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractButton):
            parts.append(widget.text())
        model = getattr(widget, "model", None)
        if callable(model) and model() is not None and hasattr(widget, "viewport"):
            m = model()
            try:
                columns = m.columnCount(QModelIndex())
            except TypeError:  # list models keep columnCount private
                columns = 1
            for r in range(min(m.rowCount(QModelIndex()), 200)):
                for c in range(columns):
                    parts.append(str(m.index(r, c).data() or ""))
    return "\n".join(parts)


def test_idle_auto_lock_fires_and_drops_the_notebooks_data(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path, idle_ms=400)
    main = unlock(qtbot, controller)
    notebook = controller.notebook
    case_model = main.cases
    assert case_model.rowCount() > 0
    with qtbot.waitSignal(controller.locked, timeout=5000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert controller.notebook is None and controller.main_window is None
    assert notebook._data_key is None
    assert case_model.rowCount() == 0
    assert isinstance(controller.window, UnlockWindow)
    assert "not used for a while" in controller.window.reason.text()
    with pytest.raises(Exception, match="closed"):
        notebook.cases.list()


def test_locking_with_a_case_filter_typed_leaves_no_case_in_the_list(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    case_model = main.cases
    qtbot.keyClicks(main.case_filter, "C-")
    assert case_model.rowCount() > 0
    controller.lock("manual")
    assert controller.notebook is None
    # Emptying the filter box on lock must not fill the list again from the cases it held.
    assert case_model.rowCount() == 0
    assert case_model.all_cases() == []


def test_after_lock_the_folder_stays_locked_and_the_same_passphrase_unlocks(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.errors import NotebookInUse
    from casebook.lock import NotebookLock

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.notebook is None)
    with pytest.raises(NotebookInUse):
        NotebookLock.acquire(notebook_path)
    unlock(qtbot, controller, PASSPHRASE)
    assert controller.notebook is not None


def test_input_keeps_the_notebook_unlocked(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path, idle_ms=600)
    main = unlock(qtbot, controller)
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        qtbot.mouseMove(main, main.rect().center())
        qtbot.keyClick(main.case_filter, Qt.Key.Key_Shift)
        qtbot.wait(100)
    assert controller.notebook is not None


def test_the_privacy_screen_hides_every_widgets_text_and_the_same_key_restores_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    editor.form.fields["narrative"].edit.setPlainText(f"Narrative {MARKER}")
    main.search_field.setText("Mark")
    main.show()
    qtbot.waitUntil(
        lambda: MARKER in _visible_text(main) or main.pages.currentWidget() is not main.editor
    )
    main.pages.setCurrentWidget(main.editor)
    assert MARKER in _visible_text(main)

    qtbot.keyClick(main, Qt.Key.Key_F12)
    assert main.privacy_on
    text = _visible_text(main)
    assert MARKER not in text and "Mark" not in text and "Smith" not in text
    assert "C-1042" not in text
    assert main.windowTitle() == f"Casebook — {controller.notebook.name}"

    qtbot.keyClick(main.privacy, Qt.Key.Key_F12)
    assert not main.privacy_on
    qtbot.keyClick(
        main, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert main.privacy_on


def test_the_clipboard_is_cleared_after_the_delay_if_it_still_holds_our_text(qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    guard = ClipboardGuard(delay_ms=150)
    clipboard = QGuiApplication.clipboard()
    with qtbot.waitSignal(guard.cleared, timeout=3000):
        clipboard.setText(f"copied {MARKER}")
    assert clipboard.text() == ""
    guard.detach()


def test_the_clipboard_is_left_alone_when_something_else_replaced_our_text(qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    guard = ClipboardGuard(delay_ms=150)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("ours")
    guard._ours = "ours"
    guard._clipboard.blockSignals(True)
    clipboard.setText("someone else's")
    guard._clipboard.blockSignals(False)
    guard.clear_if_ours()
    assert clipboard.text() == "someone else's"
    guard.detach()
    clipboard.clear()


def test_a_jump_of_the_wall_clock_is_taken_as_a_resume_and_locks(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    watcher = SuspendWatcher(tick_ms=60_000)
    watcher.start()
    real = time.time
    monkeypatch.setattr("ui.privacy.time.time", lambda: real() + 3600)
    with qtbot.waitSignal(watcher.suspended, timeout=1000) as blocker:
        watcher._check_clock()
    assert blocker.args == ["resume"]
    watcher.stop()


def test_no_file_in_the_config_folders_holds_record_text_or_paths_after_a_session(
    notebook_path: Path, make_controller: Any, qtbot: Any, tmp_path: Path
) -> None:
    from casebook.paths import config_dir
    from ui.settings import file_dialog_options

    secret_folder = tmp_path / f"Smith-{MARKER}"
    secret_folder.mkdir()
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    editor.form.fields["narrative"].edit.setPlainText(f"Narrative {MARKER}")
    main.search_field.setText(MARKER)
    wait_idle(qtbot, main)
    dialog = QFileDialog(main, "Attach", str(secret_folder))
    dialog.setOptions(file_dialog_options())
    dialog.show()
    dialog.setDirectory(str(secret_folder))
    dialog.accept()
    dialog.deleteLater()
    QApplication.processEvents()
    controller.lock("manual")
    unlock(qtbot, controller)
    controller.main_window.close()
    from ui.app import dispose_windows

    dispose_windows()
    home_config = Path.home() / ".config"
    places = [config_dir(), home_config]
    found = []
    for place in places:
        for path in place.rglob("*") if place.exists() else []:
            if path.is_file() and MARKER.encode() in path.read_bytes():
                found.append(path)
    assert found == []
    assert not (home_config / "QtProject.conf").exists()
    assert (config_dir() / "casebook.ini").exists()


DBUS_CHECK = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from ui.privacy import SuspendWatcher
app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
bus.registerService("org.freedesktop.ScreenSaver")
watcher = SuspendWatcher(tick_ms=60_000)
watcher.start()
got = []
watcher.suspended.connect(lambda why: (got.append(why), app.quit()))
message = QDBusMessage.createSignal(
    "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
message.setArguments([True])
QTimer.singleShot(100, lambda: bus.send(message))
QTimer.singleShot(5000, app.quit)
app.exec()
sys.exit(0 if got == ["screen lock"] else 1)
"""


def test_a_screen_lock_signalled_on_d_bus_locks_the_notebook() -> None:
    import shutil
    import subprocess
    import sys

    runner = shutil.which("dbus-run-session")
    if runner is None:
        pytest.skip("no dbus-run-session here (the watcher then relies on the clock check)")
    result = subprocess.run(
        [runner, "--", sys.executable, "-c", DBUS_CHECK],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr


def test_the_idle_timeout_is_a_setting_and_settings_hold_no_content(
    app_settings: Any, qtbot: Any
) -> None:
    from ui.settings import SettingsDialog

    dialog = SettingsDialog(app_settings)
    qtbot.addWidget(dialog)
    dialog.idle.setValue(12)
    dialog.accept()
    assert app_settings.idle_minutes == 12
    text = app_settings.path.read_text()
    assert "idle_minutes=12" in text


def test_locking_while_a_dialog_is_open_closes_it_first(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    from ui.dialogs import PersonDialog

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.open_case("C-1042")
    wait_idle(qtbot, main)
    seen: list[bool] = []

    def lock_during_dialog() -> None:
        seen.append(
            any(
                isinstance(w, PersonDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
        controller.lock("idle")

    QTimer.singleShot(200, lock_during_dialog)
    main.edit_person(None)  # runs the dialog's own event loop until the lock cancels it
    assert seen == [True]
    assert controller.notebook is None
    assert isinstance(controller.window, UnlockWindow)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def test_the_privacy_screen_also_covers_an_open_dialog_without_cancelling_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.dialogs import PersonDialog

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    dialog = PersonDialog(None, main)
    dialog.name.setText(f"Name {MARKER}")
    dialog.show()
    main.toggle_privacy(True)
    covers = [c for c in dialog.findChildren(QWidget) if c.objectName() == "privacyScreen"]
    assert covers and covers[0].isVisible() and covers[0].geometry() == dialog.rect()
    assert dialog.isVisible()
    main.toggle_privacy(False)
    qtbot.waitUntil(
        lambda: (
            not [
                c
                for c in dialog.findChildren(QWidget)
                if c.objectName() == "privacyScreen" and c.isVisible()
            ]
        )
    )
    assert dialog.name.text() == f"Name {MARKER}"
    dialog.reject()


def test_locking_still_locks_when_the_last_save_fails_and_says_so(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook.errors import WriteFailed

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    notebook = controller.notebook

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise WriteFailed("the disk is full")

    monkeypatch.setattr(notebook.records, "save_draft", refuse)
    editor.form.fields["narrative"].edit.setPlainText("cannot be saved")
    controller.lock("idle")
    assert controller.notebook is None
    assert "could not be saved" in controller.window.reason.text()


# -- the X11 selection (PRIMARY) on lock, privacy screen and quit (issue 12, item 12) -----------


class FakeClipboard(QObject):
    """A clipboard with an X11-style selection, for the offscreen platform (which has none)."""

    dataChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.texts = {QClipboard.Mode.Clipboard: "", QClipboard.Mode.Selection: ""}

    def supportsSelection(self) -> bool:
        return True

    def ownsClipboard(self) -> bool:
        return True

    def text(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> str:
        return self.texts[mode]

    def setText(self, text: str, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
        self.texts[mode] = text
        if mode == QClipboard.Mode.Clipboard:
            self.dataChanged.emit()

    def clear(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
        self.setText("", mode)


@pytest.fixture
def fake_clipboard(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    fake = FakeClipboard()
    monkeypatch.setattr(QGuiApplication, "clipboard", staticmethod(lambda: fake))
    return fake


def _select_and_copy(fake: FakeClipboard, text: str) -> None:
    fake.setText(text, QClipboard.Mode.Selection)  # what selecting text does on X11
    fake.setText(text)  # Ctrl+C


@pytest.mark.parametrize("how", ["lock", "privacy screen", "quit"])
def test_lock_privacy_screen_and_quit_clear_the_selection_and_our_clipboard_text(
    notebook_path: Path, make_controller: Any, qtbot: Any, fake_clipboard: FakeClipboard, how: str
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    _select_and_copy(fake_clipboard, f"Lily said {MARKER}")
    if how == "lock":
        controller.lock("manual")
    elif how == "privacy screen":
        qtbot.keyClick(main, Qt.Key.Key_F12)
        assert main.privacy_on
    else:
        main.close()
        qtbot.waitUntil(lambda: controller.notebook is None)
    assert fake_clipboard.text(QClipboard.Mode.Selection) == ""
    assert fake_clipboard.text() == ""


def test_lock_leaves_the_clipboard_alone_when_another_program_put_text_there(
    notebook_path: Path, make_controller: Any, qtbot: Any, fake_clipboard: FakeClipboard
) -> None:
    controller = make_controller(notebook_path)
    unlock(qtbot, controller)
    _select_and_copy(fake_clipboard, f"Lily said {MARKER}")
    fake_clipboard.blockSignals(True)  # another program copies: not seen as ours
    fake_clipboard.setText("a bus timetable")
    fake_clipboard.blockSignals(False)
    controller.lock("manual")
    assert fake_clipboard.text() == "a bus timetable"
    assert fake_clipboard.text(QClipboard.Mode.Selection) == ""


X11_CHECKS = Path(__file__).with_name("x11_selection.py")


def test_selected_record_text_is_gone_from_the_real_x11_primary_selection_after_lock_privacy_quit(
    tmp_path: Path,
) -> None:
    import os
    import shutil
    import subprocess
    import sys

    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        pytest.skip("no xvfb-run here (Debian package xvfb; make test installs it)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    probe = subprocess.run(
        [xvfb_run, "-a", sys.executable, "-c",
         "from PySide6.QtGui import QGuiApplication; QGuiApplication([])"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("Qt cannot open a window under Xvfb here: " + probe.stderr[-300:])
    result = subprocess.run(
        [xvfb_run, "-a", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "x11"), str(X11_CHECKS)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout, result.stdout[-2000:]
