"""Summaries for both shells: export (render, redact, review, sign), countersign, check.

The summary is gathered by :func:`casebook.summary.source.summary_input`, redacted,
drawn by :mod:`casebook.summary` and signed (PAdES) with the practitioner's identity.
The command line (``casebook_cli``) and the app call these; reportlab and pyHanko are
imported only inside the functions that need them.
"""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.errors import InvalidInput
from casebook.kinds import REDACTION_MODES
from casebook.service import Notebook

if TYPE_CHECKING:
    from casebook.summary.review import Candidate, Decision

# A signed summary is text: about 8 KB a page. Anything bigger than this is not one, and
# reading it whole (as verification must) could exhaust the memory.
MAX_SUMMARY_BYTES = 256 * 1024 * 1024


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


def export_summary(
    notebook: Notebook,
    case_refs: list[str],
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    redaction: str = "none",
    include_drafts: bool = False,
    include_reflections: bool = False,
    include_drawings: bool = False,
    warnings: list[str] | None = None,
    decisions: Sequence[Decision] = (),
    review: bool = True,
) -> bytes:
    """Render and sign a summary; the export is recorded in the audit log.

    A redacted summary is signed only when every redaction review candidate has a
    decision (see :mod:`casebook.summary.review`), unless ``review`` is False.

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
    from casebook.summary.review import ReviewNeeded

    prepared = prepare_summary(
        notebook, case_refs, period_from=period_from, period_to=period_to,
        redaction=redaction, include_drafts=include_drafts,
        include_reflections=include_reflections, include_drawings=include_drawings,
        decisions=decisions,
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
    include_drawings: bool = False,
    decisions: Sequence[Decision] = (),
) -> PreparedSummary:
    """Gather and redact a summary, apply review decisions, and find what is left to review.

    ``--redact none`` shows names as written: it has no review candidates.
    """
    from casebook.summary.redact import redact
    from casebook.summary.review import (
        apply_decisions,
        review_candidates,
        undrawable_characters,
        unreviewed,
    )
    from casebook.summary.source import summary_input

    if redaction not in REDACTION_MODES:
        raise InvalidInput("--redact", f"expected one of {', '.join(REDACTION_MODES)}")
    data = summary_input(
        notebook, case_refs, period_from=period_from, period_to=period_to,
        include_drafts=include_drafts, include_reflections=include_reflections,
        include_drawings=include_drawings,
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
    from casebook.signing import sign_pdf
    from casebook.summary.pdf import render_summary_pdf
    from casebook.summary.review import REDACT

    data = prepared.shown
    pdf = render_summary_pdf(data, prepared.redaction)
    signed = sign_pdf(pdf, notebook.identity.signing_identity(), reason="Casebook summary")
    review = ""
    if prepared.redaction != "none":
        redacted = sum(1 for d in prepared.decisions if d.action == REDACT)
        kept = len(prepared.decisions) - redacted
        review = f" review=redacted:{redacted},kept:{kept},unreviewed:{len(prepared.unreviewed)}"
    notebook.audit.append(
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
    from casebook.signing import read_audit_head, verify_pdf

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
    return notebook.audit.check_anchor(int(head["seq"]), str(head["hash"]), "the summary")


# What a countersignature says when the supervisor gives no comment, and the longest comment.
DEFAULT_COUNTERSIGN_REASON = "Countersigned in supervision"
MAX_COMMENT_CHARS = 500


@dataclass(frozen=True)
class Countersignature:
    """A countersigned summary and the verification it was made on.

    Attributes:
        signed: The countersigned PDF's bytes.
        report: The earlier signatures' :class:`casebook.signing.VerificationReport`.
        identity_checked: Every earlier signer used a trusted certificate.
    """

    signed: bytes
    report: Any
    identity_checked: bool


def countersign_summary(
    notebook: Notebook,
    pdf: bytes,
    *,
    trust_pem: bytes | None = None,
    comment: str = "",
    unchecked_ok: bool = False,
) -> Countersignature:
    """Verify a summary, add the notebook's signature with ``comment`` as its reason and
    record it in the audit log (``casebook countersign`` and the app's Countersign…).

    The earlier signers are checked against ``trust_pem`` (certificates given for this
    summary) and the notebook's own and pinned certificates.

    Args:
        unchecked_ok: countersign although a signer's certificate is not trusted (the
            supervisor compared the fingerprint with the practitioner); integrity is
            always checked.

    Raises:
        VerificationFailed: the summary does not verify, or a signer is not trusted and
            ``unchecked_ok`` is False; nothing is signed or audited.
        InvalidInput: the comment is too long or holds characters refused in text.
    """
    from casebook.errors import VerificationFailed
    from casebook.signing import countersign_pdf, verify_pdf
    from casebook.trust import trust_bundle
    from casebook.validate import check_text

    reason = check_text(comment, "comment", MAX_COMMENT_CHARS).strip()
    trust = (trust_pem or b"") + trust_bundle(notebook)
    report = trusted = verify_pdf(pdf, trust)
    checked = trusted.ok
    if not checked:
        report = verify_pdf(pdf)
        if not report.ok:
            raise VerificationFailed(
                f"Not countersigned: the summary does not verify ({report.reason})"
            )
        if not unchecked_ok:
            raise VerificationFailed(
                f"Not countersigned: {trusted.reason}. A signer's certificate is not one you"
                " trust: compare the fingerprint with the one the practitioner gave you, or"
                " trust their certificate first."
            )
    signed = countersign_pdf(
        pdf,
        notebook.identity.signing_identity(),
        reason=reason or DEFAULT_COUNTERSIGN_REASON,
        trust_pem=trust if checked else None,
    )
    notebook.audit.append(
        "summary.countersign", "notebook", f"sha256={hashlib.sha256(signed).hexdigest()}"
    )
    return Countersignature(signed, report, checked)


def anchor_kind(path: Path) -> str:
    """``summary`` (a PDF) or ``backup`` (a .casebook-backup archive).

    Raises:
        InvalidInput: the file cannot be read or is neither.
    """
    try:
        with open(path, "rb") as handle:
            start = handle.read(5)
        if start == b"%PDF-":
            return "summary"
        if tarfile.is_tarfile(path):
            return "backup"
    except OSError as exc:
        raise InvalidInput(str(path), f"cannot read the file: {exc.strerror}") from None
    raise InvalidInput(str(path), "is neither a signed summary (PDF) nor a .casebook-backup")


def check_anchor(notebook: Notebook, path: Path) -> str | None:
    """Whether the notebook's history still holds the audit head a summary or backup keeps.

    Returns:
        None when it does, else the problem in plain words.

    Raises:
        InvalidInput: the file cannot be read or is neither (see :func:`anchor_kind`).
    """
    if anchor_kind(path) == "summary":
        return check_summary_against(notebook, path)
    from casebook.backup import check_backup_against

    return check_backup_against(notebook, path)
