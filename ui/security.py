"""Settings ▸ Security: the passphrase and recovery key, the signing identity, trusted
certificates, the audit log and backups, in one place.

Each button opens the dialog that does the work; this page holds no logic of its own.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import exports, text, work
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.trust import TrustDialog, groups_text
from ui.widgets import dialog_buttons, form_rows, hbox, push_button


def _group(title: str, note: str, *buttons: QWidget) -> tuple[QGroupBox, QLabel]:
    box = QGroupBox(title)
    label = QLabel(note)
    label.setWordWrap(True)
    layout = QVBoxLayout(box)
    layout.addWidget(label)
    layout.addLayout(hbox(*buttons, None))
    return box, label


class SecurityPage(QWidget):
    """The Security tab of Settings (it changes nothing when Settings is accepted).

    Args:
        main: the main window (its bridge, its flows, its backup).
    """

    title = "Security"

    def __init__(self, main: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.keys import ChangePassphraseDialog, NewRecoveryKeyDialog, open_key_dialog

        self.main = main
        self.bridge = main.bridge
        self.dialog: QDialog | None = None  # the dialog a button opened last
        self.change_button = push_button(
            "Change passphrase…",
            lambda: self._keep(open_key_dialog(main, ChangePassphraseDialog, self.window())),
        )
        self.recovery_button = push_button(
            "New recovery key…",
            lambda: self._keep(open_key_dialog(main, NewRecoveryKeyDialog, self.window())),
        )
        self.identity_button = push_button("Show my signing identity…", self.show_identity)
        self.trust_button = push_button("Trusted certificates…", self.show_trusted)
        self.audit_button = push_button("Check the audit log…", self.check_audit)
        self.backup_button = push_button("Back up now…", self._back_up)
        keys, _ = _group(
            "Passphrase and recovery key",
            "Change the passphrase when someone may have seen it; make a new recovery key "
            "when the old one is lost or seen.",
            self.change_button,
            self.recovery_button,
        )
        identity, _ = _group(
            "Signing identity",
            "Your summaries are signed with your own certificate. Give it to your "
            "supervisor once, and read its fingerprint to them.",
            self.identity_button,
            self.trust_button,
        )
        audit, _ = _group(
            "Audit log",
            "Check that nothing in the notebook's history was changed.",
            self.audit_button,
        )
        backups, self.backup_label = _group("Backups", "Last backup: …", self.backup_button)
        self.backup_label.setObjectName("lastBackup")
        layout = QVBoxLayout(self)
        for box in (keys, identity, audit, backups):
            layout.addWidget(box)
        layout.addStretch(1)
        self.bridge.run(exports.last_backup, self.bridge.notebook, on_done=self._show_backup)

    def _keep(self, dialog: QDialog) -> None:
        self.dialog = dialog

    def _show_backup(self, last: datetime | None) -> None:
        now = datetime.now().astimezone()
        when = f" ({text.when(last.isoformat())})" if last is not None else ""
        self.backup_label.setText(f"Last backup: {exports.backup_age(last, now)}{when}.")

    def _back_up(self) -> None:
        self.window().close()  # Settings closes; the backup shows its progress over the window
        self.main.exports.back_up_now()

    def show_identity(self) -> None:
        """Show my signing identity (and export the certificate)."""
        self.dialog = IdentityDialog(self.bridge, self.window())
        self.dialog.open()

    def show_trusted(self) -> None:
        """The certificates trusted besides the notebook's own."""
        self.dialog = TrustDialog(self.bridge, self.window())
        self.dialog.open()

    def check_audit(self) -> None:
        """Check the audit log (with a progress bar)."""
        self.dialog = self.main.flows.check_audit(self.window())

    def apply(self) -> None:
        """Nothing to save: every button acts at once."""


class IdentityDialog(QDialog):
    """Who this notebook signs as, the fingerprint to read aloud, and Export certificate…."""

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My signing identity")
        self.bridge = bridge
        self.details: Any = None
        self.name = QLabel("…")
        self.organisation = QLabel("")
        self.valid = QLabel("")
        self.fingerprint = QLabel("")
        self.fingerprint.setObjectName("fingerprintGroups")
        self.fingerprint.setAccessibleName("Certificate fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.3)
        mono.setWeight(QFont.Weight.DemiBold)
        self.fingerprint.setFont(mono)
        self.fingerprint.setMargin(10)
        self.fingerprint.setFrameShape(QLabel.Shape.StyledPanel)
        note = QLabel(
            "Give your supervisor the certificate file (Export certificate…), and read "
            "these sixteen groups to them, in person or by phone, so they can check the "
            "file is yours before they trust it."
        )
        note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = push_button("Export certificate…", self.export_certificate)
        self.export_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(
            form_rows(
                ("Name", self.name),
                ("Organisation", self.organisation),
                ("Valid", self.valid),
            )
        )
        layout.addWidget(QLabel("SHA-256 fingerprint:"))
        layout.addWidget(self.fingerprint)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addLayout(hbox(self.export_button, None))
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.setMinimumWidth(520)
        bridge.run(
            work.identity_details, bridge.notebook, on_done=self._show, on_error=self._failed
        )

    def _show(self, details: Any) -> None:
        self.details = details
        self.name.setText(details.name)
        self.organisation.setText(details.organisation or "(none given)")
        self.valid.setText(f"{details.valid_from} to {details.valid_to}")
        self.fingerprint.setText(groups_text(details.fingerprint))
        self.export_button.setEnabled(True)
        self.adjustSize()  # four lines of groups

    def export_certificate(self) -> None:
        """Save the certificate (PEM) to give to a supervisor; it holds no secret."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        name = exports.safe_filename(f"{self.bridge.notebook.name}-certificate") + ".pem"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export my certificate", str(start / name), "Certificates (*.pem)",
            options=file_dialog_options(),
        )  # fmt: skip
        if path:
            self.bridge.run(
                work.export_certificate, self.bridge.notebook, Path(path),
                on_done=self._exported, on_error=self._failed,
            )  # fmt: skip

    def _exported(self, path: Path) -> None:
        self.status.setText(f"Certificate saved to {path}.")

    def _failed(self, exc: BaseException) -> None:
        title, detail = describe(exc)
        self.status.setText(f"{title}. {detail}")
