"""``casebook sar``: a signed subject-access pack for one person of a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.atomic import write_atomic
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "sar",
        help="a signed subject-access pack: what the notebook holds about one person, "
        "third parties redacted",
    )
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--person", required=True, metavar="KEY", help="the person's key (case show)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")


def _sar(s: Session, args: argparse.Namespace) -> int:
    from casebook.summary.sar import pack_contents, prepare_sar, sign_sar

    with s.open() as notebook:
        prepared = prepare_sar(notebook, args.case, args.person)
        pdf = sign_sar(notebook, prepared)
    write_atomic(Path(args.output), pdf)
    s.print(
        f"Signed subject-access pack written: {args.output} ({len(pdf):,} bytes): "
        f"{pack_contents(prepared)} (listed in the pack)."
    )
    return 0


HANDLERS: dict[str, Handler] = {
    "sar": _sar,
}
