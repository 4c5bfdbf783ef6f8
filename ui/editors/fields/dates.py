"""Dates and times: a date that may be not set, and conversions to and from ISO 8601."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QHBoxLayout, QToolButton, QWidget

from notebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget

NOT_SET_DATE = QDate(1900, 1, 1)


def to_qdatetime(iso: str | None) -> QDateTime:
    """An ISO time as a local QDateTime (now when empty)."""
    if iso:
        try:
            value = datetime.fromisoformat(iso).astimezone()
            return QDateTime(
                QDate(value.year, value.month, value.day),
                QTime(value.hour, value.minute, value.second),
            )
        except ValueError:
            pass
    return QDateTime.currentDateTime()


def from_qdatetime(value: QDateTime) -> str:
    """A QDateTime (local) as ISO 8601 with the local offset."""
    d, t = value.date(), value.time()
    naive = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
    return naive.astimezone().isoformat(timespec="seconds")


def datetime_edit(label: str, display: str = "d MMM yyyy HH:mm") -> QDateTimeEdit:
    """A date and time box with a calendar."""
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    edit.setAccessibleName(label)
    return edit


def date_edit(label: str) -> QDateEdit:
    """A date box with a calendar and a "Not set" state."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NOT_SET_DATE)
    edit.setSpecialValueText("Not set")
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDate(NOT_SET_DATE)
    edit.setAccessibleName(label)
    return edit


def date_value(edit: QDateEdit) -> str | None:
    """``YYYY-MM-DD`` or None when not set."""
    d = edit.date()
    return None if d == NOT_SET_DATE else d.toString("yyyy-MM-dd")


def set_date(edit: QDateEdit, value: str | None) -> None:
    """Show ``YYYY-MM-DD`` (or "Not set")."""
    d = QDate.fromString(value, "yyyy-MM-dd") if value else NOT_SET_DATE
    edit.setDate(d if d.isValid() else NOT_SET_DATE)


class DateField(FieldWidget):
    """A date, or not set."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = date_edit(spec.label)
        self.edit.dateChanged.connect(self._emit)
        self.clear = QToolButton()
        self.clear.setText("Clear")
        self.clear.setAccessibleName(f"Clear {spec.label.lower()}")
        self.clear.clicked.connect(lambda: self.edit.setDate(NOT_SET_DATE))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return date_value(self.edit)

    def _set(self, value: Any) -> None:
        set_date(self.edit, value)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear.setVisible(not read_only)
