"""Who attended a professional contact: people of the case and named professionals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.domain import Person
from casebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget, edit_row, edit_table, fit_table_height
from ui.widgets import hbox

KEY_ROLE = Qt.ItemDataRole.UserRole


class AttendeesField(FieldWidget):
    """A table of attendees: who (a case person, fixed, or a typed name), agency, role."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.people: list[Person] = []
        self.table = edit_table(["Who", "Agency", "Role"], spec.label)
        for column in (1, 2):  # agencies and roles are words too, not short codes
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.table.itemChanged.connect(self._emit)
        self.add = QPushButton("Add a professional")
        self.add.setAccessibleName("Add a professional who attended")
        self.add.clicked.connect(lambda: self._add_row(None, "", "", "", edit=True))
        self.from_case = QToolButton()
        self.from_case.setText("Add someone from the case")
        self.from_case.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.from_case.setMenu(QMenu(self.from_case))
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected attendee")
        self.remove.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(hbox(self.add, self.from_case, self.remove, None))
        self._read_only = False

    def set_people(self, people: list[Person]) -> None:
        """The case's people, offered by "Add someone from the case"."""
        self.people = list(people)
        menu = self.from_case.menu()
        menu.clear()
        for person in self.people:
            words = f"{(person.preferred_name or person.name)} ({kinds.label(person.role, 'role')})"
            action = menu.addAction(words)
            action.triggered.connect(lambda _=False, p=person: self._add_person(p))
        self.from_case.setEnabled(bool(self.people))
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            key = item.data(KEY_ROLE) if item else None
            if key and item is not None:
                item.setText(self._name(key))

    def _name(self, key: str) -> str:
        person = next((p for p in self.people if p.key == key), None)
        return (person.preferred_name or person.name) if person else key

    def _add_person(self, person: Person) -> None:
        self._add_row(person.key, "", "", "")
        self.table.setCurrentCell(self.table.rowCount() - 1, 2)
        self._emit()

    def _add_row(
        self, key: str | None, name: str, agency: str, role: str, *, edit: bool = False
    ) -> None:
        row = self.table.rowCount()
        blocked = self.table.blockSignals(True)
        self.table.insertRow(row)
        who = QTableWidgetItem(self._name(key) if key else name)
        if key:
            who.setData(KEY_ROLE, key)
            who.setFlags(who.flags() & ~Qt.ItemFlag.ItemIsEditable)
            who.setToolTip("A person of this case")
        self.table.setItem(row, 0, who)
        self.table.setItem(row, 1, QTableWidgetItem(agency))
        self.table.setItem(row, 2, QTableWidgetItem(role))
        self.table.blockSignals(blocked)
        fit_table_height(self.table, 1)
        if edit:
            edit_row(self.table, row)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        fit_table_height(self.table, 1)
        self._emit()

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def value(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            key = item.data(KEY_ROLE) if item else None
            name = "" if key else self._cell(row, 0)
            if not key and not name:
                continue
            out.append(
                {
                    "person": key or None,
                    "name": name,
                    "agency": self._cell(row, 1),
                    "role": self._cell(row, 2),
                }
            )
        return out

    def _set(self, value: Any) -> None:
        self.table.setRowCount(0)
        fit_table_height(self.table, 1)
        for item in value or []:
            self._add_row(
                item.get("person"), item.get("name") or "", item.get("agency") or "",
                item.get("role") or "",
            )  # fmt: skip

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        for widget in (self.add, self.from_case, self.remove):
            widget.setVisible(not read_only)
