"""``casebook chronology``: a case's records and events in date order; ``-o`` signs a PDF,
``--court`` gives the court version (date, event, source, and the class of each passage)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook import kinds
from casebook.kinds import REDACTION_MODES
from casebook.timeutil import utc_key
from casebook_cli.output import TIMES_NOTE, one_line, table, when
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "chronology", help="a case's records and events in date order (-o: a signed PDF)",
        description="A case's records and chronology events in date order. With --court, "
        "each record's passages with their source and class (observed, reported, opinion; "
        "text not marked is unclassified). With -o FILE.pdf, the chronology is signed "
        "like a summary and written to FILE.pdf.",
    )  # fmt: skip
    p.add_argument("ref", metavar="REF")
    p.add_argument("--significant", action="store_true", help="only significant records")
    p.add_argument("--court", action="store_true",
                   help="court version: date, event, source and class of each passage")  # fmt: skip
    p.add_argument("--include-drafts", action="store_true", help="include drafts, marked draft")
    p.add_argument("--redact", choices=REDACTION_MODES, default="none",
                   help="in the PDF, replace names by initials or pseudonyms")  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="write a signed PDF")


def _chronology(s: Session, args: argparse.Namespace) -> int:
    if args.output or args.court:
        return _chronology_document(s, args)
    with s.open() as notebook:
        case = notebook.cases.get(args.ref)
        entries = notebook.records.chronology(args.ref, significant_only=args.significant)
        events = notebook.events.list(args.ref, significant_only=args.significant)
    if not entries and not events:
        if args.significant and case.record_count:
            s.print(f"None of the {case.record_count} records in this case is marked significant.")
        else:
            s.print("No records in this case yet.")
        return 0
    lines = [
        (utc_key(e.event_at), (when(e.event_at), kinds.KIND_LABELS[e.kind],
                      e.title + _chronology_notes(e) + (" *" if e.significant else ""),
                      e.record_id))
        for e in entries
    ] + [
        (ev.sort_key, (ev.occurred, "Event", f"{ev.title} [{ev.cls}]"
                       + (f" (source: {ev.source})" if ev.source else "")
                       + (" *" if ev.significant else ""), f"event {ev.id}"))
        for ev in events
    ]  # fmt: skip
    lines.sort(key=lambda line: line[0])
    table(s, ("WHEN", "KIND", "TITLE", "ID"), [line for _, line in lines])
    s.print(TIMES_NOTE)
    return 0


def _chronology_document(s: Session, args: argparse.Namespace) -> int:
    from casebook.atomic import write_atomic
    from casebook.summary.chronology_pdf import (
        chronology_input,
        chronology_table,
        export_chronology,
        redacted_chronology,
    )

    with s.open() as notebook:
        if args.output:
            pdf = export_chronology(
                notebook, args.ref, significant_only=args.significant,
                include_drafts=args.include_drafts, redaction=args.redact, court=args.court,
            )  # fmt: skip
        else:
            data = redacted_chronology(
                chronology_input(notebook, args.ref, significant_only=args.significant,
                                 include_drafts=args.include_drafts, court=True),
                args.redact,
            )  # fmt: skip
            header, cells, _, _ = chronology_table(data)
    if args.output:
        write_atomic(Path(args.output), pdf)
        what = "Court chronology" if args.court else "Chronology"
        s.print(f"Signed {what.lower()} written: {args.output} ({len(pdf):,} bytes).")
        return 0
    if not cells:
        s.print("No events to show.")
        return 0
    table(s, tuple(h.upper() for h in (header[0], header[3], header[2], header[1])),
          [(c[0], c[3], one_line(c[2], 40), one_line(c[1])) for c in cells])  # fmt: skip
    return 0


def _chronology_notes(e: Any) -> str:
    if e.is_imported:
        return " (imported; late entry as claimed)" if e.late else " (imported)"
    return " (late entry)" if e.late else ""


HANDLERS: dict[str, Handler] = {
    "chronology": _chronology,
}
