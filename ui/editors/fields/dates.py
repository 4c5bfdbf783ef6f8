"""Dates and times as people type them, picked from a calendar, or cleared.

One date widget (:class:`DateEdit`) serves every date a practitioner types: a date of
birth, due dates, the next session, a summary's period; :class:`DateTimeEdit` adds the
time of day for an event and a disclosure. Both are line edits, so Tab leaves them (a
spin box's Tab moved between day, month and year, and the words typed for the next field
went nowhere), and they read dates the way people write them: 30/09/2016, 2016-09-30,
30 Sep 2016. An empty box is a date not set; the calendar opens at the date shown, or at
today. A slip of the keyboard never loses a date: the box shows the text in the error
colour, says why, and keeps the date it held until the text reads as one.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casebook import timeutil
from casebook.kinds import FieldSpec
from ui import text
from ui.editors.fields.base import FieldWidget
from ui.icons import icon

DATE_HINT = "e.g. 30/09/2016"


class CalendarPopup(QFrame):
    """A month to pick a day from, shown under a date box.

    Signals:
        picked(object): the chosen ``datetime.date``.
    """

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)  # Enter on a day
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    def show_at(self, anchor: QWidget, day: date) -> None:
        """Open under ``anchor`` showing ``day``'s month, ``day`` selected."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        self.move(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        self.show()
        self.calendar.setFocus()

    def _pick(self, value: QDate) -> None:
        self.hide()
        self.picked.emit(date(value.year(), value.month(), value.day()))


def _tool_button(parent: QWidget, label: str, tip: str) -> QToolButton:
    """A small button beside a date box; the mouse's, never Tab's (Tab leaves the field)."""
    button = QToolButton(parent)
    button.setAccessibleName(label)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoRaise(True)
    return button


def _mark_problem(line: QLineEdit, problem: str, hint: str) -> None:
    """Show ``problem`` on ``line``: its text in the error colour and the reason as a tip."""
    from ui.models import warning_colour

    palette = QPalette()  # nothing set: the box follows the window's palette (and theme)
    if problem:
        palette.setColor(QPalette.ColorRole.Text, warning_colour())
    line.setPalette(palette)
    line.setToolTip(problem or hint)
    line.setAccessibleDescription(problem)


class DateEdit(QWidget):
    """A date typed (30/09/2016, 2016-09-30, 30 Sep 2016) or picked, or not set.

    Args:
        label: what the date is, for screen readers and tips.
        kind: the range a date may fall in (``casebook.timeutil.check_date_range``):
            ``"birth"``, ``"planned"`` or ``"event"``.
        clearable: whether it may be empty (a Clear button is shown).

    Signals:
        changed(): the user changed the date (typing, the calendar, Clear).
    """

    changed = Signal()

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        kind: str = "planned",
        clearable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._value: date | None = None  # the last date the box held
        self._read_only = False
        self._popup: CalendarPopup | None = None
        self.line = QLineEdit()
        self.line.setAccessibleName(label)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setToolTip(DATE_HINT)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("Wed 30 Sep 2016"))
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("W" * 14))
        self.line.textEdited.connect(self._edited)
        self.line.editingFinished.connect(self._tidy)
        self.calendar_button = _tool_button(
            self, f"Pick {label.lower()} from a calendar", "Pick from a calendar (Alt+Down)"
        )
        self.calendar_button.setIcon(icon("calendar"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = _tool_button(self, f"Clear {label.lower()}", "Clear the date")
        self.clear_button.setText("Clear")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(clearable)
        self._clearable = clearable
        for keys in ("Alt+Down", "F4"):
            shortcut = QShortcut(QKeySequence(keys), self.line)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.line)

    # -- the value ----------------------------------------------------------------------

    def date(self) -> date | None:
        """The date shown; while the text reads as no date, the one held before."""
        typed = self.line.text().strip()
        if not typed:
            return None if self._clearable else self._value
        day = text.parse_typed_date(typed)
        return day if day is not None and not self._range_problem(day) else self._value

    def value(self) -> str | None:
        """``YYYY-MM-DD``, or None when not set."""
        day = self.date()
        return day.isoformat() if day else None

    def set_value(self, value: str | None) -> None:
        """Show ``YYYY-MM-DD`` (None: not set); emits nothing."""
        try:
            self._value = date.fromisoformat(value) if value else None
        except ValueError:
            self._value = None
        self.line.setText(text.show_day(self._value) if self._value else "")
        _mark_problem(self.line, "", DATE_HINT)

    def problem(self) -> str:
        """Why the text shown is not a date ("" when it is one, or empty)."""
        typed = self.line.text().strip()
        if not typed:
            return "" if self._clearable else "Type a date, like 30/09/2016."
        day = text.parse_typed_date(typed)
        if day is None:
            return "Not a date: type it like 30/09/2016, 2016-09-30 or 30 Sep 2016."
        return self._range_problem(day)

    def _range_problem(self, day: dt.date) -> str:
        try:
            timeutil.check_date_range(day, self.kind)
        except ValueError as exc:
            return str(exc)[:1].upper() + str(exc)[1:] + "."
        return ""

    # -- what the user does -------------------------------------------------------------

    def _edited(self, _text: str = "") -> None:
        self._value = self.date()
        _mark_problem(self.line, self.problem(), DATE_HINT)
        self.changed.emit()

    def _tidy(self) -> None:
        """Leaving the box: a date is shown back the one way (30 Sep 2016)."""
        if not self.problem() and self._value is not None and self.line.text().strip():
            shown = text.show_day(self._value)
            if self.line.text() != shown:
                self.line.setText(shown)

    def open_calendar(self) -> None:
        """The calendar, at the date shown or at today."""
        if self._read_only:
            return
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        self._popup.show_at(self.line, self.date() or date.today())

    def _picked(self, day: dt.date) -> None:
        self._value = day
        self.line.setText(text.show_day(day))
        _mark_problem(self.line, self.problem(), DATE_HINT)
        self.line.setFocus()
        self.changed.emit()

    def clear(self) -> None:
        """Not set (the Clear button)."""
        if self._read_only or not self._clearable:
            return
        self.line.clear()
        self._edited()

    def set_read_only(self, read_only: bool) -> None:
        """Shown, selectable, not changed."""
        self._read_only = read_only
        self.line.setReadOnly(read_only)
        self.line.setPlaceholderText("" if read_only else "dd/mm/yyyy")
        self.calendar_button.setVisible(not read_only)
        self.clear_button.setVisible(self._clearable and not read_only)


class DateTimeEdit(QWidget):
    """A date and a time of day (``14:30``, ``2:30 pm``), stored with the local UTC offset.

    A time shown as it was stored comes back exactly as stored (its own offset and
    seconds): opening a record changes nothing.

    Args:
        label: what the time is, for screen readers and tips.
        required: whether it must hold a time (an event's); otherwise empty is not set.

    Signals:
        changed(): the user changed the date or the time.
    """

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None, *, required: bool = False):
        super().__init__(parent)
        self.required = required
        self._stored: str | None = None  # the time as the record holds it
        self._held: str | None = None  # the last whole time shown
        self.date_edit = DateEdit(f"{label}, date", kind="event", clearable=not required)
        self.date_edit.changed.connect(self._edited)
        self.time = QLineEdit()
        self.time.setAccessibleName(f"{label}, time of day")
        self.time.setPlaceholderText("hh:mm")
        self.time.setToolTip("e.g. 14:30")
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance("00:00 pm") + 16)
        self.time.textEdited.connect(self._edited)
        self.time.editingFinished.connect(self._tidy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.time)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        QWidget.setTabOrder(self.date_edit.line, self.time)

    def _whole(self) -> tuple[bool, str | None]:
        """(whether the parts make a time or are both empty, the ISO time or None)."""
        day = self.date_edit.date()
        typed = self.time.text().strip()
        if self.date_edit.problem() or (day is None and typed):
            return False, None
        if day is None:
            return not self.required, None
        clock = text.parse_typed_time(typed)
        if clock is None:
            return False, None
        shown = datetime(day.year, day.month, day.day, *clock)
        stored = text.local(self._stored)
        if stored is not None and stored.replace(second=0, microsecond=0, tzinfo=None) == shown:
            return True, self._stored  # unchanged: exactly as stored
        return True, shown.astimezone().isoformat(timespec="seconds")

    def value(self) -> str | None:
        """ISO 8601 with the offset; None when not set. While the parts make no time
        (a slip, a date without a time), the last whole time shown."""
        whole, value = self._whole()
        return value if whole else self._held

    def set_value(self, value: str | None) -> None:
        """Show an ISO time in local time (None: not set); emits nothing."""
        self._stored = self._held = value
        shown = text.local(value)
        self.date_edit.set_value(shown.date().isoformat() if shown else None)
        self.time.setText(f"{shown:%H:%M}" if shown else "")
        _mark_problem(self.time, "", "e.g. 14:30")

    def problem(self) -> str:
        """Why the parts make no time ("" when they do, or when both are empty)."""
        if problem := self.date_edit.problem():
            return problem
        if self._whole()[0]:
            return ""
        if self.date_edit.date() is None:
            return "Type the date as well." if self.time.text().strip() else "Type the date."
        if not self.time.text().strip():
            return "Type the time of day as well, like 14:30."
        return "Not a time of day: type it like 14:30 or 2:30 pm."

    def _edited(self, *_: Any) -> None:
        whole, value = self._whole()
        if whole:
            self._held = value
        time_problem = "" if self.date_edit.problem() else self.problem()
        _mark_problem(self.time, time_problem, "e.g. 14:30")
        self.changed.emit()

    def _tidy(self) -> None:
        clock = text.parse_typed_time(self.time.text())
        if clock is not None and self.time.text() != f"{clock[0]:02d}:{clock[1]:02d}":
            self.time.setText(f"{clock[0]:02d}:{clock[1]:02d}")

    def set_read_only(self, read_only: bool) -> None:
        """Shown, selectable, not changed."""
        self.date_edit.set_read_only(read_only)
        self.time.setReadOnly(read_only)
        self.time.setPlaceholderText("" if read_only else "hh:mm")


class DateField(FieldWidget):
    """A date of a record's fields (the next session), or not set."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = DateEdit(spec.label, kind="planned")
        self.edit.changed.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return self.edit.value()

    def _set(self, value: Any) -> None:
        self.edit.set_value(value)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.set_read_only(read_only)
