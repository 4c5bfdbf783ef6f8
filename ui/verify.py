"""Verify a summary… (or a PDF dropped on the window): every signature, every later
change, and the audit head the summary carries checked against this notebook's log.

The same checks as ``casebook verify`` with this notebook's own certificate and the
pinned ones trusted (:mod:`ui.work`). The outcome is one coloured line: green when
everything holds and every signer is trusted, amber when the file is intact but a
signer is not (yet) trusted, red when it does not verify.
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
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import text, work
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.trust import TrustFlow
from ui.widgets import busy_bar, dialog_buttons, hbox, push_button

COLOURS = {"verified": "#1b7f3b", "untrusted": "#a15c00", "failed": "#c62828"}
HEADLINES = {
    "verified": "Verified: every signature is intact and made with a certificate you "
    "trust; nothing changed after signing except allowed countersignatures.",
    "untrusted": "Intact, but not every signer's certificate is one you trust. Compare the "
    "fingerprint below with the one the practitioner gave you, then trust their "
    "certificate.",
    "failed": "This summary does NOT verify",
}


def pdf_paths(event: Any) -> list[Path]:
    """The local PDF files a drag carries."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == ".pdf"]


def _e(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def signature_html(n: int, sig: dict[str, Any]) -> str:
    """One signature of a report, for a reader (every value from the file escaped)."""
    from notebook.identity import fingerprint_groups

    role = "practitioner (author)" if sig.get("role") == "author" else "countersignature"
    trusted = {True: "yes", False: "<b>NO</b>", None: "not checked"}[sig.get("trusted")]
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
    if head is not None:
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
    """Check a signed summary: choose a PDF, or drop one on this window."""

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify a signed summary")
        self.setAcceptDrops(True)
        self.bridge = bridge
        self.path: Path | None = None
        self.check: Any = None
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
        layout = QVBoxLayout(self)
        layout.addLayout(hbox(self.file, None, self.choose_button))
        layout.addWidget(self.busy)
        layout.addWidget(self.result_line)
        layout.addWidget(scroll, 1)
        layout.addLayout(hbox(self.trust_button, None))
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.resize(640, 560)

    @property
    def level(self) -> str:
        """``verified``, ``untrusted`` or ``failed`` for the last file checked ("" before)."""
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
        self.bridge.run(
            work.verify_summary, self.bridge.notebook, self.path,
            on_done=self._show, on_error=self._failed,
        )  # fmt: skip

    def verify_again(self) -> None:
        """Verify the same file again (after a certificate was trusted)."""
        if self.path is not None:
            self.verify_file(self.path)

    def _show(self, check: Any) -> None:
        self.busy.hide()
        self.check = check
        headline = HEADLINES[check.level]
        if check.level == "failed":
            headline += f": {_e(check.report.reason)}."
        self.result_line.setText(f"<b style='color:{COLOURS[check.level]}'>{headline}</b>")
        self.result_line.setProperty("level", check.level)
        self.details.setText(report_html(check))
        self.trust_button.setVisible(check.level == "untrusted")

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
