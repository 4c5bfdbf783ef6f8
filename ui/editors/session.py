"""Session with the person of concern: purpose, narrative, wellbeing and risk, strengths."""

from __future__ import annotations

import html
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from ui.editors.base import KindForm, section
from ui.editors.finalise import ESCALATING


class SessionForm(KindForm):
    """A session: a medium or high risk to self reveals escalation and the GP's details."""

    KIND = "session"
    LINES: ClassVar[dict[str, int]] = {
        "purpose": 2,
        "narrative": 8,
        "presentation": 4,
        "escalation": 3,
        "strengths": 3,
        "safeguarding": 3,
    }
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "narrative": "What happened in the session, in your words",
        "presentation": "Mood, appearance, sleep, eating, alcohol or drug use, what they said "
        "about how they are coping",
        "escalation": "What you did: who you told (GP, crisis team, manager), when, "
        "and what was agreed",
    }

    def build(self) -> None:
        f = self.fields
        top = QHBoxLayout()
        top.addWidget(self.labelled("session_type"))
        top.addWidget(self.labelled("next_session"))
        top.addStretch(1)

        self.gp = QLabel()
        self.gp.setObjectName("gpDetails")
        self.gp.setWordWrap(True)
        self.gp.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gp.setAccessibleName("GP details of the person of concern")
        self.escalation_box = QFrame()
        self.escalation_box.setObjectName("escalation")
        self.escalation_box.setFrameShape(QFrame.Shape.StyledPanel)
        esc = QVBoxLayout(self.escalation_box)
        warning = QLabel(
            "<b>Risk to self is raised.</b> Follow your service's procedure: record what "
            "you did and who you told. The person's GP:"
        )
        warning.setWordWrap(True)
        esc.addWidget(warning)
        esc.addWidget(self.gp)
        esc.addWidget(self.labelled("escalation"))

        wellbeing = section(
            "Presentation and wellbeing",
            self.labelled("presentation", "How they presented"),
            self.labelled("risk_to_self", hint="screen for suicide and self-harm risk"),
            self.escalation_box,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.labelled("purpose"))
        layout.addWidget(self.labelled("narrative"))
        layout.addWidget(wellbeing)
        layout.addWidget(section("Risk indicators seen in this session", f["risk_indicators"]))
        layout.addWidget(
            self.labelled("strengths", hint="Good Lives: goals, motivation, what helps")
        )
        layout.addWidget(self.labelled("safeguarding"))
        f["risk_to_self"].changed.connect(self.refresh)

    def refresh(self) -> None:
        raised = self.fields["risk_to_self"].value() in ESCALATING
        self.escalation_box.setVisible(raised)
        subjects = [p for p in self.people if p.role == "subject"]
        if subjects:
            lines = [
                f"<b>{html.escape(p.name)}</b>: {html.escape(p.gp) if p.gp else 'no GP recorded'}"
                for p in subjects
            ]
            self.gp.setText("<br>".join(lines))
        else:
            self.gp.setText("No person of concern is recorded in this case.")
