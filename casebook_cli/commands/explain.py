"""``casebook explain list|new|show|pdf|shared``: Words and pictures for a child."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.explain import ICONS
from casebook_cli.output import table, when
from casebook_cli.session import PRIVATE_TEXT_HELP, Handler, Session


def add_parsers(sub: Any) -> None:
    explain = sub.add_parser(
        "explain", help="words and pictures: explaining to a child, printed for them",
    ).add_subparsers(dest="sub", required=True)  # fmt: skip
    p = explain.add_parser("list", help="the saved versions of a case's explanations")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--child", metavar="KEY")
    p.add_argument("--json", action="store_true")
    p = explain.add_parser(
        "new", help="save a new version (the agreed words on standard input)",
        description="Save a new version of a child's words and pictures. The agreed words "
        "are read from standard input to its end (after the passphrase line with "
        "--passphrase-stdin); a blank line starts a new paragraph. Pictures: "
        + ", ".join(ICONS) + ".",
    )  # fmt: skip
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--child", required=True, metavar="KEY")
    p.add_argument(
        "--name", help="the child's name on their copy (default: preferred name, else name)"
    )
    p.add_argument("--title", default="", help='a heading, e.g. "Why I live with Mum now"')
    p.add_argument(
        "--panel", action="append", default=[], dest="panels", metavar="ICON:WORDS",
        help="a picture and the words under it, e.g. house:We live with Mum (repeat, in order)",
    )  # fmt: skip
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)
    for name, what in (("show", "show a version"), ("pdf", "write the child's copy as a PDF")):
        p = explain.add_parser(name, help=what + " (the latest unless --version)")
        p.add_argument("--case", required=True, metavar="REF")
        p.add_argument("--child", required=True, metavar="KEY")
        p.add_argument("--version", type=int, metavar="N")
        if name == "pdf":
            p.add_argument("-o", "--output", required=True, metavar="FILE")
        else:
            p.add_argument("--json", action="store_true")
    p = explain.add_parser("shared", help="note the day a version was shared with the child")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--child", required=True, metavar="KEY")
    p.add_argument("--version", type=int, required=True, metavar="N")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was shared (default: today)")
    p.add_argument("--record", metavar="ID", help="the record of the session it was shared in")


def _json(e: Any) -> dict[str, Any]:
    return {
        "case": e.case_ref, "child": e.child_key, "version": e.version, "name": e.name,
        "title": e.title, "words": e.words,
        "panels": [{"icon": p.icon, "caption": p.caption} for p in e.panels],
        "saved_at": e.saved_at,
        "shared": [{"on": s.shared_on, "noted_at": s.noted_at, "record": s.record_id}
                   for s in e.shared],
    }  # fmt: skip


def _list(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        versions = notebook.explanations.versions(args.case, args.child)
    if args.json:
        s.print_json([_json(e) for e in versions])
        return 0
    if not versions:
        s.print("No words and pictures saved in this case yet.")
        return 0
    table(s, ("CHILD", "VERSION", "SAVED", "SHARED", "TITLE"), [
        (e.child_key, str(e.version), when(e.saved_at),
         ", ".join(x.shared_on for x in e.shared) or "not yet", e.title)
        for e in versions
    ])  # fmt: skip
    return 0


def _new(s: Session, args: argparse.Namespace) -> int:
    from casebook.explain import default_name, parse_panel_spec

    with s.open() as notebook:
        child = notebook.explanations.child(args.case, args.child)
        panels = [parse_panel_spec(spec) for spec in args.panels]
        words = s.private_text(args.text, "agreed words", "explain new")
        saved = notebook.explanations.save(
            args.case, args.child, name=args.name or default_name(child.preferred_name,
            child.name), words=words, panels=panels, title=args.title,
        )  # fmt: skip
    s.print(f"Saved version {saved.version} for {saved.child_key}.")
    return 0


def _show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        e = notebook.explanations.get(args.case, args.child, args.version)
    if args.json:
        s.print_json(_json(e))
        return 0
    s.print(f"Version {e.version}, saved {when(e.saved_at)}")
    shared = ", ".join(
        x.shared_on + (f" (record {x.record_id})" if x.record_id else "") for x in e.shared
    )
    s.print(f"Shared with the child: {shared or 'not yet'}")
    s.print("")
    s.print(f"For {e.name}")
    if e.title:
        s.print(e.title)
    s.print("")
    for line in e.words.split("\n"):
        s.print(line)
    for i, panel in enumerate(e.panels, 1):
        s.print("")
        s.print(f"[{i}. {panel.icon}] {panel.caption}")
    return 0


def _pdf(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        e, size = notebook.explanations.write_pdf(
            args.case, args.child, args.version, Path(args.output)
        )
    s.print(f"Wrote version {e.version} for {e.child_key} to {args.output} ({size:,} bytes).")
    s.warn("the PDF is not encrypted: it is the child's copy, print it and keep it safe.")
    return 0


def _shared(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        e = notebook.explanations.mark_shared(
            args.case, args.child, args.version, shared_on=args.on, record_id=args.record
        )
    s.print(f"Version {e.version} noted as shared with {e.child_key} on {e.shared[-1].shared_on}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "explain list": _list,
    "explain new": _new,
    "explain show": _show,
    "explain pdf": _pdf,
    "explain shared": _shared,
}
