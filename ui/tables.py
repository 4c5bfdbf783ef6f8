"""The read-only table every list of the main window uses, and how its columns are sized."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from casebook import kinds
from ui.models import ROW_ROLE

# Sample texts that size columns: as wide as the widest the column shows.
WIDEST_WHEN = "Wed 30 Sep 2026, 00:00"
WIDEST_DUE = "Overdue · 30 Sep 2026"
WIDEST_STATUS = max((kinds.label(s) for s in ("draft", "final")), key=len)
WIDEST_NOTES = "Significant · Imported · Late entry (claimed)"
FOCUS_RING = 2  # pixels


class RecordTable(QTableView):
    """A read-only table of rows that opens the current row on Enter or double-click.

    Signals:
        activated_row(object): the value of the row the user opened.
    """

    activated_row = Signal(object)

    def __init__(self, model: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setIconSize(QSize(18, 18))
        self.doubleClicked.connect(self._open)
        self._empty_text = ""
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.viewport().update)

    # -- an empty table says why it is empty, and what to do ----------------------------------

    def set_empty_text(self, text: str) -> None:
        """What the table says while it has no rows ("No records yet. …")."""
        self._empty_text = text
        self.setAccessibleDescription(text)
        self.viewport().update()

    def empty_message(self) -> str:
        """The words shown now in place of rows ("" while there are rows)."""
        return self._empty_text if self.model().rowCount() == 0 else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            # A ring in the highlight colour says where the keyboard is: the style's own
            # focus mark on the current cell is a faint tint that few people can see.
            ring = QPainter(self.viewport())
            pen = ring.pen()
            pen.setColor(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(FOCUS_RING)
            ring.setPen(pen)
            half = FOCUS_RING // 2
            ring.drawRect(self.viewport().rect().adjusted(half, half, -half - 1, -half - 1))
            ring.end()
        message = self.empty_message()
        if not message:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), message)
        painter.end()

    def _open(self, index: QModelIndex) -> None:
        value = index.data(ROW_ROLE)
        if value is not None:
            self.activated_row.emit(value)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def current_value(self) -> Any:
        """The value of the selected row, or None."""
        index = self.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def set_resize_modes(self, *modes: QHeaderView.ResizeMode) -> None:
        """Resize mode of each column in turn; the header no longer stretches the last."""
        header = self.horizontalHeader()
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        header.setStretchLastSection(False)


def size_columns(
    table: QTableView, stretch: int, samples: dict[int, str], icons: tuple[int, ...] = ()
) -> None:
    """Give columns starting widths from sample text and let ``stretch`` take the rest.

    ``icons`` are the columns that draw an icon (or a checkbox) before their text. The
    user can still drag the other columns wider or narrower (MainWindow remembers the
    widths). ResizeToContents would instead ask the model for every loaded row's text,
    icon and font each time a case opens: most of the time it took to show a case of a
    few hundred records.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    bold = QFont(table.font())
    bold.setBold(True)  # significant and overdue rows are bold
    metrics = QFontMetrics(bold)
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        icon_width = table.iconSize().width() + 8 if column in icons else 0
        cell = metrics.horizontalAdvance(samples.get(column, "")) + icon_width
        width = max(cell, metrics.horizontalAdvance(title)) + 24  # and the margins
        header.resizeSection(column, width)
