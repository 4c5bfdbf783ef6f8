"""Raised risk now: the open cases whose latest risk-to-self screen is medium or high.

Shown at the top of Actions due; the list comes from the core
(:meth:`casebook.stores.risk.RiskStore.raised_now`), the same as ``casebook risk``.
"""

from __future__ import annotations

from typing import Any

from casebook import kinds
from casebook.stores.risk import RaisedRisk
from ui import text
from ui.list_panel import ListPanel

NONE_RAISED = "No open case has a raised risk-to-self screen."


def risk_line(risk: RaisedRisk) -> str:
    """One raised screen in words (plain text: the list shows it literally)."""
    level = kinds.label(risk.level, "risk_to_self").upper()
    escalation = (
        "escalation recorded" if risk.escalated else "who was contacted and when NOT recorded"
    )
    draft = " (draft)" if risk.status == "draft" else ""
    when = text.day(risk.event_at[:10])
    title = f" · {risk.case_title}" if risk.case_title else ""
    return f"{level} · {risk.case_ref}{title} · screened {when}{draft} · {escalation}"


def raised_risk_panel() -> ListPanel:
    """The raised screens, high first; a row chosen gives its session's record id."""
    panel = ListPanel(
        "Raised risk now",
        "<b>Raised risk now</b> — risk to self, latest screen per case",
        NONE_RAISED,
    )
    panel.setObjectName("raisedRiskPanel")
    return panel


def raised_rows(raised: list[Any]) -> list[tuple[str, str, bool]]:
    """The core's raised screens as rows (a high one, or one without escalation, warns)."""
    return [(risk_line(r), r.record_id, r.level == "high" or not r.escalated) for r in raised]
