"""Table and list models fed with plain values from the core.

The core returns sorted lists (``ORDER BY`` in SQL); the models hold them and show
them in batches (``canFetchMore``/``fetchMore``) so a view of thousands of records
creates only the rows on screen. Sorting by a header re-sorts on precomputed keys in
the model, never through a ``QSortFilterProxyModel``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from notebook import kinds
from notebook.domain import (
    Action,
    Case,
    Person,
    RecordSummary,
    Reflection,
    SearchHit,
)
from ui import text
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


class CaseListModel(RowModel):
    """Cases, filtered as the user types (on precomputed lower-case keys)."""

    COLUMNS = ("Case", "Records")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Case] = []
        self._keys: list[str] = []
        self._text = ""
        self._status: str | None = "open"

    def set_cases(self, cases: Sequence[Case]) -> None:
        """Every case from the core (open first, then by ref)."""
        self._all = list(cases)
        self._keys = [f"{c.ref} {c.title}".casefold() for c in self._all]
        self._apply()

    def all_cases(self) -> list[Case]:
        """Every case from the core, whatever the filter shows."""
        return list(self._all)

    def set_filter(self, text: str | None = None, status: str | bool | None = False) -> None:
        """Show cases whose ref or title contain ``text`` and with ``status`` (None: all)."""
        if text is not None:
            self._text = text.casefold().strip()
        if status is not False:
            self._status = status  # type: ignore[assignment]
        self._apply()

    def _apply(self) -> None:
        words = self._text.split()
        self.set_rows(
            case
            for case, key in zip(self._all, self._keys, strict=True)
            if (self._status is None or case.status == self._status)
            and all(w in key for w in words)
        )

    def row_of(self, ref: str) -> int:
        """The row showing case ``ref``, or -1."""
        for i, case in enumerate(self._rows):
            if case.ref == ref:
                while i >= self._shown and self.canFetchMore(QModelIndex()):
                    self.fetchMore(QModelIndex())
                return i
        return -1

    def cell(self, value: Case, column: int, role: int) -> Any:
        if column == 0:
            if role in (DISPLAY, ACCESSIBLE):
                title = f"{value.ref} — {value.title}" if value.title else value.ref
                return title + (" (closed)" if value.status == "closed" else "")
            if role == TOOLTIP:
                opened = f"Opened {text.day(value.opened)}" if value.opened else ""
                closed = f", closed {text.day(value.closed)}" if value.closed else ""
                return opened + closed
            if role == FOREGROUND and value.status == "closed":
                return QApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
        elif column == 1 and role in (DISPLAY, ACCESSIBLE):
            return str(value.record_count)
        elif column == 1 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort_key(self, value: Case, column: int) -> Any:
        return (value.ref.casefold(),) if column == 0 else value.record_count


def record_marks(value: RecordSummary) -> list[str]:
    """The marks of a record's row; an imported record's late mark is a claim."""
    marks = ["Significant"] if value.significant else []
    if value.is_imported:
        marks.append("Imported")
    if value.late:
        marks.append("Late entry (claimed)" if value.is_imported else "Late entry")
    return marks


def written_tooltip(value: RecordSummary) -> str:
    """When a record was written, and for an imported one what its document claims."""
    if value.is_imported:
        claimed = text.when(value.claimed_written_at) if value.claimed_written_at else "no time"
        late = " (more than a day after the event)" if value.late else ""
        return f"Imported {text.when(value.imported_at)}; claimed written {claimed}{late}"
    return f"Written {text.when(value.written_at)}, more than a day after the event"


class RecordListModel(RowModel):
    """A case's records, newest first (as the core orders them)."""

    COLUMNS = ("Record", "Event", "Status", "Notes")

    def cell(self, value: RecordSummary, column: int, role: int) -> Any:
        if column == 0:
            if role in (DISPLAY, ACCESSIBLE):
                return value.title
            if role == DECORATION:
                return icon(KIND_ICONS.get(value.kind, "session"))
            if role == TOOLTIP:
                return kinds.KIND_LABELS.get(value.kind, value.kind)
            if role == FONT and value.significant:
                font = QFont()
                font.setBold(True)
                return font
        elif column == 1:
            if role in (DISPLAY, ACCESSIBLE):
                return text.when(value.event_at)
        elif column == 2:
            if role in (DISPLAY, ACCESSIBLE):
                return kinds.label(value.status)
            if role == DECORATION:
                return icon("final" if value.status == "final" else "draft")
        elif column == 3:
            if role in (DISPLAY, ACCESSIBLE):
                return " · ".join(record_marks(value))
            if role == DECORATION and value.significant:
                return icon("significant")
            if role == TOOLTIP and (value.late or value.is_imported):
                return written_tooltip(value)
            if role == FOREGROUND and value.late:
                return QBrush(warning_colour())
        return None

    def sort_key(self, value: RecordSummary, column: int) -> Any:
        return {
            0: value.title.casefold(),
            1: value.event_at and text.local(value.event_at).timestamp(),  # type: ignore[union-attr]
            2: value.status,
            3: (value.significant, value.late),
        }.get(column)

    def row_of(self, record_id: str) -> int:
        """The row of record ``record_id``, or -1."""
        return next((i for i, r in enumerate(self._rows[: self._shown]) if r.id == record_id), -1)


class ActionListModel(RowModel):
    """Actions with a done checkbox; overdue ones are marked in words and colour.

    Signals:
        done_requested(int, bool): the user ticked (or unticked) action ``id``.
    """

    COLUMNS = ("Done", "Due", "Action", "Case")
    done_requested = Signal(int, bool)

    def __init__(self, parent: Any = None, *, show_case: bool = True) -> None:
        super().__init__(parent)
        self._show_case = show_case
        self.today = date.today()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.COLUMNS) if self._show_case else len(self.COLUMNS) - 1

    def is_overdue(self, action: Action) -> bool:
        """Open and past its due date."""
        return bool(not action.done and action.due and action.due < self.today.isoformat())

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def cell(self, value: Action, column: int, role: int) -> Any:
        overdue = self.is_overdue(value)
        if column == 0:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value.done else Qt.CheckState.Unchecked
            if role == ACCESSIBLE:
                return "Done" if value.done else "Not done"
            return None
        if role == FOREGROUND and overdue and column == 1:
            return QBrush(warning_colour())
        if role == FONT and overdue and column == 1:
            font = QFont()
            font.setBold(True)
            return font
        if column == 1 and role in (DISPLAY, ACCESSIBLE):
            if not value.due:
                return "No date"
            return ("Overdue · " if overdue else "") + text.day(value.due)
        if column == 2 and role in (DISPLAY, ACCESSIBLE, TOOLTIP):
            return value.text
        if column == 3 and role in (DISPLAY, ACCESSIBLE):
            return value.case_ref or ""
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        action = self.row_at(index.row())
        if action is None or action.id is None:
            return False
        done = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        self.replace_row(index.row(), dataclasses.replace(action, done=done))
        self.done_requested.emit(action.id, done)
        return True

    def sort_key(self, value: Action, column: int) -> Any:
        return {
            0: value.done,
            1: (value.due is None, value.due or ""),
            2: value.text.casefold(),
            3: value.case_ref or "",
        }.get(column)


class PeopleModel(RowModel):
    """The people of a case: name, role, date of birth and age, GP."""

    COLUMNS = ("Name", "Role", "Born", "Age", "GP")

    def cell(self, value: Person, column: int, role: int) -> Any:
        if role not in (DISPLAY, ACCESSIBLE, TOOLTIP):
            return None
        if column == 0:
            if value.preferred_name and value.preferred_name != value.name:
                return f"{value.name} (“{value.preferred_name}”)"
            return value.name
        if column == 1:
            return kinds.label(value.role)
        if column == 2:
            return text.day(value.born)
        if column == 3:
            years = text.age(value.born)
            return "" if years is None else str(years)
        if column == 4:
            return value.gp
        return None


class ChronologyModel(RowModel):
    """A case's records in date order, oldest first."""

    COLUMNS = ("Date", "Event", "Status", "Notes")

    def cell(self, value: RecordSummary, column: int, role: int) -> Any:
        if column == 0 and role in (DISPLAY, ACCESSIBLE):
            return text.when(value.event_at)
        if column == 1:
            if role in (DISPLAY, ACCESSIBLE):
                return value.title
            if role == DECORATION:
                return icon(KIND_ICONS.get(value.kind, "session"))
            if role == FONT and value.significant:
                font = QFont()
                font.setBold(True)
                return font
        if column == 2:
            if role in (DISPLAY, ACCESSIBLE):
                return kinds.label(value.status)
            if role == DECORATION:
                return icon("final" if value.status == "final" else "draft")
        if column == 3:
            if role in (DISPLAY, ACCESSIBLE):
                return " · ".join(record_marks(value))
            if role == DECORATION and value.significant:
                return icon("significant")
            if role == TOOLTIP and (value.late or value.is_imported):
                return written_tooltip(value)
        return None


class SearchResultModel(RowModel):
    """Search hits; :data:`HTML_ROLE` gives the title, case and snippet as safe HTML."""

    COLUMNS = ("Result",)

    def cell(self, value: SearchHit, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role in (DISPLAY, ACCESSIBLE):
            return f"{value.title} — {value.case_ref}, {text.day(value.event_at)}"
        if role == DECORATION:
            return icon(KIND_ICONS.get(value.kind, "session"))
        if role == HTML_ROLE:
            import html

            status = kinds.label(value.status)
            return (
                f"<b>{html.escape(value.title)}</b> &nbsp;·&nbsp; {html.escape(value.case_ref)}"
                f" &nbsp;·&nbsp; {html.escape(text.when(value.event_at))} &nbsp;·&nbsp; {status}"
                f"<br>{text.snippet_html(value.snippet)}"
            )
        return None


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
