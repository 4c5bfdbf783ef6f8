"""Certificates this notebook trusts: the ones a supervisor pinned, kept encrypted inside.

A supervisor pins a practitioner's certificate once (from the file ``identity export``
wrote, handed over in person); verifying and countersigning in the app then check every
signer against the pinned certificates and the notebook's own. The list lives in the
notebook's settings (encrypted like everything else), never in a plain config file.
Pinning and removing are audited by fingerprint only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from casebook import timeutil
from casebook.errors import InvalidInput
from casebook.identity import certificate_names
from casebook.service import Notebook

TRUST_SETTING = "trust.certificates"


@dataclass(frozen=True)
class TrustedCertificate:
    """A pinned certificate and who it names."""

    fingerprint: str
    name: str
    organisation: str
    added: str
    pem: bytes


def trusted_certificates(notebook: Notebook) -> list[TrustedCertificate]:
    """The pinned certificates, oldest first."""
    from casebook.signing import fingerprint

    try:
        entries = json.loads(notebook.settings.get(TRUST_SETTING) or "[]")
    except ValueError:
        entries = []
    out = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            pem = str(entry["pem"]).encode("ascii")
            name, organisation = certificate_names(pem)
            out.append(
                TrustedCertificate(fingerprint(pem), name, organisation, str(entry["added"]), pem)
            )
        except (KeyError, TypeError, ValueError):
            continue  # an entry that cannot be read trusts nobody
    return out


def trust_certificate(
    notebook: Notebook, data: bytes, where: str = "certificate"
) -> TrustedCertificate:
    """Pin the one certificate in ``data`` (PEM or DER); pinning it again changes nothing.

    Raises:
        InvalidInput: ``data`` holds no certificate, or more than one (named by ``where``).
    """
    from casebook.signing import certificate_pem, fingerprint

    try:
        pem = certificate_pem(data)
    except ValueError:
        raise InvalidInput(where, "not a certificate (PEM or DER)") from None
    if pem.count(b"-----BEGIN CERTIFICATE-----") != 1:
        raise InvalidInput(where, "holds more than one certificate: give one at a time")
    digest = fingerprint(pem)
    current = trusted_certificates(notebook)
    for known in current:
        if known.fingerprint == digest:
            return known
    added = timeutil.now()
    entries = [{"pem": c.pem.decode("ascii"), "added": c.added} for c in current]
    entries.append({"pem": pem.decode("ascii"), "added": added})
    with notebook.transaction():
        notebook.settings.set(TRUST_SETTING, json.dumps(entries))
        notebook.audit.append("trust.add", "trust", f"sha256={digest.replace(':', '')}")
    name, organisation = certificate_names(pem)
    return TrustedCertificate(digest, name, organisation, added, pem)


def forget_certificate(notebook: Notebook, digest: str) -> None:
    """Stop trusting the certificate with this fingerprint (nothing when it is not pinned)."""
    current = trusted_certificates(notebook)
    kept = [c for c in current if c.fingerprint != digest]
    if len(kept) == len(current):
        return
    entries = [{"pem": c.pem.decode("ascii"), "added": c.added} for c in kept]
    with notebook.transaction():
        notebook.settings.set(TRUST_SETTING, json.dumps(entries))
        notebook.audit.append("trust.remove", "trust", f"sha256={digest.replace(':', '')}")


def trust_bundle(notebook: Notebook) -> bytes:
    """The notebook's own certificate and every pinned one, as one PEM bundle.

    What verifying and countersigning in the app trust: a summary the practitioner made
    themselves, or countersigned, checks without pinning their own certificate.
    """

    own = notebook.identity.signing_identity().cert_pem
    return own + b"".join(c.pem for c in trusted_certificates(notebook))
