"""Partner support: feelings stage (and how it moved over time), advice, protective capacity."""

from __future__ import annotations

import html
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from casebook import kinds
from ui import text
from ui.editors.base import KindForm, section
from ui.editors.ratings import rating_lines, rating_placeholders, rating_section


class PartnerSupportForm(KindForm):
    """A partner support contact, with the partner's feelings stage over time."""

    KIND = "partner_support"
    ROLES: ClassVar[dict[str, tuple[str, ...]]] = {"partner": ("partner",)}
    LINES: ClassVar[dict[str, int]] = {
        "feelings": 3,
        "information_given": 4,
        "decisions": 3,
        "understanding_of_risk": 3,
        "protective_capacity": 4,
        "safety_plan": 3,
        "wellbeing": 3,
        **rating_lines("partner_support"),
    }
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "information_given": "Criminal justice process, social care involvement, contact "
        "arrangements, support groups",
        "protective_capacity": "Can they recognise risk and keep the children safe? "
        "What helps, what gets in the way",
        **rating_placeholders("partner_support"),
    }

    def build(self) -> None:
        f = self.fields
        self.history: dict[str, list[tuple[str, str, str]]] = {}
        self.record_id = ""
        top = QHBoxLayout()
        top.addWidget(self.labelled("partner"))
        top.addWidget(self.labelled("contact_type"))
        top.addStretch(1)
        self.stages = QLabel()
        self.stages.setObjectName("stageHistory")
        self.stages.setWordWrap(True)
        self.stages.setTextFormat(Qt.TextFormat.RichText)
        self.stages.setAccessibleName("Feelings stage over time")
        feelings = section(
            "Feelings",
            self.labelled(
                "feelings_stage", hint="shock, disbelief, anger, bargaining, sadness, acceptance"
            ),
            self.stages,
            self.labelled("feelings"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(feelings)
        layout.addWidget(self.labelled("information_given"))
        layout.addWidget(self.labelled("decisions"))
        layout.addWidget(
            section(
                "Risk and protection",
                self.labelled("understanding_of_risk"),
                self.labelled("protective_capacity"),
                rating_section(f, "partner_support", "Change over time (this contact)"),
                self.labelled("safety_plan"),
            )
        )
        layout.addWidget(self.labelled("wellbeing"))
        f["partner"].changed.connect(self.refresh)
        f["feelings_stage"].changed.connect(self.refresh)

    def set_context(self, people: list[Any], event_at: str | None, extra: Any) -> None:
        """``extra``: {partner key: [(event_at, stage, record id), ...]} of this case."""
        self.history = dict(extra or {})
        super().set_context(people, event_at, extra)

    def refresh(self) -> None:
        partner = self.fields["partner"].value()
        earlier = [
            (at, stage)
            for at, stage, rid in self.history.get(partner or "", [])
            if rid != self.record_id and (not self.event_at or at <= self.event_at) and stage
        ]
        earlier.sort()
        current = self.fields["feelings_stage"].value()

        def stage_words(stage: str) -> str:
            return html.escape(kinds.label(stage, "feelings_stage"))

        steps = [f"{html.escape(text.day(at))}: {stage_words(stage)}" for at, stage in earlier]
        if current:
            steps.append(f"<b>this contact: {stage_words(current)}</b>")
        if not partner:
            self.stages.setText(
                "Choose the partner to see how their feelings have moved over time."
            )
        elif len(steps) <= 1 and not earlier:
            self.stages.setText("No earlier partner support records for this partner.")
        else:
            self.stages.setText("Over time: " + " &nbsp;→&nbsp; ".join(steps))
