"""Actions: the table of a case's actions (or the notebook's) and the Actions due page
(with the notebook's raised risk to self and referrals not yet seen above its table,
:mod:`ui.raised_risk`, :mod:`ui.referrals`).

An action is ticked off where it is shown, in a case's Actions tab or in Actions due;
both tick it off through :func:`set_action_done`.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from casebook.domain import Action
from ui import text
from ui.models import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    Index,
    RowModel,
    bold_font,
    warning_colour,
)
from ui.raised_risk import raised_risk_panel, raised_rows
from ui.referrals import referrals_panel, waiting_rows
from ui.tables import RecordTable

NO_ACTIONS = (
    "No open actions.\nActions raised in a record's Actions section show here, by due "
    "date, until they are ticked done."
)
NO_OVERDUE = "No overdue actions."


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
            return bold_font()
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


def set_action_done(bridge: Any, action_id: int, done: bool, on_error: Any) -> None:
    """Tick action ``action_id`` off (or back on) in the notebook."""
    bridge.run(bridge.notebook.actions.set_done, action_id, done, on_error=on_error)


class ActionsDueView(QWidget):
    """Open actions across the notebook by due date; overdue ones stand out.

    Signals:
        open_record(str): record id.
        open_case(str): case reference (a referral not yet seen).
        failed(object): ticking an action off failed; the exception.
    """

    open_record = Signal(str)
    open_case = Signal(str)
    failed = Signal(object)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsDueView")
        self.bridge = bridge
        self.model = ActionListModel(self)
        self.model.done_requested.connect(
            lambda action_id, done: set_action_done(bridge, action_id, done, self.failed.emit)
        )
        heading = QLabel("<span style='font-size: 15pt'><b>Actions due</b></span>")
        self.summary = QLabel()
        self.overdue_box = QCheckBox("Overdue only")
        self.overdue_box.toggled.connect(lambda _on: self.reload())
        self.table = RecordTable(self.model, "Actions due")
        self.table.set_empty_text(NO_ACTIONS)
        self.table.activated_row.connect(lambda a: self.open_record.emit(a.record_id))
        fit, stretch = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        self.table.set_resize_modes(fit, fit, stretch, fit)
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addStretch(1)
        row.addWidget(self.overdue_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.raised = raised_risk_panel()
        self.raised.chosen.connect(self.open_record)
        self.referrals = referrals_panel()
        self.referrals.chosen.connect(self.open_case)
        layout.addLayout(row)
        layout.addWidget(self.raised)
        layout.addWidget(self.referrals)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        """Read the open actions (overdue ones only, if ticked) from the notebook."""
        overdue = self.overdue_box.isChecked()
        self.bridge.run(
            partial(self.bridge.notebook.actions.list, overdue=overdue),
            on_done=self.show_actions,
        )
        self.bridge.run(
            self.bridge.notebook.risk.raised_now,
            on_done=lambda raised: self.raised.fill(raised_rows(raised)),
        )
        self.bridge.run(
            self.bridge.notebook.intake.waiting,
            on_done=lambda waiting: self.referrals.fill(waiting_rows(waiting)),
        )

    def show_actions(self, actions: list[Any]) -> None:
        """Show open actions from the core."""
        self.model.set_rows(actions)
        overdue = sum(1 for a in actions if self.model.is_overdue(a))
        self.table.set_empty_text(NO_OVERDUE if self.overdue_box.isChecked() else NO_ACTIONS)
        self.summary.setText(
            f"{text.count(len(actions), 'open action')}, {overdue} overdue. "
            "Tick an action when it is done."
            if actions
            else ""
        )
