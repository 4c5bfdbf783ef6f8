"""``casebook case list|show|add|close|reopen``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook import kinds
from casebook_cli.output import TIMES_NOTE, one_line, table, when
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    case = sub.add_parser("case", help="cases").add_subparsers(dest="sub", required=True)
    p = case.add_parser("list", help="list cases")
    p.add_argument("--status", choices=kinds.CASE_STATUSES)
    p.add_argument("--json", action="store_true")
    p = case.add_parser("show", help="show a case: people, records, actions")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--json", action="store_true")
    p = case.add_parser("add", help="open a new case")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--title", default="")
    p.add_argument(
        "--opened", metavar="YYYY-MM-DD", help="the day the case opened (default: today), "
        "for work that began before it was written here",
    )  # fmt: skip
    for name, what in (("close", "close a case"), ("reopen", "reopen a closed case")):
        p = case.add_parser(name, help=what + " (the reason is kept with the time)")
        p.add_argument("ref", metavar="REF")
        p.add_argument("--reason", default="", help=f"why you {name} it, in a few words")


def _case_list(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        cases = notebook.cases.list(args.status)
        tail = notebook.audit.tail_at_unlock()
    if args.json:
        s.print_json([_case_json(c) for c in cases])
        return 0
    if not cases:
        s.print("No cases yet.")
    else:
        rows = [(c.ref, c.status, str(c.record_count), (c.last_event_at or "")[:10], c.title)
                for c in cases]  # fmt: skip
        table(s, ("REF", "STATUS", "RECORDS", "LAST", "TITLE"), rows)
    if tail is not None:
        # Entries cut from the end of the log leave a whole chain: a practitioner who
        # remembers working later than this is the one to notice.
        s.print("")
        s.print(tail.describe() + " (before this command)")
    return 0


def _case_json(c: Any) -> dict[str, Any]:
    return {"ref": c.ref, "title": c.title, "status": c.status, "opened": c.opened,
            "closed": c.closed, "records": c.record_count}  # fmt: skip


def _case_show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.cases.get(args.ref)
        people = notebook.people.list(args.ref)
        records = notebook.records.list(args.ref)
        actions = notebook.actions.list(args.ref)
    if args.json:
        s.print_json({
            **_case_json(case),
            "people": [{"key": p.key, "name": p.name, "role": p.role,
                        "preferred_name": p.preferred_name, "born": p.born, "gp": p.gp,
                        "other_names": list(p.other_names)}
                       for p in people],
            "records": [_summary_json(r) for r in records],
        })  # fmt: skip
        return 0
    s.print(f"{case.ref}  {case.title}")
    s.print(f"Status: {kinds.label(case.status)}   Opened: {case.opened or '-'}"
            + (f"   Closed: {case.closed}" if case.closed else ""))  # fmt: skip
    s.print("")
    s.print("People")
    table(s, ("KEY", "ROLE", "NAME", "BORN"), [
        (p.key, kinds.label(p.role),
         p.name + (f" ({p.preferred_name})" if p.preferred_name else ""), p.born or "")
        for p in people
    ], indent="  ")  # fmt: skip
    s.print("")
    s.print("Records (newest first)")
    table(s, ("ID", "WHEN", "STATUS", "TITLE"), [_record_row(r) for r in records], indent="  ")
    if actions:
        s.print("")
        s.print("Open actions")
        table(s, ("DUE", "ACTION"), [(a.due or "-", one_line(a.text)) for a in actions],
              indent="  ")  # fmt: skip
    if records:
        s.print("")
        s.print(TIMES_NOTE)
    return 0


def _summary_json(r: Any) -> dict[str, Any]:
    return {"id": r.id, "case": r.case_ref, "kind": r.kind, "title": r.title,
            "event_at": r.event_at, "written_at": r.written_at, "status": r.status,
            "late": r.late, "significant": r.significant, "imported_at": r.imported_at,
            "claimed_written_at": r.claimed_written_at}  # fmt: skip


def _record_row(r: Any) -> tuple[str, ...]:
    # An imported record's late mark is judged by the time its document claims.
    marks = ((" IMPORTED" if r.is_imported else "")
             + ((" LATE (claimed)" if r.is_imported else " LATE") if r.late else "")
             + (" *" if r.significant else ""))  # fmt: skip
    return (r.id, when(r.event_at), r.status + marks, r.title)


def _case_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.cases.add(args.ref, args.title, opened=args.opened)
    s.print(case.ref)
    return 0


def _case_close(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.cases.change_status(args.ref, "closed", args.reason)
    s.print(f"Closed {case.ref} on {case.closed}.")
    return 0


def _case_reopen(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.cases.change_status(args.ref, "open", args.reason)
    s.print(f"Reopened {case.ref}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "case list": _case_list,
    "case show": _case_show,
    "case add": _case_add,
    "case close": _case_close,
    "case reopen": _case_reopen,
}
