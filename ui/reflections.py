"""The private reflective log: entries newest first, and a box to add one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from casebook.domain import Reflection
from ui import text
from ui.editors.fields import text_edit
from ui.models import ACCESSIBLE, DISPLAY, TOOLTIP, RowModel
from ui.tables import RecordTable


class ReflectionModel(RowModel):
    """The private reflective log, newest first."""

    COLUMNS = ("Written", "Reflection")

    def cell(self, value: Reflection, column: int, role: int) -> Any:
        if role not in (DISPLAY, ACCESSIBLE, TOOLTIP):
            return None
        if column == 0:
            return text.when(value.written_at)
        if column == 1:
            return value.text if role == TOOLTIP else value.text.replace("\n", " ")
        return None


class ReflectiveLogView(QWidget):
    """The private reflective log: entries newest first, and a box to add one.

    Signals:
        failed(object): adding a reflection failed; the exception.
    """

    failed = Signal(object)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflectiveLogView")
        self.bridge = bridge
        self.model = ReflectionModel(self)
        heading = QLabel("<span style='font-size: 15pt'><b>Reflective log</b></span>")
        note = QLabel(
            "Private: for your own supervision and self-care. It is never included in an "
            "export or summary unless you ask for it."
        )
        note.setWordWrap(True)
        self.table = RecordTable(self.model, "Reflective log")
        self.table.set_empty_text("Nothing in your reflective log yet. Write below to add to it.")
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.text = text_edit(
            "New reflection",
            4,
            placeholder="What went well, what was hard, what you want to take to supervision",
        )
        self.add_button = QPushButton("Add to log")
        self.add_button.clicked.connect(self._add)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text)
        layout.addLayout(row)

    def reload(self) -> None:
        """Read the reflective log from the notebook."""
        self.bridge.run(self.bridge.notebook.reflections.list, on_done=self.model.set_rows)

    def _add(self) -> None:
        value = self.text.toPlainText()
        if value.strip():
            self.bridge.run(self.bridge.notebook.reflections.add, value, on_error=self.failed.emit)
            self.text.clear()
