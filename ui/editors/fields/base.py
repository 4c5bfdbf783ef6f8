"""The base of the field widgets, and the small edit tables some of them (and the actions) use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from casebook.kinds import FieldSpec


class FieldWidget(QWidget):
    """Base of the field widgets.

    Signals:
        changed(): the user changed the value.
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"field_{spec.name}")
        self.setAccessibleName(spec.label)
        self._loading = False

    def value(self) -> Any:
        """The value as the casebook/1 ``fields`` object holds it."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (does not emit :attr:`changed`)."""
        self._loading = True
        try:
            self._set(value)
        finally:
            self._loading = False

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Final records: show, allow selecting and copying, refuse edits."""
        raise NotImplementedError

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()


def fit_table_height(table: QTableWidget, min_rows: int = 2) -> None:
    """Make a small edit table exactly as high as its rows (at least ``min_rows``)."""
    rows = max(min_rows, table.rowCount())
    row_height = table.verticalHeader().defaultSectionSize()
    height = (
        table.horizontalHeader().sizeHint().height()
        + rows * row_height
        + 2 * table.frameWidth()
        + 2
    )
    table.setFixedHeight(height)


def edit_table(headers: list[str], name: str) -> QTableWidget:
    """A small edit table: the first column takes the room left, the others fit their cells.

    Whole rows are selected (to remove one) and the table is as high as its rows.
    """
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    fit_table_height(table, 1)
    return table


def edit_row(table: QTableWidget, row: int) -> None:
    """Start typing in the first cell of ``row`` (a row just added)."""
    table.setCurrentCell(row, 0)
    item = table.item(row, 0)
    if item is not None:
        table.editItem(item)


def filled_rows(table: QTableWidget) -> Iterator[tuple[int, str, QWidget | None]]:
    """Each row whose first cell holds text: its number, that text (trimmed), its second cell."""
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        text = item.text().strip() if item else ""
        if text:
            yield row, text, table.cellWidget(row, 1)


def remove_current_row(table: QTableWidget) -> bool:
    """Remove the selected row and fit the table to the rows left; whether one was selected."""
    row = table.currentRow()
    if row < 0:
        return False
    table.removeRow(row)
    fit_table_height(table, 1)
    return True
