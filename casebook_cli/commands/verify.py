"""``casebook verify`` (no notebook needed) and ``casebook countersign`` (supervisor)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casebook.atomic import write_atomic
from casebook.errors import InvalidInput, VerificationFailed
from casebook.summary.export import MAX_SUMMARY_BYTES, read_limited
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    trust_help = (
        "a certificate every signer must have used (from 'casebook identity export');"
        " give it once per certificate, e.g. the practitioner's and the supervisor's"
    )
    p = sub.add_parser("verify", help="verify a signed summary (no notebook needed)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--trust", action="append", metavar="cert.pem", help=trust_help)

    p = sub.add_parser("countersign", help="add your signature to a summary (supervisor)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument("--trust", action="append", metavar="cert.pem", help=trust_help)
    p.add_argument(
        "--comment",
        default="",
        help='the countersignature\'s reason (default: "Countersigned in supervision")',
    )


def _verify(s: Session, args: argparse.Namespace) -> int:
    from casebook.signing import verify_pdf

    pdf = read_limited(Path(args.file), MAX_SUMMARY_BYTES)
    report = verify_pdf(pdf, _trust(args.trust))
    for line in verification_lines(report):
        s.print(line)
    if not report.ok:
        raise VerificationFailed(f"Verification failed: {report.reason}")
    return 0


def verification_lines(report: Any) -> list[str]:
    """What ``casebook verify`` prints for a report (the last line is the overall result).

    One block per signature (field, signer, organisation, time, fingerprint, trusted),
    then each revision after the practitioner's signature and what it did, then one
    overall line. Text from the file (names, field names) is printed through
    ``Session.print``, which escapes what a terminal would act on.

    Args:
        report: A :class:`casebook.signing.VerificationReport`.

    Returns:
        The lines; on failure the overall line is left to the caller (exit 8).
    """
    from casebook.signing import UNCHECKED_SENTENCE, VERIFIED_SENTENCE

    lines: list[str] = []
    for n, sig in enumerate(report.signatures, 1):
        role = "practitioner (author)" if sig.get("role") == "author" else "countersignature"
        lines += [
            f"Signature {n} ({sig['field']}): {sig['signer']}, {role}",
            f"  organisation: {sig['organisation'] or '(none given)'}",
            f"  signed at:    {sig['signed_at'] or '(not read: the signature was refused first)'}",
            f"  fingerprint:  {sig['fingerprint']}",
            f"  trusted:      {_trusted(sig.get('trusted'))}",
            f"  {_integrity(sig)}",
        ]
    if report.revisions:
        lines.append("Changes after the practitioner signed:")
        for rev in report.revisions:
            by = f" (signature {rev['signature']})" if rev["signature"] else ""
            verdict = "allowed" if rev["allowed"] else "NOT ALLOWED"
            lines.append(f"  Revision {rev['revision']}{by}: {rev['did']} [{verdict}]")
    elif report.signatures:
        lines.append("Changes after the practitioner signed: none.")
    if report.ok and report.identity_checked:
        lines.append(VERIFIED_SENTENCE)
    elif report.ok:
        lines.append(
            f"{UNCHECKED_SENTENCE}: compare this fingerprint with the one the practitioner"
            " gave you, or use --trust:"
        )
        lines += [f"  {sig['signer']}: {sig['fingerprint']}" for sig in report.signatures]
    return lines


def _trust(paths: list[str] | None) -> bytes | None:
    """The trusted certificates named by ``--trust``, as one PEM bundle (exit 6 if unreadable)."""
    from casebook.signing import certificate_pem

    if not paths:
        return None
    bundle = b""
    for path in paths:
        try:
            bundle += certificate_pem(read_limited(Path(path), MAX_SUMMARY_BYTES))
        except ValueError:
            raise InvalidInput(path, "not a certificate (PEM or DER)") from None
    return bundle


def _trusted(flag: bool | None) -> str:
    if flag is None:
        return "not checked (no --trust given)"
    return "yes" if flag else "NO"


def _yes(flag: Any) -> str:
    return "yes" if flag else "NO"


# pyHanko's coverage levels, in the words the report uses.
_COVERAGE = {
    "ENTIRE_FILE": "the whole file",
    "ENTIRE_REVISION": "its own revision (more was added after it)",
    "CONTIGUOUS_BLOCK_FROM_START": "only the start of the file",
    "UNCLEAR": "unclear",
}


def _integrity(sig: dict[str, Any]) -> str:
    """One line on a signature's integrity: a signature over changed bytes is broken,
    whatever its value over the signed attributes says (pyHanko's separate "valid")."""
    if not sig["intact"]:
        return "integrity:    BROKEN: the signed bytes were changed (or the signature refused)"
    covers = _COVERAGE.get(sig["coverage"] or "", "not checked")
    value = _yes(sig["valid"])
    return f"integrity:    signed bytes unchanged; value matches: {value}; covers {covers}"


def _countersign(s: Session, args: argparse.Namespace) -> int:
    from casebook.summary.export import countersign_summary

    pdf = read_limited(Path(args.file), MAX_SUMMARY_BYTES)
    trust = _trust(args.trust)
    with s.open() as notebook:
        # With --trust, every earlier signer must be trusted; without, the supervisor is
        # told to compare fingerprints.
        made = countersign_summary(
            notebook, pdf, trust_pem=trust, comment=args.comment, unchecked_ok=trust is None
        )
    write_atomic(Path(args.output), made.signed)
    s.print(f"Countersigned summary written: {args.output}")
    if not made.identity_checked:
        first = made.report.signatures[0]
        s.print(
            f"The practitioner's identity was NOT checked: compare {first['fingerprint']}"
            f" ({first['signer']}) with the fingerprint they gave you, or use --trust."
        )
    return 0


HANDLERS: dict[str, Handler] = {
    "verify": _verify,
    "countersign": _countersign,
}
