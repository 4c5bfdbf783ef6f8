"""Intake… on a case: how the work began (the core validates and stores it, casebook.intake)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.intake import AIM_DAYS, DATE_KEYS, FLAG_KEYS, LABELS, TEXT_KEYS, Intake
from ui.editors.fields.dates import DateEdit
from ui.widgets import dialog_buttons, form_rows, hbox

PLACEHOLDERS = {
    "referrer": "Name and role, e.g. duty social worker",
    "source": "Children's Services, police, probation, self-referral",
    "confidentiality_limits": "What you said you would have to share, and with whom",
    "consent_to_share": "Who they agreed you may share information with",
    "language": "First language; others spoken",
}


class IntakeDialog(QDialog):
    """Referral, first contact (and the days between), confidentiality, consent, GP,
    language: every part may stay empty and be filled in later."""

    def __init__(self, ref: str, intake: Intake | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Intake: {ref}")
        intake = intake or Intake()
        self.dates = {key: DateEdit(LABELS[key], kind="event") for key in DATE_KEYS}
        self.texts = {key: QLineEdit() for key in TEXT_KEYS}
        self.flags = {key: QCheckBox(LABELS[key]) for key in FLAG_KEYS}
        for key, widget in self.dates.items():
            widget.set_value(getattr(intake, key))
            widget.changed.connect(self._show_days)
        for key, line in self.texts.items():
            line.setText(getattr(intake, key))
            line.setPlaceholderText(PLACEHOLDERS.get(key, ""))
            line.setAccessibleName(LABELS[key])
        for key, box in self.flags.items():
            box.setChecked(getattr(intake, key))
        self.days = QLabel()
        self.days.setObjectName("daysToFirstContact")
        self.days.setTextFormat(Qt.TextFormat.PlainText)
        rows: list[tuple[str, Any]] = [
            (LABELS["referral_date"], hbox(self.dates["referral_date"], None)),
            (LABELS["referrer"], self.texts["referrer"]),
            (LABELS["source"], self.texts["source"]),
            (LABELS["first_contact"], hbox(self.dates["first_contact"], None)),
            ("", self.days),
            (
                "Confidentiality explained and agreed",
                hbox(self.dates["confidentiality_agreed"], None),
            ),
            ("Limits explained", self.texts["confidentiality_limits"]),
            ("Consent to share with", self.texts["consent_to_share"]),
            ("", self.flags["safeguarding_taken"]),
            ("", self.flags["gp_confirmed"]),
            (LABELS["language"], self.texts["language"]),
            ("", self.flags["interpreter_needed"]),
        ]
        layout = QVBoxLayout(self)
        layout.addLayout(form_rows(*rows))
        layout.addWidget(dialog_buttons(self, ok_text="Save"))
        self.resize(560, 0)
        self._show_days()

    def values(self) -> dict[str, Any]:
        """The intake as the dialog holds it (an ``intake`` object, every key)."""
        out: dict[str, Any] = {key: widget.value() for key, widget in self.dates.items()}
        out |= {key: line.text().strip() for key, line in self.texts.items()}
        out |= {key: box.isChecked() for key, box in self.flags.items()}
        return out

    def _show_days(self) -> None:
        referred = self.dates["referral_date"].value()
        seen = self.dates["first_contact"].value()
        intake = Intake(referral_date=referred, first_contact=seen)
        days = intake.days_to_first_contact()
        waiting = intake.waiting_days()
        if days is not None:
            aim = "within" if days <= AIM_DAYS else "beyond"
            self.days.setText(
                f"{days} days from referral to first contact ({aim} the aim of {AIM_DAYS})"
            )
        elif waiting is not None:
            self.days.setText(f"Not seen yet: waiting {waiting} days (the aim is {AIM_DAYS})")
        else:
            self.days.setText("")


def intake_page(button: QPushButton) -> QWidget:
    """The Intake tab: what intake holds, and the button that shows and changes it."""
    note = QLabel(
        "How the work began: referral date, referrer and source, first contact and the days "
        "from referral (the aim is 7), confidentiality explained and agreed, consent to "
        "share, safeguarding information, GP, language and interpreter."
    )
    note.setWordWrap(True)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(note)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(1)
    return page
