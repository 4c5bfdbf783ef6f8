"""Trusted certificates: the practitioners' certificates a supervisor has pinned.

A name is not an identity: anyone can make a certificate called "Ann Example". A
supervisor trusts a practitioner's certificate once, from the file the practitioner
gave them (Settings ▸ Security ▸ Show my signing identity ▸ Export), after comparing its
fingerprint with the one the practitioner reads out. Verifying and countersigning then
check every signer against these and the notebook's own certificate. The list is kept
in the notebook, encrypted.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui import text, work
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.widgets import dialog_buttons, hbox, push_button

CERTIFICATE_FILTER = "Certificates (*.pem *.crt *.cer *.der);;All files (*)"


def groups_text(fingerprint: str) -> str:
    """A fingerprint as four lines of four groups, to read aloud and compare."""
    from casebook.identity import fingerprint_groups

    groups = fingerprint_groups(fingerprint)
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


class TrustFlow:
    """Choose a certificate file, compare its fingerprint, trust it (on the worker).

    Args:
        bridge: the way into the notebook.
        parent: the window the questions belong to.
        on_trusted: called with the ``TrustedCertificate`` once it is pinned.
    """

    def __init__(self, bridge: Any, parent: QWidget, on_trusted: Any = None) -> None:
        self.bridge = bridge
        self.parent = parent
        self.on_trusted = on_trusted
        self.question: QMessageBox | None = None

    def start(self) -> None:
        """Ask for the certificate file the practitioner gave."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            "Trust a practitioner's certificate",
            start or str(Path.home()),
            CERTIFICATE_FILTER,
            options=file_dialog_options(),
        )
        if path:
            self.bridge.run(
                work.read_certificate, Path(path), on_done=self._ask, on_error=self._failed
            )

    def _ask(self, cert: Any) -> None:
        """Show who the certificate names and its fingerprint; trust it only when they match."""
        who = cert.name + (f", {cert.organisation}" if cert.organisation else "")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Trust this certificate?",
            f"This certificate says it is <b>{html.escape(who)}</b>. A name proves nothing: "
            "trust it only if its fingerprint is the one the practitioner read to you or "
            "gave you on paper:"
            f"<pre style='font-size: 13pt'>{html.escape(groups_text(cert.fingerprint))}</pre>",
            QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        trust = box.addButton("The fingerprints match: trust it", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._trust(cert) if button is trust else None)
        self.question = box
        box.open()

    def _trust(self, cert: Any) -> None:
        self.question = None
        self.bridge.run(
            work.trust_certificate,
            self.bridge.notebook,
            cert.pem,
            on_done=lambda pinned: self.on_trusted(pinned) if self.on_trusted else None,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        title, detail = describe(exc)
        QMessageBox.warning(self.parent, title, detail)


class TrustDialog(QDialog):
    """The certificates this notebook trusts besides its own: add, look at, remove.

    Signals:
        changed(): a certificate was trusted or removed.
    """

    changed = Signal()

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trusted certificates")
        self.bridge = bridge
        self.flow = TrustFlow(bridge, self, lambda _: self.reload(changed=True))
        intro = QLabel(
            "Summaries signed (or countersigned) with these certificates verify as "
            "trusted in this notebook, besides your own. Add a practitioner's certificate "
            "from the file they gave you, after comparing its fingerprint with theirs."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Trusted certificates")
        self.list.setWordWrap(True)
        self.add_button = push_button("Trust a certificate…", self.flow.start)
        self.remove_button = push_button("Stop trusting", self.remove_current)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        self.remove_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(hbox(self.add_button, self.remove_button, None))
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.resize(560, 420)
        self.reload()

    def reload(self, changed: bool = False) -> None:
        """Read the list again from the notebook."""
        if changed:
            self.changed.emit()
        self.bridge.run(work.trusted_certificates, self.bridge.notebook, on_done=self._show)

    def _show(self, certificates: list[Any]) -> None:
        self.list.clear()
        for cert in certificates:
            who = cert.name + (f", {cert.organisation}" if cert.organisation else "")
            item = QListWidgetItem(
                f"{who}\nTrusted {text.when(cert.added)}\n{groups_text(cert.fingerprint)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, cert.fingerprint)
            self.list.addItem(item)
        if not certificates:
            item = QListWidgetItem("No certificates yet.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.remove_button.setEnabled(False)

    @Slot()
    def remove_current(self) -> None:
        """Stop trusting the certificate chosen in the list."""
        item = self.list.currentItem()
        digest = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if digest:
            self.bridge.run(
                work.forget_certificate,
                self.bridge.notebook,
                digest,
                on_done=lambda _: self.reload(changed=True),
            )
