"""Session with the person of concern: purpose, narrative, wellbeing and risk, strengths."""

from __future__ import annotations

import html
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.risk import escalation_gaps
from ui.editors.base import KindForm, section
from ui.editors.finalise import ESCALATING
from ui.editors.ratings import rating_lines, rating_placeholders, rating_section

# The risk-to-self screen, two to a row under the rating.
SCREEN_FIELDS = (
    "risk_thoughts",
    "risk_plans",
    "risk_means",
    "protective_factors",
    "police_contact",
    "court_dates",
)
ESCALATION_FIELDS = ("escalation_contacted", "escalation_on")


def _grid_widget(grid: QGridLayout) -> QWidget:
    widget = QWidget()
    grid.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(grid)
    return widget


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
        "risk_thoughts": 2,
        "risk_plans": 1,
        "risk_means": 1,
        "protective_factors": 2,
        "police_contact": 1,
        "court_dates": 1,
        "escalation_contacted": 1,
        "plan_warning_signs": 2,
        "plan_coping": 2,
        "plan_people_places": 2,
        "plan_professionals": 2,
        "plan_environment": 2,
        **rating_lines("session"),
    }
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "narrative": "What happened in the session, in your words",
        "presentation": "Mood, appearance, sleep, eating, alcohol or drug use, what they said "
        "about how they are coping",
        "escalation": "What you did and what was agreed",
        "escalation_contacted": "The GP, the crisis team, Safer Custody, your manager",
        "risk_thoughts": "In their words where you can",
        "plan_professionals": "Names and numbers: GP, crisis team, Samaritans 116 123",
        **rating_placeholders("session"),
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
        contacted = QHBoxLayout()
        contacted.addWidget(self.labelled("escalation_contacted"), 1)
        contacted.addWidget(self.labelled("escalation_on"))
        esc.addLayout(contacted)
        self.escalation_needed = QLabel(
            "Who was contacted and when must be filled in before this session can be finalised."
        )
        self.escalation_needed.setObjectName("escalationNeeded")
        self.escalation_needed.setWordWrap(True)
        esc.addWidget(self.escalation_needed)
        esc.addWidget(self.labelled("escalation"))

        screen = QGridLayout()
        for i, name in enumerate(SCREEN_FIELDS):
            screen.addWidget(self.labelled(name), i // 2, i % 2)
        wellbeing = section(
            "Presentation and wellbeing",
            self.labelled("presentation", "How they presented"),
            self.labelled("risk_to_self", hint="screen for suicide and self-harm risk"),
            _grid_widget(screen),
            self.escalation_box,
        )
        plan = section(
            "Safety plan (for the person, printable)",
            *(self.labelled(name) for name in kinds.SAFETY_PLAN_FIELDS),
        )
        plan.setObjectName("safetyPlanSection")
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
        layout.addWidget(rating_section(f, "session", "Change over time (this session)"))
        layout.addWidget(self.labelled("safeguarding"))
        layout.addWidget(plan)
        f["risk_to_self"].changed.connect(self.refresh)
        f["escalation_contacted"].changed.connect(self.refresh)
        f["escalation_on"].changed.connect(self.refresh)

    def refresh(self) -> None:
        raised = self.fields["risk_to_self"].value() in ESCALATING
        self.escalation_box.setVisible(raised)
        values = {name: self.fields[name].value() for name in ESCALATION_FIELDS}
        gaps = escalation_gaps("session", {"risk_to_self": "high", **values})
        self.escalation_needed.setVisible(bool(gaps))
        subjects = [p for p in self.people if p.role == "subject"]
        if subjects:
            lines = [
                f"<b>{html.escape(p.name)}</b>: {html.escape(p.gp) if p.gp else 'no GP recorded'}"
                for p in subjects
            ]
            self.gp.setText("<br>".join(lines))
        else:
            self.gp.setText("No person of concern is recorded in this case.")
