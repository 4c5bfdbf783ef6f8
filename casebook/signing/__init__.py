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
  may change (:mod:`casebook.signing.revisions` checks each revision's objects
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

import warnings

from cryptography.utils import CryptographyDeprecationWarning

from casebook.signing.document import COUNTERSIGNATURE_BOX_KEY, COUNTERSIGNATURE_FIELD
from casebook.signing.identity import (
    VALIDITY_DAYS,
    SigningError,
    SigningIdentity,
    certificate_pem,
    create_identity,
    fingerprint,
)
from casebook.signing.sign import countersign_pdf, low_s, sign_pdf
from casebook.signing.verify import (
    AUDIT_HEAD_KEY,
    UNCHECKED_SENTENCE,
    VERIFIED_SENTENCE,
    VerificationReport,
    read_audit_head,
    verify_pdf,
)

# pyHanko imports cryptography's DSA key classes when it loads, and since cryptography 51
# touching them warns that DSA is deprecated. The notice is about pyHanko's import, not
# about a signature: Casebook signs with ECDSA only. Printed on a practitioner's terminal
# at every signing, it would only alarm, so it is silenced for pyHanko's modules, by its
# exact words; every other warning still shows.
warnings.filterwarnings(
    "ignore",
    message="DSA is deprecated",
    category=CryptographyDeprecationWarning,
    module=r"pyhanko(_certvalidator)?\.",
)

__all__ = [
    "AUDIT_HEAD_KEY",
    "COUNTERSIGNATURE_BOX_KEY",
    "COUNTERSIGNATURE_FIELD",
    "UNCHECKED_SENTENCE",
    "VALIDITY_DAYS",
    "VERIFIED_SENTENCE",
    "SigningError",
    "SigningIdentity",
    "VerificationReport",
    "certificate_pem",
    "countersign_pdf",
    "create_identity",
    "fingerprint",
    "low_s",
    "read_audit_head",
    "sign_pdf",
    "verify_pdf",
]
