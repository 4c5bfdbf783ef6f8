"""``casebook chronology``: a case's records in date order."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.output import TIMES_NOTE, table, when
from casebook_cli.session import Handler, Session
from notebook import kinds


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("chronology", help="a case's records in date order")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--significant", action="store_true", help="only significant records")


def _chronology(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.cases.get(args.ref)
        entries = notebook.records.chronology(args.ref, significant_only=args.significant)
    if not entries:
        if args.significant and case.record_count:
            s.print(f"None of the {case.record_count} records in this case is marked significant.")
        else:
            s.print("No records in this case yet.")
        return 0
    table(s, ("WHEN", "KIND", "TITLE", "ID"), [
        (when(e.event_at), kinds.KIND_LABELS[e.kind],
         e.title + _chronology_notes(e) + (" *" if e.significant else ""),
         e.record_id)
        for e in entries
    ])  # fmt: skip
    s.print(TIMES_NOTE)
    return 0


def _chronology_notes(e: Any) -> str:
    if e.is_imported:
        return " (imported; late entry as claimed)" if e.late else " (imported)"
    return " (late entry)" if e.late else ""


HANDLERS: dict[str, Handler] = {
    "chronology": _chronology,
}
