"""Search: the box in the toolbar, the results page, and the model and painter behind it.

Results come as the user types (after a short pause), across the notebook, with the case
of each hit; Enter opens the record.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from notebook.domain import SearchHit
from ui import text
from ui.icons import icon
from ui.models import ACCESSIBLE, DECORATION, DISPLAY, HTML_ROLE, ROW_ROLE, RowModel, kind_icon
from ui.widgets import pause_timer

SEARCH_MS = 180


class SearchResultModel(RowModel):
    """Search hits; :data:`HTML_ROLE` gives the title, case and snippet as safe HTML."""

    COLUMNS = ("Result",)

    def cell(self, value: SearchHit, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role in (DISPLAY, ACCESSIBLE):
            return f"{value.title} — {value.case_ref}, {text.day(value.event_at)}"
        if role == DECORATION:
            return kind_icon(value.kind)
        if role == HTML_ROLE:
            status = kinds.label(value.status)
            return (
                f"<b>{html.escape(value.title)}</b> &nbsp;·&nbsp; {html.escape(value.case_ref)}"
                f" &nbsp;·&nbsp; {html.escape(text.when(value.event_at))} &nbsp;·&nbsp; {status}"
                f"<br>{text.snippet_html(value.snippet)}"
            )
        return None


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


class Search(QObject):
    """The search box: searches the notebook a short pause after the user stops typing.

    Esc in the box clears it; Down goes to the results.

    Signals:
        started(): a query was typed; its results will replace the page shown.
        found(): the results of the query in the box are on the search view.
        cleared(): the box was emptied.
        failed(object): the search failed; the exception.
    """

    started = Signal()
    found = Signal()
    cleared = Signal()
    failed = Signal(object)

    def __init__(
        self,
        bridge: Any,
        view: SearchView,
        before_search: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.view = view
        self._before_search = before_search  # saves the open draft, so that search finds it
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText("Search the notebook (Ctrl+F)")
        self.field.setAccessibleName("Search the notebook")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(260)
        self.field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.textChanged.connect(self._changed)
        self.field.returnPressed.connect(view.open_current)
        clear = QShortcut(QKeySequence("Esc"), self.field)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.field.clear)
        down = QShortcut(QKeySequence("Down"), self.field)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(view.list.setFocus)
        self.timer = pause_timer(self, SEARCH_MS, self.run)

    def focus(self) -> None:
        """Ctrl+F."""
        self.field.setFocus()
        self.field.selectAll()

    def _changed(self, query: str) -> None:
        if query.strip():
            self.started.emit()
            self.timer.start()
        else:
            self.timer.stop()
            self.view.model.clear()
            self.cleared.emit()

    def run(self) -> None:
        """Search for what the box holds (again, after records changed)."""
        query = self.field.text()
        if not query.strip():
            return
        self._before_search()
        self.bridge.run(
            self.bridge.notebook.records.search,
            query,
            on_done=lambda hits: self._show_hits(query, hits),
            on_error=self.failed.emit,
        )

    def _show_hits(self, query: str, hits: list[Any]) -> None:
        if query != self.field.text():
            return  # the user typed on; a newer search is queued
        self.view.show_hits(query, hits)
        self.found.emit()

    def stop(self) -> None:
        """Stop searching and empty the box (on lock and quit)."""
        self.timer.stop()
        # Qt's fading clear button must go before the text does: clearing with the
        # button shown starts an animation that outlives the window and crashes at exit.
        self.field.setClearButtonEnabled(False)
        self.field.clear()
