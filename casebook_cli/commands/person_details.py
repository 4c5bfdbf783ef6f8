"""``casebook person-details REF KEY [--...]``: show or change a person's details."""

from __future__ import annotations

import argparse
from typing import Any

from casebook.person_details import DATE_KEYS, DETAIL_KEYS, LABELS
from casebook_cli.output import one_line
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "person-details",
        help="show or set a person's relationship, contact, language, legal status",
        description="A person's details: relationship to the child, contact details, "
        "language and interpreter need, legal status and conditions (bail conditions, "
        "SHPO, notification requirements) with the dates they run. With no options it "
        "shows them; each option given changes that part only ('' clears a text).",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument("key", metavar="PERSON_KEY")
    for key in DETAIL_KEYS:
        option = "--" + key.replace("_", "-")
        if key == "interpreter_needed":
            p.add_argument(option, action=argparse.BooleanOptionalAction, default=None)
        else:
            metavar = "YYYY-MM-DD" if key in DATE_KEYS else "TEXT"
            p.add_argument(option, metavar=metavar, help=LABELS[key])
    p.add_argument("--json", action="store_true")


def _person_details(s: Session, args: argparse.Namespace) -> int:
    changes = {k: getattr(args, k) for k in DETAIL_KEYS if getattr(args, k) is not None}
    with s.open() as notebook:
        if changes:
            details = notebook.details.set(args.ref, args.key, changes)
        else:
            found = notebook.details.get(args.ref, args.key)
            if found is None:
                s.print_json(None) if args.json else s.print("No details recorded.")
                return 0
            details = found
    if args.json:
        s.print_json(details.document())
        return 0
    for key in DETAIL_KEYS:
        value = getattr(details, key)
        shown = ("yes" if value else "no") if key == "interpreter_needed" else (value or "-")
        s.print(f"{LABELS[key] + ':':52} {one_line(str(shown))}")
    return 0


HANDLERS: dict[str, Handler] = {
    "person-details": _person_details,
}
