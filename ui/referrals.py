"""Referrals not yet seen: open cases with a referral date and no first contact, with the
days they have waited (the core's list, :meth:`casebook.stores.intake.IntakeStore.waiting`,
the same as ``casebook intake list``). Shown in Actions due, beside raised risk now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casebook.intake import AIM_DAYS
from casebook.stores.intake import Waiting
from ui import text
from ui.models import warning_colour

NONE_WAITING = "No referral is waiting to be seen."


def waiting_line(waiting: Waiting) -> str:
    """One referral in words (plain text: the list shows it literally)."""
    over = f" · over the {AIM_DAYS}-day aim" if waiting.over_aim else ""
    title = f" · {waiting.case_title}" if waiting.case_title else ""
    referred = text.day(waiting.referral_date)
    return f"{waiting.days} days waiting{over} · {waiting.case_ref}{title} · referred {referred}"


class ReferralsPanel(QWidget):
    """Referrals waiting, longest first; activating one opens its case.

    Signals:
        open_case(str): case reference.
    """

    open_case = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralsPanel")
        self.heading = QLabel("<b>Referrals not yet seen</b> — days since the referral")
        self.empty = QLabel(NONE_WAITING)
        self.empty.setEnabled(False)
        self.list = QListWidget()
        self.list.setAccessibleName("Referrals not yet seen")
        self.list.itemActivated.connect(
            lambda item: self.open_case.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def show_waiting(self, waiting: list[Any]) -> None:
        """Show the referrals waiting, from the core."""
        self.list.clear()
        for item_data in waiting:
            item = QListWidgetItem(waiting_line(item_data))
            item.setData(Qt.ItemDataRole.UserRole, item_data.case_ref)
            if item_data.over_aim:
                item.setForeground(warning_colour())
            self.list.addItem(item)
        self.empty.setVisible(not waiting)
        self.list.setVisible(bool(waiting))
        rows = max(1, len(waiting))
        frame = 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + frame)
