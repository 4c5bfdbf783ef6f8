"""Free text: a plain-text box that grows with its text, with the writing aids attached."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from casebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget
from ui.writing import attach as attach_writing_aids

# Characters that end a word for undo (besides white space and line breaks).
WORD_ENDS = frozenset(".,;:!?)…")


class AutoTextEdit(QPlainTextEdit):
    """A plain-text box that grows with its text (from ``lines`` up to ``max_lines``).

    Long notes stay readable in the editor's single scroll area instead of in many
    small scrolling boxes.
    """

    def __init__(self, lines: int = 4, max_lines: int = 40) -> None:
        super().__init__()
        self._min_lines = lines
        self._placeholder = ""
        self._lines = lines
        self._max_lines = max_lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self._fit)
        self.document().contentsChange.connect(self._word_typed)
        self._fit()

    def _word_typed(self, position: int, removed: int, added: int) -> None:
        """A space, line break or punctuation typed ends a word: Ctrl+Z then takes back
        that word, not everything typed since the cursor last moved.

        Qt merges typing into one undo step while the document is "modified"; marking it
        unmodified at each word's end starts the next word's step.
        """
        if added == 1 and removed == 0:
            typed = self.document().characterAt(position)
            if typed.isspace() or typed in WORD_ENDS:
                self.document().setModified(False)

    def setReadOnly(self, read_only: bool) -> None:
        """Read-only boxes show no placeholder (an empty final field stays empty)."""
        if read_only and self.placeholderText():
            self._placeholder = self.placeholderText()
            self.setPlaceholderText("")
        elif not read_only and self._placeholder:
            self.setPlaceholderText(self._placeholder)
        super().setReadOnly(read_only)

    def set_min_lines(self, lines: int) -> None:
        """Change the smallest height (final records shrink empty boxes to one line)."""
        self._lines = lines
        self._fit()

    def reset_min_lines(self) -> None:
        """Back to the height given at construction."""
        self.set_min_lines(self._min_lines)

    def _wrapped_lines(self) -> int:
        width = self.viewport().width() - int(2 * self.document().documentMargin())
        doc = self.document()
        if width <= 20 or doc.characterCount() > 20_000:
            return doc.blockCount() if doc.characterCount() <= 20_000 else self._max_lines
        lines = 0
        font = self.font()
        block = doc.begin()
        while block.isValid():
            layout = QTextLayout(block.text(), font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            count = 0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                count += 1
            layout.endLayout()
            lines += max(1, count)
            if lines >= self._max_lines:
                break
            block = block.next()
        return lines

    def _fit(self, *_: Any) -> None:
        needed = self._wrapped_lines()
        shown = max(self._lines, min(self._max_lines, needed))
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if needed > self._max_lines
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        margins = self.contentsMargins()
        height = (
            math.ceil(shown * QFontMetricsF(self.font()).lineSpacing())
            + 2
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def setFont(self, font: Any) -> None:
        super().setFont(font)
        self._fit()


def text_edit(label: str, lines: int = 4, *, placeholder: str = "") -> AutoTextEdit:
    """A plain-text box that Tab leaves (sane tab order), ``lines`` high and growing."""
    edit = AutoTextEdit(lines)
    edit.setAccessibleName(label)
    edit.setPlaceholderText(placeholder)
    attach_writing_aids(edit)  # spell-check, suggestions, phrases and templates
    return edit


class TextField(FieldWidget):
    """Free text."""

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget | None = None,
        *,
        lines: int = 4,
        placeholder: str = "",
    ) -> None:
        super().__init__(spec, parent)
        self.edit = text_edit(spec.label, lines, placeholder=placeholder)
        self.edit.textChanged.connect(self._emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _set(self, value: Any) -> None:
        self.edit.setPlainText(value or "")

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        if read_only:
            self.edit.set_min_lines(1)
        else:
            self.edit.reset_min_lines()
