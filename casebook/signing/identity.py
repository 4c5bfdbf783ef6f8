"""A signing identity: an ECDSA P-256 key and its self-signed certificate."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

VALIDITY_DAYS = 3652


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
    return colon_hex(hashlib.sha256(_cert_der(cert_pem)).digest())


def ecdsa_order(cert_der: bytes) -> int | None:
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


def _cert_der(cert_pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if b"-----BEGIN" in cert_pem:
        cert = x509.load_pem_x509_certificate(cert_pem)
    else:
        cert = x509.load_der_x509_certificate(cert_pem)
    return cert.public_bytes(serialization.Encoding.DER)


def colon_hex(data: bytes) -> str:
    """``3A:7F:…``: bytes as colon-separated upper-case hex."""
    return ":".join(f"{b:02X}" for b in data)
