"""Details… of a person: relationship to the child, contact, language, legal status and
conditions with dates (the core validates and stores them, casebook.person_details)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from casebook.person_details import LABELS, PersonDetails
from ui.editors.fields.dates import DateEdit
from ui.widgets import dialog_buttons, form_rows, hbox

PLACEHOLDERS = {
    "relationship": "e.g. father of Zofia and Kacper, maternal grandmother",
    "contact": "Phone, address, how (and how not) to contact them",
    "language": "First language; others spoken",
    "legal_status": "e.g. on bail, released under investigation, remanded, convicted",
}


class PersonDetailsDialog(QDialog):
    """Every part may stay empty and be filled in later."""

    def __init__(
        self, name: str, details: PersonDetails | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Details: {name}")
        details = details or PersonDetails()
        self.lines = {
            key: QLineEdit(getattr(details, key))
            for key in ("relationship", "contact", "language", "legal_status")
        }
        for key, line in self.lines.items():
            line.setPlaceholderText(PLACEHOLDERS[key])
            line.setAccessibleName(LABELS[key])
        self.interpreter = QCheckBox(LABELS["interpreter_needed"])
        self.interpreter.setChecked(details.interpreter_needed)
        self.conditions = QPlainTextEdit(details.conditions)
        self.conditions.setAccessibleName(LABELS["conditions"])
        self.conditions.setPlaceholderText(
            "Bail conditions, a Sexual Harm Prevention Order, notification requirements"
        )
        self.conditions.setFixedHeight(self.conditions.fontMetrics().lineSpacing() * 4)
        self.dates = {
            key: DateEdit(LABELS[key], kind="planned")
            for key in ("conditions_from", "conditions_until")
        }
        for key, widget in self.dates.items():
            widget.set_value(getattr(details, key))
        layout = QVBoxLayout(self)
        layout.addLayout(
            form_rows(
                ("Relationship to the child", self.lines["relationship"]),
                ("Contact details", self.lines["contact"]),
                ("Language", self.lines["language"]),
                ("", self.interpreter),
                ("Legal status", self.lines["legal_status"]),
                ("Conditions", self.conditions),
                ("From", hbox(self.dates["conditions_from"], None)),
                ("Until", hbox(self.dates["conditions_until"], None)),
            )
        )
        layout.addWidget(dialog_buttons(self, ok_text="Save"))
        self.resize(560, 0)

    def values(self) -> dict[str, Any]:
        """The details as the dialog holds them (a ``details`` object, every key)."""
        out: dict[str, Any] = {key: line.text().strip() for key, line in self.lines.items()}
        out["interpreter_needed"] = self.interpreter.isChecked()
        out["conditions"] = self.conditions.toPlainText().strip()
        out |= {key: widget.value() for key, widget in self.dates.items()}
        return out
