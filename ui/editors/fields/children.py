"""The children seen in direct work (one or several), and each child's disclosures.

:class:`ChildrenField` offers the case's people with the child role only, none ticked on a
new record. :class:`DisclosuresField` holds the disclosures the practitioner adds, each
saying which child made it; a new record has none (nothing is asserted by default).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from casebook import kinds
from casebook.domain import Person
from casebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget
from ui.editors.fields.disclosure import DisclosureField
from ui.widgets import hbox


def _shown(person: Person) -> str:
    return person.preferred_name or person.name


class ChildrenField(FieldWidget):
    """The children seen: a tick box for each person of the case with the child role."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.boxes: dict[str, QCheckBox] = {}
        self.people: list[Person] = []
        self._value: list[str] = []
        self.none = QLabel("This case has no children yet: add them under People.")
        self.none.setEnabled(False)
        self.row = hbox()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)
        layout.addWidget(self.none)

    def set_people(self, people: list[Person]) -> None:
        """Offer the case's children (people with the child role), keeping what is ticked."""
        self.people = list(people)
        self._rebuild()

    def _rebuild(self) -> None:
        """A box per child of the case; a record written before the child role was checked
        may name someone else: they get a box too (with their role), to untick."""
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes = {}
        for person in self.people:
            named = person.key in self._value
            if person.role != kinds.CHILD_ROLE and not named:
                continue
            words = _shown(person)
            if person.role != kinds.CHILD_ROLE:
                words += f" ({kinds.label(person.role, 'role').lower()}, not a child)"
            box = QCheckBox(words)
            box.setObjectName(f"child_{person.key}")
            box.setAccessibleName(f"{_shown(person)} was seen")
            box.setChecked(named)
            box.toggled.connect(self._toggled)
            self.boxes[person.key] = box
            self.row.addWidget(box)
        self.row.addStretch(1)
        self.none.setVisible(not self.boxes)

    def _toggled(self) -> None:
        self._value = [key for key, box in self.boxes.items() if box.isChecked()] + [
            key for key in self._value if key not in self.boxes
        ]
        self._emit()

    def tick(self, key: str, on: bool = True) -> None:
        """Tick (or untick) a child, as the practitioner would."""
        if key in self.boxes:
            self.boxes[key].setChecked(on)

    def value(self) -> list[str]:
        return list(self._value)

    def _set(self, value: Any) -> None:
        self._value = [str(k) for k in value or []]
        if any(key not in self.boxes for key in self._value) or len(self.boxes) > sum(
            p.role == kinds.CHILD_ROLE for p in self.people
        ):
            self._rebuild()  # someone not a child is named, or no longer is
        for key, box in self.boxes.items():
            box.setChecked(key in self._value)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)


class DisclosureEntry(QWidget):
    """One disclosure of several: which child made it, the disclosure, and Remove.

    Signals:
        changed(): the child or the disclosure changed.
        remove_requested(): Remove was pressed.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, spec: FieldSpec, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureEntry")
        self.child = QComboBox()
        self.child.setAccessibleName(f"Disclosure {number}: which child made it")
        self.disclosure = DisclosureField(spec, title=f"Disclosure {number}")
        self.remove = QPushButton("Remove this disclosure")
        self.remove.clicked.connect(self.remove_requested)
        made_by = QLabel("<b>Made by</b>")
        made_by.setBuddy(self.child)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(hbox(made_by, self.child, None, self.remove))
        layout.addWidget(self.disclosure)
        self.child.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.disclosure.changed.connect(self.changed)

    def set_children(self, children: list[Person], chosen: str | None) -> None:
        """Offer the children (the case's, with the child role); keep ``chosen``."""
        blocked = self.child.blockSignals(True)
        self.child.clear()
        self.child.addItem("— which child? —", None)
        for person in children:
            self.child.addItem(_shown(person), person.key)
        if chosen is not None and self.child.findData(chosen) < 0:
            self.child.addItem(chosen, chosen)
        self.child.setCurrentIndex(max(0, self.child.findData(chosen)))
        self.child.blockSignals(blocked)

    def value(self) -> dict[str, Any]:
        return {"child": self.child.currentData(), **(self.disclosure.value() or {})}


class DisclosuresField(FieldWidget):
    """The disclosures made in the session, each by one of the children."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.children_offered: list[Person] = []
        self.entries: list[DisclosureEntry] = []
        self.none = QLabel("No disclosure recorded.")
        self.none.setEnabled(False)
        self.add = QPushButton("Add a disclosure")
        self.add.setAccessibleName("Add a disclosure made by a child")
        self.add.clicked.connect(self._add_clicked)
        self.list = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none)
        layout.addLayout(self.list)
        layout.addLayout(hbox(self.add, None))
        self._read_only = False

    def set_people(self, people: list[Person]) -> None:
        """The case's children, offered as who made each disclosure."""
        self.children_offered = [p for p in people if p.role == kinds.CHILD_ROLE]
        for entry in self.entries:
            entry.set_children(self.children_offered, entry.child.currentData())

    def _add_clicked(self) -> None:
        entry = self.add_disclosure(None)
        entry.disclosure.verbatim.setFocus()
        self._emit()

    def add_disclosure(self, value: dict[str, Any] | None) -> DisclosureEntry:
        """Add a disclosure (empty, or one of the record's) at the end."""
        entry = DisclosureEntry(self.spec, len(self.entries) + 1)
        entry.set_children(self.children_offered, (value or {}).get("child"))
        entry.disclosure.set_value(value)
        entry.disclosure.set_read_only(self._read_only)
        entry.remove.setVisible(not self._read_only)
        entry.child.setEnabled(not self._read_only)
        entry.changed.connect(self._emit)
        entry.remove_requested.connect(lambda e=entry: self._remove(e))
        self.entries.append(entry)
        self.list.addWidget(entry)
        self.none.setVisible(False)
        return entry

    def _remove(self, entry: DisclosureEntry) -> None:
        self.entries.remove(entry)
        self.list.removeWidget(entry)
        entry.deleteLater()
        self._renumber()
        self._emit()

    def _renumber(self) -> None:
        for number, entry in enumerate(self.entries, start=1):
            entry.disclosure.group.setTitle(f"Disclosure {number}")
        self.none.setVisible(not self.entries)

    def value(self) -> list[dict[str, Any]]:
        return [entry.value() for entry in self.entries]

    def _set(self, value: Any) -> None:
        for entry in self.entries:
            self.list.removeWidget(entry)
            entry.deleteLater()
        self.entries = []
        for item in value or []:
            self.add_disclosure(item)
        self._renumber()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add.setVisible(not read_only)
        for entry in self.entries:
            entry.disclosure.set_read_only(read_only)
            entry.remove.setVisible(not read_only)
            entry.child.setEnabled(not read_only)
