"""The practitioner's signing certificate in plain words: who it names, its fingerprint
to read aloud, its validity.

The identity itself (an ECDSA P-256 key and a self-signed X.509 certificate, made on
first use) is kept encrypted in the notebook: ``notebook.identity.signing_identity()``
(:mod:`casebook.stores.identity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.service import Notebook


def describe_certificate(cert_pem: bytes) -> str:
    """Subject and validity of a certificate, in plain words."""
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(cert_pem)
    return (
        f"Subject: {cert.subject.rfc4514_string()}\n"
        f"Valid from {cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}"
    )


@dataclass(frozen=True)
class IdentityDetails:
    """The signing identity as a practitioner is shown it (and reads it to a supervisor)."""

    name: str
    organisation: str
    fingerprint: str
    valid_from: str
    valid_to: str
    cert_pem: bytes

    @property
    def groups(self) -> list[str]:
        """The fingerprint to read aloud, in sixteen groups of four hex digits."""
        return fingerprint_groups(self.fingerprint)


def fingerprint_groups(digest: str) -> list[str]:
    """A SHA-256 fingerprint in groups of four hex digits, to read aloud and compare.

    ``"3A:7F:09:C2:…"`` becomes ``["3A7F", "09C2", …]`` (sixteen groups).
    """
    hexdigits = digest.replace(":", "").replace(" ", "").upper()
    return [hexdigits[i : i + 4] for i in range(0, len(hexdigits), 4)]


def certificate_names(cert_pem: bytes) -> tuple[str, str]:
    """(common name, organisation) a certificate names ("" when it names none)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_pem_x509_certificate(cert_pem)

    def first(oid: x509.ObjectIdentifier) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)


def identity_details(notebook: Notebook) -> IdentityDetails:
    """Who the notebook signs as, and the certificate's fingerprint and validity."""
    from cryptography import x509

    from casebook.signing import fingerprint

    cert_pem = notebook.identity.signing_identity().cert_pem
    cert = x509.load_pem_x509_certificate(cert_pem)
    name, organisation = certificate_names(cert_pem)
    return IdentityDetails(
        name=name,
        organisation=organisation,
        fingerprint=fingerprint(cert_pem),
        valid_from=f"{cert.not_valid_before_utc:%Y-%m-%d}",
        valid_to=f"{cert.not_valid_after_utc:%Y-%m-%d}",
        cert_pem=cert_pem,
    )
