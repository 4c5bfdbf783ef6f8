"""``casebook risk``: raised risk to self now; ``casebook safety-plan``: a plan to print."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook import kinds
from casebook.atomic import write_atomic
from casebook_cli.output import table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "risk",
        help="open cases whose latest risk-to-self screen is medium or high",
        description="Open cases whose latest risk-to-self screen (on a session record) is "
        "medium or high, high first, and whether the escalation (who was contacted and "
        "when) is recorded. A medium or high screen cannot be finalised without it.",
    )
    p.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "safety-plan",
        help="print a session's safety plan for the person (PDF, no other case details)",
        description="Write the safety plan of a session record as a PDF for the person it "
        "belongs to: their name, the day and the five parts of the plan, nothing else of "
        "the case. The file is NOT encrypted: give it to the person, do not keep a copy.",
    )
    p.add_argument("record", metavar="RECORD_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def _risk(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        raised = notebook.risk.raised_now()
    if args.json:
        s.print_json([{"case": r.case_ref, "record": r.record_id, "event_at": r.event_at,
                       "level": r.level, "escalated": r.escalated, "status": r.status}
                      for r in raised])  # fmt: skip
        return 0
    if not raised:
        s.print("No open case has a raised risk-to-self screen.")
        return 0
    table(s, ("LEVEL", "CASE", "SCREENED", "ESCALATION", "RECORD"), [
        (kinds.label(r.level, "risk_to_self").upper(), r.case_ref, r.event_at[:10],
         "recorded" if r.escalated else "NOT RECORDED", r.record_id)
        for r in raised
    ])  # fmt: skip
    return 0


def _safety_plan(s: Session, args: argparse.Namespace) -> int:
    from casebook.summary.safety_plan import export_safety_plan

    with s.open() as notebook:
        pdf = export_safety_plan(notebook, args.record)
    write_atomic(Path(args.output), pdf)
    s.print(f"Safety plan written: {args.output} ({len(pdf):,} bytes). It is not encrypted.")
    return 0


HANDLERS: dict[str, Handler] = {
    "risk": _risk,
    "safety-plan": _safety_plan,
}
