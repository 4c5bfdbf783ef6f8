"""``casebook actions``: open actions by due date; ``casebook actions done ID [--undo]``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.output import one_line, table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "actions", help="open actions by due date; actions done ID ticks one off",
        description="List open actions by due date (IDs for 'actions done'), or tick one off.",
    )  # fmt: skip
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")
    done = p.add_subparsers(dest="sub", metavar="done")
    d = done.add_parser(
        "done", help="tick an action off (also on a final record: it is not part of the hash)"
    )
    d.add_argument("id", metavar="ID", type=int, help="the action's ID (from casebook actions)")
    d.add_argument("--undo", action="store_true", help="mark the action as not done again")


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
    table(s, ("DUE", "CASE", "ACTION", "ID"), [
        ((a.due or "-") + (" OVERDUE" if a.due and a.due < today else ""), a.case_ref or "",
         one_line(a.text), str(a.id))
        for a in actions
    ])  # fmt: skip
    return 0


def _done(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        notebook.actions.set_done(args.id, not args.undo)
    s.print(f"Action {args.id} is {'open again' if args.undo else 'done'}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "actions": _actions,
    "actions done": _done,
}
