"""A short list above Actions due (raised risk now, referrals not yet seen): a heading, a
line said while the list is empty, and the list, as tall as its rows; activating a row
emits the reference it stands for."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.models import warning_colour


class ListPanel(QWidget):
    """Rows of plain text (shown literally), some in the warning colour.

    Signals:
        chosen(str): the reference of the row activated.
    """

    chosen = Signal(str)

    def __init__(self, name: str, heading: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.empty = QLabel(empty)
        self.empty.setEnabled(False)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.itemActivated.connect(
            lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def fill(self, rows: Iterable[tuple[str, str, bool]]) -> None:
        """Show ``(text, reference, warn)`` rows; none: the empty line."""
        self.list.clear()
        for line, reference, warn in rows:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, reference)
            if warn:
                item.setForeground(warning_colour())
            self.list.addItem(item)
        count = self.list.count()
        self.empty.setVisible(not count)
        self.list.setVisible(bool(count))
        frame = 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * max(1, count) + frame)
