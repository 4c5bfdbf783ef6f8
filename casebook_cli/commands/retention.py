"""``casebook retention list|show|set|defaults|hold|release|delete``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook.errors import InvalidInput
from casebook.retention import MAX_YEARS, RULES
from casebook_cli.output import table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    group = sub.add_parser(
        "retention", help="retention rules, legal hold, deleting cases past retention"
    ).add_subparsers(dest="sub", required=True)
    p = group.add_parser("list", help="cases due for review (past their retention)")
    p.add_argument("--all", action="store_true", help="every case, due or not")
    p.add_argument("--json", action="store_true")
    p = group.add_parser("show", help="a case's rule, review date and legal hold")
    p.add_argument("ref", metavar="REF")
    p = group.add_parser("set", help="give a case its own rule, or --default")
    p.add_argument("ref", metavar="REF")
    rule = p.add_mutually_exclusive_group(required=True)
    rule.add_argument("--closed-years", type=int, metavar="N", help="closed + N years")
    rule.add_argument("--child-age", type=int, metavar="N",
                      help="until the youngest child is N")  # fmt: skip
    rule.add_argument("--default", action="store_true", help="follow the notebook's default")
    p = group.add_parser("defaults", help="show or change the rule of cases without their own")
    p.add_argument("--rule", choices=RULES, help="closed (+ N years) or child (reaches N)")
    p.add_argument("--years", type=int, metavar="N", help=f"0 to {MAX_YEARS}")
    p = group.add_parser("hold", help="put a case under legal hold (stops any deletion)")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--reason", required=True, help="why (a court order, a request)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when the hold took effect (today)")
    p = group.add_parser("release", help="lift a case's legal hold")
    p.add_argument("ref", metavar="REF")
    p = group.add_parser(
        "delete",
        help="delete a case past retention: first shows what goes, then --confirm REF deletes",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument("--confirm", metavar="REF", help="the case reference again: delete for good")


def _list(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        cases = notebook.retention.cases(due_only=not args.all)
    if args.json:
        s.print_json([
            {"ref": r.ref, "status": r.status, "closed": r.closed, "rule": r.rule.kind,
             "years": r.rule.years, "own_rule": r.own_rule, "due": r.due,
             "hold": None if r.hold is None else {"reason": r.hold.reason,
                                                   "held_on": r.hold.held_on}}
            for r in cases
        ])  # fmt: skip
        return 0
    if not cases:
        s.print("No case is due for review." if not args.all else "No cases yet.")
        return 0
    rows = [
        (r.ref, r.status, r.rule.describe() + ("" if r.own_rule else " (default)"),
         r.due or r.note, f"HOLD since {r.hold.held_on}" if r.hold else "")
        for r in cases
    ]  # fmt: skip
    table(s, ("REF", "STATUS", "RULE", "DUE FOR REVIEW", "LEGAL HOLD"), rows)
    return 0


def _show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        r = notebook.retention.get(args.ref)
    s.print(f"{r.ref}  {r.title}")
    s.print(f"Rule: {r.rule.describe()}" + ("" if r.own_rule else " (the notebook's default)"))
    s.print(r.describe_due()[:1].upper() + r.describe_due()[1:] + ".")
    if r.hold:
        s.print(f"Legal hold since {r.hold.held_on}: {r.hold.reason}")
    return 0


def _set(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        if args.default:
            r = notebook.retention.set_rule(args.ref, None)
        elif args.closed_years is not None:
            r = notebook.retention.set_rule(args.ref, "closed", args.closed_years)
        else:
            r = notebook.retention.set_rule(args.ref, "child", args.child_age)
    s.print(f"{r.ref}: {r.rule.describe()}; {r.describe_due()}.")
    return 0


def _defaults(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        if args.rule or args.years is not None:
            kind = args.rule or notebook.retention.default_rule().kind
            years = args.years if args.years is not None else notebook.retention.default_years(kind)
            notebook.retention.set_defaults(kind, years)
        rule = notebook.retention.default_rule()
        other = "child" if rule.kind == "closed" else "closed"
        other_years = notebook.retention.default_years(other)
    s.print(f"Cases without a rule of their own: {rule.describe()}.")
    s.print(f"(The {other} rule, when chosen, uses {other_years} years.)")
    return 0


def _hold(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        r = notebook.retention.place_hold(args.ref, args.reason, args.date)
    assert r.hold is not None
    s.print(f"{r.ref} is under legal hold since {r.hold.held_on}: nothing of it can be deleted.")
    return 0


def _release(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        r = notebook.retention.release_hold(args.ref)
    s.print(f"{r.ref}: legal hold released; {r.describe_due()}.")
    return 0


def _delete(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        preview = notebook.retention.deletion_preview(args.ref)
        if preview.refusal:
            raise InvalidInput("retention delete", preview.refusal)
        what = preview.describe()
        if args.confirm is None:
            s.print(f"Deleting case {args.ref} removes {what} for good.")
            s.print(preview.warning())
            s.print(f"To delete it, run: casebook retention delete {args.ref} --confirm {args.ref}")
            return 0
        notebook.retention.delete_case(args.ref, confirm=args.confirm)
    s.print(f"Deleted case {args.ref}: {what}. The audit log keeps a tombstone (no content).")
    s.print(preview.warning())
    return 0


HANDLERS: dict[str, Handler] = {
    "retention list": _list,
    "retention show": _show,
    "retention set": _set,
    "retention defaults": _defaults,
    "retention hold": _hold,
    "retention release": _release,
    "retention delete": _delete,
}
