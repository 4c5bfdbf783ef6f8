"""Dates typed as people write them, picked at today, cleared; Tab leaves a date field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from casebook import kinds


def _shown(qtbot: Any, widget: Any) -> Any:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def _type(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


@pytest.mark.parametrize("typed", ["2016-09-30", "30/09/2016", "30 Sep 2016", "30/9/16"])
def test_a_date_of_birth_is_read_as_people_type_it_and_tab_keeps_what_is_typed_next(
    typed: str, qtbot: Any
) -> None:
    from ui.dialogs import PersonDialog

    dialog = _shown(qtbot, PersonDialog())
    qtbot.addWidget(dialog)
    dialog.name.setText("Lily Smith")
    dialog.born.setFocus()
    _type(qtbot, typed)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _type(qtbot, "Dr Patel, Oak Surgery")
    values = dialog.values()
    assert values["born"] == "2016-09-30"
    assert values["gp"] == "Dr Patel, Oak Surgery"
    assert dialog.born.line.text() == "30 Sep 2016"


def test_a_mistyped_date_says_why_in_the_error_colour_and_keeps_the_date_it_held(
    qtbot: Any,
) -> None:
    from ui.editors.fields import DateField
    from ui.models import warning_colour

    field = DateField(kinds.field_spec("session", "next_session"))  # type: ignore[arg-type]
    qtbot.addWidget(field)
    field.set_value("2026-03-13")
    changes: list[bool] = []
    field.changed.connect(lambda: changes.append(True))
    field.edit.line.selectAll()
    qtbot.keyClicks(field.edit.line, "31/02/2026")
    assert field.value() == "2026-03-13"
    assert "Not a date" in field.edit.problem()
    assert field.edit.line.palette().color(field.edit.line.foregroundRole()) == warning_colour()
    assert "Not a date" in field.edit.line.toolTip()
    field.edit.line.selectAll()
    qtbot.keyClicks(field.edit.line, "1 April 2026")
    assert field.value() == "2026-04-01" and not field.edit.problem()
    qtbot.mouseClick(field.edit.clear_button, Qt.MouseButton.LeftButton)
    assert field.value() is None and field.edit.line.text() == ""
    assert changes


def test_the_calendar_opens_at_today_for_an_empty_date_and_at_the_date_shown_otherwise(
    qtbot: Any,
) -> None:
    from ui.editors.actions_table import ActionsTable

    table = _shown(qtbot, ActionsTable())
    qtbot.addWidget(table)
    table.add_action("Send GP letter", None, False)
    due = table.table.cellWidget(0, 1)
    qtbot.mouseClick(due.calendar_button, Qt.MouseButton.LeftButton)
    calendar = due._popup.calendar
    assert due._popup.isVisible()
    today = date.today()
    assert (calendar.selectedDate().year(), calendar.selectedDate().month()) == (
        today.year,
        today.month,
    )
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    due._popup.hide()
    due.set_value("2026-03-11")
    due.open_calendar()
    assert calendar.selectedDate().toString("yyyy-MM-dd") == "2026-03-11"
    calendar.clicked.emit(calendar.selectedDate().addDays(2))
    assert table.values()[0]["due"] == "2026-03-13"


def test_an_event_time_comes_back_exactly_as_stored_until_it_is_changed(qtbot: Any) -> None:
    from ui.editors.fields import DateTimeEdit

    edit = DateTimeEdit("Event date and time", required=True)
    qtbot.addWidget(edit)
    edit.set_value("2026-03-06T14:00:00.250+00:00")
    assert edit.value() == "2026-03-06T14:00:00.250+00:00"
    edit.time.selectAll()
    qtbot.keyClicks(edit.time, "3:30 pm")
    changed = edit.value()
    assert changed is not None and changed.startswith("2026-03-06T15:30:00")
    edit.time.clear()
    qtbot.keyClicks(edit.time, "half past")
    assert edit.value() == changed  # a slip keeps the last whole time
    assert "Not a time of day" in edit.problem()
