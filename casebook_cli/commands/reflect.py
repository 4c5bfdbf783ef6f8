"""``casebook reflect``: the private reflective log."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.session import PRIVATE_TEXT_HELP, Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "reflect", help="add to the private reflective log (text on standard input)",
        description="Add an entry to the private reflective log. The text is read from "
        "standard input to its end (after the passphrase line with --passphrase-stdin), "
        "or typed and ended with Ctrl-D.",
    )  # fmt: skip
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)


def _reflect(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        reflection = notebook.reflections.add(s.private_text(args.text, "reflection", "reflect"))
    s.print(f"Added to the reflective log at {reflection.written_at}.")
    return 0


HANDLERS: dict[str, Handler] = {
    "reflect": _reflect,
}
