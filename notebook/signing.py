"""Signing identity and PAdES signatures for summaries.

A practitioner's *signing identity* is an ECDSA P-256 key with a self-signed
X.509 certificate (made with ``cryptography``). Summaries are signed with
pyHanko as PAdES baseline signatures (``ETSI.CAdES.detached``), which poppler's
``pdfsig`` and PDF readers check. A supervisor countersigns with an
incremental update, leaving the practitioner's signature valid.

Every ECDSA signature Casebook makes is *low-S* (``s <= n/2``): ``(r, n - s)``
verifies as well as ``(r, s)``, so without the rule a changed file (69 bytes
of a different signature value) would still verify.

:func:`verify_pdf` is stricter than pyHanko or ``pdfsig`` alone, because
neither looks at every byte (see ``shared/STACK_NOTES.md``). A summary passes
only when:

* it has at least one signature, and every signature is intact (the signed
  bytes hash to the signed digest) and valid (the CMS signature verifies);
* the last signature covers the entire file (nothing appended after it);
* every revision after the first signature (the practitioner's) is one allowed
  countersignature and nothing else: it fills the empty signature field the
  practitioner's document reserved (its appearance stays inside that box) or
  adds an invisible one; no annotation, page, content, field or metadata entry
  may change (:mod:`notebook.revision_review` checks each revision's objects
  itself; pyHanko's modification level is only a second opinion);
* every signature value is stored canonically: the ``/Contents`` hex string
  holds exactly the DER of the CMS object followed by zero padding, in one
  letter case, with nothing else; the CMS re-encodes to the same DER; its
  unsigned parts (versions, algorithm identifiers, content type) hold the only
  values a correct signer writes; each embedded certificate's signature
  verifies; and an ECDSA value is canonical DER with a low S. pyHanko ignores
  all of these, so without the check a changed byte in the signature's padding,
  in an unused algorithm parameter, in the embedded certificate or the swap of
  ``s`` for ``n - s`` would go unnoticed;
* with ``trust_pem``: *every* signer (practitioner and countersigners) used one
  of the trusted certificates.

A signer's name is not an identity: anyone can make a certificate called "Ann
Example". Without ``trust_pem`` the report says the identity was not checked
(``identity_checked`` is False) and the fingerprint is what a reader compares
with the one the practitioner gave them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

AUDIT_HEAD_KEY = "/CasebookAuditHead"
# Written by notebook.summary.layout; read here without importing reportlab.
COUNTERSIGNATURE_BOX_KEY = "CasebookCountersignatureBox"
COUNTERSIGNATURE_FIELD = "Supervisor"
VALIDITY_DAYS = 3652

_HEX_UPPER = re.compile(rb"[0-9A-F]*")
_HEX_LOWER = re.compile(rb"[0-9a-f]*")
_NULL_OR_ABSENT = (b"", b"\x05\x00")
_FORM_FILLING_OR_LESS = ("NONE", "LTA_UPDATES", "FORM_FILLING")


class SigningError(Exception):
    """Raised when a PDF cannot be signed (bad key, unreadable PDF)."""


@dataclass(frozen=True)
class SigningIdentity:
    """A practitioner's (or supervisor's) signing key and certificate.

    Attributes:
        key_pem: PKCS#8 PEM private key, unencrypted: keep it only inside the
            encrypted notebook.
        cert_pem: PEM self-signed X.509 certificate.
    """

    key_pem: bytes
    cert_pem: bytes


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


def create_identity(name: str, organisation: str) -> SigningIdentity:
    """Make a new ECDSA P-256 key and a self-signed certificate for it.

    The certificate has CN=name and O=organisation, is valid for ten years,
    is not a CA, and allows digital signatures and non-repudiation only.

    Args:
        name: The signer's name.
        organisation: The signer's organisation (may be empty).

    Returns:
        The identity.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name.strip() or "Casebook user")]
    if organisation.strip():
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    subject = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SigningIdentity(key_pem=key_pem, cert_pem=cert.public_bytes(serialization.Encoding.PEM))


def certificate_pem(data: bytes) -> bytes:
    """The certificate(s) in a PEM or DER file, as PEM (for ``trust_pem``).

    Args:
        data: The file's bytes: one DER certificate, or one or more PEM ones.

    Returns:
        PEM text of every certificate.

    Raises:
        ValueError: When the data holds no readable certificate.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except Exception:
        raise ValueError("not a certificate") from None
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def fingerprint(cert_pem: bytes) -> str:
    """SHA-256 fingerprint of a certificate as colon-separated upper-case hex.

    Args:
        cert_pem: PEM (or DER) certificate.

    Returns:
        For example ``"3A:7F:…"`` (32 pairs).
    """
    return _colon_hex(hashlib.sha256(_cert_der(cert_pem)).digest())


def sign_pdf(
    pdf: bytes, identity: SigningIdentity, reason: str, field_name: str = "Practitioner"
) -> bytes:
    """Sign a PDF (PAdES, SHA-256, low-S ECDSA) in a new invisible signature field.

    When the PDF is a summary that carries its countersignature box (see
    :mod:`notebook.summary.layout`) and has no signature field yet, the same
    update also adds the empty signature field :data:`COUNTERSIGNATURE_FIELD`
    over that box, so that the signature covers the place reserved for a
    countersignature and a countersignature can never be drawn anywhere else.

    Args:
        pdf: The PDF to sign (e.g. from ``render_summary_pdf``).
        identity: The signer's key and certificate.
        reason: The ``/Reason`` of the signature (shown by PDF readers).
        field_name: Name of the new signature field; a number is added when a
            field of that name exists.

    Returns:
        The signed PDF: the input followed by one incremental update.

    Raises:
        SigningError: When the key, certificate or PDF cannot be used.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    signer, cert = _signer(identity)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        name = _unique_field_name(writer, field_name)
        box = _countersignature_box(writer)
        if box is not None:
            # Both fields in one update, the author's first (PDF readers list them in
            # this order); the empty one is covered by the author's signature.
            fields.append_signature_field(writer, fields.SigFieldSpec(name))
            page, x1, y1, x2, y2 = box
            # Whole points, rounded inwards: the field stays inside the drawn box.
            rect = (math.ceil(x1), math.ceil(y1), math.floor(x2), math.floor(y2))
            fields.append_signature_field(
                writer, fields.SigFieldSpec(COUNTERSIGNATURE_FIELD, on_page=page, box=rect)
            )
        output = _sign_field(writer, name, reason, signer, cert)
    except SigningError:
        raise
    except Exception as error:
        raise SigningError(f"cannot sign the PDF: {type(error).__name__}: {error}") from error
    return output


def countersign_pdf(
    pdf: bytes,
    identity: SigningIdentity,
    field_name: str = "Supervisor",
    reason: str = "Countersigned in supervision",
    trust_pem: bytes | None = None,
) -> bytes:
    """Add a countersignature to a signed PDF that verifies.

    The countersignature fills the empty signature field ``field_name`` that the
    practitioner's summary reserved, with an appearance (who, when, fingerprint)
    that stays inside that box. When there is no such empty field (an older
    summary, or a second countersignature) it goes into a new invisible field.

    Args:
        pdf: A signed summary.
        identity: The countersigner's key and certificate.
        field_name: Name of the field to fill (or of the new field).
        reason: The ``/Reason`` of the countersignature.
        trust_pem: Certificates the existing signers must have used (as for
            :func:`verify_pdf`); None checks integrity only.

    Returns:
        The PDF with one more signature in an incremental update; the earlier
        signatures stay valid.

    Raises:
        SigningError: When the PDF is not signed or does not verify: a changed
            document is never countersigned.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    report = verify_pdf(pdf, trust_pem)
    if not report.ok:
        raise SigningError(f"will not countersign: {report.reason}")
    signer, cert = _signer(identity)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        empty = _empty_signature_field(writer, field_name)
        if empty is None:
            name = _unique_field_name(writer, field_name)
            return _sign_field(writer, name, reason, signer, cert)
        return _sign_field(writer, field_name, reason, signer, cert, stamp=empty)
    except SigningError:
        raise
    except Exception as error:
        raise SigningError(f"cannot sign the PDF: {type(error).__name__}: {error}") from error


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


# --- signing helpers -------------------------------------------------------


def _signer(identity: SigningIdentity) -> tuple[Any, Any]:
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.keys.pemder import load_certs_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        key = load_private_key_from_pemder_data(identity.key_pem, passphrase=None)
        certs = list(load_certs_from_pemder_data(identity.cert_pem))
    except Exception as error:
        raise SigningError(
            f"the signing identity cannot be read: {type(error).__name__}"
        ) from error
    if len(certs) != 1:
        raise SigningError("the signing identity must hold exactly one certificate")
    cert = certs[0]

    class LowSSigner(signers.SimpleSigner):
        """pyHanko's signer, with every ECDSA value normalised to low S."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            return low_s(super().sign_raw(data, digest_algorithm), self.signing_cert)

    signer = LowSSigner(
        signing_cert=cert,
        signing_key=key,
        # The signing certificate is embedded anyway; an empty registry keeps it
        # from being embedded twice.
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    return signer, cert


def low_s(signature: bytes, cert: Any) -> bytes:
    """Normalise a DER ECDSA value ``(r, s)`` to ``(r, n - s)`` when ``s > n/2``.

    Both verify; only the low one is canonical. Other algorithms' values are
    returned unchanged. This is normalisation, not new cryptography: the value
    is decoded and re-encoded with ``cryptography``'s DSS helpers.

    Args:
        signature: The raw signature value.
        cert: The signer's certificate (asn1crypto), for the curve's order.

    Returns:
        The low-S value.
    """
    from cryptography.hazmat.primitives.asymmetric.utils import (
        decode_dss_signature,
        encode_dss_signature,
    )

    order = _ecdsa_order(cert.dump())
    if order is None:
        return signature
    r, s = decode_dss_signature(signature)
    if s > order // 2:
        s = order - s
    return encode_dss_signature(r, s)


def _ecdsa_order(cert_der: bytes) -> int | None:
    """The group order of an EC certificate's curve, or None for other keys."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    key = x509.load_der_x509_certificate(cert_der).public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return None
    # cryptography names the order of every curve it supports; fail closed if not.
    order = getattr(key.curve, "group_order", None)
    if not isinstance(order, int) or order <= 0:
        raise SigningError("the signing key's curve is not supported")
    return order


def _sign_field(
    writer: Any,
    name: str,
    reason: str,
    signer: Any,
    cert: Any,
    stamp: tuple[float, float] | None = None,
) -> bytes:
    """Sign the field ``name`` (new and invisible, or existing and empty).

    Args:
        writer: pyHanko incremental writer over the PDF.
        name: The field to sign.
        reason: The ``/Reason``.
        signer: From :func:`_signer`.
        cert: The signer's certificate (asn1crypto).
        stamp: Width and height of an existing field's box: draw the
            countersignature's appearance into it. None: no appearance.

    Returns:
        The signed PDF.
    """
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko_certvalidator import ValidationContext

    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=reason,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        validation_context=ValidationContext(trust_roots=[cert], allow_fetching=False),
    )
    style = None if stamp is None else _stamp_style(cert, *stamp)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    return bytes(pdf_signer.sign_pdf(writer).getvalue())


def _stamp_style(cert: Any, width: float, height: float) -> Any:
    """A pyHanko stamp style drawing the countersignature's appearance page."""
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    from notebook.summary.stamp import render_countersignature_stamp

    subject = cert.subject.native
    page = render_countersignature_stamp(
        width,
        height,
        signer=str(subject.get("common_name") or cert.subject.human_friendly),
        organisation=str(subject.get("organization_name") or ""),
        signed_at=dt.datetime.now(dt.UTC).strftime("%-d %b %Y, %H:%M UTC"),
        fingerprint=_colon_hex(hashlib.sha256(cert.dump()).digest()),
    )

    class StampPage(content.PdfContent):
        """The stamp page, imported from memory (pyHanko's own reads a file)."""

        def render(self) -> bytes:
            xobject = self._ensure_writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(page)), page_ix=0
            )
            self.resources.xobject["/CasebookStamp"] = xobject
            self.box = layout.BoxConstraints(width=width, height=height)
            return b"/CasebookStamp Do"

    return StaticStampStyle(
        background=StampPage(),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),  # type: ignore[no-untyped-call]
        ),
    )


def _countersignature_box(writer: Any) -> tuple[int, float, float, float, float] | None:
    """The countersignature box a summary carries, when it has no signature field yet."""
    from pyhanko.sign.fields import enumerate_sig_fields

    if any(True for _ in enumerate_sig_fields(writer)):
        return None
    try:
        info = writer.prev.trailer_view["/Info"].get_object()
        value = str(info["/" + COUNTERSIGNATURE_BOX_KEY])
    except Exception:
        return None
    match = re.fullmatch(r"(\d{1,4})((?: -?\d{1,5}(?:\.\d{1,4})?){4})", value)
    if not match:
        return None
    page = int(match.group(1))
    x1, y1, x2, y2 = (float(v) for v in match.group(2).split())
    if not (x2 > x1 and y2 > y1):
        return None
    return page, x1, y1, x2, y2


def _empty_signature_field(writer: Any, name: str) -> tuple[float, float] | None:
    """Width and height of the empty, visible signature field ``name``, if there is one."""
    from pyhanko.sign.fields import enumerate_sig_fields

    for field_name, value, ref in enumerate_sig_fields(writer):
        if field_name != name or value is not None:
            continue
        widget = ref.get_object()
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        width, height = abs(x2 - x1), abs(y2 - y1)
        return (width, height) if width > 0 and height > 0 else None
    return None


def _unique_field_name(writer: Any, wanted: str) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    existing = {name for name, _, _ in enumerate_sig_fields(writer)}
    name, number = wanted, 2
    while name in existing:
        name, number = f"{wanted} {number}", number + 1
    return name


def _cert_der(cert_pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if b"-----BEGIN" in cert_pem:
        cert = x509.load_pem_x509_certificate(cert_pem)
    else:
        cert = x509.load_der_x509_certificate(cert_pem)
    return cert.public_bytes(serialization.Encoding.DER)


def _colon_hex(data: bytes) -> str:
    return ":".join(f"{b:02X}" for b in data)


def _trusted_fingerprints(trust_pem: bytes | None) -> set[str] | None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if trust_pem is None:
        return None
    certs = x509.load_pem_x509_certificates(trust_pem)
    return {
        _colon_hex(hashlib.sha256(c.public_bytes(serialization.Encoding.DER)).digest())
        for c in certs
    }


# --- verification ------------------------------------------------------------


def _verify(pdf: bytes, trusted: set[str] | None) -> VerificationReport:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from notebook.revision_review import review_later_revisions

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
        "fingerprint": _colon_hex(hashlib.sha256(cert.dump()).digest()),
        "intact": False,
        "valid": False,
        "coverage": None,
        "modification": None,
        "trusted": None,
    }
    if signature.sig_object_type != "/Sig":
        return entry, "is not a signature (a document timestamp or other object)"
    problem = _contents_problem(pdf, signature)
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


def _contents_problem(pdf: bytes, signature: Any) -> str | None:
    """Check the bytes of a signature value that no digest covers.

    Returns:
        A problem description, or None when the value is canonical.
    """
    byte_range = [int(x) for x in signature.sig_object["/ByteRange"]]
    if len(byte_range) != 4 or byte_range[0] != 0:
        return "has an unusual byte range"
    start, end = byte_range[1], byte_range[2]
    if not 0 < start < end <= len(pdf):
        return "has a byte range outside the file"
    gap = pdf[start:end]
    if len(gap) < 4 or gap[:1] != b"<" or gap[-1:] != b">":
        return "has a signature value that is not a hex string"
    digits = gap[1:-1]
    if len(digits) % 2 or not (_HEX_UPPER.fullmatch(digits) or _HEX_LOWER.fullmatch(digits)):
        return "has a signature value with characters changed"
    raw = bytes.fromhex(digits.decode("ascii"))
    length = _der_length(raw)
    if length is None or any(raw[length:]):
        return "has bytes changed after the signature value"
    return _cms_problem(raw[:length])


def _der_length(raw: bytes) -> int | None:
    """Length of the DER element at the start of ``raw`` (tag, length, content)."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        total = 2 + first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or len(raw) < 2 + count:
            return None
        total = 2 + count + int.from_bytes(raw[2 : 2 + count], "big")
    return total if total <= len(raw) else None


def _strict_der(data: bytes) -> bool:
    """Tell whether ``data`` is one DER element with strict structure.

    Every length must be definite and minimally encoded, and the children of
    every constructed element must fill it exactly. (asn1crypto's re-encoding
    would check the same but takes about half a second per signature.)
    """
    top = _der_header(data, 0, len(data))
    if top is None or top[2] != len(data):
        return False
    stack = [(0, len(data))]
    while stack:
        position, end = stack.pop()
        while position < end:
            header = _der_header(data, position, end)
            if header is None:
                return False
            tag, content, after = header
            if tag & 0x20:
                stack.append((content, after))
            position = after
        if position != end:
            return False
    return True


def _der_header(data: bytes, position: int, end: int) -> tuple[int, int, int] | None:
    """Parse a tag and length: (tag, content start, element end), or None."""
    if position + 2 > end:
        return None
    tag = data[position]
    if tag == 0 or tag & 0x1F == 0x1F:
        return None  # end-of-contents and high tag numbers never occur in DER CMS
    first = data[position + 1]
    position += 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or position + count > end:
            return None
        length = int.from_bytes(data[position : position + count], "big")
        if data[position] == 0 or length < 0x80:
            return None  # not the shortest form
        position += count
    if position + length > end:
        return None
    if not _primitive_is_der(tag, data[position : position + length]):
        return None
    return tag, position, position + length


def _primitive_is_der(tag: int, content: bytes) -> bool:
    """DER rules for the universal types a single changed byte could bend."""
    if tag == 0x01:  # BOOLEAN
        return content in (b"\x00", b"\xff")
    if tag == 0x02:  # INTEGER: non-empty, minimal
        if not content:
            return False
        return len(content) == 1 or not (
            (content[0] == 0 and content[1] < 0x80) or (content[0] == 0xFF and content[1] >= 0x80)
        )
    if tag == 0x03:  # BIT STRING: keys and signatures use whole bytes
        return len(content) >= 1 and content[0] == 0
    if tag == 0x05:  # NULL
        return not content
    return True


def _cms_problem(der: bytes) -> str | None:
    from asn1crypto import cms

    try:
        if not _strict_der(der):
            return "has a signature value that is not in canonical DER"
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            return "is not a CMS signed-data object"
        return _signed_data_problem(info["content"])
    except Exception:
        return "has a signature value that cannot be parsed"


def _signed_data_problem(signed: Any) -> str | None:
    signer_infos = signed["signer_infos"]
    if len(signer_infos) != 1:
        return "must hold exactly one signer"
    signer = signer_infos[0]
    sid_kind = signer["sid"].name
    expected_version = "v1" if sid_kind == "issuer_and_serial_number" else "v3"
    # RFC 5652 5.1: with id-data content and only X.509 certificates, SignedData
    # is v3 exactly when a signer uses a subject key identifier (v3), else v1.
    if signer["version"].native != expected_version or signed["version"].native != expected_version:
        return "has an unexpected CMS version"
    digest = signer["digest_algorithm"]
    algorithms = list(signed["digest_algorithms"])
    if [a.dump() for a in algorithms] != [digest.dump()]:
        return "lists digest algorithms it does not use"
    signature_algorithm = signer["signature_algorithm"]
    if digest["parameters"].dump() not in _NULL_OR_ABSENT:
        return "has unexpected algorithm parameters"
    if signature_algorithm["algorithm"].native != "rsassa_pss" and (
        signature_algorithm["parameters"].dump() not in _NULL_OR_ABSENT
    ):
        return "has unexpected algorithm parameters"
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "data" or encap["content"].native is not None:
        return "has unexpected encapsulated content"
    if signed["crls"].native or signer["unsigned_attrs"].native:
        return "carries unsigned extra data"
    return _certificates_problem(signed, signer)


def _certificates_problem(signed: Any, signer: Any) -> str | None:
    from cryptography import x509

    choices = list(signed["certificates"])
    if not choices or any(c.name != "certificate" for c in choices):
        return "has no usable certificate"
    with warnings.catch_warnings():
        # cryptography warns (instead of failing) on some malformed certificates.
        warnings.simplefilter("error")
        certs = [x509.load_der_x509_certificate(c.chosen.dump()) for c in choices]
    for cert in certs:
        if not any(_issued_by(cert, issuer) for issuer in certs):
            return "carries a certificate whose signature does not verify"
    # The signer identifier is not signed, and pyHanko matches names without
    # regard to letter case: insist on the exact bytes of a carried certificate.
    sid = signer["sid"]
    if sid.name == "issuer_and_serial_number":
        wanted = (sid.chosen["issuer"].dump(), sid.chosen["serial_number"].native)
        found = [
            c for c in choices
            if (c.chosen.issuer.dump(), c.chosen.serial_number) == wanted
        ]  # fmt: skip
    else:
        found = [c for c in choices if c.chosen.key_identifier == sid.chosen.native]
    if len({c.dump() for c in found}) != 1:
        return "names a certificate it does not carry"
    return _signature_value_problem(signer, found[0].chosen.dump())


def _signature_value_problem(signer: Any, cert_der: bytes) -> str | None:
    """An ECDSA value must be canonical DER with a low S (see :func:`low_s`)."""
    from cryptography.hazmat.primitives.asymmetric.utils import (
        decode_dss_signature,
        encode_dss_signature,
    )

    try:
        order = _ecdsa_order(cert_der)
    except SigningError:
        return "uses an elliptic curve Casebook cannot check"
    if order is None:
        return None
    value = signer["signature"].native
    try:
        r, s = decode_dss_signature(value)
    except ValueError:
        return "has an ECDSA value that cannot be parsed"
    if encode_dss_signature(r, s) != value:
        return "has an ECDSA value that is not in canonical DER"
    if s > order // 2:
        return "has a high-S ECDSA value (s was replaced by n - s): the file was changed"
    return None


def _issued_by(cert: Any, issuer: Any) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:
        return False
    return True
