"""Raised risk now: the open cases whose latest risk-to-self screen is medium or high.

Shown at the top of Actions due; the list comes from the core
(:meth:`casebook.stores.risk.RiskStore.raised_now`), the same as ``casebook risk``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casebook import kinds
from casebook.stores.risk import RaisedRisk
from ui import text
from ui.models import warning_colour

NONE_RAISED = "No open case has a raised risk-to-self screen."


def risk_line(risk: RaisedRisk) -> str:
    """One raised screen in words (plain text: the list shows it literally)."""
    level = kinds.label(risk.level, "risk_to_self").upper()
    escalation = (
        "escalation recorded" if risk.escalated else "who was contacted and when NOT recorded"
    )
    draft = " (draft)" if risk.status == "draft" else ""
    when = text.day(risk.event_at[:10])
    title = f" · {risk.case_title}" if risk.case_title else ""
    return f"{level} · {risk.case_ref}{title} · screened {when}{draft} · {escalation}"


class RaisedRiskPanel(QWidget):
    """The raised screens, high first; activating one opens its session.

    Signals:
        open_record(str): record id.
    """

    open_record = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("raisedRiskPanel")
        self.heading = QLabel("<b>Raised risk now</b> — risk to self, latest screen per case")
        self.empty = QLabel(NONE_RAISED)
        self.empty.setEnabled(False)
        self.list = QListWidget()
        self.list.setAccessibleName("Raised risk now")
        self.list.itemActivated.connect(
            lambda item: self.open_record.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def show_raised(self, raised: list[Any]) -> None:
        """Show the raised screens from the core."""
        self.list.clear()
        for risk in raised:
            item = QListWidgetItem(risk_line(risk))
            item.setData(Qt.ItemDataRole.UserRole, risk.record_id)
            if risk.level == "high" or not risk.escalated:
                item.setForeground(warning_colour())
            self.list.addItem(item)
        self.empty.setVisible(not raised)
        self.list.setVisible(bool(raised))
        rows = max(1, len(raised))
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        )
