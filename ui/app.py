"""The application: which window shows when, and locking.

:class:`AppController` owns the open notebook and moves between the welcome, unlock
and main windows. Lock (manual, idle, suspend) saves drafts, closes every view, drops
the models, calls ``Notebook.lock()`` (keeping the folder lock) and shows the unlock
window, which unlocks with ``Notebook.open(folder, passphrase, lock=that_lock)``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from casebook.paths import notebook_folder
from ui.collector import collect_on_gui_thread
from ui.icons import app_icon
from ui.privacy import ClipboardGuard, IdleWatcher, SuspendWatcher
from ui.settings import AppSettings, isolate_qt_settings
from ui.unlock import UnlockWindow
from ui.writing.hub import hub as writing_hub

if TYPE_CHECKING:
    from ui.welcome import WelcomeWindow


class AppController(QObject):
    """Moves between the welcome, unlock and main windows and holds the open notebook.

    Signals:
        unlocked(): the main window is showing an unlocked notebook.
        locked(str): the notebook was locked; why ("manual", "idle", "sleep" ...).
    """

    unlocked = Signal()
    locked = Signal(str)

    def __init__(
        self,
        settings: AppSettings,
        notebook_path: Path | None = None,
        *,
        idle_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.notebook_path = notebook_folder(notebook_path) if notebook_path else None
        self.notebook: Any = None
        self.bridge: Any = None
        self.main_window: Any = None
        self.window: QWidget | None = None
        self.folder: Path | None = None
        # Where the practitioner was when the notebook locked: the window's geometry and
        # what it showed, in memory only, to come back to after unlocking.
        self._resume: tuple[Path, bytes, Any] | None = None
        self._idle_ms = idle_ms
        self.idle = IdleWatcher(self.idle_timeout_ms(), self)
        self.idle.idle.connect(self._on_idle)
        self.suspend = SuspendWatcher(self)
        self.suspend.suspended.connect(self.lock)
        self.clipboard = ClipboardGuard(self)

    def idle_timeout_ms(self) -> int:
        """The idle timeout (a test may pass a short one)."""
        return self._idle_ms if self._idle_ms is not None else self.settings.idle_minutes * 60_000

    # -- first window ------------------------------------------------------------------------

    def start(self) -> QWidget:
        """Show the unlock window for the notebook, or the welcome window if there is none."""
        from casebook.paths import default_notebook, is_notebook

        folder = self.notebook_path or default_notebook()
        if self.notebook_path is not None or is_notebook(folder):
            return self.show_unlock(folder)
        return self.show_welcome()

    def show_welcome(self) -> WelcomeWindow:
        """The first-run window."""
        from ui.welcome import WelcomeWindow

        window = WelcomeWindow()
        window.opened.connect(self._on_unlocked)
        window.unlock_requested.connect(lambda path, hint: self.show_unlock(path, hint=hint))
        self._replace_window(window)
        return window

    def show_unlock(
        self, folder: Path, *, lock: Any = None, hint: str = "", reason: str = ""
    ) -> QWidget:
        """The unlock window for ``folder`` (with a held lock after Lock)."""
        window = UnlockWindow(Path(folder), lock=lock, hint=hint, reason=reason)
        window.unlocked.connect(self._on_unlocked)
        window.open_other.connect(lambda path: self._open_other(window, path))
        window.demo_requested.connect(lambda: self._open_demo_instead(window))
        window.closed.connect(window.release)
        self._replace_window(window)
        return window

    def _open_demo_instead(self, window: UnlockWindow) -> None:
        """The demo was chosen while this notebook waited locked: let this one go."""
        from ui.welcome import demo_folder

        if window.folder != demo_folder():
            window.release()
            self.open_demo()

    def _open_other(self, window: UnlockWindow, folder: Path) -> None:
        """Another notebook was chosen while this one waited locked: let this one go."""
        window.release()
        self.show_unlock(notebook_folder(folder))

    def _replace_window(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None and old is not window:
            old.blockSignals(True)  # replaced, not closed by the user: keep a held lock
            old.close()
            old.deleteLater()

    # -- unlocked ----------------------------------------------------------------------------

    @Slot(object)
    def _on_unlocked(self, notebook: Any) -> None:
        from ui.bridge import Bridge
        from ui.mainwindow import MainWindow

        self.notebook = notebook
        self.folder = notebook.folder
        self.bridge = Bridge(notebook, self)
        writing_hub().open(self.bridge)
        resume, self._resume = self._resume, None
        self.main_window = MainWindow(self.bridge, self.settings)
        if resume is not None and resume[0] == notebook.folder:
            self.main_window.restoreGeometry(resume[1])
            self.main_window.record_pane.resume(resume[2])
        self.main_window.lock_requested.connect(lambda: self.lock("manual"))
        self.main_window.demo_requested.connect(self.open_demo)
        self.main_window.closed.connect(self._on_main_closed)
        self.main_window.settings_changed.connect(
            lambda: self.idle.set_timeout(self.idle_timeout_ms())
        )
        self.main_window.flows.restored.connect(self.switch_to)
        # The privacy screen hides the window; selected text must not stay readable.
        self.main_window.menus.privacy_action.toggled.connect(
            lambda on: self.clipboard.clear_casebook_text() if on else None
        )
        self._replace_window(self.main_window)
        self.idle.set_timeout(self.idle_timeout_ms())
        self.idle.start()
        self.suspend.start()
        self.unlocked.emit()

    @Slot()
    def _on_idle(self) -> None:
        """Idle: lock now, unless a long operation (a backup, a restore's check of a large
        notebook) runs; then the privacy screen covers everything at once and the notebook
        locks when the operation ends, so that the work is not thrown away."""
        from ui.progress import running_operations

        busy = running_operations()
        if not busy or self.main_window is None:
            self.lock("idle")
            return
        self.main_window.toggle_privacy(True)
        for dialog in busy:
            dialog.ended.connect(self._lock_if_still_idle, Qt.ConnectionType.UniqueConnection)

    @Slot(str)
    def _lock_if_still_idle(self, _outcome: str = "") -> None:
        from ui.progress import running_operations

        if self.notebook is None or running_operations():
            return
        if self.idle.idle_ms() >= self.idle_timeout_ms():
            self.lock("idle")
        else:
            self.idle.start()  # the practitioner came back meanwhile: watch again

    @Slot(str)
    def lock(self, reason: str = "manual") -> None:
        """Save drafts, close every view, drop the key and show the unlock window."""
        if self.notebook is None:
            return
        self.idle.stop()
        self.suspend.stop()
        close_dialogs()
        main, self.main_window = self.main_window, None
        if main is not None:
            self._resume = (notebook_folder_of(self.notebook), main.saveGeometry(),
                            main.record_pane.resume_point())  # fmt: skip
        saved = main.shutdown() if main is not None else True
        self.bridge.detach()
        writing_hub().close()
        self.bridge.deleteLater()
        self.bridge = None
        notebook, self.notebook = self.notebook, None
        folder_lock = notebook.lock()
        self.clipboard.clear_casebook_text()
        why = {
            "idle": "The notebook locked itself because the computer was not used for a while.",
            "sleep": "The notebook locked itself because the computer went to sleep.",
            "screen lock": "The notebook locked itself because the screen was locked.",
            "resume": "The notebook locked itself because the computer was asleep.",
        }.get(reason, "")
        if not saved:
            why += (
                " The latest changes to the open draft could not be saved; everything "
                "saved before is intact."
            )
        self.show_unlock(notebook.folder, lock=folder_lock, reason=why.strip())
        if main is not None:
            main.hide()
            main.deleteLater()
        self.locked.emit(reason)

    @Slot(object)
    def switch_to(self, notebook: Any) -> None:
        """Close the open notebook (drafts saved) and show ``notebook`` (a restored backup)."""
        if self.notebook is None:
            notebook.close()
            return
        self.idle.stop()
        self.suspend.stop()
        close_dialogs()
        main, self.main_window = self.main_window, None
        if main is not None:
            main.shutdown()
        self.bridge.detach()
        writing_hub().close()
        self.bridge.deleteLater()
        self.bridge = None
        old, self.notebook = self.notebook, None
        old.close()
        self.clipboard.clear_casebook_text()
        self._on_unlocked(notebook)  # closes and deletes the old main window

    @Slot()
    def open_demo(self) -> None:
        """Help ▸ Open the demo notebook: save and close this notebook, then unlock the
        demo (its passphrase is "demo"), or make it first if there is none yet."""
        from casebook.paths import is_notebook
        from ui.welcome import DEMO_HINT, demo_folder

        folder = demo_folder()
        if self.notebook is not None and Path(self.notebook.folder) == folder:
            return  # already open
        main = self.main_window
        if main is not None:
            if not main.record_pane.save_drafts() and not main.quit_without_saving():
                return
            main.shutdown()
            self._resume = None
            self._on_main_closed()
            main.hide()
            main.deleteLater()
        if is_notebook(folder):
            self.show_unlock(folder, hint=DEMO_HINT)
        else:
            self.show_welcome().open_demo()

    @Slot()
    def _on_main_closed(self) -> None:
        """Quit: the main window has saved its drafts; close the notebook."""
        self.idle.stop()
        self.suspend.stop()
        if self.bridge is not None:
            self.bridge.detach()
        writing_hub().close()
        if self.notebook is not None:
            self.notebook.close()
            self.notebook = None
        self.clipboard.clear_casebook_text()
        if self.window is self.main_window:
            self.window = None
        self.main_window = None

    def shutdown(self) -> None:
        """Close whatever is open (tests, and the app's aboutToQuit)."""
        from shiboken6 import isValid

        if self.main_window is not None and isValid(self.main_window):
            self.main_window.close()
        elif self.window is not None and isValid(self.window):
            self.window.close()
        if self.notebook is not None:
            self._on_main_closed()
        self.clipboard.clear_casebook_text()


def notebook_folder_of(notebook: Any) -> Path:
    """The folder of an open notebook."""
    return Path(notebook.folder)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the one that exists), set up for Casebook."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Casebook")
    app.setApplicationDisplayName("Casebook")
    app.setDesktopFileName("casebook")
    app.setWindowIcon(app_icon())
    isolate_qt_settings()
    collect_on_gui_thread(app)
    return app


def close_dialogs() -> None:
    """Close open dialogs and menus (they may show a person's details) before locking.

    A dialog's ``exec()`` then returns as if cancelled.
    """
    from PySide6.QtWidgets import QDialog, QMenu

    for _ in range(10):
        widget = QApplication.activeModalWidget() or QApplication.activePopupWidget()
        if widget is None:
            break
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()
        if isinstance(widget, QMenu):
            widget.hide()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def dispose_windows() -> None:
    """Close and delete every top-level window now.

    Left to Python's shutdown, windows are deleted in no particular order after the
    QApplication, which can crash on exit.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def run(args: argparse.Namespace, started: float | None = None) -> int:
    """Start the app (after :func:`ui.main.main` hardened the process); returns the status."""
    from casebook.paths import config_dir
    from ui.theme import apply_theme

    app = make_application()
    settings = AppSettings(config_dir())
    apply_theme(settings.theme, app)
    controller = AppController(settings, args.notebook)
    window = controller.start()
    app.aboutToQuit.connect(controller.shutdown)
    if started is not None and args.timing:
        app.processEvents()
        print(f"first window shown after {time.perf_counter() - started:.3f} s", file=sys.stderr)
    if args.smoke_test:
        QTimer.singleShot(0, lambda: app.exit(0 if window.isVisible() else 1))
    status = app.exec()
    controller.shutdown()
    dispose_windows()
    return status


__all__ = ["AppController", "dispose_windows", "make_application", "run"]
