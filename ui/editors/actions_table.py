"""The actions raised from a record, in the editor: text, due date, done."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.domain import Action
from ui.editors.fields.base import (
    edit_row,
    edit_table,
    filled_rows,
    fit_table_height,
    remove_current_row,
)
from ui.editors.fields.dates import DateEdit
from ui.widgets import hbox


class ActionsTable(QWidget):
    """Actions raised from the record: text, due date, done.

    Signals:
        changed(): the user changed an action.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.table = edit_table(["Action", "Due", "Done"], "Actions")
        self.table.itemChanged.connect(self._emit)
        self.add = QPushButton("Add action")
        self.add.clicked.connect(lambda: self.add_action("", None, False, edit=True))
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected action")
        self.remove.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(hbox(self.add, self.remove, None))
        self._read_only = False

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def add_action(self, text: str, due: str | None, done: bool, *, edit: bool = False) -> int:
        """Add a row; returns its number."""
        self._loading = True
        try:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(text))
            due_edit = DateEdit("Due date", kind="planned")
            due_edit.set_value(due)
            due_edit.set_read_only(self._read_only)
            due_edit.changed.connect(self._emit)
            self.table.setCellWidget(row, 1, due_edit)
            done_item = QTableWidgetItem()
            done_item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            done_item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
            self.table.setItem(row, 2, done_item)
        finally:
            self._loading = False
        fit_table_height(self.table, 1)
        if edit:
            edit_row(self.table, row)
        return row

    def _remove(self) -> None:
        if remove_current_row(self.table):
            self._emit()

    def load(self, actions: tuple[Action, ...]) -> None:
        """Show a record's actions."""
        self._show((a.text, a.due, a.done) for a in actions)

    def apply(self, actions: list[dict[str, Any]]) -> None:
        """Show actions given as casebook/1 objects (undo and redo)."""
        self._show((a["text"], a.get("due"), bool(a.get("done"))) for a in actions)

    def _show(self, rows: Iterable[tuple[str, str | None, bool]]) -> None:
        self.table.setRowCount(0)
        fit_table_height(self.table, 1)
        for text, due, done in rows:
            self.add_action(text, due, done)

    def values(self) -> list[dict[str, Any]]:
        """Actions as casebook/1 objects (rows with no text are left out)."""
        out = []
        for row, text, widget in filled_rows(self.table):
            due = widget.value() if isinstance(widget, DateEdit) else None
            done_item = self.table.item(row, 2)
            done = bool(done_item and done_item.checkState() == Qt.CheckState.Checked)
            action: dict[str, Any] = {"text": text, "due": due}
            if done:
                action["done"] = True
            out.append(action)
        return out

    def set_read_only(self, read_only: bool) -> None:
        """Final records keep their actions (done is ticked in the Actions views)."""
        self._read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, 1)
            if isinstance(widget, DateEdit):
                widget.set_read_only(read_only)
            done_item = self.table.item(row, 2)
            if done_item:
                done_item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    if read_only
                    else Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                )
        self.add.setVisible(not read_only)
        self.remove.setVisible(not read_only)
