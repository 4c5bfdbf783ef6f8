"""``casebook audit verify``: the audit chain, final records, and kept audit heads."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.errors import VerificationFailed
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="sub", required=True)
    p = audit.add_parser("verify", help="check the audit chain and every final record")
    p.add_argument(
        "--against", action="append", metavar="FILE",
        help="also check the audit head kept by a signed summary or a .casebook-backup "
        "(may be given more than once)",
    )  # fmt: skip


def _audit_verify(s: Session, args: argparse.Namespace) -> int:
    from casebook.summary.export import anchor_kind, check_anchor

    anchors = [Path(p) for p in args.against or []]
    for path in anchors:
        anchor_kind(path)  # an unreadable or unknown file is a usage problem (exit 6)
    with s.open() as notebook:
        report = notebook.audit.verify()
        against = [(path, check_anchor(notebook, path)) for path in anchors]
    s.print(f"Audit entries: {report.entries}; final records checked: {report.final_records};"
            f" addenda checked: {report.addenda}")  # fmt: skip
    s.print(f"Chain head: entry {report.head.seq}, {report.head.hash}")
    for path, problem in against:
        if problem is None:
            s.print(f"The notebook's audit log still holds the audit head of {path}.")
    problems = report.problems + [f"{path}: {p}" for path, p in against if p]
    if problems:
        raise VerificationFailed("Verification failed: " + "; ".join(problems[:5]))
    s.print("Audit log verified: no changes to history found.")
    return 0


HANDLERS: dict[str, Handler] = {
    "audit verify": _audit_verify,
}
