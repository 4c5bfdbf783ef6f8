"""Countersign… (for supervisors): choose a practitioner's signed summary, check it, add a
comment and your own signature, and save it as a new file.

The same work as ``casebook countersign`` (:func:`casebook.summary.export.countersign_summary`): a
summary that does not verify is never countersigned. When the practitioner's
certificate is not one this notebook trusts, the supervisor either trusts it first
(from the file the practitioner gave them) or ticks that they compared the fingerprint
the practitioner read to them.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.summary.export import MAX_COMMENT_CHARS
from ui import exports, work
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.trust import TrustFlow, groups_text
from ui.verify import COLOURS
from ui.widgets import busy_bar, form_rows, hbox, line_field, push_button


class CountersignDialog(QDialog):
    """Choose a summary, comment, countersign, save as a new file.

    Signals:
        countersigned(object): a :class:`ui.work.Countersigned` (the file written).
    """

    countersigned = Signal(object)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Countersign a summary")
        self.bridge = bridge
        self.source: Path | None = None
        self.check: Any = None
        self.written: Any = None
        self.trust_flow = TrustFlow(bridge, self, lambda _: self._check_again())
        intro = QLabel(
            "Countersign a summary a practitioner signed, for example after supervision. "
            "The summary is checked first; your signature goes into the box reserved for "
            "it, and the result is saved as a new file."
        )
        intro.setWordWrap(True)
        self.file = QLabel("No summary chosen.")
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.file.setWordWrap(True)
        self.choose_button = push_button("Choose a PDF…", self.choose_file)
        self.busy = busy_bar("Checking")
        self.status = QLabel()
        self.status.setObjectName("countersignStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.compared = QCheckBox(
            "I compared this fingerprint with the one the practitioner gave me, and they match"
        )
        self.compared.hide()
        self.compared.toggled.connect(self._update_buttons)
        self.trust_button = push_button("Trust their certificate…", self.trust_flow.start)
        self.trust_button.hide()
        self.comment = line_field(
            "Comment", "e.g. Discussed in supervision on 4 December; plan agreed"
        )
        self.comment.setMaxLength(MAX_COMMENT_CHARS)
        self.sign_button = push_button("Countersign and save as…", self.countersign)
        self.sign_button.setDefault(True)
        self.sign_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.result_line = QLabel()
        self.result_line.setObjectName("countersignResult")
        self.result_line.setWordWrap(True)
        self.result_line.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(hbox(self.file, None, self.choose_button))
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.compared)
        layout.addLayout(hbox(self.trust_button, None))
        layout.addLayout(form_rows(("Comment", self.comment)))
        layout.addWidget(self.result_line)
        layout.addStretch(1)
        layout.addLayout(hbox(None, self.close_button, self.sign_button))
        self.setMinimumWidth(600)

    @Slot()
    def choose_file(self) -> None:
        """Ask for the practitioner's signed summary and check it."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, "Countersign a summary", start or str(Path.home()),
            "PDF files (*.pdf);;All files (*)", options=file_dialog_options(),
        )  # fmt: skip
        if path:
            self.set_source(Path(path))

    def set_source(self, path: Path) -> None:
        """Check the summary at ``path`` (on the worker)."""
        self.source = Path(path)
        self.file.setText(str(path))
        self.result_line.clear()
        self._check_again()

    def _check_again(self) -> None:
        if self.source is None:
            return
        self.check = None
        self.status.clear()
        self.compared.setChecked(False)
        self.compared.hide()
        self.trust_button.hide()
        self.busy.show()
        self._update_buttons()
        self.bridge.run(
            work.verify_summary, self.bridge.notebook, self.source,
            on_done=self._checked, on_error=self._failed,
        )  # fmt: skip

    def _checked(self, check: Any) -> None:
        self.busy.hide()
        self.check = check
        report = check.report
        if check.level == "failed":
            self.status.setText(
                f"<b style='color:{COLOURS['failed']}'>This summary does NOT verify, so it "
                f"cannot be countersigned: {html.escape(report.reason)}.</b>"
            )
        else:
            first = report.signatures[0]
            who = html.escape(str(first["signer"]))
            if first.get("organisation"):
                who += f", {html.escape(str(first['organisation']))}"
            if check.level == "verified":
                self.status.setText(
                    f"<b style='color:{COLOURS['verified']}'>Signed by {who} with a "
                    "certificate you trust; nothing changed after signing.</b>"
                )
            else:
                groups = html.escape(groups_text(str(first["fingerprint"])))
                self.status.setText(
                    f"<b style='color:{COLOURS['untrusted']}'>Intact and signed by {who}, but "
                    "their certificate is not one you trust.</b> Its fingerprint is:"
                    f"<pre>{groups}</pre>Trust their certificate, or compare this "
                    "fingerprint with the one they gave you."
                )
                self.compared.show()
                self.trust_button.show()
        self._update_buttons()
        self.adjustSize()

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        title, detail = describe(exc)
        self.status.setText(
            f"<b style='color:{COLOURS['failed']}'>{html.escape(title)}</b>: {html.escape(detail)}"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        level = self.check.level if self.check is not None else ""
        self.sign_button.setEnabled(
            level == "verified" or (level == "untrusted" and self.compared.isChecked())
        )

    @Slot()
    def countersign(self) -> None:
        """Ask where to save, then countersign on the worker."""
        if self.source is None or not self.sign_button.isEnabled():
            return
        name = self.source.stem + "-countersigned.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the countersigned summary", str(self.source.with_name(name)),
            "PDF files (*.pdf)", options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        out = exports.with_suffix(path, ".pdf")
        if out.resolve() == self.source.resolve():
            self.result_line.setText(
                "Save it as a new file: the practitioner's summary stays as it was."
            )
            return
        self.sign_button.setEnabled(False)
        self.busy.show()
        # Read on this thread: the worker never touches a widget.
        notebook, source, comment = self.bridge.notebook, self.source, self.comment.text()
        unchecked_ok = self.compared.isChecked()
        self.bridge.run(
            lambda: work.countersign_summary(
                notebook, source, comment, out, unchecked_ok=unchecked_ok
            ),
            on_done=self._written,
            on_error=self._sign_failed,
        )

    def _written(self, written: Any) -> None:
        self.busy.hide()
        self.written = written
        self.result_line.setStyleSheet(f"color: {COLOURS['verified']}")
        self.result_line.setText(f"Countersigned summary saved to {written.path}.")
        self.countersigned.emit(written)
        self._update_buttons()

    def _sign_failed(self, exc: BaseException) -> None:
        self.busy.hide()
        title, detail = describe(exc)
        self.result_line.setStyleSheet(f"color: {COLOURS['failed']}")
        self.result_line.setText(f"{title}. {detail}")
        self._update_buttons()
