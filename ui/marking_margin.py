"""The margin beside a free-text box that says, line by line, which classes of mark the
line holds: O (observed), R (reported), P (opinion) in the class's colour (issue 14).

The tints in the text show where a passage starts and ends; the margin lets the eye run
down a long note and see what is marked without telling colours apart (the letters carry
the class on their own, for a practitioner who does not see the tints well).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from casebook import marks as mk

LETTERS = {mk.OBSERVED: "O", mk.REPORTED: "R", mk.OPINION: "P"}
# The class colours of ui.marking, opaque and darker, so a letter reads on light and dark.
INK = {
    mk.OBSERVED: QColor(30, 130, 50),
    mk.REPORTED: QColor(200, 115, 0),
    mk.OPINION: QColor(110, 80, 210),
}


def line_classes(edit: QPlainTextEdit, mark_property: int) -> list[tuple[float, list[str]]]:
    """For each laid-out line in view: its top (in the box's viewport) and the classes of
    the marks on it, in the order O, R, P (lines without marks left out)."""
    out: list[tuple[float, list[str]]] = []
    block = edit.firstVisibleBlock()
    offset = edit.contentOffset()
    bottom = edit.viewport().height()
    while block.isValid():
        top = edit.blockBoundingGeometry(block).translated(offset).top()
        if top > bottom:
            break
        runs = []  # (start, end, class) of the block's marked fragments
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            value = fragment.charFormat().property(mark_property)
            if fragment.isValid() and isinstance(value, str) and value:
                cls = str(json.loads(value).get("class"))
                start = fragment.position()
                runs.append((start, start + fragment.length(), cls))
            it += 1
        layout = block.layout()
        for i in range(layout.lineCount() if runs else 0):
            line = layout.lineAt(i)
            start = block.position() + line.textStart()
            end = start + max(1, line.textLength())
            found = {cls for first, last, cls in runs if first < end and last > start}
            if found:
                out.append((top + line.y(), [c for c in LETTERS if c in found]))
        block = block.next()
    return out


def _has_marks(edit: QPlainTextEdit, mark_property: int) -> bool:
    block = edit.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().property(mark_property):
                return True
            it += 1
        block = block.next()
    return False


class MarkMargin(QWidget):
    """The letters in the left margin of one free-text box."""

    def __init__(self, edit: QPlainTextEdit, mark_property: int) -> None:
        super().__init__(edit)
        self.setObjectName("markMargin")
        self.edit = edit
        self.mark_property = mark_property
        self.letter_font = QFont(edit.font())
        self.letter_font.setBold(True)
        self.letter_font.setPointSizeF(max(6.0, edit.font().pointSizeF() * 0.75))
        metrics = QFontMetrics(self.letter_font)
        self.step = metrics.horizontalAdvance("M")
        self.width_needed = self.step * len(LETTERS) + 4
        self.shown = False  # the margin takes room only while the box holds a mark
        edit.updateRequest.connect(lambda *_: self.update())
        edit.document().contentsChanged.connect(self._show_when_marked)
        edit.installEventFilter(self)
        self._show_when_marked()

    def _show_when_marked(self) -> None:
        marked = _has_marks(self.edit, self.mark_property)
        if marked != self.shown:
            self.shown = marked
            self.edit.setViewportMargins(self.width_needed if marked else 0, 0, 0, 0)
            self.setVisible(marked)
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        rect = self.edit.contentsRect()
        self.setGeometry(QRect(rect.left(), rect.top(), self.width_needed, rect.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.letter_font)
        height = QFontMetrics(self.letter_font).height()
        for top, classes in line_classes(self.edit, self.mark_property):
            for i, cls in enumerate(classes):
                painter.setPen(INK[cls])
                box = QRect(2 + i * self.step, int(top) + 1, self.step, height)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, LETTERS[cls])
        painter.end()
