"""One case on the right of the main window: its records, people, chronology and actions."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.domain import RecordSummary
from ui import text
from ui.actions import ActionListModel
from ui.chronology_events import EventCells, chronology_controls
from ui.icons import KIND_ICONS, icon
from ui.intake_dialog import intake_page
from ui.models import (
    ACCESSIBLE,
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    RowModel,
    bold_font,
    kind_icon,
    warning_colour,
)
from ui.people_model import PeopleModel
from ui.queries import CaseOverview, chronology_of
from ui.tables import (
    WIDEST_DUE,
    WIDEST_NOTES,
    WIDEST_STATUS,
    WIDEST_WHEN,
    RecordTable,
    size_columns,
)
from ui.trends import TrendsPage


class _RecordRows(RowModel):
    """A case's records, one a row: title, event time, status and marks.

    Subclasses order the columns (:attr:`PARTS`); :attr:`DETAILS` adds the kind and the
    late entry's written time as tooltips, and late entries in the warning colour.
    """

    PARTS: tuple[str, ...] = ()
    DETAILS = False

    def cell(self, value: RecordSummary, column: int, role: int) -> Any:
        part = self.PARTS[column] if 0 <= column < len(self.PARTS) else ""
        if part == "title":
            if role in (DISPLAY, ACCESSIBLE):
                return value.title
            if role == DECORATION:
                return kind_icon(value.kind)
            if role == TOOLTIP and self.DETAILS:
                return kinds.KIND_LABELS.get(value.kind, value.kind)
            if role == FONT and value.significant:
                return bold_font()
        elif part == "when":
            if role in (DISPLAY, ACCESSIBLE):
                return text.when(value.event_at)
        elif part == "status":
            if role in (DISPLAY, ACCESSIBLE):
                return kinds.label(value.status)
            if role == DECORATION:
                return icon("final" if value.status == "final" else "draft")
        elif part == "notes":
            return self._notes(value, role)
        return None

    def _notes(self, value: RecordSummary, role: int) -> Any:
        if role in (DISPLAY, ACCESSIBLE):
            return " · ".join(record_marks(value))
        if role == DECORATION and value.significant:
            return icon("significant")
        if role == TOOLTIP and (value.late or value.is_imported):
            return written_tooltip(value)
        if role == FOREGROUND and value.late and self.DETAILS:
            return QBrush(warning_colour())
        return None


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
    if value.status == "final":
        return f"Finalised more than a day after the event (started {text.when(value.written_at)})"
    if value.last_written_at:
        return (
            f"Last written {text.when(value.last_written_at)} (started "
            f"{text.when(value.written_at)}), more than a day after the event"
        )
    return f"Written {text.when(value.written_at)}, more than a day after the event"


class RecordListModel(_RecordRows):
    """A case's records, newest first (as the core orders them)."""

    COLUMNS = ("Record", "Event", "Status", "Notes")
    PARTS = ("title", "when", "status", "notes")
    DETAILS = True

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


class ChronologyModel(EventCells, _RecordRows):
    """A case's records and chronology events in date order, oldest first."""

    COLUMNS = ("Date", "Event", "Status", "Notes")
    PARTS = ("when", "title", "status", "notes")


class CaseView(QWidget):
    """One case: header and tabs Records, People, Chronology, Actions.

    Signals:
        open_record(str): record id.
        new_record(str): kind.
        add_person(): the user wants to add someone.
        edit_person(object): the Person to edit.
        person_details(object): the Person whose details (relationship, legal status ...)
            to show and change.
        significant_only(bool): the chronology filter changed.
        set_status(str): close ("closed") or reopen ("open") the case.
        summary_requested(): the user wants a signed summary (of this case, to start with).
        edit_case(): the user wants to change the case's title.
        intake_requested(): the user wants to see or change the case's intake.
        involvement(object, bool): the Person, and whether they are involved (again).
        chronology_requested(bool): print or save the chronology (significant only or not).
        words_and_pictures(object): explain to a child (the Person chosen, or None).
    """

    open_record = Signal(str)
    new_record = Signal(str)
    add_person = Signal()
    edit_person = Signal(object)
    person_details = Signal(object)
    significant_only = Signal(bool)
    set_status = Signal(str)
    summary_requested = Signal()
    edit_case = Signal()
    intake_requested = Signal()
    involvement = Signal(object, bool)
    chronology_requested = Signal(bool)
    add_event = Signal()
    event_activated = Signal(object)
    significance_requested = Signal(object)
    words_and_pictures = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.case: Any = None
        self.status_changes: list[Any] = []  # the case's closes and reopens, with reasons
        self.events: list[Any] = []  # chronology events that are not records
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
        self.edit_button = QPushButton("Edit case…")
        self.edit_button.setToolTip("Change the case's title")
        self.edit_button.clicked.connect(self.edit_case.emit)
        self.intake_button = QPushButton("Intake…")
        self.intake_button.setToolTip(
            "Referral, first contact, confidentiality, consent to share, GP and language"
        )
        self.intake_button.clicked.connect(self.intake_requested.emit)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.status_button)
        head.addWidget(self.summary_button)
        head.addWidget(self.new_button)

        self.record_table = RecordTable(self.records, "Records")
        self.record_table.activated_row.connect(lambda r: self.open_record.emit(r.id))
        size_columns(
            self.record_table, 0, {1: WIDEST_WHEN, 2: WIDEST_STATUS, 3: WIDEST_NOTES}, (2, 3)
        )
        self.record_table.setSortingEnabled(False)
        self.record_table.set_empty_text(
            "No records in this case yet.\nNew record (Ctrl+N) starts one: a session, direct "
            "work with a child or partner support."
        )

        self.people_table = RecordTable(self.people, "People")
        self.people_table.activated_row.connect(self.edit_person.emit)
        ph = self.people_table.horizontalHeader()
        for col in range(4):
            ph.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.people_table.setColumnWidth(0, 240)
        self.people_table.set_empty_text(
            "No people in this case yet.\nAdd person… adds the child, partner, person of "
            "concern or anyone else involved."
        )
        add_person = QPushButton("Add person…")
        add_person.clicked.connect(self.add_person.emit)
        edit_person = QPushButton("Edit…")
        edit_person.clicked.connect(self._edit_current_person)
        details_button = QPushButton("Details…")
        details_button.setToolTip(
            "Relationship to the child, contact, language, legal status and conditions"
        )
        details_button.clicked.connect(self._current_person_details)
        self.involved_button = QPushButton("No longer involved…")
        self.involved_button.setToolTip(
            "Mark the person chosen as no longer involved, or as involved again"
        )
        self.involved_button.clicked.connect(self._toggle_involvement)
        self.people_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_involved_button()
        )
        self.explain_button = QPushButton("Words and pictures…")
        self.explain_button.setIcon(icon("child_work"))
        self.explain_button.setToolTip(
            "Explain to a child in plain words and simple pictures, printed for them"
        )
        self.explain_button.clicked.connect(
            lambda: self.words_and_pictures.emit(self.people_table.current_value())
        )
        people_page = _page(
            self.people_table,
            add_person,
            edit_person,
            details_button,
            self.involved_button,
            self.explain_button,
        )

        self.chronology_table = RecordTable(self.chronology, "Chronology")
        size_columns(
            self.chronology_table, 1, {0: WIDEST_WHEN, 2: WIDEST_STATUS, 3: WIDEST_NOTES}, (2, 3)
        )
        self.chronology_table.set_empty_text("No records in this case yet.")
        self.significant_box = QCheckBox("Significant events only")
        self.significant_box.toggled.connect(self._filter_chronology)
        self.print_chronology = QPushButton("Print or save as PDF…")
        self.print_chronology.setIcon(icon("summary"))
        self.print_chronology.clicked.connect(
            lambda: self.chronology_requested.emit(self.significant_box.isChecked())
        )
        self.add_event_button, self.significance_button = chronology_controls(self)
        chronology_page = _page(self.chronology_table, self.significant_box, self.add_event_button,
                                self.significance_button, self.print_chronology)  # fmt: skip

        self.actions_table = RecordTable(self.action_model, "Actions")
        self.actions_table.activated_row.connect(lambda a: self.open_record.emit(a.record_id))
        size_columns(self.actions_table, 2, {1: WIDEST_DUE}, (0,))
        self.actions_table.set_empty_text(
            "No actions in this case.\nActions are raised in a record's Actions section."
        )

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.record_table, icon("records"), "Records")
        self.tabs.addTab(people_page, icon("people"), "People")
        self.tabs.addTab(chronology_page, icon("chronology"), "Chronology")
        self.tabs.addTab(self.actions_table, icon("actions"), "Actions")
        self.trends = TrendsPage()
        self.trends.open_record.connect(self.open_record)
        self.tabs.addTab(self.trends, icon("chronology"), "Change over time")
        self.tabs.addTab(intake_page(self.intake_button), icon("case"), "Intake")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def show_overview(self, overview: CaseOverview) -> None:
        """Show a case (from :func:`ui.queries.case_overview`)."""
        same = self.case is not None and self.case.ref == overview.case.ref
        current = self.record_table.current_value() if same else None
        self.case = overview.case
        self.status_changes = list(overview.status_changes)
        case = overview.case
        opened = f"opened {text.day(case.opened)}" if case.opened else ""
        closed = f", closed {text.day(case.closed)}" if case.closed else ""
        last = overview.status_changes[-1] if overview.status_changes else None
        why = (
            f"<br><span>{'Closed' if last.status == 'closed' else 'Reopened'} "
            f"{html.escape(text.when(last.at))}: {html.escape(last.reason)}</span>"
            if last is not None and last.status == case.status and last.reason
            else ""
        )
        self.heading.setText(
            f"<span style='font-size: 15pt'><b>{html.escape(case.ref)}</b>"
            f" — {html.escape(case.title)}</span><br>"
            f"<span>{kinds.label(case.status)}, {opened}{closed} · "
            f"{text.count(len(overview.records), 'record')} · "
            f"{text.count(len(overview.people), 'person', 'people')}</span>{why}"
        )
        self.status_button.setText("Reopen case…" if case.status == "closed" else "Close case…")
        self.records.set_rows(overview.records)
        self.people.involvement = dict(overview.involvement)
        self.people.set_rows(overview.people)
        self._show_involved_button()
        self.events = list(overview.events)
        self.explain_button.setEnabled(any(p.role == "child" for p in overview.people))
        self.chronology.set_rows(overview.chronology)
        self.action_model.set_rows(overview.actions)
        self.trends.show_trends(overview.trends)
        if current is not None:
            row = self.records.row_of(current.id)
            if row >= 0:
                self.record_table.selectRow(row)

    def _filter_chronology(self, significant_only: bool) -> None:
        # The records are at hand: the filter needs no query.
        records = self.records.rows()
        self.chronology_table.set_empty_text(
            "No significant events yet. Tick “Significant event” in a record to show it here."
            if significant_only and records
            else "No records in this case yet."
        )
        self.chronology.set_rows(
            chronology_of(records, significant_only=significant_only, events=self.events)
        )
        self.significant_only.emit(significant_only)

    def update_record(
        self, summary: RecordSummary, actions: list[Any], trends: list[Any] | None = None
    ) -> bool:
        """Show a draft's autosaved row in place, the case's actions and change over time.

        Returns:
            False when the row moved (its event time changed) or is not shown: then the
            case must be read again.
        """
        row = self.records.row_of(summary.id)
        if row < 0 or self.records.row_at(row).event_at != summary.event_at:
            return False
        old = self.records.row_at(row)
        self.records.replace_row(row, summary)
        rows = self.chronology.rows()
        at = next((i for i, r in enumerate(rows) if r.id == summary.id), -1)
        if old.significant != summary.significant and self.significant_box.isChecked():
            self.chronology.set_rows(chronology_of(self.records.rows(), significant_only=True))
        elif at >= 0:
            self.chronology.replace_row(at, summary)
        self.action_model.set_rows(actions)
        if trends is not None:
            self.trends.show_trends(trends)
        return True

    def clear(self) -> None:
        """Drop every row (on lock)."""
        self.case = None
        self.status_changes = []
        self.people.involvement = {}
        self.heading.clear()
        for model in (self.records, self.people, self.chronology, self.action_model):
            model.clear()
        self.trends.clear()

    def _current_person_details(self) -> None:
        person = self.people_table.current_value()
        if person is not None:
            self.person_details.emit(person)

    def _edit_current_person(self) -> None:
        person = self.people_table.current_value()
        if person is not None:
            self.edit_person.emit(person)

    def _show_involved_button(self) -> None:
        person = self.people_table.current_value()
        gone = person is not None and person.key in self.people.involvement
        self.involved_button.setText("Involved again" if gone else "No longer involved…")
        self.involved_button.setEnabled(person is not None)

    def _toggle_involvement(self) -> None:
        person = self.people_table.current_value()
        if person is not None:
            self.involvement.emit(person, person.key in self.people.involvement)

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
