"""Who the notebook belongs to: the practitioner, and their signing identity.

The signing identity (an ECDSA P-256 key and a self-signed certificate, see
:mod:`casebook.signing`) is made on first use from the practitioner's name and
organisation, and kept encrypted in the notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casebook import timeutil
from casebook.domain import Practitioner
from casebook.errors import NotebookDamaged
from casebook.stores.base import Facade, Store

if TYPE_CHECKING:
    from casebook.signing import SigningIdentity


class IdentityStore(Store[Facade]):
    """``notebook.identity``: the practitioner and the signing identity."""

    def practitioner(self) -> Practitioner:
        """The notebook's owner."""
        row = self._db.query_one("SELECT name, role, organisation FROM practitioner WHERE id = 1")
        if row is None:
            raise NotebookDamaged(self._db.path, "the practitioner is missing")
        return Practitioner(*row)

    def signing_identity(self) -> SigningIdentity:
        """The notebook's signing identity, created (and audited) the first time it is needed."""
        from casebook.signing import SigningIdentity, create_identity, fingerprint

        row = self._db.query_one("SELECT key_pem, cert_pem FROM signing_identity WHERE id = 1")
        if row is not None:
            return SigningIdentity(key_pem=bytes(row[0]), cert_pem=bytes(row[1]))
        practitioner = self.practitioner()
        identity = create_identity(practitioner.name, practitioner.organisation)
        now = timeutil.now()
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO signing_identity (id, key_pem, cert_pem, created_at)"
                " VALUES (1, ?, ?, ?)",
                (identity.key_pem, identity.cert_pem, now),
            )
            self._audit.append(
                tx, now, "identity.create", "identity",
                f"sha256={fingerprint(identity.cert_pem).replace(':', '')}",
            )  # fmt: skip
        return identity


def insert_practitioner(tx: Any, practitioner: Practitioner, created: str) -> None:
    """Write the owner of a new notebook, in the transaction that creates it."""
    tx.execute(
        "INSERT INTO practitioner (id, name, role, organisation, created_at)"
        " VALUES (1, ?, ?, ?, ?)",
        (practitioner.name.strip(), practitioner.role, practitioner.organisation, created),
    )
