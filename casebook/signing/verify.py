"""Verifying a signed summary: every signature, and every revision after the first."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from casebook.signing.der import contents_problem
from casebook.signing.document import AUDIT_HEAD_ENTRY
from casebook.signing.identity import colon_hex

AUDIT_HEAD_KEY = "/" + AUDIT_HEAD_ENTRY
# The outcome of a report that passed, in the words ``casebook verify`` and the app both use.
VERIFIED_SENTENCE = (
    "Verified: every signature is intact and made with a trusted certificate;"
    " nothing changed after signing except allowed countersignatures."
)
UNCHECKED_SENTENCE = (
    "Intact: every signature is valid and nothing changed after signing except"
    " allowed countersignatures, but the signer's identity was NOT checked"
)
_FORM_FILLING_OR_LESS = ("NONE", "LTA_UPDATES", "FORM_FILLING")


@dataclass
class VerificationReport:
    """The outcome of :func:`verify_pdf`.

    Attributes:
        ok: True only when every check in the module docstring passed. Without
            trusted certificates that means *intact*, not *from the practitioner*:
            see ``identity_checked``.
        reason: One sentence: why it passed or the first reason it failed.
        signatures: One dict per signature, in signing order, with ``field``,
            ``signer`` (certificate common name), ``organisation``, ``signed_at``
            (ISO time or None), ``fingerprint`` (SHA-256 of the certificate), ``intact``, ``valid``,
            ``coverage`` (pyHanko coverage level name), ``modification``
            (pyHanko modification level name or None), ``trusted`` (bool,
            or None when no trust was given: not checked), ``revision`` (the
            revision the signature completes, the unsigned document being 1) and
            ``role`` (``"author"`` for the first, ``"countersignature"`` after).
        revisions: One dict per revision after the first signature's, oldest
            first, with ``revision``, ``signature`` (its 1-based number or None),
            ``did`` (what it changed, one sentence) and ``allowed`` (bool).
        identity_checked: True when trusted certificates were given, so every
            signer's identity was compared with them.
    """

    ok: bool
    reason: str
    signatures: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    identity_checked: bool = False


def verify_pdf(pdf: bytes, trust_pem: bytes | None = None) -> VerificationReport:
    """Check every signature of a PDF and every revision after the first signature.

    Never raises and logs nothing: unreadable input gives ``ok=False`` with a reason.

    Args:
        pdf: The signed PDF.
        trust_pem: Optional PEM certificate(s), concatenated; every signature
            (the practitioner's and each countersignature) must be made with one
            of them.

    Returns:
        The report (see the module docstring for the rules).
    """
    try:
        trusted = _trusted_fingerprints(trust_pem)
    except Exception:
        return VerificationReport(False, "the trusted certificate could not be read")
    try:
        with _quiet_pyhanko():
            return _verify(pdf, trusted)
    except Exception as error:
        return VerificationReport(
            False,
            f"the file is not a readable signed PDF ({type(error).__name__})",
            identity_checked=trusted is not None,
        )


def read_audit_head(pdf: bytes) -> dict[str, Any] | None:
    """Read the audit-chain head a summary carries.

    The value is read from the revision covered by the *first* signature (or
    from the document itself when unsigned), so after a successful
    :func:`verify_pdf` it is the head the practitioner signed.

    Args:
        pdf: A summary PDF.

    Returns:
        ``{"seq": int, "hash": str}``, or None when absent or unreadable.
    """
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
        if signatures:
            trailer = reader.get_historical_resolver(signatures[0].signed_revision).trailer_view
        else:
            trailer = reader.trailer_view
        info = trailer["/Info"].get_object()
        value = str(info[AUDIT_HEAD_KEY])
        seq, digest = value.split(":", 1)
        if not re.fullmatch(r"[0-9]{1,18}", seq) or not re.fullmatch(r"[0-9a-f]{1,512}", digest):
            return None
        return {"seq": int(seq), "hash": digest}
    except Exception:
        return None


def _trusted_fingerprints(trust_pem: bytes | None) -> set[str] | None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if trust_pem is None:
        return None
    certs = x509.load_pem_x509_certificates(trust_pem)
    return {
        colon_hex(hashlib.sha256(c.public_bytes(serialization.Encoding.DER)).digest())
        for c in certs
    }


def _verify(pdf: bytes, trusted: set[str] | None) -> VerificationReport:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from casebook.signing.revisions import review_later_revisions

    checked = trusted is not None
    reader = PdfFileReader(io.BytesIO(pdf), strict=True)
    embedded = list(reader.embedded_signatures)
    if not embedded:
        return VerificationReport(False, "the file has no signature", identity_checked=checked)
    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    for index, signature in enumerate(embedded):
        entry, problem = _check_signature(pdf, signature, last=index == len(embedded) - 1)
        entry["revision"] = int(signature.signed_revision) + 1
        entry["role"] = "author" if index == 0 else "countersignature"
        if trusted is not None:
            entry["trusted"] = entry["fingerprint"] in trusted
        entries.append(entry)
        if problem:
            problems.append(f"signature {index + 1} ({entry['field']}) {problem}")
    reviews = review_later_revisions(reader, embedded, [e["signer"] for e in entries])
    revisions = [
        {"revision": r.revision, "signature": r.signature, "did": r.did, "allowed": r.allowed}
        for r in reviews
    ]
    problems.extend(f"revision {r.revision} {r.did}" for r in reviews if not r.allowed)
    for index, entry in enumerate(entries):
        # pyHanko's own difference analysis, as a second opinion after ours.
        if not entry.pop("docmdp_ok", True):
            problems.append(
                f"signature {index + 1} ({entry['field']}) was followed by changes"
                " its permissions forbid"
            )
        elif (
            entry["intact"]
            and index < len(entries) - 1
            and entry["modification"] not in _FORM_FILLING_OR_LESS
        ):
            problems.append(
                f"signature {index + 1} ({entry['field']}) was followed by changes"
                " other than adding signatures"
            )
    for index, entry in enumerate(entries):
        if entry["trusted"] is False:
            problems.append(
                f"signature {index + 1} ({entry['field']}) by {entry['signer']} was not made"
                " with a trusted certificate"
            )
    report = VerificationReport(False, "", entries, revisions, identity_checked=checked)
    if problems:
        report.reason = problems[0]
        return report
    first = entries[0]
    counter = len(entries) - 1
    later = (
        f"; {counter} allowed countersignature{'s' if counter != 1 else ''} after it"
        if counter
        else ""
    )
    if checked:
        report.reason = (
            f"signed by {first['signer']} with a trusted certificate{later};"
            " nothing else changed after signing"
        )
    else:
        report.reason = (
            f"intact: signed by {first['signer']} ({first['fingerprint']}){later};"
            " nothing else changed after signing; the signer's identity was NOT checked"
        )
    report.ok = True
    return report


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """Keep pyHanko's warnings (with tracebacks) about a changed file out of stderr.

    The report says what failed; a traceback on the terminal would only frighten.
    """
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _check_signature(pdf: bytes, signature: Any, last: bool) -> tuple[dict[str, Any], str | None]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    cert = signature.signer_cert
    subject = cert.subject.native
    entry: dict[str, Any] = {
        "field": signature.field_name,
        "signer": str(subject.get("common_name") or cert.subject.human_friendly),
        "organisation": str(subject.get("organization_name") or ""),
        "signed_at": None,
        "fingerprint": colon_hex(hashlib.sha256(cert.dump()).digest()),
        "intact": False,
        "valid": False,
        "coverage": None,
        "modification": None,
        "trusted": None,
    }
    if signature.sig_object_type != "/Sig":
        return entry, "is not a signature (a document timestamp or other object)"
    problem = contents_problem(pdf, signature)
    if problem:
        return entry, problem
    context = ValidationContext(trust_roots=[cert], allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    level = status.modification_level
    entry.update(
        intact=bool(status.intact),
        valid=bool(status.valid),
        coverage=status.coverage.name if status.coverage is not None else None,
        modification=level.name if level is not None else None,
        signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
    )
    if not status.intact:
        return entry, "is broken: the signed bytes were changed"
    if not status.valid:
        return entry, "is invalid: the signature value does not match"
    if last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return entry, "does not cover the whole file: something was added after signing"
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return entry, "does not cover its whole revision"
    entry["docmdp_ok"] = status.docmdp_ok is not False
    return entry, None
