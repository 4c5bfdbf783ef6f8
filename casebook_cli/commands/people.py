"""``casebook person add|edit``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook import kinds
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    person = sub.add_parser("person", help="people").add_subparsers(dest="sub", required=True)
    p = person.add_parser("add", help="add a person to a case")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--key", metavar="K")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=kinds.ROLES)
    _details(p, editing=False)
    p = person.add_parser(
        "edit", help="correct a person's details (only the options given change)",
        description="Correct a person's details, as Edit… on the People tab does. Only the "
        "options given change; the key stays. An empty value clears a detail "
        '(--born "" --gp ""); --no-other-names clears the other names.',
    )  # fmt: skip
    p.add_argument("key", metavar="KEY")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--name")
    p.add_argument("--role", choices=kinds.ROLES)
    _details(p, editing=True)


def _details(p: Any, *, editing: bool) -> None:
    keep = None if editing else ""
    p.add_argument("--preferred-name", default=keep)
    p.add_argument(
        "--other-name", action="append", default=None if editing else [], dest="other_names",
        metavar="NAME",
        help="a nickname or other spelling (repeat for more"
        + ("; replaces the ones there" if editing else "") + ")",
    )  # fmt: skip
    if editing:
        p.add_argument("--no-other-names", action="store_true", help="clear the other names")
    p.add_argument("--born", metavar="YYYY-MM-DD")
    p.add_argument("--gp", default=keep)


def _person_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        person = notebook.people.add(
            args.case, args.name, args.role, key=args.key,
            preferred_name=args.preferred_name, born=args.born, gp=args.gp,
            other_names=args.other_names,
        )  # fmt: skip
    s.print(person.key)
    return 0


def _given(value: Any, current: Any) -> Any:
    return current if value is None else value


def _person_edit(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        current = notebook.people.get(args.case, args.key)
        other_names = [] if args.no_other_names else _given(args.other_names, current.other_names)
        person = notebook.people.update(
            args.case, args.key,
            name=_given(args.name, current.name),
            role=_given(args.role, current.role),
            preferred_name=_given(args.preferred_name, current.preferred_name),
            born=_given(args.born, current.born) or None,
            gp=_given(args.gp, current.gp),
            other_names=list(other_names),
        )  # fmt: skip
    s.print(f"Updated {person.key}: {person.name} ({kinds.label(person.role)}).")
    return 0


HANDLERS: dict[str, Handler] = {
    "person add": _person_add,
    "person edit": _person_edit,
}
