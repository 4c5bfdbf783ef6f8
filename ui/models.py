"""The base of the table and list models: plain values from the core, shown in batches.

The core returns sorted lists (``ORDER BY`` in SQL); the models hold them and show
them in batches (``canFetchMore``/``fetchMore``) so a view of thousands of records
creates only the rows on screen. Sorting by a header re-sorts on precomputed keys in
the model, never through a ``QSortFilterProxyModel``. Each list's own model lives beside
its view: cases in :mod:`ui.case_pane`, a case's records, people and chronology in
:mod:`ui.case_view`, actions in :mod:`ui.actions`, search hits in :mod:`ui.search`, the
reflective log in :mod:`ui.reflections`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.icons import KIND_ICONS, icon

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def warning_colour() -> QColor:
    """A red that reads on light and dark backgrounds."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#ff7b72") if window.lightness() < 128 else QColor("#b42318")


def bold_font() -> QFont:
    """The font of a row that stands out (significant, overdue)."""
    font = QFont()
    font.setBold(True)
    return font


def kind_icon(kind: str) -> Any:
    """The icon of a record kind (a session's for a kind this version does not know)."""
    return icon(KIND_ICONS.get(kind, "session"))


class RowModel(QAbstractTableModel):
    """A table over a list of plain values, shown in batches.

    Subclasses set :attr:`COLUMNS` and implement :meth:`cell`; :meth:`sort_key` enables
    header sorting.
    """

    COLUMNS: tuple[str, ...] = ()
    BATCH = 200

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._shown = 0

    # -- feeding ----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Replace every row (a fresh result from the core)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self.BATCH)
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row (on lock)."""
        self.set_rows([])

    def row_at(self, row: int) -> Any:
        """The value shown in ``row``, or None."""
        return self._rows[row] if 0 <= row < self._shown else None

    def rows(self) -> list[Any]:
        """Every value held (shown or not yet fetched)."""
        return list(self._rows)

    def replace_row(self, row: int, value: Any) -> None:
        """Swap one value (an optimistic update) and repaint its row."""
        self._rows[row] = value
        if row < self._shown:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        count = min(self.BATCH, len(self._rows) - self._shown)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + count - 1)
        self._shown += count
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        value = self._rows[index.row()]
        if role == ROW_ROLE:
            return value
        return self.cell(value, index.column(), role)

    def cell(self, value: Any, column: int, role: int) -> Any:
        """What ``value`` shows in ``column`` for ``role``."""
        raise NotImplementedError

    def sort_key(self, value: Any, column: int) -> Any:
        """Key for sorting by ``column``; None means the column does not sort."""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._rows or self.sort_key(self._rows[0], column) is None:
            return
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(
            key=lambda v: self.sort_key(v, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()
