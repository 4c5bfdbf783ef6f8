"""Render a summary input as a PDF (reportlab platypus, DejaVu Sans embedded).

The summary input is the plain dict described in :mod:`casebook.summary`. The
PDF is unsigned; :func:`casebook.signing.sign_pdf` signs it.
"""

from __future__ import annotations

import re
from typing import Any

from casebook.kinds import REDACTION_MODES
from casebook.summary import labels as lb
from casebook.summary.blocks import Blocks
from casebook.summary.case import case_flowables
from casebook.summary.cover import cover_flowables
from casebook.summary.fonts import register_fonts
from casebook.summary.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Metadata,
    PageText,
    bookmark,
    build_document,
    end_with_countersignature,
    header_marker,
)
from casebook.summary.redact import RedactionError, redact
from casebook.summary.styles import make_styles

_HEX = re.compile(r"[0-9a-fA-F]{1,512}")


def render_summary_pdf(summary_input: dict[str, Any], redaction: str = "none") -> bytes:
    """Render a summary as an unsigned PDF.

    Args:
        summary_input: The summary input dict (not modified); raw, or already
            passed through :func:`casebook.summary.redact`.
        redaction: ``"none"``, ``"initials"`` or ``"pseudonyms"``.

    Returns:
        The PDF bytes. Its document information holds no names and carries the
        audit-chain head (see :func:`casebook.signing.read_audit_head`).

    Raises:
        RedactionError: For an unknown redaction mode.
        FontsMissingError: When the DejaVu fonts cannot be found.
    """
    if redaction not in REDACTION_MODES:
        raise RedactionError(f"unknown redaction mode: {redaction!r}")
    from reportlab.lib.pagesizes import A4

    data = redact(summary_input, redaction)
    redaction = str(data.get("redaction", redaction))
    blocks = Blocks(make_styles(), register_fonts(), A4[0] - MARGIN_LEFT - MARGIN_RIGHT)
    today = lb.parse_day(data.get("generated_at"))
    story: list[Any] = cover_flowables(data, redaction, blocks)
    for number, case in enumerate(data.get("cases") or [], start=1):
        story.extend(case_flowables(case, number, blocks, today))
    if data.get("include_reflections"):
        left_out = data.get("reflections_left_out")
        left_out = left_out if isinstance(left_out, int) and not isinstance(left_out, bool) else 0
        story.extend(_reflections(data.get("reflections") or [], blocks, left_out))
    end_with_countersignature(story, blocks.width)
    head = audit_head_value(data.get("audit_head"))
    cases = len(data.get("cases") or [])
    metadata = Metadata(
        subject=f"Case summary: {cases} case{'s' if cases != 1 else ''}, redaction {redaction}",
        keywords=f"casebook summary; audit-head {head}" if head else "casebook summary",
        audit_head=head,
    )
    footer = f"Casebook summary · generated {lb.format_time(data.get('generated_at'))}"
    return build_document(story, PageText(footer_note=footer), metadata)


def audit_head_value(audit_head: Any) -> str | None:
    """The audit-chain head as stored in the PDF metadata: ``"SEQ:HEX"``.

    Args:
        audit_head: ``{"seq": int, "hash": hex}`` or None.

    Returns:
        The value, or None when the head is missing or malformed.
    """
    if not isinstance(audit_head, dict):
        return None
    seq, digest = audit_head.get("seq"), audit_head.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(digest, str):
        return None
    if not _HEX.fullmatch(digest):
        return None
    return f"{seq}:{digest.lower()}"


def _reflections(reflections: list[Any], blocks: Blocks, left_out: int = 0) -> list[Any]:
    from reportlab.platypus import PageBreak, Spacer

    s = blocks.styles
    out: list[Any] = [
        PageBreak(),
        header_marker("Reflective log"),
        bookmark("reflections", "Reflective log", 0),
        blocks.para("Reflective log", s.h1),
        blocks.para(
            "The practitioner's private reflections, included at their request.", s.h1_meta
        ),
        Spacer(1, 8),
    ]
    if left_out:
        out.append(blocks.para(reflections_left_out_text(left_out, bool(reflections)), s.muted))
    elif not reflections:
        out.append(blocks.para("No reflections in this period.", s.muted))
    entries = [r if isinstance(r, dict) else {"text": r} for r in reflections]
    for entry in sorted(entries, key=lambda r: str(r.get("written_at") or "")):
        out.append(blocks.label("Written " + lb.format_time(entry.get("written_at"))))
        out.extend(blocks.text(entry.get("text")))
    return out


def reflections_left_out_text(left_out: int, some_included: bool) -> str:
    """What a summary says about reflections of its period that mention none of its cases.

    Args:
        left_out: How many were left out.
        some_included: Whether other reflections were included.
    """
    count = "1 reflection" if left_out == 1 else f"{left_out} reflections"
    if some_included:
        verb = "mentions" if left_out == 1 else "mention"
        return f"Left out: {count} of this period that {verb} none of the cases in this summary."
    return f"No reflection of this period mentions the cases in this summary ({count} left out)."
