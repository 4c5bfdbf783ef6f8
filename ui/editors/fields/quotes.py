"""Verbatim quotes (the child's own words), kept apart from the practitioner's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget
from ui.editors.fields.text import text_edit
from ui.widgets import hbox


def quote_style() -> str:
    """Stylesheet of a verbatim quote: a bar down the left and a tinted background."""
    return (
        "QFrame#quote { border-left: 4px solid palette(highlight);"
        " background: palette(alternate-base); border-radius: 3px; }"
        " QFrame#quote QPlainTextEdit { background: transparent; border: none; }"
    )


class QuoteBox(QFrame):
    """One verbatim quote, styled apart from the practitioner's own words."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quote")
        mark = QLabel("“")
        font = QFont()
        font.setPointSize(22)
        font.setBold(True)
        mark.setFont(font)
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        mark.setAccessibleName("Quote")
        self.edit = text_edit(label, 2, placeholder="Exactly what was said, in their words")
        italic = self.edit.font()
        italic.setItalic(True)
        self.edit.setFont(italic)
        self.remove = QToolButton()
        self.remove.setText("Remove")
        self.remove.setAccessibleName("Remove this quote")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(mark)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)

    def set_read_only(self, read_only: bool) -> None:
        """A final record's quote: one line high when empty, and it cannot be removed."""
        self.edit.setReadOnly(read_only)
        self.edit.set_min_lines(1 if read_only else 2)
        self.remove.setVisible(not read_only)


class QuoteListField(FieldWidget):
    """A list of verbatim quotes (the child's own words), each in its own quote box."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.setStyleSheet(quote_style())
        self.quotes: list[QuoteBox] = []
        self._box_layout = QVBoxLayout()
        self._box_layout.setSpacing(6)
        self.add = QPushButton("Add the child's words")
        self.add.setAccessibleName("Add a quote of the child's own words")
        self.add.clicked.connect(lambda: self.add_quote("", focus=True))
        self.empty = QLabel("No quotes yet.")
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(self._box_layout)
        layout.addLayout(hbox(self.add, None))
        self._read_only = False

    def add_quote(self, text: str, *, focus: bool = False) -> QuoteBox:
        """Add a quote box (empty to type into, or holding ``text``)."""
        box = QuoteBox(f"{self.spec.label} {len(self.quotes) + 1}")
        box.edit.setPlainText(text)
        box.edit.textChanged.connect(self._emit)
        box.remove.clicked.connect(lambda: self._remove(box))
        box.set_read_only(self._read_only)
        self.quotes.append(box)
        self._box_layout.addWidget(box)
        # A box added later goes into the Tab order where it shows: just before "Add".
        before = self.add.previousInFocusChain()
        if before is not None and before is not self.add:
            QWidget.setTabOrder(before, box.edit)
            QWidget.setTabOrder(box.edit, box.remove)
            QWidget.setTabOrder(box.remove, self.add)
        self.empty.setVisible(False)
        if focus:
            box.edit.setFocus()
        return box

    def _remove(self, box: QuoteBox) -> None:
        had_text = bool(box.edit.toPlainText().strip())
        self._drop(box)
        self.empty.setVisible(not self.quotes)
        if had_text:
            self._emit()

    def _drop(self, box: QuoteBox) -> None:
        self.quotes.remove(box)
        box.setParent(None)
        box.deleteLater()

    def value(self) -> list[str]:
        return [q.edit.toPlainText() for q in self.quotes if q.edit.toPlainText().strip()]

    def _set(self, value: Any) -> None:
        for box in list(self.quotes):
            self._drop(box)
        for text in value or []:
            self.add_quote(text)
        self.empty.setVisible(not self.quotes)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add.setVisible(not read_only)
        for box in self.quotes:
            box.set_read_only(read_only)
