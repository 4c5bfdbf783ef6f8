"""Verify a summary… (or a PDF dropped on the window): every signature, every later
change, and the audit head the summary carries checked against this notebook's log.

The same checks as ``casebook verify`` with this notebook's own certificate and the
pinned ones trusted (:mod:`ui.work`). The outcome is one coloured line: green when
everything holds and every signer is trusted, amber when the file is intact but a
signer is not (yet) trusted, red when it does not verify.

Without a notebook (from the welcome or unlock window, for a supervisor or a court
officer who was sent a summary) it is ``casebook verify FILE [--trust CERT]`` exactly:
certificate files can be trusted for this check only (kept nowhere), the signer's
identity is not checked unless one is given, and the audit head is not compared with
any audit log (that needs the practitioner's notebook). It runs on a worker of the
dialog's own (:class:`ui.bridge.Worker`); nothing is written anywhere.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import text, work
from ui.bridge import Worker
from ui.drops import pdf_paths
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.trust import CERTIFICATE_FILTER, TrustFlow, groups_text
from ui.widgets import busy_bar, dialog_buttons, hbox, push_button

COLOURS = {
    "verified": "#1b7f3b",
    "intact": "#1b7f3b",
    "untrusted": "#a15c00",
    "failed": "#c62828",
}
HEADLINES = {
    "verified": "Verified: every signature is intact and made with a certificate you "
    "trust; nothing changed after signing except allowed countersignatures.",
    "untrusted": "Intact, but not every signer's certificate is one you trust. Compare the "
    "fingerprint below with the one the practitioner gave you, then trust their "
    "certificate.",
    "failed": "This summary does NOT verify",
}
NO_NOTEBOOK = (
    "No notebook is open: this is the check <tt>casebook verify</tt> makes. Every "
    "signature and every change after signing are checked. The signer's identity is "
    "checked only against a certificate file you give for this check (it is kept "
    "nowhere), and the audit-head comparison needs the practitioner's notebook, so it "
    "is skipped."
)


def headline(check: Any, with_notebook: bool) -> str:
    """The coloured line's words for a :class:`ui.work.SummaryCheck`."""
    from casebook.signing import UNCHECKED_SENTENCE, VERIFIED_SENTENCE

    if check.level == "failed":
        return f"{HEADLINES['failed']}: {_e(check.report.reason)}."
    if with_notebook:
        return HEADLINES[check.level]
    if check.level == "intact":  # casebook verify without --trust
        return (
            f"{_e(UNCHECKED_SENTENCE)}: compare the fingerprint below with the one the "
            "practitioner gave you, or trust a certificate file for this check."
        )
    if check.level == "untrusted":
        return (
            "Intact, but not every signer used a certificate you gave for this check: "
            f"{_e(check.report.reason)}."
        )
    return _e(VERIFIED_SENTENCE)


def _e(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def signature_html(n: int, sig: dict[str, Any]) -> str:
    """One signature of a report, for a reader (every value from the file escaped)."""
    from casebook.identity import fingerprint_groups

    role = "practitioner (author)" if sig.get("role") == "author" else "countersignature"
    trusted = {True: "yes", False: "<b>NO</b>", None: "not checked (no certificate given)"}[
        sig.get("trusted")
    ]
    whole = "the whole file" if sig.get("coverage") == "ENTIRE_FILE" else "its own revision"
    groups = " ".join(fingerprint_groups(str(sig.get("fingerprint") or "")))
    yes = {True: "yes", False: "<b>NO</b>"}
    return (
        f"<p><b>Signature {n}: {_e(sig.get('signer'))}</b>, {role}<br>"
        f"Organisation: {_e(sig.get('organisation') or '(none given)')}<br>"
        f"Signed: {_e(text.when(sig.get('signed_at')) if sig.get('signed_at') else '—')}<br>"
        f"Fingerprint: <tt>{_e(groups)}</tt><br>"
        f"Trusted certificate: {trusted}<br>"
        f"Intact: {yes[bool(sig.get('intact'))]}; valid: {yes[bool(sig.get('valid'))]}; "
        f"covers {whole}</p>"
    )


def report_html(check: Any) -> str:
    """Signatures, later changes and the audit head of a :class:`ui.work.SummaryCheck`."""
    report = check.report
    parts = [signature_html(n, sig) for n, sig in enumerate(report.signatures, 1)]
    if report.revisions:
        items = "".join(
            f"<li>Revision {_e(r['revision'])}"
            + (f" (signature {_e(r['signature'])})" if r["signature"] else "")
            + f": {_e(r['did'])} "
            + ("[allowed]" if r["allowed"] else "<b>[NOT ALLOWED]</b>")
            + "</li>"
            for r in report.revisions
        )
        parts.append(f"<p><b>Changes after the practitioner signed:</b></p><ul>{items}</ul>")
    elif report.signatures:
        parts.append("<p><b>Changes after the practitioner signed:</b> none.</p>")
    head = check.audit_head
    if not check.head_checked:
        if check.level != "failed":
            carries = (
                f"entry {_e(head['seq'])}, <tt>{_e(str(head['hash'])[:32])}…</tt>"
                if head is not None
                else "none"
            )
            parts.append(
                f"<p><b>Audit-chain head it carries:</b> {carries}<br>Not compared: the "
                "comparison with the audit log needs the practitioner's notebook, and no "
                "notebook is open, so it was skipped.</p>"
            )
    elif head is not None:
        holds = (
            "This notebook's audit log holds it."
            if check.head_problem is None
            else f"This notebook's audit log does not hold it: {_e(check.head_problem)}. "
            "That is expected for a summary from someone else's notebook."
        )
        parts.append(
            f"<p><b>Audit-chain head it carries:</b> entry {_e(head['seq'])}, "
            f"<tt>{_e(str(head['hash'])[:32])}…</tt><br>{holds}</p>"
        )
    elif check.level != "failed":
        parts.append("<p><b>Audit-chain head:</b> the summary carries none.</p>")
    return "".join(parts)


class VerifyDialog(QDialog):
    """Check a signed summary: choose a PDF, or drop one on this window.

    Args:
        bridge: the way into the open notebook, or None when there is none (the welcome
            and unlock windows): then the check is ``casebook verify`` on a worker of
            the dialog's own, with certificate files trusted for this check only.
        parent: the window it belongs to.
    """

    def __init__(self, bridge: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify a signed summary")
        self.setAcceptDrops(True)
        self.bridge = bridge
        self.notebook = bridge.notebook if bridge is not None else None
        self._run = bridge.run if bridge is not None else Worker(self).run
        self.path: Path | None = None
        self.check: Any = None
        self.trusted_once: list[Any] = []  # CertificateFile, in memory for this dialog only
        self.trust_flow = TrustFlow(bridge, self, lambda _: self.verify_again())
        self.file = QLabel("Choose a signed summary (PDF), or drop one here.")
        self.file.setWordWrap(True)
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = push_button("Choose a PDF…", self.choose_file)
        self.busy = busy_bar("Verifying")
        self.result_line = QLabel()
        self.result_line.setObjectName("verifyResult")
        self.result_line.setWordWrap(True)
        self.result_line.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel()
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.trust_button = push_button("Trust a certificate…", self.trust_flow.start)
        self.trust_button.hide()
        self.trust_once_button = push_button(
            "Trust a certificate file for this check…", self.choose_certificate
        )
        self.trust_once_button.setToolTip(
            "The certificate file the practitioner gave you (casebook verify --trust); "
            "it counts for this check only and is kept nowhere"
        )
        self.trusted_label = QLabel()
        self.trusted_label.setObjectName("verifyTrustedOnce")
        self.trusted_label.setWordWrap(True)
        self.trusted_label.setTextFormat(Qt.TextFormat.RichText)
        self.trusted_label.hide()
        layout = QVBoxLayout(self)
        if self.notebook is None:
            note = QLabel(NO_NOTEBOOK)
            note.setObjectName("verifyNoNotebook")
            note.setWordWrap(True)
            layout.addWidget(note)
        else:
            self.trust_once_button.hide()
        layout.addLayout(hbox(self.file, None, self.choose_button))
        layout.addWidget(self.busy)
        layout.addWidget(self.result_line)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.trusted_label)
        layout.addLayout(hbox(self.trust_button, self.trust_once_button, None))
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.resize(640, 560)

    @property
    def level(self) -> str:
        """``verified``, ``intact`` (no notebook, no certificate given), ``untrusted`` or
        ``failed`` for the last file checked ("" before)."""
        return self.check.level if self.check is not None else ""

    @Slot()
    def choose_file(self) -> None:
        """Ask for a PDF and verify it."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, "Verify a signed summary", start or str(Path.home()),
            "PDF files (*.pdf);;All files (*)", options=file_dialog_options(),
        )  # fmt: skip
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path) -> None:
        """Verify the summary at ``path`` on the worker."""
        self.path = Path(path)
        self.check = None
        self.file.setText(str(path))
        self.result_line.clear()
        self.details.clear()
        self.trust_button.hide()
        self.busy.show()
        if self.notebook is not None:
            self._run(
                work.verify_summary, self.notebook, self.path,
                on_done=self._show, on_error=self._failed,
            )  # fmt: skip
        else:
            trust = b"".join(cert.pem for cert in self.trusted_once) or None
            self._run(
                work.verify_summary_file, self.path, trust,
                on_done=self._show, on_error=self._failed,
            )  # fmt: skip

    def verify_again(self) -> None:
        """Verify the same file again (after a certificate was trusted)."""
        if self.path is not None:
            self.verify_file(self.path)

    @Slot()
    def choose_certificate(self) -> None:
        """Trust a certificate file for this check… (``--trust``): read it on the worker,
        then verify the same file again with it."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, "Trust a certificate file for this check", start or str(Path.home()),
            CERTIFICATE_FILTER, options=file_dialog_options(),
        )  # fmt: skip
        if path:
            self._run(
                work.read_certificate, Path(path),
                on_done=self._trust_once, on_error=self._certificate_failed,
            )  # fmt: skip

    def _trust_once(self, cert: Any) -> None:
        if all(known.fingerprint != cert.fingerprint for known in self.trusted_once):
            self.trusted_once.append(cert)
        rows = "".join(
            f"<br>{_e(c.name)}{_e(', ' + c.organisation) if c.organisation else ''}: "
            f"<tt>{_e(groups_text(c.fingerprint)).replace(chr(10), ' ')}</tt>"
            for c in self.trusted_once
        )
        self.trusted_label.setText(f"<b>Trusted for this check only (kept nowhere):</b>{rows}")
        self.trusted_label.show()
        self.verify_again()

    def _certificate_failed(self, exc: BaseException) -> None:
        title, detail = describe(exc)
        QMessageBox.warning(self, title, detail)

    def _show(self, check: Any) -> None:
        self.busy.hide()
        self.check = check
        line = headline(check, self.notebook is not None)
        self.result_line.setText(f"<b style='color:{COLOURS[check.level]}'>{line}</b>")
        self.result_line.setProperty("level", check.level)
        self.details.setText(report_html(check))
        self.trust_button.setVisible(self.notebook is not None and check.level == "untrusted")

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        title, detail = describe(exc)
        self.result_line.setText(
            f"<b style='color:{COLOURS['failed']}'>{_e(title)}</b>: {_e(detail)}"
        )
        self.result_line.setProperty("level", "failed")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if pdf_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = pdf_paths(event)
        if paths:
            event.acceptProposedAction()
            self.verify_file(paths[0])
