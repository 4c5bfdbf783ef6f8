"""Finalising a record, discarding a draft, and a final record's addenda.

Finalising cannot be undone, so it is asked first; so is discarding a draft. A final
record is never changed: corrections and additions are dated addenda, shown under it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui import text
from ui.editors.fields import quote_style, text_edit
from ui.icons import icon
from ui.widgets import hbox


def ask_finalise(parent: QWidget) -> bool:
    """Ask before finalising: it cannot be undone."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Finalise this record?")
    box.setText("Finalise this record?")
    box.setInformativeText(
        "A final record is signed with a content hash and can never be changed again, "
        "not even by you. Later corrections or additions are added as dated addenda; "
        "the original stays as it is.\n\nThis cannot be undone."
    )
    finalise = box.addButton("Finalise", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is finalise


def ask_discard(parent: QWidget) -> bool:
    """Ask before discarding a draft."""
    answer = QMessageBox.question(
        parent,
        "Discard this draft?",
        "The draft and its attachments will be removed from the notebook. This cannot be undone.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class AddendaSection(QGroupBox):
    """A final record's addenda, oldest first, and a box to write a new one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Addenda", parent)
        self.setStyleSheet(quote_style())
        self.addenda = QLabel()
        self.addenda.setObjectName("addenda")
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.RichText)
        self.addenda.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addendum_text = text_edit(
            "New addendum", 3, placeholder="A dated correction or addition"
        )
        self.addendum_button = QPushButton("Add addendum")
        self.addendum_button.setIcon(icon("addendum"))
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.addenda)
        body_layout.addWidget(self.addendum_text)
        body_layout.addLayout(hbox(None, self.addendum_button))
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(body)

    def show_addenda(self, addenda: tuple) -> None:
        """List ``addenda`` (``Addendum`` values) with when each was written."""
        items = [
            f"<p><b>Addendum, {html.escape(text.when(a.written_at))}"
            + (
                f" (imported; claimed written "
                f"{html.escape(text.when(a.claimed_written_at) or 'at no given time')})"
                if a.is_imported
                else ""
            )
            + f"</b><br>{html.escape(a.text).replace(chr(10), '<br>')}</p>"
            for a in addenda
        ]
        self.addenda.setText("".join(items) or "No addenda yet.")
