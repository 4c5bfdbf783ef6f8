"""A case's chronology as a signed PDF (or rows to print), with a summary's redaction.

The chronology input is a summary input (see :mod:`notebook.summary`) holding one case
with its people and its chronology and no records: the same redaction
(:func:`notebook.summary.redact`) replaces the names in it, the same fonts, page layout
and audit-head metadata draw it, and the practitioner's identity signs it.

A chronology holds dates, record kinds and titles Casebook makes itself (a kind's label
and the name of the child or partner a record is about): no free text, so nothing is
left for a redaction review once the names are replaced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from notebook import timeutil
from notebook.service import Notebook
from notebook.summary import labels as lb


@dataclass(frozen=True)
class ChronologyRow:
    """One line of a printed chronology, as plain text."""

    when: str
    event: str
    kind: str
    notes: str
    significant: bool


def chronology_input(
    notebook: Notebook,
    ref: str,
    *,
    significant_only: bool = False,
    include_drafts: bool = False,
) -> dict[str, Any]:
    """The chronology of case ``ref`` as a summary input with one case and no records.

    Raises:
        NotFound: there is no such case.
    """
    case = notebook.cases.get(ref)
    practitioner = notebook.identity.practitioner()
    entries = [
        e
        for e in notebook.records.chronology(ref, significant_only=significant_only)
        if include_drafts or e.status == "final"
    ]
    head = notebook.audit.head()
    return {
        "practitioner": {
            "name": practitioner.name,
            "role": practitioner.role,
            "organisation": practitioner.organisation,
        },
        "generated_at": timeutil.now(),
        "audit_head": {"seq": head.seq, "hash": head.hash},
        "significant_only": significant_only,
        "include_drafts": include_drafts,
        "cases": [
            {
                "ref": case.ref,
                "title": case.title,
                "status": case.status,
                "opened": case.opened,
                "closed": case.closed,
                "people": notebook.interchange.people_document(ref),
                "chronology": [
                    {
                        "record_id": e.record_id,
                        "event_at": e.event_at,
                        "kind": e.kind,
                        "title": e.title,
                        "late": e.late,
                        "significant": e.significant,
                        "imported": e.is_imported,
                        "draft": e.status != "final",
                    }
                    for e in entries
                ],
            }
        ],
        # Everyone in the notebook: redaction replaces their names wherever they appear.
        "notebook_people": [
            {"case": p.case_ref, "key": p.key, "name": p.name, "role": p.role,
             "preferred_name": p.preferred_name, "other_names": list(p.other_names),
             "born": p.born}
            for p in notebook.people.all()
        ],
    }  # fmt: skip


def redacted_chronology(data: dict[str, Any], redaction: str) -> dict[str, Any]:
    """The chronology input with names replaced (``none``, ``initials``, ``pseudonyms``)."""
    from notebook.summary.redact import redact

    return redact(data, redaction)


def chronology_rows(data: dict[str, Any]) -> list[ChronologyRow]:
    """The lines of a (redacted) chronology input, oldest first."""
    rows = []
    for event in _case(data).get("chronology") or []:
        imported = event.get("imported")
        notes = [
            note
            for note, on in (
                ("Significant", event.get("significant")),
                ("Draft", event.get("draft")),
                ("Imported", imported),
                ("Late entry (claimed)" if imported else "Late entry", event.get("late")),
            )
            if on
        ]
        rows.append(
            ChronologyRow(
                when=lb.format_time(event.get("event_at")),
                event=str(event.get("title") or ""),
                kind=lb.label(lb.KIND, event.get("kind")),
                notes=", ".join(notes),
                significant=bool(event.get("significant")),
            )
        )
    return rows


def chronology_heading(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (label, value) lines above a chronology: case, who, when, what it shows."""
    from notebook.summary.case import case_label
    from notebook.summary.cover import audit_head_text

    practitioner = data.get("practitioner") or {}
    redaction = str(data.get("redaction") or "none")
    return [
        ("Case", case_label(_case(data))),
        ("Prepared by", str(practitioner.get("name") or "")),
        ("Organisation", str(practitioner.get("organisation") or "")),
        ("Generated", lb.format_time(data.get("generated_at"))),
        ("Events", "Significant events only" if data.get("significant_only") else "All events"),
        ("Drafts", "Included, marked Draft" if data.get("include_drafts") else "Not included"),
        ("Redaction", lb.label(lb.REDACTION, redaction)),
        ("Audit-chain head", audit_head_text(data.get("audit_head"))),
    ]


def render_chronology_pdf(data: dict[str, Any]) -> bytes:
    """Draw a (redacted) chronology input as an unsigned PDF (fonts and layout of a summary)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Spacer

    from notebook.summary import styles as st
    from notebook.summary.blocks import MM, Blocks
    from notebook.summary.fonts import register_fonts
    from notebook.summary.layout import (
        MARGIN_LEFT,
        MARGIN_RIGHT,
        Metadata,
        PageText,
        bookmark,
        build_document,
    )
    from notebook.summary.pdf import audit_head_value
    from notebook.summary.styles import make_styles

    blocks = Blocks(make_styles(), register_fonts(), A4[0] - MARGIN_LEFT - MARGIN_RIGHT)
    s = blocks.styles
    rows = chronology_rows(data)
    story: list[Any] = [
        bookmark("chronology", "Chronology", 0),
        blocks.para("Chronology", s.title),
        blocks.pairs(chronology_heading(data), label_width=38 * MM),
        Spacer(1, 6 * MM),
    ]
    if rows:
        story.append(
            blocks.grid(
                ["When", "Event", "Kind", "Notes"],
                [[r.when, r.event, r.kind, r.notes] for r in rows],
                [0.2, 0.44, 0.18, 0.18],
                [i for i, r in enumerate(rows) if r.significant],
                st.TINT,
            )
        )
    else:
        story.append(blocks.para("No events to show.", s.muted))
    head = audit_head_value(data.get("audit_head"))
    metadata = Metadata(
        subject=f"Case chronology: {len(rows)} events, redaction {data.get('redaction', 'none')}",
        keywords=f"casebook chronology; audit-head {head}" if head else "casebook chronology",
        audit_head=head,
    )
    footer = f"Casebook chronology · generated {lb.format_time(data.get('generated_at'))}"
    return build_document(story, PageText(footer_note=footer), metadata)


def export_chronology(
    notebook: Notebook,
    ref: str,
    *,
    significant_only: bool = False,
    include_drafts: bool = False,
    redaction: str = "initials",
) -> bytes:
    """Gather, redact, draw and sign a case's chronology; the export is audited.

    Returns:
        the signed PDF's bytes.
    """
    from notebook.signing import sign_pdf

    data = redacted_chronology(
        chronology_input(
            notebook, ref, significant_only=significant_only, include_drafts=include_drafts
        ),
        redaction,
    )
    signed = sign_pdf(
        render_chronology_pdf(data), notebook.identity.signing_identity(), "Casebook chronology"
    )
    case_id = notebook.cases.get(ref).id
    notebook.audit.append(
        "chronology.export",
        f"case:{case_id}",
        f"events={len(chronology_rows(data))} redaction={redaction}"
        f" audit_head={data['audit_head']['seq']} sha256={hashlib.sha256(signed).hexdigest()}",
    )
    return signed


def _case(data: dict[str, Any]) -> dict[str, Any]:
    cases = data.get("cases") or [{}]
    return dict(cases[0])
