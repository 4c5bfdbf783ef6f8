"""``casebook search``: full-text search, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from casebook import kinds
from casebook.textview import terminal_text
from casebook_cli.output import TIMES_NOTE, one_line, when
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("search", help="full-text search, newest first")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--kind", choices=kinds.KINDS)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--only", metavar="CLASS",
        help="only passages marked observed, opinion, reported, or reported:KEY (reports "
        "whose source is that person of the case)",
    )  # fmt: skip


def _search(s: Session, args: argparse.Namespace) -> int:
    from casebook.domain import SNIPPET_END, SNIPPET_START

    with s.open() as notebook:
        if args.only:
            hits = notebook.marks.search(
                args.query, args.only, case_ref=args.case, kind=args.kind, limit=args.limit
            )
        else:
            hits = notebook.records.search(
                args.query, case_ref=args.case, kind=args.kind, limit=args.limit
            )
    if args.json:
        s.print_json([
            {"id": h.record_id, "case": h.case_ref, "kind": h.kind, "title": h.title,
             "event_at": h.event_at, "status": h.status, "late": h.late,
             "imported": h.is_imported,
             "snippet": h.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")}
            for h in hits
        ])  # fmt: skip
        return 0
    if not hits:
        s.print("No records found.")
        return 0
    bold = s.out.isatty()
    for h in hits:
        late = ("  LATE (claimed)" if h.is_imported else "  LATE") if h.late else ""
        s.print(f"{h.record_id}  {h.case_ref}  {when(h.event_at)}  {h.title}"
                + ("  IMPORTED" if h.is_imported else "") + late)  # fmt: skip
        # Each piece escaped, then the marks: the only escape sequences are ours.
        pieces = [
            [terminal_text(part) for part in piece.split(SNIPPET_END)]
            for piece in one_line(h.snippet).split(SNIPPET_START)
        ]
        on, off = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
        snippet = on.join(off.join(parts) for parts in pieces)
        s.out.write(f"    {snippet}{off}\n")  # bold ends even where the line was cut
    s.print(TIMES_NOTE)
    return 0


HANDLERS: dict[str, Handler] = {
    "search": _search,
}
