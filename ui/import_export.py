"""File ▸ Import casebook/1… and File ▸ Export…: what a file would add, what to write.

:class:`ImportPreviewDialog` shows a checked casebook/1 file before anything is written:
what it holds and what the notebook already has. :class:`ExportDialog` collects what an
export covers. The flows (:mod:`ui.flows`) run the work on the worker with a progress
bar and Cancel.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import dialog_buttons, form_rows, hbox

MAX_REFS_SHOWN = 12
MAX_CONFLICTS_SHOWN = 8
RED = "#c62828"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class ImportPreviewDialog(QDialog):
    """What importing a casebook/1 file would add, and what stands in its way.

    Args:
        preview: a ``casebook.import_preview.ImportPreview``.
        name: the file's name (shown, never a path someone else chose to hide).
    """

    def __init__(self, preview: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import casebook/1")
        self.preview = preview
        heading = QLabel(f"<b>{html.escape(name)}</b> holds:")
        drafts = preview.records - preview.final_records
        rows = [
            ("Cases", _count(preview.cases, "case")),
            ("People", _count(preview.people, "person").replace("persons", "people")),
            ("Records", f"{preview.records:,} ({preview.final_records:,} final, {drafts:,} draft)"),
            ("Attachments", _count(preview.attachments, "attachment")),
            ("Reflections", _count(preview.reflections, "reflection")),
        ]
        if preview.phrases or preview.templates:
            rows.append(
                ("Writing aids", f"{_count(preview.phrases, 'phrase')}, "
                                 f"{_count(preview.templates, 'template')}")
            )  # fmt: skip
        self.counts = {label: QLabel(text) for label, text in rows}
        refs = list(preview.case_refs[:MAX_REFS_SHOWN])
        more = len(preview.case_refs) - len(refs)
        shown = ", ".join(refs) + (f" and {more:,} more" if more > 0 else "")
        self.refs = QLabel(shown or "none")
        self.refs.setWordWrap(True)
        self.refs.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts = QLabel()
        self.conflicts.setObjectName("importConflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if preview.conflicts:
            listed = preview.conflicts[:MAX_CONFLICTS_SHOWN]
            items = "".join(f"<li>{html.escape(c)}</li>" for c in listed)
            extra = len(preview.conflicts) - len(listed)
            self.conflicts.setText(
                f"<b style='color:{RED}'>The notebook already has some of this, so nothing "
                "can be imported:</b><ul>"
                + items
                + (f"<li>and {extra:,} more</li>" if extra > 0 else "")
                + "</ul>"
            )
        self.conflicts.setVisible(bool(preview.conflicts))
        note = QLabel(
            "Import is all or nothing: if any part cannot be imported, nothing is. Imported "
            "records are marked Imported, and the times the file gives are kept as claims."
        )
        note.setWordWrap(True)
        self.buttons = dialog_buttons(self, ok_text="Import")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(
            not preview.conflicts and preview.cases + preview.reflections > 0
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form_rows(*self.counts.items(), ("Case references", self.refs)))
        layout.addWidget(self.conflicts)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)


class ExportDialog(QDialog):
    """What File ▸ Export… writes: the whole notebook or one case, and what else goes in.

    Args:
        cases: every case (``Case`` values).
        current_ref: the case shown in the main window (chosen to start with when given).
    """

    def __init__(
        self, cases: Sequence[Any], current_ref: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export casebook/1")
        self.whole = QRadioButton("The whole notebook")
        self.one = QRadioButton("One case:")
        self.case = QComboBox()
        self.case.setAccessibleName("Case to export")
        for case in cases:
            self.case.addItem(f"{case.ref} — {case.title}" if case.title else case.ref, case.ref)
        if current_ref:
            self.case.setCurrentIndex(max(0, self.case.findData(current_ref)))
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.whole)
        self.scope.addButton(self.one)
        (self.one if current_ref else self.whole).setChecked(True)
        self.case.setEnabled(self.one.isChecked())
        self.one.toggled.connect(self.case.setEnabled)
        self.one.setEnabled(bool(cases))
        self.reflections = QCheckBox("Include my reflective log")
        self.reflections.setChecked(False)
        self.reflections_warning = QLabel(
            "Your private reflective log will be in the file, in plain text, for anyone "
            "who gets the file to read. Include it only when you mean to (moving your own "
            "notebook, a request for your own notes)."
        )
        self.reflections_warning.setObjectName("reflectionsWarning")
        self.reflections_warning.setWordWrap(True)
        self.reflections_warning.setStyleSheet(f"color: {RED}")
        self.reflections_warning.hide()
        self.reflections.toggled.connect(self.reflections_warning.setVisible)
        self.reflections.toggled.connect(lambda _: self.adjustSize())
        self.phrases = QCheckBox("Include my phrases and templates")
        plaintext = QLabel(
            "<b>The export is not encrypted</b>: anyone who can read the file reads these "
            "records. It is written readable by you alone; keep it on an encrypted disk and "
            "delete it when it has done its job."
        )
        plaintext.setWordWrap(True)
        self.buttons = dialog_buttons(self, ok_text="Export…")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Export as casebook/1 JSON (for another notebook or system):"))
        layout.addWidget(self.whole)
        layout.addLayout(hbox(self.one, self.case, None))
        layout.addSpacing(8)
        layout.addWidget(self.reflections)
        layout.addWidget(self.reflections_warning)
        layout.addWidget(self.phrases)
        layout.addSpacing(8)
        layout.addWidget(plaintext)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def case_refs(self) -> list[str] | None:
        """The case chosen, or None for the whole notebook."""
        if self.one.isChecked() and self.case.currentData():
            return [str(self.case.currentData())]
        return None
