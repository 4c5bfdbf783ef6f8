"""A case's title, closing and reopening it with a reason, and a person no longer involved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import text
from ui.widgets import dialog_buttons, form_rows, line_field

MAX_REASON_CHARS = 2000


def _reason_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(90)
    return box


class EditCaseDialog(QDialog):
    """Change a case's title (its reference stays: records and exports name it)."""

    def __init__(self, case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit case")
        ref = QLabel(case.ref)
        ref.setTextFormat(Qt.TextFormat.PlainText)
        self.title_edit = line_field("Case title", "e.g. Smith household", case.title)
        layout = QVBoxLayout(self)
        layout.addLayout(form_rows(("Reference", ref), ("Title", self.title_edit)))
        layout.addWidget(dialog_buttons(self, ok_text="Save"))
        self.resize(440, 0)

    def title(self) -> str:
        """The new title."""
        return self.title_edit.text().strip()


class CaseStatusDialog(QDialog):
    """Close or reopen a case, with the reason (kept with the case, encrypted).

    Args:
        case: the case (its status now).
        changes: its earlier closes and reopens (``StatusChange`` values).
    """

    def __init__(self, case: Any, changes: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.closing = case.status != "closed"
        self.status = "closed" if self.closing else "open"
        verb = "Close" if self.closing else "Reopen"
        self.setWindowTitle(f"{verb} case {case.ref}")
        intro = QLabel(
            "Why is the case closed? For example: the work is complete, the family moved "
            "away, the case was transferred."
            if self.closing
            else "Why is the case reopened? For example: a new referral."
        )
        intro.setWordWrap(True)
        self.reason = _reason_box("Reason", "The reason, in your words")
        history = QLabel(
            "\n".join(
                f"{'Closed' if c.status == 'closed' else 'Reopened'} {text.when(c.at)}"
                + (f": {c.reason}" if c.reason else "")
                for c in changes[-5:]
            )
        )
        history.setTextFormat(Qt.TextFormat.PlainText)
        history.setWordWrap(True)
        history.setEnabled(False)
        history.setVisible(bool(changes))
        self.buttons = dialog_buttons(self, ok_text=f"{verb} case")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(history)
        layout.addWidget(self.buttons)
        self.resize(480, 0)

    def reason_text(self) -> str:
        """The reason typed."""
        return self.reason.toPlainText().strip()[:MAX_REASON_CHARS]


class NoLongerInvolvedDialog(QDialog):
    """Mark someone as no longer involved in the case: since when, and why."""

    def __init__(self, person: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("No longer involved")
        name = person.preferred_name or person.name
        intro = QLabel(
            f"{name} stays in the case with everything written about them, but is no "
            "longer offered for new records."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.ended = QDateEdit(QDate.currentDate())
        self.ended.setCalendarPopup(True)
        self.ended.setDisplayFormat("d MMM yyyy")
        self.ended.setAccessibleName("No longer involved since")
        self.reason = _reason_box("Reason", "Optional: moved away, contact ended…")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form_rows(("Since", self.ended), ("Reason", self.reason)))
        layout.addWidget(dialog_buttons(self, ok_text="Mark as no longer involved"))
        self.resize(460, 0)

    def values(self) -> tuple[str, str]:
        """(the day it ended as YYYY-MM-DD, the reason)."""
        return (
            self.ended.date().toString("yyyy-MM-dd"),
            self.reason.toPlainText().strip()[:MAX_REASON_CHARS],
        )
