"""The pages of the main window: a case, actions due, the reflective log, search results."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from ui import text
from ui.editors.fields import text_edit
from ui.icons import KIND_ICONS, icon
from ui.models import (
    HTML_ROLE,
    ROW_ROLE,
    ActionListModel,
    ChronologyModel,
    PeopleModel,
    RecordListModel,
    ReflectionModel,
    SearchResultModel,
)
from ui.queries import CaseOverview, chronology_of


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

    def _open(self, index: QModelIndex) -> None:
        value = index.data(ROW_ROLE)
        if value is not None:
            self.activated_row.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def current_value(self) -> Any:
        """The value of the selected row, or None."""
        index = self.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None


# Sample texts that size columns: as wide as the widest the column shows.
WIDEST_WHEN = "Wed 30 Sep 2026, 00:00"
WIDEST_DUE = "Overdue · 30 Sep 2026"
WIDEST_STATUS = max((kinds.label(s) for s in ("draft", "final")), key=len)
WIDEST_NOTES = "Significant · Imported · Late entry (claimed)"


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


class CaseView(QWidget):
    """One case: header and tabs Records, People, Chronology, Actions.

    Signals:
        open_record(str): record id.
        new_record(str): kind.
        add_person(): the user wants to add someone.
        edit_person(object): the Person to edit.
        significant_only(bool): the chronology filter changed.
        set_status(str): close ("closed") or reopen ("open") the case.
        summary_requested(): the user wants a signed summary (of this case, to start with).
    """

    open_record = Signal(str)
    new_record = Signal(str)
    add_person = Signal()
    edit_person = Signal(object)
    significant_only = Signal(bool)
    set_status = Signal(str)
    summary_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.case: Any = None
        self.records = RecordListModel(self)
        self.people = PeopleModel(self)
        self.chronology = ChronologyModel(self)
        self.action_model = ActionListModel(self, show_case=False)

        self.heading = QLabel()
        self.heading.setObjectName("caseHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.status_button = QPushButton()
        self.status_button.clicked.connect(self._toggle_status)
        self.new_button = QPushButton("New record")
        self.new_button.setIcon(icon("new_record"))
        self.new_menu = QMenu(self)
        for kind in kinds.KINDS:
            action = self.new_menu.addAction(icon(KIND_ICONS[kind]), kinds.KIND_LABELS[kind])
            action.triggered.connect(lambda _=False, k=kind: self.new_record.emit(k))
        self.new_button.setMenu(self.new_menu)
        self.summary_button = QPushButton("Signed summary…")
        self.summary_button.setIcon(icon("summary"))
        self.summary_button.setToolTip("Export a signed PDF summary of this case (Ctrl+Shift+S)")
        self.summary_button.clicked.connect(self.summary_requested.emit)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.status_button)
        head.addWidget(self.summary_button)
        head.addWidget(self.new_button)

        self.record_table = RecordTable(self.records, "Records")
        self.record_table.activated_row.connect(lambda r: self.open_record.emit(r.id))
        size_columns(
            self.record_table, 0, {1: WIDEST_WHEN, 2: WIDEST_STATUS, 3: WIDEST_NOTES}, (2, 3)
        )
        self.record_table.setSortingEnabled(False)

        self.people_table = RecordTable(self.people, "People")
        self.people_table.activated_row.connect(self.edit_person.emit)
        ph = self.people_table.horizontalHeader()
        for col in range(4):
            ph.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.people_table.setColumnWidth(0, 240)
        add_person = QPushButton("Add person…")
        add_person.clicked.connect(self.add_person.emit)
        edit_person = QPushButton("Edit…")
        edit_person.clicked.connect(self._edit_current_person)
        people_page = _page(self.people_table, add_person, edit_person)

        self.chronology_table = RecordTable(self.chronology, "Chronology")
        self.chronology_table.activated_row.connect(lambda e: self.open_record.emit(e.id))
        size_columns(
            self.chronology_table, 1, {0: WIDEST_WHEN, 2: WIDEST_STATUS, 3: WIDEST_NOTES}, (2, 3)
        )
        self.significant_box = QCheckBox("Significant events only")
        self.significant_box.toggled.connect(self._filter_chronology)
        chronology_page = _page(self.chronology_table, self.significant_box)

        self.actions_table = RecordTable(self.action_model, "Actions")
        self.actions_table.activated_row.connect(lambda a: self.open_record.emit(a.record_id))
        size_columns(self.actions_table, 2, {1: WIDEST_DUE}, (0,))
        self.actions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.record_table, icon("records"), "Records")
        self.tabs.addTab(people_page, icon("people"), "People")
        self.tabs.addTab(chronology_page, icon("chronology"), "Chronology")
        self.tabs.addTab(self.actions_table, icon("actions"), "Actions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def show_overview(self, overview: CaseOverview) -> None:
        """Show a case (from :func:`ui.queries.case_overview`)."""
        same = self.case is not None and self.case.ref == overview.case.ref
        current = self.record_table.current_value() if same else None
        self.case = overview.case
        case = overview.case
        opened = f"opened {text.day(case.opened)}" if case.opened else ""
        closed = f", closed {text.day(case.closed)}" if case.closed else ""
        self.heading.setText(
            f"<span style='font-size: 15pt'><b>{html.escape(case.ref)}</b>"
            f" — {html.escape(case.title)}</span><br>"
            f"<span>{kinds.label(case.status)}, {opened}{closed} · "
            f"{len(overview.records)} records · {len(overview.people)} people</span>"
        )
        self.status_button.setText("Reopen case" if case.status == "closed" else "Close case")
        self.records.set_rows(overview.records)
        self.people.set_rows(overview.people)
        self.chronology.set_rows(overview.chronology)
        self.action_model.set_rows(overview.actions)
        if current is not None:
            row = self.records.row_of(current.id)
            if row >= 0:
                self.record_table.selectRow(row)

    def _filter_chronology(self, significant_only: bool) -> None:
        # The records are at hand: the filter needs no query.
        records = self.records.rows()
        self.chronology.set_rows(chronology_of(records, significant_only=significant_only))
        self.significant_only.emit(significant_only)

    def clear(self) -> None:
        """Drop every row (on lock)."""
        self.case = None
        self.heading.clear()
        for model in (self.records, self.people, self.chronology, self.action_model):
            model.clear()

    def _edit_current_person(self) -> None:
        person = self.people_table.current_value()
        if person is not None:
            self.edit_person.emit(person)

    def _toggle_status(self) -> None:
        if self.case is not None:
            self.set_status.emit("open" if self.case.status == "closed" else "closed")


def _page(table: QWidget, *widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(table, 1)
    return page


class ActionsDueView(QWidget):
    """Open actions across the notebook by due date; overdue ones stand out.

    Signals:
        open_record(str): record id.
        overdue_only(bool): the filter changed.
    """

    open_record = Signal(str)
    overdue_only = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsDueView")
        self.model = ActionListModel(self)
        heading = QLabel("<span style='font-size: 15pt'><b>Actions due</b></span>")
        self.summary = QLabel()
        self.overdue_box = QCheckBox("Overdue only")
        self.overdue_box.toggled.connect(self.overdue_only.emit)
        self.table = RecordTable(self.model, "Actions due")
        self.table.activated_row.connect(lambda a: self.open_record.emit(a.record_id))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addStretch(1)
        row.addWidget(self.overdue_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_actions(self, actions: list[Any]) -> None:
        """Show open actions from the core."""
        self.model.set_rows(actions)
        overdue = sum(1 for a in actions if self.model.is_overdue(a))
        self.summary.setText(
            f"{len(actions)} open actions, {overdue} overdue. Tick an action when it is done."
        )


class ReflectiveLogView(QWidget):
    """The private reflective log: entries newest first, and a box to add one.

    Signals:
        add(str): text of a new reflection.
    """

    add = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflectiveLogView")
        self.model = ReflectionModel(self)
        heading = QLabel("<span style='font-size: 15pt'><b>Reflective log</b></span>")
        note = QLabel(
            "Private: for your own supervision and self-care. It is never included in an "
            "export or summary unless you ask for it."
        )
        note.setWordWrap(True)
        self.table = RecordTable(self.model, "Reflective log")
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

    def _add(self) -> None:
        value = self.text.toPlainText()
        if value.strip():
            self.add.emit(value)
            self.text.clear()


class HtmlDelegate(QStyledItemDelegate):
    """Paints :data:`HTML_ROLE` (already escaped, with bold matches) in a list."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(100, option.rect.width() - 40))
        return doc

    def paint(
        self,
        painter: Any,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_ = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text_
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 32, option.rect.top() + 4)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 36, option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 8)


class SearchView(QWidget):
    """Search results as the user types: title, case, date and a snippet with matches in bold.

    Signals:
        open_hit(object): the SearchHit the user opened.
    """

    open_hit = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchView")
        self.model = SearchResultModel(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setModelColumn(0)
        self.list.setAccessibleName("Search results")
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setIconSize(QSize(20, 20))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._open)
        self.list.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_hits(self, query: str, hits: list[Any]) -> None:
        """Show the hits for ``query``."""
        self.model.set_rows(hits)
        count = (
            "No records" if not hits else f"{len(hits)} record" + ("s" if len(hits) != 1 else "")
        )
        self.heading.setText(
            f"<span style='font-size: 13pt'><b>{count}</b> match “{html.escape(query)}”</span>"
            + (
                ""
                if hits
                else "<br>Search looks at every word as the start of a word in "
                "records, names, tags, actions and addenda."
            )
        )
        if hits:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(ROW_ROLE)
        if hit is not None:
            self.open_hit.emit(hit)

    def open_current(self) -> None:
        """Open the selected hit (Enter in the search field)."""
        index = self.list.currentIndex()
        if index.isValid():
            self._open(index)
