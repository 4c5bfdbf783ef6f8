"""View ▸ Diary: a week of next sessions planned in records, every overdue visit, and the
overdue actions, with Export .ics… (the same core calls as ``casebook diary``)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QVBoxLayout, QWidget

from casebook.diary import Diary, Visit, week_of
from ui import text
from ui.actions import ActionListModel, set_action_done
from ui.messages import describe
from ui.models import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    RowModel,
    bold_font,
    warning_colour,
)
from ui.settings import file_dialog_options
from ui.tables import RecordTable
from ui.widgets import hbox, push_button


class VisitListModel(RowModel):
    """Visits planned: the day, the case, the record that planned it; overdue ones marked."""

    COLUMNS = ("Day", "Case", "Planned in", "")

    def cell(self, value: Visit, column: int, role: int) -> Any:
        if role in (DISPLAY, ACCESSIBLE):
            return (
                text.day(value.day), value.case_ref, value.title,
                "Overdue: no record since" if value.overdue else "",
            )[column]  # fmt: skip
        if role == FOREGROUND and value.overdue:
            return QBrush(warning_colour())
        if role == FONT and value.overdue and column == 3:
            return bold_font()
        if role == TOOLTIP and column == 2:
            return "Open the record that planned it"
        return None


class DiaryView(QWidget):
    """The diary page: one week at a time (or everything upcoming).

    Signals:
        open_record(str): record id (the record that planned a visit, or of an action).
        failed(object): something asked for failed; the exception.
    """

    open_record = Signal(str)
    failed = Signal(object)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryView")
        self.bridge = bridge
        self.monday: date | None = week_of(date.today())[0]  # None: everything upcoming
        self.visits = VisitListModel(self)
        self.action_model = ActionListModel(self)
        self.action_model.done_requested.connect(
            lambda action_id, done: set_action_done(bridge, action_id, done, self.failed.emit)
        )
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSize(15)
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_note = QLabel()  # what Export .ics… did (a reload leaves it)
        self.export_note.setWordWrap(True)
        self.export_note.setTextFormat(Qt.TextFormat.PlainText)
        self.visit_table = RecordTable(self.visits, "Visits planned")
        self.visit_table.activated_row.connect(lambda v: self.open_record.emit(v.record_id))
        fit, stretch = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        self.visit_table.set_resize_modes(fit, fit, stretch, fit)
        self.visit_table.set_empty_text(
            "No visits planned in this week.\nA session record's Next session puts one here."
        )
        self.action_table = RecordTable(self.action_model, "Overdue actions")
        self.action_table.activated_row.connect(lambda a: self.open_record.emit(a.record_id))
        self.action_table.set_resize_modes(fit, fit, stretch, fit)
        self.action_table.set_empty_text("No overdue actions.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(hbox(
            self.heading, None,
            push_button("Previous week", lambda: self.step(-7)),
            push_button("This week", self.this_week),
            push_button("Next week", lambda: self.step(7)),
            push_button("All upcoming", self.all_upcoming),
            push_button("Export .ics…", self.export_ics, "calendar",
                        "Save these visits as a calendar file (not encrypted; case references, "
                        "no names)"),
        ))  # fmt: skip
        layout.addWidget(QLabel("Visits planned (overdue ones first)"))
        layout.addWidget(self.visit_table, 2)
        layout.addWidget(QLabel("Overdue actions"))
        layout.addWidget(self.action_table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.export_note)

    def period(self) -> tuple[date | None, date | None]:
        """The days shown (None, None: everything upcoming)."""
        if self.monday is None:
            return None, None
        return self.monday, self.monday + timedelta(days=6)

    def step(self, days: int) -> None:
        """Show the week before (-7) or after (7)."""
        self.monday = (self.monday or week_of(date.today())[0]) + timedelta(days=days)
        self.reload()

    def this_week(self) -> None:
        """Back to this week."""
        self.monday = week_of(date.today())[0]
        self.reload()

    def all_upcoming(self) -> None:
        """Every visit planned from today on."""
        self.monday = None
        self.reload()

    def reload(self) -> None:
        """Read the diary of the period shown."""
        start, end = self.period()
        self.bridge.run(
            partial(self.bridge.notebook.diary.diary, start, end), on_done=self.show_diary
        )

    def show_diary(self, diary: Diary) -> None:
        """Show a diary from the core."""
        if diary.start and diary.end:
            title = f"Diary: {text.day(diary.start)} to {text.day(diary.end)}"
        else:
            title = "Diary: all upcoming"
        self.heading.setText(title)
        self.visits.set_rows(diary.visits)
        self.action_model.set_rows(diary.overdue_actions)
        overdue = sum(1 for v in diary.visits if v.overdue)
        self.status.setText(
            f"{text.count(len(diary.visits) - overdue, 'visit')} planned, {overdue} overdue; "
            f"{text.count(len(diary.overdue_actions), 'overdue action')}."
        )

    def export_ics(self) -> None:
        """Ask where, then write the upcoming visits shown as an iCalendar file."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start_dir = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the diary", str(start_dir / "casebook-diary.ics"),
            "Calendar files (*.ics)", options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        start, end = self.period()
        self.bridge.run(
            self.bridge.notebook.diary.write_ics, Path(path), start, end,
            on_done=lambda n: self.export_note.setText(
                f"Wrote {text.count(n, 'visit')} to {path}. The file is not encrypted; its "
                "events name case references, not people."
            ),
            on_error=self._failed,
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        title, detail = describe(exc)
        self.export_note.setText(f"{title}. {detail}")
