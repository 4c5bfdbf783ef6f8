"""One person of the case (the child, the partner), chosen by name."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from casebook import kinds
from casebook.domain import Person
from casebook.kinds import FieldSpec
from ui.editors.fields.choices import ComboField


class PersonField(ComboField):
    """One person of the case (the child, the partner), chosen by name."""

    EMPTY = "— choose —"

    def __init__(
        self, spec: FieldSpec, parent: QWidget | None = None, roles: tuple[str, ...] = ()
    ) -> None:
        super().__init__(spec, parent)
        self.roles = roles
        self._pending: Any = None

    def set_people(self, people: list[Person]) -> None:
        """Offer the case's people (those with the right role first)."""
        current = self.value() or self._pending
        self._loading = True
        try:
            self.combo.clear()
            self.combo.addItem(self.EMPTY, None)
            matching = [p for p in people if not self.roles or p.role in self.roles]
            others = [p for p in people if p not in matching]
            for person in matching + others:
                shown = person.preferred_name or person.name
                suffix = "" if person in matching else f" ({kinds.label(person.role).lower()})"
                self.combo.addItem(shown + suffix, person.key)
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        finally:
            self._loading = False

    def _set(self, value: Any) -> None:
        self._pending = value
        super()._set(value)
