"""The left of the main window: the case list, filtered as the user types, open or closed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casebook.domain import Case
from ui import text
from ui.dialogs import NewCaseDialog
from ui.models import ACCESSIBLE, DISPLAY, FOREGROUND, ROW_ROLE, TOOLTIP, RowModel
from ui.tables import RecordTable

STATUS_CHOICES = (("Open cases", "open"), ("Closed cases", "closed"), ("All cases", None))


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

    def clear(self) -> None:
        """Drop every case, not only the rows shown (on lock): a filter typed later finds none."""
        self._all, self._keys = [], []
        super().clear()

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

    def empty_text(self) -> str:
        """Why no case is listed, and what to do."""
        if not self._all:
            return "No cases yet.\nNew case (Ctrl+Shift+N) creates the first one."
        status = {"open": "open ", "closed": "closed "}.get(self._status or "", "")
        if self._text:
            return f"No {status}case matches “{self._text}”."
        return f"No {status}cases." + ("\nClosed cases are under Closed cases." if status else "")

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


class CasePane(QWidget):
    """The case list with its filter box and open/closed choice, and New case.

    Args:
        bridge: the way into the notebook.
        current_ref: the case shown on the right, kept selected when the list reloads.

    Signals:
        case_selected(str): the user moved the selection to case ``ref``.
        case_clicked(str): the user clicked case ``ref`` (selected already or not).
        case_opened(str): the user opened case ``ref`` (Enter, double-click, a new case).
        cases_loaded(object): every case from the core (a list), after each reload; an
            empty list when the cases are dropped (on lock and quit).
        failed(object): making a case failed; the exception.
    """

    case_selected = Signal(str)
    case_clicked = Signal(str)
    case_opened = Signal(str)
    cases_loaded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        bridge: Any,
        current_ref: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("casesPane")
        self.bridge = bridge
        self._current_ref = current_ref
        self.cases = CaseListModel(self)
        self.case_filter = QLineEdit()
        self.case_filter.setPlaceholderText("Filter cases")
        self.case_filter.setAccessibleName("Filter cases")
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.textChanged.connect(lambda t: self.cases.set_filter(text=t))
        self.case_status = QComboBox()
        self.case_status.setAccessibleName("Case status")
        for label, value in STATUS_CHOICES:
            self.case_status.addItem(label, value)
        self.case_status.currentIndexChanged.connect(
            lambda _: self.cases.set_filter(status=self.case_status.currentData())
        )
        self.case_table = RecordTable(self.cases, "Cases")
        mode = QHeaderView.ResizeMode
        self.case_table.set_resize_modes(mode.Stretch, mode.ResizeToContents)
        self.case_table.setWordWrap(False)
        self.case_table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.cases.modelReset.connect(
            lambda: self.case_table.set_empty_text(self.cases.empty_text())
        )
        # A click on the case already selected changes no selection: it still means "show it".
        self.case_table.clicked.connect(self._clicked)
        self.case_table.activated_row.connect(lambda c: self.case_opened.emit(c.ref))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addWidget(self.case_filter)
        layout.addWidget(self.case_status)
        layout.addWidget(self.case_table, 1)

    def refresh(self) -> None:
        """Reload the case list from the core."""
        self.bridge.run(self.bridge.notebook.cases.list, on_done=self._cases_loaded)

    def _cases_loaded(self, cases: list[Any]) -> None:
        self.cases.set_cases(cases)
        self.cases_loaded.emit(list(cases))
        ref = self._current_ref()
        if ref:
            self.select(ref)

    def select(self, ref: str) -> None:
        """Select case ``ref`` in the list (quietly: it is already shown)."""
        row = self.cases.row_of(ref)
        if row >= 0:
            selection = self.case_table.selectionModel()
            blocked = self.case_table.blockSignals(True), selection.blockSignals(True)
            self.case_table.selectRow(row)
            self.case_table.blockSignals(blocked[0])
            selection.blockSignals(blocked[1])
            self.case_table.viewport().update()

    @Slot(object, object)
    def _row_changed(self, current: Any, _previous: Any) -> None:
        case = current.data(ROW_ROLE) if current.isValid() else None
        if case is not None:
            self.case_selected.emit(case.ref)

    @Slot(object)
    def _clicked(self, index: Any) -> None:
        case = index.data(ROW_ROLE) if index.isValid() else None
        if case is not None:
            self.case_clicked.emit(case.ref)

    def focus_filter(self) -> None:
        """Ctrl+0."""
        self.case_filter.setFocus()
        self.case_filter.selectAll()

    def new_case(self) -> None:
        """Ask for a reference and title, then open the new case."""
        dialog = NewCaseDialog(self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ref, title = dialog.values()
        self.bridge.run(
            partial(self.bridge.notebook.cases.add, opened=dialog.opened()),
            ref,
            title,
            on_done=lambda case: self._case_created(case.ref),
            on_error=self.failed.emit,
        )

    def _case_created(self, ref: str) -> None:
        if self.case_status.currentData() == "closed":
            self.case_status.setCurrentIndex(0)
        self.case_opened.emit(ref)
        self.refresh()

    def clear(self) -> None:
        """Drop every case and the filter text (on lock and quit)."""
        self.cases.clear()
        self.cases_loaded.emit([])
        # Qt's fading clear button must go before the text does (see ui.search.Search.stop).
        self.case_filter.setClearButtonEnabled(False)
        self.case_filter.clear()
