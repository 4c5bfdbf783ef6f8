"""Choices: one value from a list (or none), any number of values, one person of the case."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QWidget

from casebook import kinds
from casebook.kinds import FieldSpec
from ui.editors.fields.base import FieldWidget


class ComboField(FieldWidget):
    """One value from a drop-down list, or none (the first item, :attr:`EMPTY`)."""

    EMPTY = "—"

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.label)
        self.combo.addItem(self.EMPTY, None)
        self.combo.currentIndexChanged.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str | None:
        return self.combo.currentData()

    def _set(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class EnumField(ComboField):
    """One value from a list, or none."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        for choice in spec.choices:
            self.combo.addItem(kinds.label(choice, spec.name), choice)


class EnumListField(FieldWidget):
    """Any number of values from a list, as checkboxes."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, columns: int = 3) -> None:
        super().__init__(spec, parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, choice in enumerate(spec.choices):
            box = QCheckBox(kinds.label(choice, spec.name))
            box.toggled.connect(self._emit)
            self.boxes[choice] = box
            layout.addWidget(box, i // columns, i % columns)

    def value(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]

    def _set(self, value: Any) -> None:
        chosen = set(value or [])
        for choice, box in self.boxes.items():
            box.setChecked(choice in chosen)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
