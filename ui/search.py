"""Search: the box in the toolbar, the results page, and the model and painter behind it.

Results come as the user types (after a short pause), across the notebook or narrowed to
one case and one record kind (as ``casebook search --case REF --kind KIND``), with the case
of each hit; Enter opens the record.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
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
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.domain import Case, SearchHit
from casebook.stores.search_index import MAX_SEARCH_RESULTS
from ui import text
from ui.icons import icon
from ui.models import ACCESSIBLE, DECORATION, DISPLAY, HTML_ROLE, ROW_ROLE, RowModel, kind_icon
from ui.search_filter import Asked, only_filter, search_by_class, set_report_sources
from ui.widgets import pause_timer, push_button

SEARCH_MS = 180
SEARCH_LIMIT = 50  # hits shown at first; Show more asks for MAX_SEARCH_RESULTS
ALL_CASES, ALL_KINDS = "All cases", "All kinds"


def _case_label(case: Case) -> str:
    """A case as the case list shows it: ``C-1042 — Family A (closed)``."""
    label = f"{case.ref} — {case.title}" if case.title else case.ref
    return label + (" (closed)" if case.status == "closed" else "")


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
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(100, width - 40))
        return doc

    def paint(
        self,
        painter: Any,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index, option.rect.width())
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
        # A list asks with no row width in option.rect: the row is as wide as the list's
        # viewport, and wraps there as paint() will (else rows get the height of text
        # wrapped at 100 pixels, or overlap).
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 0
        width = width or option.rect.width()
        doc = self._document(option, index, width)
        return QSize(width, int(doc.size().height()) + 8)


class SearchView(QWidget):
    """Search results as the user types: title, case, date and a snippet with matches in bold,
    with pickers that narrow the search to one case and one record kind.

    Signals:
        open_hit(object): the SearchHit the user opened.
        narrowed(): the user chose another case or kind in the pickers.
        more_requested(): the user asked for more hits than the first ones.
    """

    open_hit = Signal(object)
    narrowed = Signal()
    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchView")
        self.model = SearchResultModel(self)
        self.case_picker = QComboBox()
        self.case_picker.setObjectName("searchCase")
        self.case_picker.setAccessibleName("Search in case")
        self.case_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.case_picker.setMaximumWidth(420)  # a long case title is cut, not the row
        self.case_picker.addItem(ALL_CASES, None)
        self.kind_picker = QComboBox()
        self.kind_picker.setObjectName("searchKind")
        self.kind_picker.setAccessibleName("Search records of kind")
        self.kind_picker.addItem(ALL_KINDS, None)
        for kind in kinds.KINDS:
            self.kind_picker.addItem(kind_icon(kind), kinds.KIND_LABELS[kind], kind)
        self._cases: tuple[tuple[str, str], ...] = ()
        for picker in (self.case_picker, self.kind_picker):
            picker.currentIndexChanged.connect(lambda _: self.narrowed.emit())
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setModelColumn(0)
        self.list.setAccessibleName("Search results")
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrap anew when resized
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setIconSize(QSize(20, 20))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._open)
        self.list.doubleClicked.connect(self._open)
        pickers = QHBoxLayout()
        label = QLabel("Search in")
        label.setBuddy(self.case_picker)
        pickers.addWidget(label)
        pickers.addWidget(self.case_picker)
        pickers.addWidget(self.kind_picker)
        self.only = only_filter()
        pickers.addWidget(QLabel("Show"))
        pickers.addWidget(self.only)
        pickers.addStretch(1)
        self.more_button = push_button(
            "Show more", self.more_requested.emit, "search",
            f"Show up to {MAX_SEARCH_RESULTS} records, newest first",
        )  # fmt: skip
        self.more_button.hide()
        pickers.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(pickers)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    @property
    def case_ref(self) -> str | None:
        """The case the search is narrowed to, or None for every case."""
        ref = self.case_picker.currentData()
        return str(ref) if ref else None

    @property
    def kind(self) -> str | None:
        """The record kind the search is narrowed to, or None for every kind."""
        kind = self.kind_picker.currentData()
        return str(kind) if kind else None

    def set_cases(self, cases: Sequence[Case]) -> None:
        """Offer ``cases`` in the case picker, keeping the case chosen while it is there.

        A case no longer there (deleted, or the notebook locked) goes back to All cases.
        """
        shown = tuple((c.ref, _case_label(c)) for c in cases)
        if shown == self._cases:
            return  # the case list was reloaded or filtered: nothing new to offer
        chosen = self.case_ref
        self._fill_cases(shown, chosen)
        if chosen != self.case_ref:
            self.narrowed.emit()

    def _fill_cases(self, shown: tuple[tuple[str, str], ...], chosen: str | None) -> None:
        self._cases = shown
        picker = self.case_picker
        blocked = picker.blockSignals(True)
        picker.clear()
        picker.addItem(ALL_CASES, None)
        for ref, label in shown:
            picker.addItem(label, ref)
        picker.setCurrentIndex(max(0, picker.findData(chosen)) if chosen else 0)
        picker.blockSignals(blocked)

    def reset_narrowing(self) -> None:
        """Search everywhere again and forget the cases (on lock and quit)."""
        blocked = self.kind_picker.blockSignals(True)
        self.kind_picker.setCurrentIndex(0)
        self.kind_picker.blockSignals(blocked)
        self._fill_cases((), None)

    def _narrowing_words(self) -> str:
        """`` in case C-1042 (session only)`` or nothing when searching everywhere."""
        words = f" in case {self.case_ref}" if self.case_ref else ""
        if self.kind:
            words += f" ({kinds.KIND_LABELS[self.kind].lower()} only)"
        if self.only.currentData() is not None:
            words += f" ({self.only.currentText()[0].lower()}{self.only.currentText()[1:]})"
        return words

    def show_hits(self, query: str, hits: list[Any], limit: int = SEARCH_LIMIT) -> None:
        """Show the hits for ``query`` (in the case and kind the pickers show); ``limit``:
        the most that were asked for (as many came: there may be more)."""
        self.model.set_rows(hits)
        full = len(hits) >= limit
        if not hits:
            count = "No records"
        elif full:
            count = f"The {len(hits)} newest records"
        else:
            count = f"{len(hits)} record" + ("s" if len(hits) != 1 else "")
        narrowing = self._narrowing_words()
        if hits and not full:
            hint = ""
        elif full and limit < MAX_SEARCH_RESULTS:
            hint = "<br>There may be more: Show more, or narrow the search to a case or kind."
        elif full:
            hint = "<br>There may be more: narrow the search to a case or kind to see older ones."
        elif narrowing:
            hint = (
                f"<br>The search is narrowed: choose {ALL_CASES} and {ALL_KINDS} to search "
                "the whole notebook."
            )
        else:
            hint = (
                "<br>Search looks at every word as the start of a word in "
                "records, names, tags, actions and addenda."
            )
        verb = "matches" if len(hits) == 1 else "match"
        self.heading.setText(
            f"<span style='font-size: 13pt'><b>{count}</b> {verb} “{html.escape(query)}”"
            f"{html.escape(narrowing)}</span>{hint}"
        )
        self.more_button.setVisible(full and limit < MAX_SEARCH_RESULTS)
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
        view.only.activated.connect(lambda _: self._search_for(SEARCH_LIMIT))
        self.field.returnPressed.connect(view.open_current)
        clear = QShortcut(QKeySequence("Esc"), self.field)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.field.clear)
        down = QShortcut(QKeySequence("Down"), self.field)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(view.list.setFocus)
        self.timer = pause_timer(self, SEARCH_MS, self.run)
        self.limit = SEARCH_LIMIT  # how many hits to ask for: more after Show more
        view.narrowed.connect(self._narrowed)
        view.more_requested.connect(lambda: self._search_for(MAX_SEARCH_RESULTS))

    def focus(self) -> None:
        """Ctrl+F."""
        self.field.setFocus()
        self.field.selectAll()

    def _narrowed(self) -> None:
        # Only while the results show: a case deleted elsewhere must not pop them up.
        if self.view.isVisible():
            self._search_for(SEARCH_LIMIT)
        else:
            self.limit = SEARCH_LIMIT

    def _search_for(self, limit: int) -> None:
        self.limit = limit
        self.run()

    def _changed(self, query: str) -> None:
        self.limit = SEARCH_LIMIT
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
        # The core calls of `casebook search QUERY --case REF --kind KIND --limit N [--only]`.
        asked = self._asking(query)
        self.bridge.run(
            search_by_class,
            self.bridge.notebook,
            asked,
            on_done=lambda found: self._show_hits(asked, *found),
            on_error=self.failed.emit,
        )  # fmt: skip

    def _asking(self, query: str) -> Asked:
        """What a search for ``query`` asks now: the words, the narrowing, the limit."""
        view = self.view
        return Asked(query, view.only.currentData(), view.case_ref, view.kind, self.limit)

    def _show_hits(self, asked: Asked, hits: list[Any], people: list[Any]) -> None:
        if asked != self._asking(asked.query):
            return  # the user typed on or narrowed again; a newer search is queued
        set_report_sources(self.view.only, people)
        self.view.show_hits(asked.query, hits, asked.limit)
        self.found.emit()

    def stop(self) -> None:
        """Stop searching and empty the box (on lock and quit)."""
        self.timer.stop()
        # Qt's fading clear button must go before the text does: clearing with the
        # button shown starts an animation that outlives the window and crashes at exit.
        self.field.setClearButtonEnabled(False)
        self.field.clear()
        self.view.reset_narrowing()
