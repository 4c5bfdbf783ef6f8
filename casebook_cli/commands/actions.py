"""``casebook actions``: open actions by due date."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.output import one_line, table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("actions", help="open actions by due date")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")


def _actions(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        actions = notebook.actions.list(args.case, overdue=args.overdue)
    if args.json:
        s.print_json([{"id": a.id, "case": a.case_ref, "record": a.record_id, "text": a.text,
                       "due": a.due, "done": a.done} for a in actions])  # fmt: skip
        return 0
    if not actions:
        s.print("No overdue actions." if args.overdue else "No open actions.")
        return 0
    from datetime import date

    today = date.today().isoformat()
    table(s, ("DUE", "CASE", "ACTION"), [
        ((a.due or "-") + (" OVERDUE" if a.due and a.due < today else ""), a.case_ref or "",
         one_line(a.text))
        for a in actions
    ])  # fmt: skip
    return 0


HANDLERS: dict[str, Handler] = {
    "actions": _actions,
}
