"""The bytes of a signature value that no digest covers, checked to be canonical.

A signature's ``/Contents`` hex string must hold exactly the DER of its CMS object and
zero padding, in one letter case; the CMS must be strict DER with only the values a
correct signer writes; every embedded certificate's signature must verify; and an ECDSA
value must be canonical DER with a low S. pyHanko looks at none of this.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from casebook.signing.identity import SigningError, ecdsa_order

_HEX_UPPER = re.compile(rb"[0-9A-F]*")
_HEX_LOWER = re.compile(rb"[0-9a-f]*")
_NULL_OR_ABSENT = (b"", b"\x05\x00")


def contents_problem(pdf: bytes, signature: Any) -> str | None:
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
        order = ecdsa_order(cert_der)
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
