"""``casebook summary``, ``identity``, ``verify`` and ``countersign``.

Summaries are rendered from :func:`notebook.summary_source.summary_input`, redacted,
drawn by :mod:`notebook.summary` and signed (PAdES) with the practitioner's identity.
reportlab and pyHanko are imported only here, inside the commands.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from notebook import cli
from notebook.atomic import write_atomic
from notebook.errors import InvalidInput, VerificationFailed
from notebook.service import Notebook

REDACTIONS = ("none", "initials", "pseudonyms")


def export_summary(
    notebook: Notebook,
    case_refs: list[str],
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    redaction: str = "none",
    include_drafts: bool = False,
    include_reflections: bool = False,
) -> bytes:
    """Render and sign a summary; the export is recorded in the audit log.

    Returns:
        the signed PDF's bytes.
    """
    from notebook.identity import signing_identity
    from notebook.signing import sign_pdf
    from notebook.summary.pdf import render_summary_pdf
    from notebook.summary.redact import redact
    from notebook.summary_source import summary_input

    if redaction not in REDACTIONS:
        raise InvalidInput("--redact", f"expected one of {', '.join(REDACTIONS)}")
    data = summary_input(
        notebook, case_refs, period_from=period_from, period_to=period_to,
        include_drafts=include_drafts, include_reflections=include_reflections,
    )  # fmt: skip
    pdf = render_summary_pdf(redact(data, redaction), redaction)
    signed = sign_pdf(pdf, signing_identity(notebook), reason="Casebook summary")
    notebook.append_audit_event(
        "summary.export",
        "notebook",
        f"cases={len(case_refs)} redaction={redaction} audit_head={data['audit_head']['seq']}"
        f" sha256={hashlib.sha256(signed).hexdigest()}",
    )
    return signed


def check_summary_against(notebook: Notebook, pdf_path: Path) -> str | None:
    """Whether the notebook's history still holds the audit head a signed summary carries.

    Returns:
        None when it does, else the problem in plain words.
    """
    from notebook.signing import read_audit_head, verify_pdf

    try:
        pdf = pdf_path.read_bytes()
    except OSError as exc:
        raise InvalidInput(str(pdf_path), f"cannot read the file: {exc.strerror}") from None
    report = verify_pdf(pdf)
    if not report.ok:
        return f"the summary's signature does not verify ({report.reason})"
    head = read_audit_head(pdf)
    if head is None:
        return "the summary carries no audit head"
    return notebook.check_audit_anchor(int(head["seq"]), str(head["hash"]), "the summary")


# -- command line ------------------------------------------------------------------------------


def _add_parsers(sub: Any) -> None:
    p = sub.add_parser("summary", help="export a signed PDF summary of cases for a period")
    p.add_argument("--case", action="append", dest="cases", required=True, metavar="REF")
    p.add_argument("--from", dest="period_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", metavar="YYYY-MM-DD")
    p.add_argument("--redact", choices=REDACTIONS, default="none",
                   help="replace names by initials or pseudonyms")  # fmt: skip
    p.add_argument("--include-drafts", action="store_true", help="include drafts, marked DRAFT")
    p.add_argument("--include-reflections", action="store_true",
                   help="include the private reflective log")  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")

    identity = sub.add_parser("identity", help="the signing identity")
    isub = identity.add_subparsers(dest="sub", required=True)
    isub.add_parser("show", help="print the certificate's subject and SHA-256 fingerprint")
    p = isub.add_parser("export", help="export the certificate (PEM) to give to a supervisor")
    p.add_argument("-o", "--output", required=True, metavar="cert.pem")

    p = sub.add_parser("verify", help="verify a signed summary (no notebook needed)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--trust", metavar="cert.pem", help="require this signer's certificate")

    p = sub.add_parser("countersign", help="add your signature to a summary (supervisor)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")


@cli.command("summary")
def _summary(s: cli.Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        pdf = export_summary(
            notebook, args.cases, period_from=args.period_from, period_to=args.period_to,
            redaction=args.redact, include_drafts=args.include_drafts,
            include_reflections=args.include_reflections,
        )  # fmt: skip
    write_atomic(Path(args.output), pdf)
    s.print(f"Signed summary written: {args.output} ({len(pdf):,} bytes).")
    return 0


@cli.command("identity show")
def _identity_show(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.identity import describe_certificate, signing_identity
    from notebook.signing import fingerprint

    with s.open() as notebook:
        identity = signing_identity(notebook)
    s.print(describe_certificate(identity.cert_pem))
    s.print(f"SHA-256 fingerprint: {fingerprint(identity.cert_pem)}")
    return 0


@cli.command("identity export")
def _identity_export(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.identity import signing_identity
    from notebook.signing import fingerprint

    with s.open() as notebook:
        identity = signing_identity(notebook)
    write_atomic(Path(args.output), identity.cert_pem, mode=0o644)
    s.print(f"Certificate written: {args.output}")
    s.print(f"SHA-256 fingerprint: {fingerprint(identity.cert_pem)}")
    return 0


@cli.command("verify")
def _verify(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.signing import verify_pdf

    try:
        pdf = Path(args.file).read_bytes()
        trust = Path(args.trust).read_bytes() if args.trust else None
    except OSError as exc:
        raise InvalidInput(exc.filename or args.file, f"cannot read: {exc.strerror}") from None
    report = verify_pdf(pdf, trust)
    for n, sig in enumerate(report.signatures, 1):
        s.print(f"Signature {n} ({sig['field']}): {sig['signer']}")
        s.print(f"  signed at:   {sig['signed_at']}")
        s.print(f"  fingerprint: {sig['fingerprint']}")
        s.print(
            f"  intact: {_yes(sig['intact'])}; valid: {_yes(sig['valid'])};"
            f" coverage: {sig['coverage']}"
            + ("" if sig.get("trusted") is None else f"; trusted: {_yes(sig['trusted'])}")
        )
    if not report.ok:
        raise VerificationFailed(f"Verification failed: {report.reason}")
    s.print("Verified: every signature is intact and the last one covers the whole file.")
    return 0


def _yes(flag: Any) -> str:
    return "yes" if flag else "NO"


@cli.command("countersign")
def _countersign(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.identity import signing_identity
    from notebook.signing import countersign_pdf, verify_pdf

    try:
        pdf = Path(args.file).read_bytes()
    except OSError as exc:
        raise InvalidInput(args.file, f"cannot read: {exc.strerror}") from None
    report = verify_pdf(pdf)
    if not report.ok:
        raise VerificationFailed(
            f"Not countersigned: the summary does not verify ({report.reason})"
        )
    with s.open() as notebook:
        signed = countersign_pdf(pdf, signing_identity(notebook))
        notebook.append_audit_event(
            "summary.countersign", "notebook", f"sha256={hashlib.sha256(signed).hexdigest()}"
        )
    write_atomic(Path(args.output), signed)
    s.print(f"Countersigned summary written: {args.output}")
    return 0


cli.EXTENSIONS.append(_add_parsers)
