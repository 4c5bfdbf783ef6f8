"""Referrals not yet seen: open cases with a referral date and no first contact, with the
days they have waited (the core's list, :meth:`casebook.stores.intake.IntakeStore.waiting`,
the same as ``casebook intake list``). Shown in Actions due, beside raised risk now."""

from __future__ import annotations

from typing import Any

from casebook.intake import AIM_DAYS
from casebook.stores.intake import Waiting
from ui import text
from ui.list_panel import ListPanel

NONE_WAITING = "No referral is waiting to be seen."


def waiting_line(waiting: Waiting) -> str:
    """One referral in words (plain text: the list shows it literally)."""
    over = f" · over the {AIM_DAYS}-day aim" if waiting.over_aim else ""
    title = f" · {waiting.case_title}" if waiting.case_title else ""
    referred = text.day(waiting.referral_date)
    return f"{waiting.days} days waiting{over} · {waiting.case_ref}{title} · referred {referred}"


def referrals_panel() -> ListPanel:
    """Referrals waiting, longest first; a row chosen gives its case reference."""
    panel = ListPanel(
        "Referrals not yet seen",
        "<b>Referrals not yet seen</b> — days since the referral",
        NONE_WAITING,
    )
    panel.setObjectName("referralsPanel")
    return panel


def waiting_rows(waiting: list[Any]) -> list[tuple[str, str, bool]]:
    """The core's referrals waiting as rows (one over the aim warns)."""
    return [(waiting_line(w), w.case_ref, w.over_aim) for w in waiting]
