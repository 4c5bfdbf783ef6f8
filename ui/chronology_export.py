"""Chronology ▸ Print or save as PDF: one case's significant events (or all), with the
same redaction choices as a signed summary.

*Save as signed PDF…* draws the chronology like a summary and signs it
(:mod:`casebook.summary.chronology_pdf`); *Print…* prints the same redacted lines
through the system's print dialog. The lines come from the core; this dialog only lays
them out.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casebook.kinds import REDACTION_MODES
from ui import text, work
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.summary import DEFAULT_REDACTION, REDACTION_TEXT
from ui.widgets import busy_bar, hbox, push_button

# The summary's redaction choices (ui.summary.REDACTION_TEXT), told shortly.
CHRONOLOGY_NAMES = {
    "none": "as written, for court",
    "initials": "Jane Smith becomes J.S.",
    "pseudonyms": "roles such as Partner or Child A",
}


def chronology_html(
    heading: list[tuple[str, str]],
    rows: list[Any],
    columns: tuple[str, ...] | list[str] = ("When", "Event", "Kind", "Notes"),
) -> str:
    """The printed page: heading lines and a table of events (every value escaped); the
    court version's columns are date, event, source and class."""
    head = "".join(
        f"<tr><td><b>{html.escape(label)}</b></td><td>{html.escape(value)}</td></tr>"
        for label, value in heading
        if value
    ).replace("\n", "<br>")
    tint = " style='background:#eef3fa'"
    body = "".join(
        f"<tr{tint if r.significant else ''}>"
        f"<td>{html.escape(r.when)}</td><td>{html.escape(r.event).replace(chr(10), '<br>')}</td>"
        f"<td>{html.escape(r.kind)}</td><td>{html.escape(r.notes)}</td></tr>"
        for r in rows
    )
    table = (
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr>"
        + "".join(f"<th align='left'>{html.escape(c)}</th>" for c in columns)
        + f"</tr>{body}</table>"
        if rows
        else "<p>No events to show.</p>"
    )
    return (
        "<h2>Chronology</h2><p><b>CONFIDENTIAL: special category personal data</b></p>"
        f"<table cellpadding='2'>{head}</table><br>{table}"
    )


class ChronologyDialog(QDialog):
    """Print or save one case's chronology.

    Args:
        bridge: the way into the notebook.
        ref: the case.
        significant_only: the choice to start with (the Chronology tab's filter).
    """

    def __init__(
        self,
        bridge: Any,
        ref: str,
        significant_only: bool = False,
        parent: QWidget | None = None,
        court: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{'Court chronology' if court else 'Chronology'} of {ref}")
        self.bridge = bridge
        self.ref = ref
        self.printed: QTextDocument | None = None
        events = QGroupBox("Events")
        self.significant = QRadioButton("Significant events only")
        self.every = QRadioButton("All events")
        (self.significant if significant_only else self.every).setChecked(True)
        self.drafts = QCheckBox("Include drafts (marked Draft)")
        self.court = QCheckBox("Court version: each passage with its source and class")
        self.court.setToolTip(
            "Date, event, source and class (observed, reported, opinion) of each passage of "
            "the records' text; text nobody marked is shown as unclassified"
        )
        self.court.setChecked(court)
        events_layout = QVBoxLayout(events)
        for widget in (self.significant, self.every, self.drafts, self.court):
            events_layout.addWidget(widget)
        names = QGroupBox("Names")
        names_layout = QVBoxLayout(names)
        self.redaction = QButtonGroup(self)
        self.redaction_buttons: dict[str, QRadioButton] = {}
        for mode in REDACTION_MODES:
            label, hint = REDACTION_TEXT[mode]
            button = QRadioButton(f"{label} ({CHRONOLOGY_NAMES[mode]})")
            button.setToolTip(hint)
            button.setChecked(mode == DEFAULT_REDACTION)
            self.redaction.addButton(button)
            self.redaction_buttons[mode] = button
            names_layout.addWidget(button)
        note = QLabel(
            "A chronology holds dates, kinds of record and the names of the people they are "
            "about, which initials or pseudonyms replace. The PDF is signed like a summary."
        )
        note.setWordWrap(True)
        self.busy = busy_bar("Working")
        self.status = QLabel()
        self.status.setObjectName("chronologyStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = push_button("Print…", self.print_chronology)
        self.save_button = push_button("Save as signed PDF…", self.save_pdf)
        self.save_button.setDefault(True)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(events)
        layout.addWidget(names)
        layout.addWidget(note)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(hbox(self.print_button, None, close, self.save_button))
        self.setMinimumWidth(560)

    def options(self) -> work.ChronologyOptions:
        """What the chronology shows."""
        mode = next(m for m, b in self.redaction_buttons.items() if b.isChecked())
        return work.ChronologyOptions(
            ref=self.ref,
            significant_only=self.significant.isChecked(),
            include_drafts=self.drafts.isChecked(),
            redaction=mode,
            court=self.court.isChecked(),
        )

    def _busy(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.print_button.setEnabled(not on)
        self.save_button.setEnabled(not on)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        title, detail = describe(exc)
        self.status.setText(f"{title}. {detail}")

    # -- save ---------------------------------------------------------------------------

    @Slot()
    def save_pdf(self) -> None:
        """Ask where to save, then draw, sign and write the PDF on the worker."""
        options = self.options()
        self._busy(True)
        self.bridge.run(
            work.chronology_filename, self.bridge.notebook, self.ref, date.today(),
            on_done=lambda name: self._save_as(options, name), on_error=self._failed,
        )  # fmt: skip

    def _save_as(self, options: work.ChronologyOptions, name: str) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the chronology", str(start / name), "PDF files (*.pdf)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            self._busy(False)
            return
        self.status.setText("Drawing and signing the chronology…")
        self.bridge.run(
            work.write_chronology, self.bridge.notebook, options, Path(path),
            on_done=self._saved, on_error=self._failed,
        )  # fmt: skip

    def _saved(self, written: Any) -> None:
        self._busy(False)
        self.status.setText(
            f"Signed chronology saved to {written.path} ({text.file_size(written.size)})."
        )

    # -- print --------------------------------------------------------------------------

    @Slot()
    def print_chronology(self) -> None:
        """Gather the redacted lines on the worker, then show the print dialog."""
        self._busy(True)
        self.bridge.run(
            work.chronology_for_print, self.bridge.notebook, self.options(),
            on_done=self._print, on_error=self._failed,
        )  # fmt: skip

    def _print(self, lines: tuple[list[tuple[str, str]], list[Any]]) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        self._busy(False)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Casebook chronology")  # never a name: print queues are shared
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.status.setText("Not printed.")
            return
        document = QTextDocument()
        document.setHtml(chronology_html(*lines))
        document.print_(printer)
        self.printed = document
        count = len(lines[1])
        self.status.setText(f"Sent {count} event{'s' if count != 1 else ''} to the printer.")
