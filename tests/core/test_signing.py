"""Signing identities, PAdES signatures, countersignatures and strict verification."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pytest
import signing_attacks as attacks
import summary_samples as samples

from casebook.signing import (
    SigningError,
    SigningIdentity,
    countersign_pdf,
    create_identity,
    fingerprint,
    read_audit_head,
    sign_pdf,
    verify_pdf,
)
from casebook.summary import render_summary_pdf


@pytest.fixture(scope="module")
def practitioner() -> SigningIdentity:
    return create_identity("Ruth Adeyemi", "Northfield Family Safeguarding Service")


@pytest.fixture(scope="module")
def supervisor() -> SigningIdentity:
    return create_identity("Sam Okoro", "Northfield Family Safeguarding Service")


@pytest.fixture(scope="module")
def signed(practitioner: SigningIdentity) -> bytes:
    return sign_pdf(render_summary_pdf(samples.summary()), practitioner, "Summary for supervision")


@pytest.fixture(scope="module")
def countersigned(signed: bytes, supervisor: SigningIdentity) -> bytes:
    return countersign_pdf(signed, supervisor)


def _contents_gap(pdf: bytes) -> tuple[int, int]:
    """Start and end of the last signature's /Contents hex string (with < >)."""
    ranges = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    _, length, start, _ = (int(x) for x in ranges[-1])
    return length, start


def _flip(pdf: bytes, position: int, value: int) -> bytes:
    changed = bytearray(pdf)
    changed[position] = value
    return bytes(changed)


# --- identity -------------------------------------------------------------------


def test_identity_is_a_p256_key_with_a_ten_year_signing_certificate(
    practitioner: SigningIdentity,
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = serialization.load_pem_private_key(practitioner.key_pem, password=None)
    cert = x509.load_pem_x509_certificate(practitioner.cert_pem)
    assert practitioner.key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Ruth Adeyemi"
    assert str(cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value).startswith(
        "Northfield"
    )
    assert 3650 <= (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 3653
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    assert usage.value.content_commitment
    assert not usage.value.key_cert_sign
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert not constraints.value.ca
    cert.verify_directly_issued_by(cert)


def test_fingerprint_is_the_colon_separated_sha256_of_the_certificate(
    practitioner: SigningIdentity,
) -> None:
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(practitioner.cert_pem).public_bytes(
        serialization.Encoding.DER
    )
    value = fingerprint(practitioner.cert_pem)
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", value)
    assert value.replace(":", "").lower() == hashlib.sha256(der).hexdigest()


def test_two_identities_have_different_keys(
    practitioner: SigningIdentity, supervisor: SigningIdentity
) -> None:
    assert fingerprint(practitioner.cert_pem) != fingerprint(supervisor.cert_pem)
    assert practitioner.key_pem != supervisor.key_pem


def test_a_broken_identity_cannot_sign() -> None:
    with pytest.raises(SigningError):
        sign_pdf(render_summary_pdf(samples.summary()), SigningIdentity(b"junk", b"junk"), "x")


# --- a fresh signature ------------------------------------------------------------


def test_pdfsig_says_a_fresh_signed_summary_is_valid_and_totally_signed(
    signed: bytes, tmp_path: Path
) -> None:
    output = samples.poppler("pdfsig", data=signed, tmp_path=tmp_path)
    first, reserved = output.split("Signature #2")
    assert "Signature #1" in first
    assert "Signature Field Name: Practitioner" in first
    assert "Signer Certificate Common Name: Ruth Adeyemi" in first
    assert "ETSI.CAdES.detached" in first
    assert "Signature is Valid" in first
    assert "Total document signed" in first
    assert "Not total document signed" not in first
    # The place reserved for a countersignature: an empty field, covered by signature 1.
    assert "Signature Field Name: Supervisor" in reserved
    assert "The signature form field is not signed" in reserved
    assert "Signature #3" not in output


def test_a_fresh_signed_summary_verifies(signed: bytes, practitioner: SigningIdentity) -> None:
    report = verify_pdf(signed)
    assert report.ok, report.reason
    [entry] = report.signatures
    assert entry["field"] == "Practitioner"
    assert entry["signer"] == "Ruth Adeyemi"
    assert entry["fingerprint"] == fingerprint(practitioner.cert_pem)
    assert entry["intact"] and entry["valid"]
    assert entry["coverage"] == "ENTIRE_FILE"
    assert entry["signed_at"]
    assert entry["trusted"] is None


def test_verification_with_the_signers_certificate_trusts_it(
    signed: bytes, practitioner: SigningIdentity, supervisor: SigningIdentity
) -> None:
    assert verify_pdf(signed, practitioner.cert_pem).signatures[0]["trusted"] is True
    report = verify_pdf(signed, supervisor.cert_pem)
    assert not report.ok
    assert "trusted certificate" in report.reason


def test_a_summary_re_signed_by_someone_else_is_not_trusted(
    practitioner: SigningIdentity, supervisor: SigningIdentity
) -> None:
    forged = sign_pdf(render_summary_pdf(samples.summary()), supervisor, "Forged")
    assert verify_pdf(forged).ok
    assert not verify_pdf(forged, practitioner.cert_pem).ok


def test_the_audit_head_is_read_back_from_the_signed_content(signed: bytes) -> None:
    assert read_audit_head(signed) == samples.AUDIT_HEAD
    assert read_audit_head(render_summary_pdf(samples.summary())) == samples.AUDIT_HEAD


def test_the_audit_head_is_on_the_cover(signed: bytes, tmp_path: Path) -> None:
    cover = samples.poppler("pdftotext", "-f", "1", "-l", "1", data=signed, tmp_path=tmp_path)
    assert "entry 4127" in cover
    assert samples.AUDIT_HEAD["hash"] in cover


def test_signing_adds_no_names_to_the_metadata(countersigned: bytes, tmp_path: Path) -> None:
    info = samples.poppler("pdfinfo", "-meta", data=countersigned, tmp_path=tmp_path)
    for name in ("Ruth", "Adeyemi", "Sam", "Okoro", "Jane", "Smith", "Lily"):
        assert name.lower() not in info.lower()


def test_reading_the_audit_head_of_garbage_gives_none() -> None:
    assert read_audit_head(b"%PDF-1.4 nonsense") is None
    assert read_audit_head(b"") is None
    assert read_audit_head(render_summary_pdf(samples.summary(audit_head=None))) is None


# --- tampering ------------------------------------------------------------------


def test_any_single_byte_change_fails_verification(signed: bytes) -> None:
    rng = random.Random(20261123)
    survivors = []
    for _ in range(100):
        position = rng.randrange(len(signed))
        value = (signed[position] + rng.randrange(1, 256)) % 256
        if verify_pdf(_flip(signed, position, value)).ok:
            survivors.append(position)
    assert not survivors


def test_any_byte_change_inside_the_signature_value_fails_verification(signed: bytes) -> None:
    start, end = _contents_gap(signed)
    rng = random.Random(7)
    positions = [start, end - 1, end - 2, end - 3] + [rng.randrange(start, end) for _ in range(146)]
    survivors = []
    for position in positions:
        value = (signed[position] + rng.randrange(1, 256)) % 256
        if verify_pdf(_flip(signed, position, value)).ok:
            survivors.append(position)
    assert not survivors


def test_a_changed_padding_digit_fails_verification(signed: bytes) -> None:
    # pyHanko alone accepts this: the digit lies after the end of the CMS object.
    _, end = _contents_gap(signed)
    assert signed[end - 2 : end] == b"0>"
    for replacement in (b"1", b"A", b"\n", b" "):
        report = verify_pdf(_flip(signed, end - 2, replacement[0]))
        assert not report.ok


def test_a_hex_digit_changed_to_the_other_letter_case_fails_verification(signed: bytes) -> None:
    start, end = _contents_gap(signed)
    digits = signed[start + 1 : end - 1]
    position = start + 1 + next(i for i, c in enumerate(digits) if chr(c) in "ABCDEFabcdef")
    swapped = ord(chr(signed[position]).swapcase())
    assert not verify_pdf(_flip(signed, position, swapped)).ok


def test_a_change_to_the_embedded_certificate_fails_verification(signed: bytes) -> None:
    # The certificate inside the CMS object is not covered by the signature
    # itself; renaming its subject must still be caught.
    start, end = _contents_gap(signed)
    name_hex = b"Ruth Adeyemi".hex().upper().encode()
    position = signed.index(name_hex, start, end)
    forged = (
        signed[:position]
        + b"Evil Adeyemi".hex().upper().encode()
        + signed[position + len(name_hex) :]
    )
    report = verify_pdf(forged)
    assert not report.ok


def test_a_letter_case_change_in_the_signer_identifier_fails_verification(signed: bytes) -> None:
    # The signer identifier (issuer name and serial) is not signed and pyHanko
    # compares names without regard to case: "Ruth" -> "ruth" must still fail.
    start, end = _contents_gap(signed)
    position = signed.rindex(b"Ruth".hex().upper().encode(), start, end)
    assert signed[position : position + 2] == b"52"
    assert not verify_pdf(_flip(signed, position, ord("7"))).ok


def test_bytes_appended_after_the_end_of_file_fail_verification(
    signed: bytes, tmp_path: Path
) -> None:
    for tail in (b"\n", b" ", b"%%EOF\n", b"\x00", b"trailing data"):
        assert not verify_pdf(signed + tail).ok
    output = samples.poppler("pdfsig", data=signed + b"\n% appended\n", tmp_path=tmp_path)
    assert "Not total document signed" in output


def test_an_incremental_update_that_changes_a_page_fails_verification(signed: bytes) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref, _ = writer.find_page_for_modification(1)  # type: ignore[no-untyped-call]
    page = page_ref.get_object()
    extra = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 50 50 200 200 re f"))
    contents = page["/Contents"]
    parts = (
        list(contents) if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents")]
    )
    page["/Contents"] = generic.ArrayObject([*parts, extra])
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    report = verify_pdf(output.getvalue())
    assert not report.ok
    assert report.signatures[0]["coverage"] == "ENTIRE_REVISION"


def test_garbage_never_raises() -> None:
    rng = random.Random(3)
    inputs = [b"", b"%PDF-1.7", b"not a pdf", bytes(rng.randrange(256) for _ in range(5000))]
    pdf = render_summary_pdf(samples.summary())
    inputs += [pdf, pdf[: len(pdf) // 2], pdf.replace(b"%%EOF", b"")]
    for data in inputs:
        report = verify_pdf(data)
        assert report.ok is False
        assert report.reason


def test_a_truncated_signed_summary_fails(signed: bytes) -> None:
    assert not verify_pdf(signed[:-10]).ok
    assert not verify_pdf(signed[: len(signed) // 2]).ok


def test_an_unreadable_trust_certificate_gives_a_reason(signed: bytes) -> None:
    report = verify_pdf(signed, b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    assert not report.ok
    assert "trusted certificate" in report.reason


# --- ECDSA malleability (issue 12, item 2) ---------------------------------------------


def test_every_signature_casebook_makes_is_low_s(
    practitioner: SigningIdentity, supervisor: SigningIdentity
) -> None:
    # A random ECDSA signature is high-S half the time: 12 signatures all low by chance
    # would happen once in 4096 runs.
    pdf = render_summary_pdf(samples.summary())
    values = []
    for _ in range(8):
        values += attacks.ecdsa_s_values(sign_pdf(pdf, practitioner, "x"))
    signed = sign_pdf(pdf, practitioner, "x")
    for _ in range(4):
        values += attacks.ecdsa_s_values(countersign_pdf(signed, supervisor))[1:]
    assert len(values) == 12
    assert all(s <= order // 2 for s, order in values)


def test_swapping_s_for_n_minus_s_makes_the_signature_fail(signed: bytes, tmp_path: Path) -> None:
    swapped = attacks.swap_s(signed)
    assert swapped != signed
    assert len(swapped) == len(signed)
    # Other tools accept the swapped value: the file was changed and still "verifies".
    assert "Signature is Valid" in samples.poppler("pdfsig", data=swapped, tmp_path=tmp_path)
    report = verify_pdf(swapped)
    assert not report.ok
    assert "high-S" in report.reason
    assert report.reason.startswith("signature 1 (Practitioner)")


def test_swapping_s_in_a_countersignature_makes_it_fail(countersigned: bytes) -> None:
    report = verify_pdf(attacks.swap_s(countersigned))
    assert not report.ok
    assert report.reason.startswith("signature 2 (Supervisor) has a high-S ECDSA value")


def test_a_high_s_signature_is_refused_for_countersigning(
    signed: bytes, supervisor: SigningIdentity
) -> None:
    with pytest.raises(SigningError, match="high-S"):
        countersign_pdf(attacks.swap_s(signed), supervisor)


def test_low_s_flips_only_high_values(practitioner: SigningIdentity) -> None:
    from cryptography.hazmat.primitives.asymmetric.utils import (
        decode_dss_signature,
        encode_dss_signature,
    )
    from pyhanko.keys import load_certs_from_pemder_data

    from casebook.signing import low_s

    cert = next(iter(load_certs_from_pemder_data(practitioner.cert_pem)))
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256
    for s in (1, 12345, order // 2):
        low = encode_dss_signature(77, s)
        assert low_s(low, cert) == low
        assert decode_dss_signature(low_s(encode_dss_signature(77, order - s), cert)) == (77, s)


# --- the signer's name is not an identity (issue 12, item 3) ---------------------------


def test_a_look_alike_re_signature_is_intact_but_says_the_identity_was_not_checked(
    signed: bytes, practitioner: SigningIdentity
) -> None:
    look_alike = create_identity("Ruth Adeyemi", "Northfield Family Safeguarding Service")
    forged = attacks.resign(signed, look_alike)
    report = verify_pdf(forged)
    assert report.ok, report.reason
    assert report.signatures[0]["signer"] == "Ruth Adeyemi"
    assert report.identity_checked is False
    assert report.signatures[0]["trusted"] is None
    assert "identity was NOT checked" in report.reason
    assert report.signatures[0]["fingerprint"] == fingerprint(look_alike.cert_pem)
    assert report.signatures[0]["fingerprint"] != fingerprint(practitioner.cert_pem)
    pinned = verify_pdf(forged, practitioner.cert_pem)
    assert not pinned.ok
    assert pinned.identity_checked
    assert pinned.reason == (
        "signature 1 (Practitioner) by Ruth Adeyemi was not made with a trusted certificate"
    )


def test_with_trust_a_genuine_summary_says_its_identity_was_checked(
    signed: bytes, practitioner: SigningIdentity
) -> None:
    report = verify_pdf(signed, practitioner.cert_pem)
    assert report.ok, report.reason
    assert report.identity_checked
    assert "NOT checked" not in report.reason
    assert "trusted certificate" in report.reason


# --- countersignature -------------------------------------------------------------


def test_a_countersigned_summary_verifies_with_both_signers(
    countersigned: bytes, practitioner: SigningIdentity, supervisor: SigningIdentity
) -> None:
    report = verify_pdf(countersigned, practitioner.cert_pem + supervisor.cert_pem)
    assert report.ok, report.reason
    assert report.identity_checked
    first, second = report.signatures
    assert (first["field"], first["signer"]) == ("Practitioner", "Ruth Adeyemi")
    assert (second["field"], second["signer"]) == ("Supervisor", "Sam Okoro")
    assert (first["role"], second["role"]) == ("author", "countersignature")
    assert first["coverage"] == "ENTIRE_REVISION"
    assert first["modification"] == "FORM_FILLING"
    assert second["coverage"] == "ENTIRE_FILE"
    assert first["trusted"] is True
    assert second["trusted"] is True
    assert second["fingerprint"] == fingerprint(supervisor.cert_pem)
    assert read_audit_head(countersigned) == samples.AUDIT_HEAD


def test_a_countersignature_by_an_untrusted_signer_fails_when_trust_is_asked_for(
    countersigned: bytes, practitioner: SigningIdentity
) -> None:
    report = verify_pdf(countersigned, practitioner.cert_pem)
    assert not report.ok
    assert [s["trusted"] for s in report.signatures] == [True, False]
    assert "signature 2 (Supervisor) by Sam Okoro" in report.reason
    assert "trusted certificate" in report.reason


def test_pdfsig_lists_both_signatures_as_valid(countersigned: bytes, tmp_path: Path) -> None:
    output = samples.poppler("pdfsig", data=countersigned, tmp_path=tmp_path)
    first, second = output.split("Signature #2")
    assert "Signature is Valid" in first
    assert "Not total document signed" in first
    assert "Signer Certificate Common Name: Sam Okoro" in second
    assert "Signature is Valid" in second
    assert "Total document signed" in second
    assert "Not total document signed" not in second


def test_a_changed_countersigned_summary_fails(countersigned: bytes) -> None:
    rng = random.Random(11)
    for _ in range(40):
        position = rng.randrange(len(countersigned))
        value = (countersigned[position] + rng.randrange(1, 256)) % 256
        assert not verify_pdf(_flip(countersigned, position, value)).ok


def test_a_changed_summary_is_never_countersigned(
    signed: bytes, supervisor: SigningIdentity
) -> None:
    with pytest.raises(SigningError):
        countersign_pdf(signed + b"\n", supervisor)
    with pytest.raises(SigningError):
        countersign_pdf(render_summary_pdf(samples.summary()), supervisor)


def test_a_second_countersignature_gets_its_own_field(
    countersigned: bytes, supervisor: SigningIdentity
) -> None:
    twice = countersign_pdf(countersigned, supervisor)
    report = verify_pdf(twice)
    assert report.ok, report.reason
    assert [s["field"] for s in report.signatures] == ["Practitioner", "Supervisor", "Supervisor 2"]
