"""The people of a case as table rows (the People tab of :class:`ui.case_view.CaseView`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from casebook import kinds
from casebook.domain import Person
from ui import text
from ui.models import ACCESSIBLE, DISPLAY, FOREGROUND, TOOLTIP, RowModel


class PeopleModel(RowModel):
    """The people of a case: name, role, date of birth and age, GP, still involved or not."""

    COLUMNS = ("Name", "Role", "Born", "Age", "GP", "Involved")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.involvement: dict[str, Any] = {}  # key -> Involvement, for those no longer

    def cell(self, value: Person, column: int, role: int) -> Any:
        gone = self.involvement.get(value.key)
        if role == FOREGROUND and gone is not None:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role not in (DISPLAY, ACCESSIBLE, TOOLTIP):
            return None
        if column == 5:
            if gone is None:
                return "Yes"
            since = f"No longer, since {text.day(gone.ended)}"
            return f"{since}: {gone.reason}" if role == TOOLTIP and gone.reason else since
        if column == 0:
            if value.preferred_name and value.preferred_name != value.name:
                return f"{value.name} (“{value.preferred_name}”)"
            return value.name
        if column == 1:
            return kinds.label(value.role)
        if column == 2:
            return text.day(value.born)
        if column == 3:
            years = text.age(value.born)
            return "" if years is None else str(years)
        if column == 4:
            return value.gp
        return None
