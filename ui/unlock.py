"""The unlock window: passphrase, Unlock, and a clear message for each way opening fails;
and Verify a signed summary… (also a dropped PDF), which needs no notebook.

Key derivation takes most of a second, so :meth:`Notebook.open` runs on a worker thread
while a busy bar moves; the window never freezes. Nothing here deletes or recreates a
notebook, whatever goes wrong.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.paths import is_notebook
from ui.bridge import Worker
from ui.drops import PdfDrops
from ui.icons import app_icon, icon
from ui.messages import describe
from ui.progress import ProgressReporter
from ui.settings import choose_notebook_folder
from ui.widgets import (
    PassphraseMeter,
    busy_bar,
    dialog_buttons,
    form_rows,
    hbox,
    line_field,
    password_field,
    problem_label,
    show_problem,
)


def open_notebook(folder: Path, passphrase: str, lock: Any, progress: Any = None) -> Any:
    """Unlock on the worker thread (imports the core there, off the start-up path)."""
    from casebook.service import Notebook

    return Notebook.open(folder, passphrase, lock=lock, progress=progress)


def recover_notebook(folder: Path, recovery_key: str, new_passphrase: str, lock: Any) -> Any:
    """Unlock with the recovery key and set a new passphrase (on the worker thread).

    ``Notebook.recover`` takes the folder lock itself, so a lock this window held
    (after *Lock*) is released first.
    """
    from casebook.service import Notebook

    if lock is not None:
        lock.release()
    return Notebook.recover(folder, recovery_key, new_passphrase)


class RecoveryDialog(QDialog):
    """Forgot the passphrase: the recovery key and a new passphrase, twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock with the recovery key")
        intro = QLabel(
            "Type the recovery key you wrote down when the notebook was created, then "
            "choose a new passphrase. The old passphrase stops working."
        )
        intro.setWordWrap(True)
        self.key = line_field("Recovery key", "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new = password_field("New passphrase")
        self.again = password_field("New passphrase again")
        self.strength = PassphraseMeter(self.new, self.again)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(
            form_rows(
                ("Recovery key", self.key),
                ("New passphrase", self.new),
                ("New passphrase again", self.again),
                ("", self.strength),
            )
        )
        layout.addWidget(self.problem)
        layout.addWidget(dialog_buttons(self, ok_text="Unlock"))
        self.resize(520, 0)

    def accept(self) -> None:
        from casebook.passphrase import MIN_PASSPHRASE

        if not self.key.text().strip():
            show_problem(self.problem, "Type the recovery key.")
        elif len(self.new.text()) < MIN_PASSPHRASE:
            show_problem(
                self.problem, f"The new passphrase needs at least {MIN_PASSPHRASE} characters."
            )
        elif self.new.text() != self.again.text():
            show_problem(self.problem, "The two new passphrases are not the same.")
        else:
            super().accept()


class UnlockWindow(QWidget):
    """Asks for the passphrase of one notebook.

    Signals:
        unlocked(object): the open :class:`Notebook`.
        open_other(object): the user chose another notebook folder (a Path).
        demo_requested(): the user chose the fictional demo notebook instead.
        closed(): the window was closed without unlocking.
    """

    unlocked = Signal(object)
    open_other = Signal(object)
    demo_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        folder: Path,
        *,
        lock: Any = None,
        hint: str = "",
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self._lock = lock
        self._done = False
        self._worker = Worker(self)
        self.recovery_dialog: RecoveryDialog | None = None
        name = self.folder.name.removesuffix(".casebook")
        self.setWindowTitle(f"Casebook — {name}")
        self.setWindowIcon(app_icon())
        self.setObjectName("unlockWindow")

        logo = QLabel()
        logo.setPixmap(icon("lock").pixmap(48, 48))
        logo.setAccessibleName("Locked")
        heading = QLabel(f"<h2>Unlock {_escape(name)}</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        where = QLabel(str(self.folder))
        where.setObjectName("unlockPath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        where.setEnabled(False)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))

        self.passphrase = password_field("Passphrase", "Passphrase")
        self.passphrase.setMinimumWidth(320)
        self.passphrase.returnPressed.connect(self.unlock)
        self.show_passphrase = QPushButton("Show")
        self.show_passphrase.setCheckable(True)
        self.show_passphrase.setAccessibleName("Show passphrase")
        self.show_passphrase.toggled.connect(
            lambda on: self.passphrase.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.clicked.connect(self.unlock)

        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.busy = busy_bar("Unlocking")
        # The one long step an unlock may take: the search index written again after an
        # upgrade (once). The bar then counts the records and a line says why.
        self.reporter = ProgressReporter(self)
        self.reporter.progressed.connect(self._reindexing)
        self.busy_note = QLabel()
        self.busy_note.setObjectName("unlockBusyNote")
        self.busy_note.setWordWrap(True)
        self.busy_note.hide()
        self.error_title = QLabel()
        self.error_title.setObjectName("unlockErrorTitle")
        self.error_title.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setAccessibleName("Unlock problem")
        self._show_error("", "")

        self.other = QPushButton("Open another notebook…")
        self.other.setFlat(True)
        self.other.clicked.connect(self._choose_other)
        self.forgot = QPushButton("I forgot my passphrase…")
        self.forgot.setToolTip("Unlock with the recovery key and choose a new passphrase")
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self._ask_recovery)
        self.demo = QPushButton("Open the demo notebook")
        self.demo.setFlat(True)
        self.demo.setToolTip("A fictional caseload to try Casebook with")
        self.demo.clicked.connect(self.demo_requested.emit)
        self.verify = QPushButton("Verify a signed summary…")
        self.verify.setFlat(True)
        self.verify.setToolTip(
            "Check who signed a summary (PDF) and that nothing in it changed, without "
            "unlocking; you can also drop the PDF on this window"
        )
        self.verify.clicked.connect(partial(self.verify_summary, None))
        self.verify_dialog: Any = None
        # A PDF dropped on the window is verified; never a path typed into the passphrase.
        self.passphrase.setAcceptDrops(False)
        self.pdf_drops = PdfDrops(self, self.verify_summary)

        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.show_passphrase)
        row.addWidget(self.unlock_button)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(where)
        top.addLayout(titles, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.busy)
        layout.addWidget(self.busy_note)
        layout.addWidget(self.error_title)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(hbox(self.verify, None))
        layout.addLayout(hbox(self.forgot, None, self.demo, self.other))
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.show_passphrase)
        self.setTabOrder(self.show_passphrase, self.other)
        other_shortcut = QShortcut(QKeySequence("Ctrl+O"), self)
        other_shortcut.activated.connect(self._choose_other)
        quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)  # as in the main window
        quit_shortcut.activated.connect(self.close)
        self.resize(560, 320)

        if lock is None and not is_notebook(self.folder):
            from casebook.errors import NotebookNotFound

            self._show_error(*describe(NotebookNotFound(self.folder)))
            self.passphrase.setEnabled(False)
            self.unlock_button.setEnabled(False)
            self.forgot.setEnabled(False)
        self.passphrase.setFocus()

    @property
    def working(self) -> bool:
        """Whether an unlock is running."""
        return self._worker.busy

    @Slot()
    def unlock(self) -> None:
        """Try the passphrase (on the worker thread)."""
        if self._worker.busy or not self.unlock_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._show_error("Enter the notebook's passphrase", "")
            return
        self._set_busy(True)
        self._show_error("", "")
        self._worker.run(
            open_notebook,
            self.folder,
            passphrase,
            self._lock,
            self.reporter,
            on_done=self._on_unlocked,
            on_error=self._on_failed,
        )

    @Slot()
    def _ask_recovery(self) -> None:
        """I forgot my passphrase: the recovery key and a new passphrase."""
        dialog = RecoveryDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._recover_from(dialog))
        self.recovery_dialog = dialog
        dialog.open()

    def _recover_from(self, dialog: RecoveryDialog) -> None:
        key, new = dialog.key.text(), dialog.new.text()
        for field in (dialog.key, dialog.new, dialog.again):
            field.clear()
        self.recover(key, new)

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        """Unlock with the recovery key and set a new passphrase (on the worker thread)."""
        if self._worker.busy:
            return
        lock, self._lock = self._lock, None  # released by recover_notebook; never reused
        self._set_busy(True)
        self._show_error("", "")
        self._worker.run(
            recover_notebook,
            self.folder,
            recovery_key,
            new_passphrase,
            lock,
            on_done=self._on_unlocked,
            on_error=self._on_failed,
        )

    def _on_unlocked(self, notebook: Any) -> None:
        self._set_busy(False)
        self._done = True
        self.passphrase.clear()
        self.unlocked.emit(notebook)

    def _on_failed(self, exc: BaseException) -> None:
        from casebook.errors import WrongPassphrase

        self._set_busy(False)
        self._show_error(*describe(exc))
        if isinstance(exc, WrongPassphrase):
            self.passphrase.selectAll()
        self.passphrase.setFocus()

    @Slot(int, int)
    def _reindexing(self, done: int, total: int) -> None:
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)
        self.busy_note.setText(
            "Updating the search index for this version of Casebook (once): "
            f"{done:,} of {total:,} records."
        )
        self.busy_note.show()

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.busy.setRange(0, 0)
            self.busy_note.hide()
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText("Unlocking…" if busy else "Unlock")

    def _show_error(self, title: str, detail: str) -> None:
        from ui.models import warning_colour

        colour = warning_colour().name()
        self.error_title.setText(
            f"<b style='color: {colour}'>{_escape(title)}</b>" if title else ""
        )
        self.error_title.setVisible(bool(title))
        self.error.setText(detail)
        self.error.setVisible(bool(detail))

    def verify_summary(self, path: Path | None = None) -> Any:
        """Verify a signed summary… (or the PDF dropped on this window) without unlocking."""
        from ui.verify import VerifyDialog

        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(None, self)
        self.verify_dialog.open()
        if path is not None:
            self.verify_dialog.verify_file(Path(path))
        return self.verify_dialog

    @Slot()
    def _choose_other(self) -> None:
        path = choose_notebook_folder(self, self.folder.parent)
        if path:
            self.open_other.emit(path)

    def release(self) -> None:
        """Give up a held lock (the window closes without unlocking)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._worker.busy:
            self._worker.wait()
        if not self._done:
            self.closed.emit()
        super().closeEvent(event)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
