"""A professional contact: a strategy discussion, core group, conference, call or email."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ui.editors.base import KindForm, section
from ui.editors.fields.attendees import AttendeesField


class ProfessionalContactForm(KindForm):
    """Type of meeting, who attended, what was shared and decided, and whether the family knows.

    Who does what by when are the record's actions (below the form, as on every record).
    """

    KIND = "professional_contact"
    LINES: ClassVar[dict[str, int]] = {
        "purpose": 2,
        "information_shared": 4,
        "decisions": 4,
        "family_told_note": 2,
    }
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "purpose": "Why the meeting or call took place",
        "information_shared": "What you shared and what others shared",
        "decisions": "What was decided (who does what by when goes under Actions)",
        "family_told_note": "Who told the family and when, or why they were not told",
    }

    def build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.labelled("meeting_type"))
        top.addWidget(self.labelled("next_meeting"))
        top.addStretch(1)
        note = QLabel(
            "Add the people of the case who took part and each professional with their "
            "agency and role. Record who does what by when as actions below."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(section("Who attended", note, self.fields["attendees"]))
        layout.addWidget(self.labelled("purpose"))
        layout.addWidget(self.labelled("information_shared"))
        layout.addWidget(self.labelled("decisions"))
        layout.addWidget(
            section(
                "The family",
                self.labelled("family_told"),
                self.labelled("family_told_note", "By whom and when, or why not"),
            )
        )

    def set_context(self, people: list[Any], event_at: str | None, extra: Any) -> None:
        attendees = self.fields["attendees"]
        if isinstance(attendees, AttendeesField):
            attendees.set_people(people)
        super().set_context(people, event_at, extra)
