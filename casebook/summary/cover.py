"""The cover page: who, what, when, how redacted, and the audit-chain head."""

from __future__ import annotations

from typing import Any

from casebook.summary import labels as lb
from casebook.summary import styles as st
from casebook.summary.blocks import MM, Blocks
from casebook.summary.case import case_label
from casebook.summary.layout import bookmark

HANDLING_NOTE = (
    "This summary is about children and families. Share it only with people entitled to "
    "see it, keep it in secure storage and destroy copies that are no longer needed."
)
SIGNATURE_NOTE = (
    "The practitioner has signed this document digitally. Check the signature before "
    "relying on it: any change to the file, however small, makes the signature fail. "
    "A supervisor may countersign it in the box at the end."
)


def period_text(period: dict[str, Any] | None) -> str:
    """Describe the summary period.

    Args:
        period: ``{"from": date or None, "to": date or None}``.

    Returns:
        For example ``"1 Mar 2026 to 30 Apr 2026"`` or ``"All records"``.
    """
    period = period or {}
    start, end = period.get("from"), period.get("to")
    if start and end:
        return f"{lb.format_day(start)} to {lb.format_day(end)}"
    if start:
        return f"From {lb.format_day(start)}"
    if end:
        return f"Up to {lb.format_day(end)}"
    return "All records"


def audit_head_text(audit_head: dict[str, Any] | None) -> str:
    """The audit-chain head as shown on the cover.

    Args:
        audit_head: ``{"seq": int, "hash": hex}`` or None.

    Returns:
        ``"entry 1234"`` and ``"hash 9f…"`` on two lines, or ``"not recorded"``.
    """
    if not audit_head:
        return "not recorded"
    return f"entry {audit_head.get('seq')}\nhash {audit_head.get('hash')}"


def cover_flowables(data: dict[str, Any], redaction: str, blocks: Blocks) -> list[Any]:
    """Flowables for the cover page.

    Args:
        data: The summary input (already redacted).
        redaction: The redaction mode used.
        blocks: Flowable factory.

    Returns:
        The flowables.
    """
    from reportlab.platypus import Spacer

    s = blocks.styles
    cases = data.get("cases") or []
    practitioner = data.get("practitioner") or {}
    out: list[Any] = [bookmark("cover", "Cover", 0), Spacer(1, 18 * MM)]
    out.append(blocks.para("Case summary", s.title))
    out.append(blocks.para(blocks.inline(_subtitle(cases, data), s.subtitle), s.subtitle))
    banner = [
        blocks.para("Confidential: contains special category personal data", s.banner),
        blocks.para(blocks.inline(HANDLING_NOTE, s.small), s.small),
    ]
    out.append(blocks.box(banner, st.ALERT_TINT, st.ALERT))
    out.append(Spacer(1, 10 * MM))
    rows: list[tuple[str, Any]] = [
        ("Prepared by", practitioner.get("name")),
        ("Role", practitioner.get("role")),
        ("Organisation", practitioner.get("organisation")),
        ("Cases", "\n".join(case_label(c) for c in cases) or "None"),
        ("Period", period_text(data.get("period"))),
        ("Generated", lb.format_time(data.get("generated_at"))),
        ("Redaction", lb.label(lb.REDACTION, redaction)),
        ("Drafts", "Included, marked DRAFT" if data.get("include_drafts") else "Not included"),
        (
            "Reflective log",
            "Included" if data.get("include_reflections") else "Not included",
        ),
        ("Audit-chain head", audit_head_text(data.get("audit_head"))),
    ]
    out.append(blocks.pairs(rows, label_width=38 * MM))
    out.append(Spacer(1, 8 * MM))
    if cases:
        out.append(blocks.para("Cases in this summary", s.h2))
        out.append(_overview(cases, blocks))
    out.append(Spacer(1, 8 * MM))
    out.append(blocks.para(blocks.inline(SIGNATURE_NOTE, s.muted), s.muted))
    return out


def open_actions_text(case: dict[str, Any]) -> str:
    """The open actions of a case as counted on the cover.

    Returns:
        ``"2"``, or ``"2 on final records; 1 more on drafts not included"`` when the
        summary leaves out drafts that hold open actions.
    """
    shown = sum(1 for a in case.get("actions") or [] if not a.get("done"))
    left_out = int(case.get("actions_left_out") or 0)
    if not left_out:
        return str(shown)
    return f"{shown} on final records; {left_out} more on drafts not included"


def _subtitle(cases: list[dict[str, Any]], data: dict[str, Any]) -> str:
    count = len(cases)
    noun = "case" if count == 1 else "cases"
    return f"{count} {noun} · {period_text(data.get('period'))}"


def _overview(cases: list[dict[str, Any]], blocks: Blocks) -> Any:
    rows = []
    for case in cases:
        records = case.get("records") or []
        drafts = sum(1 for r in records if r.get("status") != "final")
        count = f"{len(records)}" + (f" ({drafts} draft)" if drafts else "")
        rows.append(
            [
                str(case.get("ref") or ""),
                str(case.get("title") or ""),
                str(case.get("status") or "").capitalize(),
                count,
                open_actions_text(case),
            ]
        )
    return blocks.grid(
        ["Reference", "Title", "Status", "Records", "Open actions"],
        rows,
        [0.18, 0.36, 0.12, 0.16, 0.18],
    )
