"""The practitioner's signing identity, kept encrypted inside the notebook.

An ECDSA P-256 key and a self-signed X.509 certificate, made on first use from the
practitioner's name and organisation (see :mod:`notebook.signing`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notebook import timeutil
from notebook.service import Notebook

if TYPE_CHECKING:
    from notebook.signing import SigningIdentity


def signing_identity(notebook: Notebook) -> SigningIdentity:
    """The notebook's signing identity, created (and audited) the first time it is needed."""
    from notebook.signing import SigningIdentity, create_identity, fingerprint

    row = notebook.database.query_one("SELECT key_pem, cert_pem FROM signing_identity WHERE id = 1")
    if row is not None:
        return SigningIdentity(key_pem=bytes(row[0]), cert_pem=bytes(row[1]))
    practitioner = notebook.practitioner()
    identity = create_identity(practitioner.name, practitioner.organisation)
    with notebook.database.transaction() as tx:
        tx.execute(
            "INSERT INTO signing_identity (id, key_pem, cert_pem, created_at) VALUES (1, ?, ?, ?)",
            (identity.key_pem, identity.cert_pem, timeutil.now()),
        )
    notebook.append_audit_event(
        "identity.create", "identity", f"sha256={fingerprint(identity.cert_pem).replace(':', '')}"
    )
    return identity


def describe_certificate(cert_pem: bytes) -> str:
    """Subject and validity of a certificate, in plain words."""
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(cert_pem)
    return (
        f"Subject: {cert.subject.rfc4514_string()}\n"
        f"Valid from {cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}"
    )
