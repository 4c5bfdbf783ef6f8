"""Render a subject-access pack: a cover letter, an index, the person's entry, the
records, the chronology events that mention the person, actions and attachments, and the
withheld log (unsigned; sar.py signs it).

Every user string goes through :class:`casebook.summary.blocks.Blocks` (escaped, in the
font that draws its script), as in a summary.
"""

from __future__ import annotations

from typing import Any

from casebook.summary import labels as lb
from casebook.summary.blocks import MM, Blocks
from casebook.summary.case import case_label
from casebook.summary.fonts import register_fonts
from casebook.summary.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Metadata,
    PageText,
    bookmark,
    build_document,
    header_marker,
)
from casebook.summary.pdf import audit_head_value
from casebook.summary.record import record_flowables, record_title
from casebook.summary.records import SummaryRecord
from casebook.summary.styles import make_styles
from casebook.summary.withheld import Withheld

LETTER = (
    "You asked for a copy of the personal information held about you. This pack holds "
    "everything this practitioner's notebook records about you in the case named below: "
    "your details as recorded, every record that involves or mentions you, the events of "
    "the case's chronology that mention you, the actions arising from the records and a "
    "list of the files attached to them."
)
WITHHELD_NOTE = (
    "Information about other people has been withheld: their names are replaced by a "
    "description (for example \u201cChild A\u201d), and details that could identify them "
    "are removed. Each item withheld is listed, with the reason, in the withheld log at "
    "the end of this pack."
)
SIGNED_NOTE = (
    "This pack is signed digitally by the practitioner. Any change to the file, however "
    "small, makes the signature fail."
)


def render_sar_pdf(data: dict[str, Any], person: dict[str, Any], withheld: list[Withheld]) -> bytes:
    """The pack as an unsigned PDF.

    Args:
        data: The pack's (redacted) summary input, one case.
        person: The person's own entry.
        withheld: The withheld log.
    """
    from reportlab.lib.pagesizes import A4

    blocks = Blocks(make_styles(), register_fonts(), A4[0] - MARGIN_LEFT - MARGIN_RIGHT)
    case = data["cases"][0]
    records = sorted(case.get("records") or [], key=lambda r: str(r.get("event_at") or ""))
    story = _letter(data, person, case, blocks)
    story += _index(records, case, withheld, blocks)
    story += _details(person, blocks)
    story += _records(case, records, blocks, lb.parse_day(data.get("generated_at")))
    story += _events(case.get("events") or [], blocks)
    story += _actions(case, blocks)
    story += _attachments(records, blocks)
    story += _withheld(withheld, blocks)
    head = audit_head_value(data.get("audit_head"))
    metadata = Metadata(
        subject=f"Subject-access pack: {len(records)} records, {len(withheld)} items withheld",
        keywords=f"casebook subject-access; audit-head {head}" if head else "casebook",
        audit_head=head,
    )
    footer = f"Casebook subject-access pack · generated {lb.format_time(data.get('generated_at'))}"
    return build_document(story, PageText(footer_note=footer), metadata)


def _letter(
    data: dict[str, Any], person: dict[str, Any], case: dict[str, Any], blocks: Blocks
) -> list[Any]:
    from reportlab.platypus import Spacer

    s = blocks.styles
    practitioner = data.get("practitioner") or {}
    name = str(person.get("name") or "")
    out: list[Any] = [bookmark("letter", "Cover letter", 0), Spacer(1, 14 * MM)]
    out.append(blocks.para("Subject-access pack", s.title))
    out.append(blocks.para(blocks.inline(f"Information held about {name}", s.subtitle), s.subtitle))
    out.append(Spacer(1, 8 * MM))
    out.append(blocks.para(blocks.inline(f"Dear {name},", s.body), s.body))
    out.append(Spacer(1, 3 * MM))
    for text in (LETTER, WITHHELD_NOTE):
        out.extend(blocks.text(text))
        out.append(Spacer(1, 2 * MM))
    out.append(Spacer(1, 4 * MM))
    out.append(blocks.pairs([
        ("Case", case_label(case)),
        ("Prepared by", practitioner.get("name")),
        ("Role", practitioner.get("role")),
        ("Organisation", practitioner.get("organisation")),
        ("Prepared on", lb.format_time(data.get("generated_at"))),
        ("Items withheld", "see the withheld log"),
    ], label_width=38 * MM))  # fmt: skip
    out.append(Spacer(1, 6 * MM))
    out.append(blocks.para(blocks.inline(SIGNED_NOTE, s.muted), s.muted))
    return out


def _index(
    records: list[dict[str, Any]], case: dict[str, Any], withheld: list[Withheld], blocks: Blocks
) -> list[Any]:
    from reportlab.platypus import PageBreak

    s = blocks.styles
    attachments = sum(len(r.get("attachments") or []) for r in records)
    out: list[Any] = [PageBreak(), header_marker("Index"), bookmark("index", "Index", 0)]
    out.append(blocks.para("Index", s.h1))
    rows = [
        ["1", "Your details as recorded", ""],
        ["2", "Records", f"{len(records)}"],
        *[["", record_title(SummaryRecord.from_entry(r)), ""] for r in records],
        ["3", "Events in the case's chronology", f"{len(case.get('events') or [])}"],
        ["4", "Actions", f"{len(case.get('actions') or [])} open"],
        ["5", "Attachments (listed)", f"{attachments}"],
        ["6", "Withheld log", f"{len(withheld)}"],
    ]  # fmt: skip
    out.append(blocks.grid(["", "Section", "Items"], rows, [0.08, 0.74, 0.18]))
    return out


def _details(person: dict[str, Any], blocks: Blocks) -> list[Any]:
    from reportlab.platypus import PageBreak

    s = blocks.styles
    rows = [
        ("Name", person.get("name")),
        ("Preferred name", person.get("preferred_name")),
        ("Other names", ", ".join(str(n) for n in person.get("other_names") or [])),
        ("Role in the case", lb.label(lb.ROLE, person.get("role"))),
        ("Date of birth", lb.format_day(person["born"]) if person.get("born") else None),
        ("GP", person.get("gp")),
    ]
    return [
        PageBreak(), header_marker("Your details"), bookmark("details", "Your details", 0),
        blocks.para("1. Your details as recorded", s.h1), blocks.pairs(rows),
    ]  # fmt: skip


def _records(
    case: dict[str, Any], records: list[dict[str, Any]], blocks: Blocks, today: Any
) -> list[Any]:
    from reportlab.platypus import Spacer

    s = blocks.styles
    people = {str(p.get("key")): p for p in case.get("people") or []}
    out: list[Any] = [
        Spacer(1, 6 * MM),
        header_marker("Records"),
        bookmark("records", "Records", 0),
    ]
    out.append(blocks.para("2. Records", s.h1))
    if not records:
        out.append(blocks.para("No record involves or mentions you.", s.muted))
    for index, record in enumerate(records, start=1):
        out.extend(record_flowables(record, people, blocks, f"sar-record-{index}", today))
    return out


def _events(events: list[dict[str, Any]], blocks: Blocks) -> list[Any]:
    """The chronology events that mention the person: day, what happened, source, class."""
    from reportlab.platypus import Spacer

    s = blocks.styles
    out: list[Any] = [Spacer(1, 6 * MM), header_marker("Events"), bookmark("events", "Events", 0)]
    out.append(blocks.para("3. Events in the case's chronology", s.h1))
    if not events:
        return [*out, blocks.para("No event in the case's chronology mentions you.", s.muted)]
    rows = [
        [lb.format_when(e.get("occurred")), e.get("what") or "", e.get("source") or "-",
         e.get("class") or ""]
        for e in events
    ]  # fmt: skip
    out.append(blocks.grid(["When", "What happened", "Source", "Class"], rows,
                           [0.2, 0.5, 0.18, 0.12]))  # fmt: skip
    return out


def _actions(case: dict[str, Any], blocks: Blocks) -> list[Any]:
    from reportlab.platypus import Spacer

    s = blocks.styles
    out: list[Any] = [Spacer(1, 6 * MM), header_marker("Actions"), blocks.para("4. Actions", s.h1)]
    actions = case.get("actions") or []
    rows = [[a.get("text") or "", lb.format_day(a.get("due")) if a.get("due") else "-"]
            for a in actions]  # fmt: skip
    if rows:
        out.append(blocks.grid(["Open action", "Due"], rows, [0.8, 0.2]))
    else:
        out.append(blocks.para("No open actions.", s.muted))
    return out


def _attachments(records: list[dict[str, Any]], blocks: Blocks) -> list[Any]:
    from reportlab.platypus import Spacer

    s = blocks.styles
    rows = [
        [lb.format_day(str(r.get("event_at") or "")[:10]), a.get("name") or "",
         a.get("media_type") or "", lb.format_size(a.get("size"))]
        for r in records for a in r.get("attachments") or []
    ]  # fmt: skip
    out: list[Any] = [
        Spacer(1, 6 * MM), header_marker("Attachments"), blocks.para("5. Attachments", s.h1),
    ]  # fmt: skip
    if not rows:
        return [*out, blocks.para("No files are attached to these records.", s.muted)]
    out.append(blocks.para(blocks.inline("Listed here; copies on request.", s.muted), s.muted))
    out.append(blocks.grid(["Record of", "File", "Type", "Size"], rows, [0.2, 0.4, 0.25, 0.15]))
    return out


def _withheld(withheld: list[Withheld], blocks: Blocks) -> list[Any]:
    from reportlab.platypus import PageBreak

    s = blocks.styles
    out: list[Any] = [
        PageBreak(),
        header_marker("Withheld log"),
        bookmark("withheld", "Withheld", 0),
    ]
    out.append(blocks.para("6. Withheld log", s.h1))
    if not withheld:
        return [*out, blocks.para("Nothing was withheld.", s.muted)]
    rows = [[str(i), w.what, w.reason] for i, w in enumerate(withheld, start=1)]
    out.append(blocks.grid(["#", "Withheld", "Reason"], rows, [0.07, 0.63, 0.30]))
    return out
