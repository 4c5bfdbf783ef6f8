"""Signing a summary, and countersigning one that verifies (PAdES, low-S ECDSA)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
from typing import Any

from casebook.signing.document import COUNTERSIGNATURE_BOX_KEY, COUNTERSIGNATURE_FIELD
from casebook.signing.identity import SigningError, SigningIdentity, colon_hex, ecdsa_order
from casebook.signing.verify import verify_pdf


def sign_pdf(
    pdf: bytes, identity: SigningIdentity, reason: str, field_name: str = "Practitioner"
) -> bytes:
    """Sign a PDF (PAdES, SHA-256, low-S ECDSA) in a new invisible signature field.

    When the PDF is a summary that carries its countersignature box (see
    :mod:`casebook.summary.layout`) and has no signature field yet, the same
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

    order = ecdsa_order(cert.dump())
    if order is None:
        return signature
    r, s = decode_dss_signature(signature)
    if s > order // 2:
        s = order - s
    return encode_dss_signature(r, s)


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

    from casebook.summary.stamp import render_countersignature_stamp

    subject = cert.subject.native
    page = render_countersignature_stamp(
        width,
        height,
        signer=str(subject.get("common_name") or cert.subject.human_friendly),
        organisation=str(subject.get("organization_name") or ""),
        signed_at=dt.datetime.now(dt.UTC).strftime("%-d %b %Y, %H:%M UTC"),
        fingerprint=colon_hex(hashlib.sha256(cert.dump()).digest()),
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
