"""A case's chronology as a signed PDF (or rows to print), with a summary's redaction.

The chronology input is a summary input (see :mod:`casebook.summary`) holding one case
with its people and its chronology and no records: the same redaction
(:func:`casebook.summary.redact`) replaces the names in it, the same fonts, page layout
and audit-head metadata draw it, and the practitioner's identity signs it.

A chronology holds dates, record kinds and titles Casebook makes itself (a kind's label
and the name of the child or partner a record is about), and the case's chronology events
(:mod:`casebook.stores.events`). The court version (``court=True``,
:mod:`casebook.summary.court`) holds each record's passages of free text with their
source and class instead: the same redaction replaces the names in them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from casebook import timeutil
from casebook.domain import ChronologyEntry
from casebook.service import Notebook
from casebook.summary import labels as lb
from casebook.summary.court import (
    COURT_COLUMNS,
    COURT_WIDTHS,
    court_rows,
    event_entry,
    record_entries,
)


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
    court: bool = False,
) -> dict[str, Any]:
    """The chronology of case ``ref`` as a summary input with one case and no records.

    ``court``: each record's passages with their source and class (the court version).

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
    chronology = [
        *(_entries(notebook, e, court) for e in entries),
        *([event_entry(ev)] for ev in notebook.events.list(ref, significant_only=significant_only)),
    ]
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
        "court": court,
        "cases": [
            {
                "ref": case.ref,
                "title": case.title,
                "status": case.status,
                "opened": case.opened,
                "closed": case.closed,
                "people": notebook.interchange.people_document(ref),
                "chronology": [
                    entry
                    for group in sorted(chronology, key=lambda g: _sort_key(g[0]["event_at"]))
                    for entry in group
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


def _entries(notebook: Notebook, e: ChronologyEntry, court: bool) -> list[dict[str, Any]]:
    if court:
        return record_entries(notebook, e)
    return [
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
    ]


def _sort_key(event_at: str) -> str:
    return timeutil.utc_key(event_at if "T" in event_at else event_at + "T00:00:00+00:00")


def redacted_chronology(data: dict[str, Any], redaction: str) -> dict[str, Any]:
    """The chronology input with names replaced (``none``, ``initials``, ``pseudonyms``)."""
    from casebook.summary.redact import redact

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
        when = str(event.get("event_at") or "")
        rows.append(
            ChronologyRow(
                when=lb.format_time(when) if "T" in when else lb.format_day(when),
                event=str(event.get("title") or ""),
                kind=lb.label({**lb.KIND, "event": "Event"}, event.get("kind")),
                notes=", ".join(notes),
                significant=bool(event.get("significant")),
            )
        )
    return rows


def chronology_heading(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (label, value) lines above a chronology: case, who, when, what it shows."""
    from casebook.summary.case import case_label
    from casebook.summary.cover import audit_head_text

    practitioner = data.get("practitioner") or {}
    redaction = str(data.get("redaction") or "none")
    return [
        ("Case", case_label(_case(data))),
        ("Prepared by", str(practitioner.get("name") or "")),
        ("Organisation", str(practitioner.get("organisation") or "")),
        ("Generated", lb.format_time(data.get("generated_at"))),
        ("Events", "Significant events only" if data.get("significant_only") else "All events"),
        *(
            [
                (
                    "Classes",
                    "Observed, reported (hearsay, with its source) or opinion; "
                    "text not marked is shown as unclassified",
                )
            ]
            if data.get("court")
            else []
        ),
        ("Drafts", "Included, marked Draft" if data.get("include_drafts") else "Not included"),
        ("Redaction", lb.label(lb.REDACTION, redaction)),
        ("Audit-chain head", audit_head_text(data.get("audit_head"))),
    ]


def chronology_table(
    data: dict[str, Any],
) -> tuple[list[str], list[list[str]], list[float], list[int]]:
    """A (redacted) chronology input as (header, cells, column widths, tinted rows):
    the court version's columns are date, event, source and class."""
    if data.get("court"):
        court = court_rows(_case(data).get("chronology") or [])
        return (
            list(COURT_COLUMNS),
            [[r.when, r.event, r.source, r.cls] for r in court],
            list(COURT_WIDTHS),
            [i for i, r in enumerate(court) if r.significant],
        )
    rows = chronology_rows(data)
    return (
        ["When", "Event", "Kind", "Notes"],
        [[r.when, r.event, r.kind, r.notes] for r in rows],
        [0.2, 0.44, 0.18, 0.18],
        [i for i, r in enumerate(rows) if r.significant],
    )


def render_chronology_pdf(data: dict[str, Any]) -> bytes:
    """Draw a (redacted) chronology input as an unsigned PDF (fonts and layout of a summary)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Spacer

    from casebook.summary import styles as st
    from casebook.summary.blocks import MM, Blocks
    from casebook.summary.fonts import register_fonts
    from casebook.summary.layout import (
        MARGIN_LEFT,
        MARGIN_RIGHT,
        Metadata,
        PageText,
        bookmark,
        build_document,
    )
    from casebook.summary.pdf import audit_head_value
    from casebook.summary.styles import make_styles

    blocks = Blocks(make_styles(), register_fonts(), A4[0] - MARGIN_LEFT - MARGIN_RIGHT)
    s = blocks.styles
    court = bool(data.get("court"))
    title = "Court chronology" if court else "Chronology"
    header, cells, widths, tinted = chronology_table(data)
    story: list[Any] = [
        bookmark("chronology", title, 0),
        blocks.para(title, s.title),
        blocks.pairs(chronology_heading(data), label_width=38 * MM),
        Spacer(1, 6 * MM),
    ]
    if cells:
        story.append(blocks.grid(header, cells, widths, tinted, st.TINT))
    else:
        story.append(blocks.para("No events to show.", s.muted))
    head = audit_head_value(data.get("audit_head"))
    metadata = Metadata(
        subject=f"Case {title.lower()}: {len(cells)} lines,"
        f" redaction {data.get('redaction', 'none')}",
        keywords=f"casebook chronology; audit-head {head}" if head else "casebook chronology",
        audit_head=head,
    )
    footer = f"Casebook {title.lower()} · generated {lb.format_time(data.get('generated_at'))}"
    return build_document(story, PageText(footer_note=footer), metadata)


def export_chronology(
    notebook: Notebook,
    ref: str,
    *,
    significant_only: bool = False,
    include_drafts: bool = False,
    redaction: str = "initials",
    court: bool = False,
) -> bytes:
    """Gather, redact, draw and sign a case's chronology; the export is audited.

    Returns:
        the signed PDF's bytes.
    """
    from casebook.signing import sign_pdf

    data = redacted_chronology(
        chronology_input(
            notebook, ref, significant_only=significant_only, include_drafts=include_drafts,
            court=court,
        ),
        redaction,
    )  # fmt: skip
    signed = sign_pdf(
        render_chronology_pdf(data),
        notebook.identity.signing_identity(),
        "Casebook court chronology" if court else "Casebook chronology",
    )
    case_id = notebook.cases.get(ref).id
    notebook.audit.append(
        "chronology.export",
        f"case:{case_id}",
        f"events={len(chronology_table(data)[1])} redaction={redaction} court={int(court)}"
        f" audit_head={data['audit_head']['seq']} sha256={hashlib.sha256(signed).hexdigest()}",
    )
    return signed


def _case(data: dict[str, Any]) -> dict[str, Any]:
    cases = data.get("cases") or [{}]
    return dict(cases[0])
