"""``casebook person add``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.session import Handler, Session
from notebook import kinds


def add_parsers(sub: Any) -> None:
    person = sub.add_parser("person", help="people").add_subparsers(dest="sub", required=True)
    p = person.add_parser("add", help="add a person to a case")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--key", metavar="K")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=kinds.ROLES)
    p.add_argument("--preferred-name", default="")
    p.add_argument(
        "--other-name",
        action="append",
        default=[],
        dest="other_names",
        metavar="NAME",
        help="a nickname or other spelling (repeat for more)",
    )
    p.add_argument("--born", metavar="YYYY-MM-DD")
    p.add_argument("--gp", default="")


def _person_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        person = notebook.people.add(
            args.case, args.name, args.role, key=args.key,
            preferred_name=args.preferred_name, born=args.born, gp=args.gp,
            other_names=args.other_names,
        )  # fmt: skip
    s.print(person.key)
    return 0


HANDLERS: dict[str, Handler] = {
    "person add": _person_add,
}
