"""``casebook summary``, ``identity``, ``verify`` and ``countersign``.

Summaries are rendered from :func:`notebook.summary_source.summary_input`, redacted,
drawn by :mod:`notebook.summary` and signed (PAdES) with the practitioner's identity.
reportlab and pyHanko are imported only here, inside the commands.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notebook import cli
from notebook.atomic import write_atomic
from notebook.errors import InvalidInput, UsageError, VerificationFailed
from notebook.kinds import REDACTION_MODES as REDACTIONS
from notebook.service import Notebook

if TYPE_CHECKING:
    from notebook.summary.review import Candidate, Decision

# A signed summary is text: about 8 KB a page. Anything bigger than this is not one, and
# reading it whole (as verification must) could exhaust the memory.
MAX_SUMMARY_BYTES = 256 * 1024 * 1024


def export_summary(
    notebook: Notebook,
    case_refs: list[str],
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    redaction: str = "none",
    include_drafts: bool = False,
    include_reflections: bool = False,
    warnings: list[str] | None = None,
    decisions: Sequence[Decision] = (),
    review: bool = True,
) -> bytes:
    """Render and sign a summary; the export is recorded in the audit log.

    A redacted summary is signed only when every redaction review candidate has a
    decision (see :mod:`notebook.summary.review`), unless ``review`` is False.

    Args:
        warnings: if given, what the user should know about the summary is appended
            (reflections were asked for and none mentions the cases).
        decisions: The practitioner's redaction review decisions.
        review: False to sign a redacted summary whatever candidates remain.

    Returns:
        the signed PDF's bytes.

    Raises:
        ReviewNeeded: a redacted summary has candidates without a decision.
    """
    from notebook.summary.review import ReviewNeeded

    prepared = prepare_summary(
        notebook, case_refs, period_from=period_from, period_to=period_to,
        redaction=redaction, include_drafts=include_drafts,
        include_reflections=include_reflections, decisions=decisions,
    )  # fmt: skip
    if review and prepared.unreviewed:
        raise ReviewNeeded(prepared.unreviewed)
    if warnings is not None:
        warnings.extend(prepared.warnings)
    return sign_summary(notebook, prepared)


@dataclass(frozen=True)
class PreparedSummary:
    """A summary gathered, redacted and reviewed, ready to render and sign.

    Attributes:
        shown: The summary input as the PDF will show it (redacted, decisions applied).
        redaction: The redaction mode.
        candidates: Redaction review candidates found before the decisions were applied.
        decisions: The decisions applied.
        unreviewed: Candidates still found after the decisions, without a decision.
        undrawable: Characters no bundled font draws (shown as ``[U+XXXX]``).
        warnings: What the user should know before signing (see :func:`summary_warnings`).
    """

    shown: dict[str, Any]
    warnings: list[str]
    redaction: str
    candidates: list[Candidate]
    decisions: tuple[Decision, ...]
    unreviewed: list[Candidate]
    undrawable: list[str]


def prepare_summary(
    notebook: Notebook,
    case_refs: list[str],
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    redaction: str = "none",
    include_drafts: bool = False,
    include_reflections: bool = False,
    decisions: Sequence[Decision] = (),
) -> PreparedSummary:
    """Gather and redact a summary, apply review decisions, and find what is left to review.

    ``--redact none`` shows names as written: it has no review candidates.
    """
    from notebook.summary.redact import redact
    from notebook.summary.review import (
        apply_decisions,
        review_candidates,
        undrawable_characters,
        unreviewed,
    )
    from notebook.summary_source import summary_input

    if redaction not in REDACTIONS:
        raise InvalidInput("--redact", f"expected one of {', '.join(REDACTIONS)}")
    data = summary_input(
        notebook, case_refs, period_from=period_from, period_to=period_to,
        include_drafts=include_drafts, include_reflections=include_reflections,
    )  # fmt: skip
    redacted = redact(data, redaction)
    candidates: list[Candidate] = []
    left: list[Candidate] = []
    if redaction != "none":
        candidates = review_candidates(redacted)
        redacted = apply_decisions(redacted, decisions)
        left = unreviewed(review_candidates(redacted), decisions)
    return PreparedSummary(
        shown=redacted,
        warnings=summary_warnings(data),
        redaction=redaction,
        candidates=candidates,
        decisions=tuple(decisions) if redaction != "none" else (),
        unreviewed=left,
        undrawable=undrawable_characters(redacted),
    )


def sign_summary(notebook: Notebook, prepared: PreparedSummary) -> bytes:
    """Render and sign a prepared summary; the export is recorded in the audit log.

    The audit event counts the review's decisions (never their text).
    """
    from notebook.identity import signing_identity
    from notebook.signing import sign_pdf
    from notebook.summary.pdf import render_summary_pdf
    from notebook.summary.review import REDACT

    data = prepared.shown
    pdf = render_summary_pdf(data, prepared.redaction)
    signed = sign_pdf(pdf, signing_identity(notebook), reason="Casebook summary")
    review = ""
    if prepared.redaction != "none":
        redacted = sum(1 for d in prepared.decisions if d.action == REDACT)
        kept = len(prepared.decisions) - redacted
        review = f" review=redacted:{redacted},kept:{kept},unreviewed:{len(prepared.unreviewed)}"
    notebook.append_audit_event(
        "summary.export",
        "notebook",
        f"cases={len(data.get('cases') or [])} redaction={prepared.redaction}"
        f" audit_head={data['audit_head']['seq']}{review}"
        f" sha256={hashlib.sha256(signed).hexdigest()}",
    )
    return signed


def summary_warnings(data: dict[str, Any]) -> list[str]:
    """What the user should be told about a summary input before it is signed."""
    asked = data.get("include_reflections") and not data.get("reflections")
    if asked and data.get("reflections_left_out"):
        return [
            "No reflection of the period mentions the cases in this summary: "
            "the reflective log section says so and shows none."
        ]
    return []


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
    p.add_argument(
        "--review",
        metavar="FILE.json",
        help="redaction review: write the candidates to FILE, or apply its decisions",
    )
    p.add_argument("--no-review", action="store_true",
                   help="sign a redacted summary without reviewing what is left")  # fmt: skip

    identity = sub.add_parser("identity", help="the signing identity")
    isub = identity.add_subparsers(dest="sub", required=True)
    isub.add_parser("show", help="print the certificate's subject and SHA-256 fingerprint")
    p = isub.add_parser("export", help="export the certificate (PEM) to give to a supervisor")
    p.add_argument("-o", "--output", required=True, metavar="cert.pem")

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


@cli.command("summary")
def _summary(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.summary.review import read_review_file

    if args.review and args.no_review:
        raise UsageError("Give either --review FILE or --no-review, not both.")
    review_file = Path(args.review) if args.review and args.redact != "none" else None
    decisions = []
    if review_file is not None and review_file.exists():
        try:
            text = review_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(str(review_file), "cannot read the review file") from exc
        decisions = read_review_file(text, where=str(review_file))
    with s.open() as notebook:
        prepared = prepare_summary(
            notebook, args.cases, period_from=args.period_from, period_to=args.period_to,
            redaction=args.redact, include_drafts=args.include_drafts,
            include_reflections=args.include_reflections, decisions=decisions,
        )  # fmt: skip
        _say_undrawable(prepared.undrawable)
        if prepared.unreviewed and not args.no_review:
            _refuse_unreviewed(s, prepared, review_file)
        if prepared.unreviewed:
            count = len(prepared.unreviewed)
            print(
                f"casebook: signed without a redaction review: {count} possible identifying "
                f"detail{'s' if count != 1 else ''} left as written (--no-review).",
                file=sys.stderr,
            )
        pdf = sign_summary(notebook, prepared)
    write_atomic(Path(args.output), pdf)
    for warning in prepared.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    s.print(f"Signed summary written: {args.output} ({len(pdf):,} bytes).")
    return 0


def _say_undrawable(characters: list[str]) -> None:
    """Tell, before signing, which characters the PDF shows as [U+XXXX] markers."""
    from notebook.summary.review import code_points

    if characters:
        print(
            f"casebook: no bundled font draws {len(characters)} character"
            f"{'s' if len(characters) != 1 else ''} of this summary: {code_points(characters)}. "
            "The summary shows each as a [U+XXXX] marker.",
            file=sys.stderr,
        )


def _refuse_unreviewed(s: cli.Session, prepared: PreparedSummary, review_file: Path | None) -> None:
    """Write or extend the review file, name what is undecided, and refuse to sign."""
    from notebook.summary.review import ReviewNeeded, review_file_json

    count = len(prepared.unreviewed)
    details = f"{count} possible identifying detail{'s' if count != 1 else ''}"
    if review_file is None:
        raise ReviewNeeded(
            prepared.unreviewed,
            "--redact",
            f"{details} remain after redaction (names of people outside the case, "
            "addresses, phone numbers). Review them with --review FILE, or sign as it is "
            "with --no-review. Nothing was signed.",
        )
    existed = review_file.exists()
    # The file holds names in plain text: owner-only, written atomically.
    write_atomic(review_file, review_file_json(prepared.unreviewed, prepared.decisions).encode())
    if not existed:
        s.print(f"Redaction review: {details} written to {review_file}.")
        s.print(
            'Set each "decision" to "keep" or "redact" (with its "replacement"), then run '
            "the same command again. The file holds names in plain text: delete it when "
            "the summary is signed."
        )
        raise ReviewNeeded(
            prepared.unreviewed, str(review_file), "no decisions yet; nothing was signed"
        )
    print(f"casebook: {details} without a decision (added to {review_file}):", file=sys.stderr)
    for candidate in prepared.unreviewed:
        print(f"  {candidate.text}  ({candidate.kind}, {candidate.occurrences}x)", file=sys.stderr)
    raise ReviewNeeded(prepared.unreviewed, str(review_file), "decide each; nothing was signed")


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
        report: A :class:`notebook.signing.VerificationReport`.

    Returns:
        The lines; on failure the overall line is left to the caller (exit 8).
    """
    lines: list[str] = []
    for n, sig in enumerate(report.signatures, 1):
        role = "practitioner (author)" if sig.get("role") == "author" else "countersignature"
        lines += [
            f"Signature {n} ({sig['field']}): {sig['signer']}, {role}",
            f"  organisation: {sig['organisation'] or '(none given)'}",
            f"  signed at:    {sig['signed_at']}",
            f"  fingerprint:  {sig['fingerprint']}",
            f"  trusted:      {_trusted(sig.get('trusted'))}",
            f"  intact: {_yes(sig['intact'])}; valid: {_yes(sig['valid'])};"
            f" coverage: {sig['coverage']}",
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
        lines.append(
            "Verified: every signature is intact and made with a trusted certificate;"
            " nothing changed after signing except allowed countersignatures."
        )
    elif report.ok:
        lines.append(
            "Intact: every signature is valid and nothing changed after signing except"
            " allowed countersignatures, but the signer's identity was NOT checked:"
            " compare this fingerprint with the one the practitioner gave you, or use --trust:"
        )
        lines += [f"  {sig['signer']}: {sig['fingerprint']}" for sig in report.signatures]
    return lines


def _trust(paths: list[str] | None) -> bytes | None:
    """The trusted certificates named by ``--trust``, as one PEM bundle (exit 6 if unreadable)."""
    from notebook.signing import certificate_pem

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


def read_limited(path: Path, limit: int) -> bytes:
    """Read a whole file given on the command line, refusing one of more than ``limit`` bytes.

    Reads at most ``limit + 1`` bytes, so a huge file, a device or a pipe that never ends
    is refused without filling the memory.

    Raises:
        InvalidInput: cannot be read (a folder, missing, no permission) or too big (exit 6).
    """
    too_big = InvalidInput(
        str(path), f"larger than {limit // (1024 * 1024)} MB: not a Casebook summary"
    )
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(str(path), f"cannot read: {exc.strerror or exc}") from None
    except MemoryError:
        raise too_big from None
    if len(data) > limit:
        raise too_big
    return data


def _yes(flag: Any) -> str:
    return "yes" if flag else "NO"


@cli.command("countersign")
def _countersign(s: cli.Session, args: argparse.Namespace) -> int:
    from notebook.identity import signing_identity
    from notebook.signing import countersign_pdf, verify_pdf

    pdf = read_limited(Path(args.file), MAX_SUMMARY_BYTES)
    trust = _trust(args.trust)
    report = verify_pdf(pdf, trust)
    if not report.ok:
        raise VerificationFailed(
            f"Not countersigned: the summary does not verify ({report.reason})"
        )
    with s.open() as notebook:
        signed = countersign_pdf(pdf, signing_identity(notebook), trust_pem=trust)
        notebook.append_audit_event(
            "summary.countersign", "notebook", f"sha256={hashlib.sha256(signed).hexdigest()}"
        )
    write_atomic(Path(args.output), signed)
    s.print(f"Countersigned summary written: {args.output}")
    if not report.identity_checked:
        first = report.signatures[0]
        s.print(
            f"The practitioner's identity was NOT checked: compare {first['fingerprint']}"
            f" ({first['signer']}) with the fingerprint they gave you, or use --trust."
        )
    return 0


cli.EXTENSIONS.append(_add_parsers)
