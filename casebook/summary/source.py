"""What a summary shows, gathered from the notebook as one plain dict.

The PDF renderer (:mod:`casebook.summary`) works only on this dict, so it never touches
the database, and redaction can rewrite the dict before anything is drawn.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casebook import timeutil
from casebook.domain import Record
from casebook.errors import InvalidInput
from casebook.service import Notebook
from casebook.summary.records import SummaryRecord


def summary_input(
    notebook: Notebook,
    case_refs: list[str],
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    include_drafts: bool = False,
    include_reflections: bool = False,
    include_drawings: bool = False,
    today: date | None = None,
) -> dict[str, Any]:
    """The summary of ``case_refs`` for a period, ready for redaction and rendering.

    Args:
        period_from: first day included (``YYYY-MM-DD``), or None for the beginning.
        period_to: last day included, or None for today.
        include_drawings: the images attached to direct-work records (photos of a child's
            drawings) go into the summary as they are; otherwise attachments are named only.

    Raises:
        InvalidInput: no case, an unknown case, a bad date, or from after to.
    """
    if not case_refs:
        raise InvalidInput("--case", "name at least one case")
    for name, value in (("--from", period_from), ("--to", period_to)):
        if value is not None:
            try:
                timeutil.parse_date(value)
            except ValueError:
                raise InvalidInput(name, "expected a date like 2026-03-02") from None
    if period_from and period_to and period_from > period_to:
        raise InvalidInput("--from", "the period starts after it ends")
    practitioner = notebook.identity.practitioner()
    cases = [
        _case(notebook, ref, period_from, period_to, include_drafts, today, include_drawings)
        for ref in case_refs
    ]
    reflections: list[dict[str, Any]] = []
    left_out = 0
    if include_reflections:
        reflections, left_out = _reflections(notebook, cases, period_from, period_to)
    head = notebook.audit.head()
    return {
        "practitioner": {
            "name": practitioner.name,
            "role": practitioner.role,
            "organisation": practitioner.organisation,
        },
        "generated_at": timeutil.now(),
        "period": {"from": period_from, "to": period_to},
        "audit_head": {"seq": head.seq, "hash": head.hash},
        "include_drafts": include_drafts,
        "include_reflections": include_reflections,
        "include_drawings": include_drawings,
        "cases": cases,
        "reflections": reflections,
        # Reflections of the period that mention none of the cases (not included).
        "reflections_left_out": left_out,
        # Everyone in the notebook: redaction replaces their names wherever they appear
        # (the reflective log belongs to no case; a record may name another case's people).
        "notebook_people": [
            {
                "case": p.case_ref,
                "key": p.key,
                "name": p.name,
                "role": p.role,
                "preferred_name": p.preferred_name,
                "other_names": list(p.other_names),
                "born": p.born,
            }
            for p in notebook.people.all()
        ],
    }


def _reflections(
    notebook: Notebook,
    cases: list[dict[str, Any]],
    period_from: str | None,
    period_to: str | None,
) -> tuple[list[dict[str, Any]], int]:
    """The reflections of the period that mention one of the cases, and how many did not.

    A reflection mentions a case when it names the case's reference or one of its people
    in any way redaction finds a name (see :func:`casebook.summary.redact.mentions`).
    """
    from casebook.summary.redact import mention_finder

    in_period = [
        r
        for r in reversed(notebook.reflections.list())
        if _in_period(r.written_at[:10], period_from, period_to)
    ]
    mentions = mention_finder(
        [p for case in cases for p in case["people"]], [case["ref"] for case in cases]
    )
    chosen = [{"written_at": r.written_at, "text": r.text} for r in in_period if mentions(r.text)]
    return chosen, len(in_period) - len(chosen)


# The images a summary can draw (reportlab reads these with Pillow).
DRAWING_TYPES = ("image/png", "image/jpeg", "image/gif")


def is_drawing(kind: str, media_type: str) -> bool:
    """Whether an attachment of a record of ``kind`` is a drawing a summary can include."""
    return kind == "child_work" and media_type.lower() in DRAWING_TYPES


def _drawings(notebook: Notebook, record: Record) -> dict[int, bytes]:
    """The bytes of a direct-work record's drawings, by attachment id (held in memory)."""
    return {
        a.id: notebook.attachments.get(a.id).data or b""
        for a in record.attachments
        if a.id is not None and is_drawing(record.kind, a.media_type)
    }


def _in_period(day: str, period_from: str | None, period_to: str | None) -> bool:
    return (period_from is None or day >= period_from) and (period_to is None or day <= period_to)


def _case(
    notebook: Notebook,
    ref: str,
    period_from: str | None,
    period_to: str | None,
    include_drafts: bool,
    today: date | None,
    include_drawings: bool = False,
) -> dict[str, Any]:
    case = notebook.cases.get(ref)
    chosen = [
        entry
        for entry in notebook.records.chronology(ref)
        if _in_period(entry.event_at[:10], period_from, period_to)
        and (include_drafts or entry.status == "final")
    ]
    # Times as Casebook vouches for them (its own clock), with an imported record's
    # claimed times beside them, never in their place.
    records = []
    for entry in chosen:
        record = notebook.records.get(entry.record_id)
        drawings = _drawings(notebook, record) if include_drawings else {}
        records.append(SummaryRecord.from_record(record, drawings).entry())
    open_actions = notebook.actions.list(ref, today=today)
    return {
        "ref": case.ref,
        "title": case.title,
        "status": case.status,
        "opened": case.opened,
        "closed": case.closed,
        "people": notebook.interchange.people_document(ref),
        "intake": intake.document() if (intake := notebook.intake.get(ref)) else None,
        "records": records,
        "chronology": [
            {
                "record_id": e.record_id,
                "event_at": e.event_at,
                "kind": e.kind,
                "title": e.title,
                "late": e.late,
                "significant": e.significant,
                "imported": e.is_imported,
            }
            for e in chosen
        ],
        "actions": [
            {"text": a.text, "due": a.due, "done": a.done, "record_id": a.record_id}
            for a in open_actions
            if include_drafts or a.record_status == "final"
        ],
        # Open actions on drafts, which a summary without drafts leaves out (their
        # text is a draft's): counted, so no figure claims there are none.
        "actions_left_out": 0
        if include_drafts
        else sum(1 for a in open_actions if a.record_status != "final" and not a.done),
    }
