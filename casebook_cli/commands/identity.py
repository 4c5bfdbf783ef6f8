"""``casebook identity show|export``: the signing identity."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.atomic import write_atomic
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    identity = sub.add_parser("identity", help="the signing identity")
    isub = identity.add_subparsers(dest="sub", required=True)
    isub.add_parser("show", help="print the certificate's subject and SHA-256 fingerprint")
    p = isub.add_parser("export", help="export the certificate (PEM) to give to a supervisor")
    p.add_argument("-o", "--output", required=True, metavar="cert.pem")


def _identity_show(s: Session, args: argparse.Namespace) -> int:
    from casebook.identity import describe_certificate
    from casebook.signing import fingerprint

    with s.open() as notebook:
        identity = notebook.identity.signing_identity()
    s.print(describe_certificate(identity.cert_pem))
    s.print(f"SHA-256 fingerprint: {fingerprint(identity.cert_pem)}")
    return 0


def _identity_export(s: Session, args: argparse.Namespace) -> int:
    from casebook.signing import fingerprint

    with s.open() as notebook:
        identity = notebook.identity.signing_identity()
    write_atomic(Path(args.output), identity.cert_pem, mode=0o644)
    s.print(f"Certificate written: {args.output}")
    s.print(f"SHA-256 fingerprint: {fingerprint(identity.cert_pem)}")
    return 0


HANDLERS: dict[str, Handler] = {
    "identity show": _identity_show,
    "identity export": _identity_export,
}
