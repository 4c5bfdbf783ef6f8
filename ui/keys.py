"""Settings ▸ Security ▸ Change passphrase… and New recovery key…: the notebook's keys.

Both ask for the current passphrase, run on the worker thread (key derivation and a
re-encryption take seconds), and show a new recovery key once, like creating a notebook
does, until the practitioner has typed it back (:mod:`ui.recovery_key`: Print, Save…).

* **Change passphrase** rewraps the data key. *Also re-encrypt everything* gives the
  notebook a new data key and recovery key as well (``Notebook.keys.reencrypt``): for when the
  laptop, or a backup together with the passphrase, may have been in someone's hands.
* **New recovery key** replaces a recovery key that was lost or seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.messages import describe
from ui.recovery_key import RecoveryKeyPanel
from ui.widgets import PassphraseMeter, problem_label, show_problem


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class _KeyDialog(QDialog):
    """A form page that runs one key operation on the worker, then the new recovery key.

    Signals:
        completed(str): the operation finished; a message for the status bar.
    """

    completed = Signal(str)

    def __init__(self, bridge: Any, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setWindowTitle(title)
        self.setModal(True)
        self.form_page = QWidget()
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.problem = problem_label()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form_layout = QVBoxLayout(self.form_page)
        form_layout.addWidget(self.intro)
        form_layout.addLayout(self.form)
        self.extra = QVBoxLayout()  # options below the form
        form_layout.addLayout(self.extra)
        form_layout.addWidget(self.problem)
        form_layout.addWidget(self.busy)
        form_layout.addStretch(1)
        form_layout.addWidget(self.buttons)

        self.key_page = QWidget()
        self.key_intro = QLabel()
        self.key_intro.setWordWrap(True)
        self.key_panel = RecoveryKeyPanel()
        self.recovery_key = self.key_panel.key
        self.recovery_key.setAccessibleName("New recovery key")
        self.close_button = QPushButton("Close")
        self.close_button.setEnabled(False)
        self.key_panel.confirmed.connect(self.close_button.setEnabled)
        self.close_button.clicked.connect(self.accept)
        key_layout = QVBoxLayout(self.key_page)
        key_layout.addWidget(QLabel("<h3>Your new recovery key</h3>"))
        key_layout.addWidget(self.key_intro)
        key_layout.addWidget(self.key_panel)
        key_layout.addStretch(1)
        key_layout.addWidget(self.close_button, alignment=Qt.AlignmentFlag.AlignRight)

        # Two pages shown one at a time (hidden widgets keep word-wrapped labels sized right).
        self.key_page.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_page)
        layout.addWidget(self.key_page)
        self.setMinimumWidth(540)
        self._running = False

    @property
    def showing_key(self) -> bool:
        """Whether the new recovery key is on screen."""
        return not self.key_page.isHidden()

    # -- for subclasses ------------------------------------------------------------------

    def check(self) -> str:
        """What is wrong with the form, or ""."""
        return ""

    def operation(self) -> tuple[Any, str]:
        """(a function to run on the worker, the status message when done)."""
        raise NotImplementedError

    def clear_secrets(self) -> None:
        """Empty the passphrase fields."""
        for field in self.form_page.findChildren(QLineEdit):
            field.clear()

    # -- flow ---------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Check the form and run the operation on the worker."""
        if self._running:
            return
        problem = self.check()
        show_problem(self.problem, problem)
        if problem:
            return
        fn, message = self.operation()
        self._running = True
        self.busy.show()
        self.buttons.setEnabled(False)
        self.bridge.run(
            fn,
            on_done=lambda key: self._finished(key, message),
            on_error=self._failed,
        )

    def _finished(self, recovery_key: str | None, message: str) -> None:
        self._running = False
        self.busy.hide()
        self.buttons.setEnabled(True)
        self.clear_secrets()
        self.completed.emit(message)
        if not recovery_key:
            self.accept()
            return
        self.key_intro.setText(
            f"{message} The old recovery key no longer opens this notebook. Write the new "
            "one down, print it or save it to a removable drive now, and keep it away from "
            "this computer: it is shown only once."
        )
        self.key_panel.set_key(recovery_key)
        self.form_page.hide()
        self.key_page.show()
        self.adjustSize()
        self.key_panel.retype.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.busy.hide()
        self.buttons.setEnabled(True)
        title, detail = describe(exc)
        show_problem(self.problem, f"{title}. {detail}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The key is shown once: Escape does not close it before it is typed back.
        # (Lock still closes the dialog: it calls reject().)
        if (
            event.key() == Qt.Key.Key_Escape
            and self.showing_key
            and not self.key_panel.is_confirmed
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self.done_with_key()
        super().reject()

    def done_with_key(self) -> None:
        """Forget the recovery key shown (on close)."""
        self.key_panel.clear()

    def accept(self) -> None:
        self.done_with_key()
        super().accept()


class ChangePassphraseDialog(_KeyDialog):
    """Current passphrase, the new one twice, and *Also re-encrypt everything*."""

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(
            bridge,
            "Change passphrase",
            "Choose a new passphrase. Change it when someone may have seen it.",
            parent,
        )
        self.current = _password_field("Current passphrase")
        self.new = _password_field("New passphrase")
        self.again = _password_field("New passphrase again")
        self.rekey = QCheckBox("Also re-encrypt everything (new key and new recovery key)")
        self.rekey.setToolTip(
            "Use this when the laptop, or a backup and the passphrase, may have been in "
            "someone else's hands: the old passphrase, key file and recovery key will open "
            "nothing written from now on. Backups made before keep their old passphrase."
        )
        rekey_note = QLabel(
            "Re-encrypt when the laptop, or a backup and the passphrase, may have been in "
            "someone else's hands. Backups made before keep opening with the old passphrase."
        )
        rekey_note.setWordWrap(True)
        self.strength = PassphraseMeter(self.new, self.again)
        self.form.addRow("Current passphrase", self.current)
        self.form.addRow("New passphrase", self.new)
        self.form.addRow("New passphrase again", self.again)
        self.form.addRow("", self.strength)
        self.extra.addWidget(self.rekey)
        self.extra.addWidget(rekey_note)
        self.ok_button.setText("Change passphrase")

    def check(self) -> str:
        from casebook.passphrase import MIN_PASSPHRASE

        if not self.current.text():
            return "Type the current passphrase."
        if len(self.new.text()) < MIN_PASSPHRASE:
            return f"The new passphrase needs at least {MIN_PASSPHRASE} characters."
        if self.new.text() != self.again.text():
            return "The two new passphrases are not the same."
        return ""

    def operation(self) -> tuple[Any, str]:
        notebook, old, new = self.bridge.notebook, self.current.text(), self.new.text()
        if self.rekey.isChecked():
            return (
                lambda: notebook.keys.reencrypt(old, new),
                "Passphrase changed and everything re-encrypted under a new key.",
            )
        return lambda: notebook.keys.change_passphrase(old, new), "Passphrase changed."


class NewRecoveryKeyDialog(_KeyDialog):
    """Replace a recovery key that was lost or seen."""

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(
            bridge,
            "New recovery key",
            "Make a new recovery key when the old one is lost or someone may have seen it. "
            "The old one will no longer open this notebook (backups made before still open "
            "with it; to shut it out of everything, change the passphrase with "
            "“Also re-encrypt everything” instead).",
            parent,
        )
        self.passphrase = _password_field("Passphrase")
        self.form.addRow("Passphrase", self.passphrase)
        self.ok_button.setText("Make a new recovery key")

    def check(self) -> str:
        return "" if self.passphrase.text() else "Type the passphrase."

    def operation(self) -> tuple[Any, str]:
        notebook, passphrase = self.bridge.notebook, self.passphrase.text()
        return lambda: notebook.keys.new_recovery_key(passphrase), "A new recovery key is made."


def open_key_dialog(
    main: Any, kind: Callable[[Any, QWidget], _KeyDialog], parent: QWidget | None = None
) -> _KeyDialog:
    """Open *Change passphrase…* or *New recovery key…* (from Settings ▸ Security).

    The open draft is saved first, so that a re-encryption carries it too; what the
    operation did goes to the main window's status bar.
    """
    main.editor.save_now()
    dialog = kind(main.bridge, parent or main)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.completed.connect(lambda message: main.statusBar().showMessage(message, 15000))
    dialog.finished.connect(lambda _: dialog.clear_secrets())
    dialog.open()
    return dialog
