"""``casebook import`` and ``casebook export-json``: casebook/1 and casebook/1.1 JSON documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook_cli.output import stdout_bytes
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "import", help="import a casebook/1 or casebook/1.1 JSON document (all or nothing)"
    )
    p.add_argument("file", metavar="FILE.json")

    p = sub.add_parser(
        "export-json",
        help="export cases as casebook/1.1 JSON (plaintext: not encrypted)",
        description="Export cases as casebook/1.1 JSON (docs/interchange.md). The output is "
        "NOT encrypted: anyone who can read the file reads the records. A file given with -o "
        "is made readable by you alone (0600); keep it on an encrypted disk and delete it "
        "when done.",
    )
    p.add_argument("--case", action="append", dest="cases", metavar="REF")
    p.add_argument("--include-reflections", action="store_true")
    p.add_argument("--include-phrases", action="store_true",
                   help="add the practitioner's phrases and templates")  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")


def _import(s: Session, args: argparse.Namespace) -> int:
    from casebook.formats.casebook_json import load_file, parse_document

    document = load_file(Path(args.file))
    parse_document(document)  # report format errors before asking for the passphrase
    with s.open() as notebook:
        result = notebook.interchange.import_document(document)
    s.print(
        f"Imported {result.cases} cases, {result.people} people, {result.records} records, "
        f"{result.attachments} attachments and {result.reflections} reflections."
    )
    return 0


def _export_json(s: Session, args: argparse.Namespace) -> int:
    from casebook.atomic import atomic_file

    with s.open() as notebook:
        for ref in args.cases or []:
            notebook.cases.get(ref)
        s.warn(
            "the export is plaintext, not encrypted: anyone who can read "
            + (f"{args.output} (written readable by you alone)" if args.output else "it")
            + " reads these records. Keep it on an encrypted disk and delete it when done."
        )
        # Streamed a record at a time: a whole caseload with attachments is gigabytes.
        with atomic_file(Path(args.output)) if args.output else stdout_bytes(s) as out:
            notebook.interchange.write_export(
                out, args.cases, include_reflections=args.include_reflections,
                include_phrases=args.include_phrases,
            )  # fmt: skip
    return 0


HANDLERS: dict[str, Handler] = {
    "import": _import,
    "export-json": _export_json,
}
