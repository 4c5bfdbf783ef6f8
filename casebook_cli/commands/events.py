"""``casebook event add|list|withdraw``: chronology events that are not records."""

from __future__ import annotations

import argparse
from typing import Any

from casebook.events import EVENT_KIND_LABELS, EVENT_KINDS
from casebook.marks import CLASSES
from casebook_cli.output import table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    event = sub.add_parser(
        "event", help="chronology events that are not records (arrest, court hearing ...)"
    ).add_subparsers(dest="sub", required=True)
    p = event.add_parser(
        "add", help="add an event to a case's chronology; prints its id",
        description="Add an event that is not a record to a case's chronology: "
        + ", ".join(EVENT_KIND_LABELS[k].lower() for k in EVENT_KINDS)
        + ". Its class says how you know of it: observed (you saw it), reported (someone "
        "told you or wrote to you: give them as --source) or opinion.",
    )  # fmt: skip
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD|TIME",
                   help="the day (or an ISO 8601 time with its offset)")  # fmt: skip
    p.add_argument("--kind", required=True, choices=EVENT_KINDS)
    p.add_argument("--class", required=True, dest="cls", choices=CLASSES)
    p.add_argument("--description", default="", help="what happened, in a line")
    p.add_argument("--source", default="", help='who says so: "police disclosure" ...')
    p.add_argument("--significant", action="store_true")
    p = event.add_parser("list", help="a case's events in date order")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--withdrawn", action="store_true", help="include withdrawn events")
    p = event.add_parser("withdraw", help="withdraw an event entered in error (it stays)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)


def _event_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        event = notebook.events.add(
            args.case, args.date, args.kind, args.cls, description=args.description,
            source=args.source, significant=args.significant,
        )  # fmt: skip
    s.print(event.id)
    return 0


def _event_list(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        events = notebook.events.list(args.ref, include_withdrawn=args.withdrawn)
    if not events:
        s.print("No chronology events in this case yet.")
        return 0
    table(s, ("ID", "DATE", "CLASS", "SOURCE", "EVENT"), [
        (str(e.id), e.occurred, e.cls, e.source or "-",
         e.title + (" *" if e.significant else "")
         + (f" (withdrawn {e.withdrawn_at[:10]}: {e.withdrawn_reason})" if e.withdrawn_at else ""))
        for e in events
    ])  # fmt: skip
    return 0


def _event_withdraw(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        event = notebook.events.withdraw(args.id, args.reason)
    s.print(f"Withdrawn: event {event.id} ({event.title}); it stays in the audit log.")
    return 0


HANDLERS: dict[str, Handler] = {
    "event add": _event_add,
    "event list": _event_list,
    "event withdraw": _event_withdraw,
}
