"""Finalising a record, discarding a draft, and a final record's addenda.

Finalising cannot be undone, so it is asked first, listing the key fields left empty
(:func:`finalise_gaps`); so is discarding a draft. A final record is never changed:
corrections and additions are dated addenda, shown under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from casebook import kinds
from casebook.risk import escalation_gaps
from ui.editors.fields import text_edit
from ui.icons import icon
from ui.widgets import hbox

ESCALATING = ("medium", "high")


def finalise_gaps(data: dict[str, Any]) -> list[str]:
    """The key fields a draft (a casebook/1 record object) leaves empty, in words.

    Finalising asks about them; nothing ever stops a draft being saved.
    """
    fields = data.get("fields") or {}
    kind = data.get("kind")
    gaps = []
    if not data.get("location"):
        gaps.append("Location: still “— choose —”")
    wanted = {
        "session": ("session_type",),
        "child_work": ("children", "activity"),
        "partner_support": ("partner", "contact_type"),
        "professional_contact": ("meeting_type", "family_told"),
    }.get(str(kind), ())
    for name in wanted:
        if not fields.get(name):
            spec = kinds.field_spec(str(kind), name)
            gaps.append(f"{spec.label if spec else name}: not chosen")
    for number, made in enumerate(fields.get("disclosures") or [], start=1):
        if not made.get("child"):
            gaps.append(f"Disclosure {number}: which child made it is not chosen")
    if kind == "session":
        risk = fields.get("risk_to_self")
        if not risk:
            gaps.append("Risk to self: the screen is not answered")
        elif risk in ESCALATING and not (fields.get("escalation") or "").strip():
            gaps.append(
                f"Risk to self is {kinds.label(risk, 'risk_to_self').lower()}, "
                "but no escalation is recorded"
            )
    return gaps


def finalise_blocked(data: dict[str, Any]) -> str:
    """Why the core will refuse to finalise this draft (a raised risk-to-self screen
    without who was contacted and when), in words; "" when nothing stops it."""
    fields = data.get("fields") or {}
    gaps = escalation_gaps(str(data.get("kind")), fields)
    if not gaps:
        return ""
    level = kinds.label(str(fields.get("risk_to_self")), "risk_to_self").lower()
    missing = " and ".join(
        (spec.label if (spec := kinds.field_spec("session", name)) else name).lower()
        for name in gaps
    )
    return (
        f"Risk to self is {level}. Before this session can be finalised, record who was "
        f"contacted (the GP, the crisis team) and when: {missing} "
        f"{'is' if len(gaps) == 1 else 'are'} still empty, under Presentation and wellbeing."
    )


def tell_cannot_finalise(parent: QWidget, why: str) -> None:
    """Say why a record cannot be finalised yet."""
    QMessageBox.warning(parent, "This session cannot be finalised yet", why)


def ask_finalise(parent: QWidget, gaps: Sequence[str] = ()) -> bool:
    """Ask before finalising: it cannot be undone. Empty key fields are listed first."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if gaps else QMessageBox.Icon.Question)
    box.setWindowTitle("Finalise this record?")
    box.setText(
        "Some key fields are empty. Finalise this record anyway?"
        if gaps
        else "Finalise this record?"
    )
    listed = "".join(f"\n  • {gap}" for gap in gaps)
    box.setInformativeText(
        (f"Empty or unanswered:{listed}\n\n" if gaps else "")
        + "A final record is signed with a content hash and can never be changed again, "
        "not even by you. Later corrections or additions are added as dated addenda; "
        "the original stays as it is.\n\nThis cannot be undone."
    )
    finalise = box.addButton(
        "Finalise anyway" if gaps else "Finalise", QMessageBox.ButtonRole.AcceptRole
    )
    back = box.addButton(
        "Go back and fill them in" if gaps else "Cancel", QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(back)
    box.exec()
    return box.clickedButton() is finalise


def ask_discard(parent: QWidget) -> bool:
    """Ask before discarding a draft."""
    answer = QMessageBox.question(
        parent,
        "Discard this draft?",
        "The draft and its attachments will be removed from the notebook. This cannot be undone.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class AddendaSection(QFrame):
    """Writing an addendum to a final record, at the top of its page.

    Hidden until the practitioner chooses *Add addendum*; the addenda themselves are
    listed in the record's document (:mod:`ui.editors.document`), each with who wrote
    it and when.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addendumComposer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        heading = QLabel(
            "<b>New addendum</b>: a dated correction or addition. The record stays as it "
            "is; the addendum is shown under it with your name and today's date and time."
        )
        heading.setWordWrap(True)
        self.addendum_text = text_edit(
            "New addendum", 3, placeholder="The correction or addition, in your words"
        )
        heading.setBuddy(self.addendum_text)
        self.addendum_button = QPushButton("Add addendum")
        self.addendum_button.setIcon(icon("addendum"))
        self.addendum_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.close_composer)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.addendum_text)
        layout.addLayout(hbox(None, self.cancel_button, self.addendum_button))
        self.hide()

    def open_composer(self) -> None:
        """Show the box and put the cursor in it."""
        self.show()
        self.addendum_text.setFocus()

    def close_composer(self) -> None:
        """Empty the box and hide it (after adding, or Cancel)."""
        self.addendum_text.clear()
        self.hide()
