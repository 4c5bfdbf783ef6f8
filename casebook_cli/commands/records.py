"""``casebook record add|show|finalise|addendum``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook_cli.session import PRIVATE_TEXT_HELP, Handler, Session
from notebook import kinds
from notebook.errors import InvalidInput
from notebook.textview import terminal_text


def add_parsers(sub: Any) -> None:
    record = sub.add_parser("record", help="records").add_subparsers(dest="sub", required=True)
    p = record.add_parser("add", help="add a record from JSON; prints the new id")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--kind", choices=kinds.KINDS)
    p.add_argument("--json", required=True, metavar="FILE|-", dest="json_file")
    p = record.add_parser("show", help="show a record")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = record.add_parser("finalise", help="finalise a draft: it can never change again")
    p.add_argument("id", metavar="ID")
    p = record.add_parser(
        "addendum", help="add an addendum to a final record (text on standard input)",
        description="Add an addendum to a final record. The text is read from standard "
        "input to its end (after the passphrase line with --passphrase-stdin), e.g. "
        "casebook record addendum ID < correction.txt, or typed and ended with Ctrl-D.",
    )  # fmt: skip
    p.add_argument("id", metavar="ID")
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)


def _record_add(s: Session, args: argparse.Namespace) -> int:
    from notebook.formats.casebook_json import load_file, loads

    with s.open() as notebook:
        data = (
            loads(s.rest_of_stdin()) if args.json_file == "-" else load_file(Path(args.json_file))
        )
        if not isinstance(data, dict):
            raise InvalidInput("record", "expected a JSON object")
        if args.kind:
            data["kind"] = args.kind
        record = notebook.records.create(args.case, data)
    s.print(record.id)
    return 0


def _record_show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        record = notebook.records.get(args.id)
        document = notebook.interchange.record_document(args.id, include_attachment_data=False)
        names = {p.key: p.name for p in notebook.people.list(record.case_ref)}
    if args.json:
        s.print_json(document)
        return 0
    from notebook.textview import record_text

    s.out.write(terminal_text(record_text(record, names)))
    return 0


def _record_finalise(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        record = notebook.records.finalise(args.id)
    s.print(f"Finalised {record.id} at {record.finalised_at}")
    s.print(f"Content hash (SHA-256): {record.content_hash}")
    return 0


def _record_addendum(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        # An unknown id or a draft is reported before the text is asked for.
        if not notebook.records.get(args.id).is_final:
            raise InvalidInput("addendum", "addenda are added to final records; edit the draft")
        record = notebook.records.add_addendum(
            args.id, s.private_text(args.text, "addendum", "record addendum")
        )
    s.print(f"Added addendum {len(record.addenda)} to {record.id}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "record add": _record_add,
    "record show": _record_show,
    "record finalise": _record_finalise,
    "record addendum": _record_addendum,
}
