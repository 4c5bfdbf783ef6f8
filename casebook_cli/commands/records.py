"""``casebook record add|show|finalise|addendum|mark|significance``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook import kinds, marks
from casebook.errors import InvalidInput
from casebook.textview import terminal_text
from casebook_cli.session import PRIVATE_TEXT_HELP, Handler, Session


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
    _add_mark_parsers(record)


def _add_mark_parsers(record: Any) -> None:
    p = record.add_parser(
        "mark", help="mark a passage of a draft observed, reported or opinion",
        description="Mark a passage of a draft's free-text field as observed (you saw or "
        "heard it), reported (hearsay: give its source, a person's key or a name) or "
        "opinion (give its basis); 'unclassified' removes the marks over it. The passage "
        "is read from standard input (as it is written in the field), e.g. "
        "echo 'she said he shouted' | casebook record mark ID narrative --as reported "
        "--source p1.",
    )  # fmt: skip
    p.add_argument("id", metavar="ID")
    p.add_argument("field", metavar="FIELD", help="a free-text field: narrative, worries ...")
    p.add_argument("--as", dest="cls", required=True,
                   choices=(*marks.CLASSES, marks.UNCLASSIFIED))  # fmt: skip
    p.add_argument("--source", metavar="KEY", help="reported: the person of the case who said it")
    p.add_argument("--source-name", metavar="NAME", help="reported: a named third party")
    p.add_argument("--to", dest="told_to", metavar="WHOM", help="reported: to whom")
    p.add_argument("--at", dest="told_at", metavar="WHEN",
                   help="reported: when (YYYY-MM-DD or an ISO 8601 time)")  # fmt: skip
    p.add_argument("--basis", help="opinion: what the view is based on")
    p.add_argument("--occurrence", type=int, default=1, help="which occurrence (default 1)")
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)
    p = record.add_parser(
        "significance", help="mark a final record significant (or not), dated and audited",
        description="Set a final record's significance after finalising: a dated, audited "
        "annotation beside the record, outside its content hash. The newest one holds.",
    )  # fmt: skip
    p.add_argument("id", metavar="ID")
    p.add_argument("--not", dest="significant", action="store_false",
                   help="no longer significant")  # fmt: skip
    p.add_argument("--reason", default="", help="why (kept with the annotation)")


def _record_add(s: Session, args: argparse.Namespace) -> int:
    from casebook.formats.casebook_json import load_file, loads

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
    from casebook.textview import record_text

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


def _record_mark(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        if notebook.records.get(args.id).is_final:
            from casebook.errors import FinalRecordError

            raise FinalRecordError(args.id)
        passage = s.private_text(args.text, "passage", "record mark")
        notebook.marks.mark_passage(
            args.id, args.field, passage, args.cls, source_key=args.source,
            source_name=args.source_name, told_to=args.told_to, told_at=args.told_at,
            basis=args.basis, occurrence=args.occurrence,
        )  # fmt: skip
    s.print(f"Marked {len(passage)} characters of {args.field} as {args.cls}.")
    return 0


def _record_significance(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        note = notebook.significance.set(args.id, args.significant, args.reason)
    s.print(
        f"{args.id} is {'significant' if note.significant else 'not significant'}"
        f" from {note.at} (audited; the record itself is unchanged)."
    )
    return 0


HANDLERS: dict[str, Handler] = {
    "record add": _record_add,
    "record show": _record_show,
    "record finalise": _record_finalise,
    "record addendum": _record_addendum,
    "record mark": _record_mark,
    "record significance": _record_significance,
}
