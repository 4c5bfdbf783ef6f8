"""The audit log: an append-only, SHA-256 hash-chained list of what was done.

Each entry stores time, action, object (ids only), a short non-sensitive detail, the
previous entry's hash and its own hash over all of these. The table's triggers forbid
UPDATE and DELETE; :func:`verify` recomputes the chain, so an edit or deletion made by
going around the triggers is found, and checks every final record against its hash.
"""

from __future__ import annotations

import hashlib
from typing import Any

from notebook.domain import AuditHead
from notebook.record import canonical_bytes

GENESIS = "0" * 64


def entry_hash(seq: int, at: str, action: str, obj: str, detail: str, prev_hash: str) -> str:
    """The hash of one entry, chained to the previous one."""
    payload = canonical_bytes([seq, at, action, obj, detail, prev_hash])
    return hashlib.sha256(payload).hexdigest()


class AuditWriter:
    """Appends entries inside the caller's transaction, keeping the head in memory."""

    def __init__(self, head: AuditHead) -> None:
        self.head = head

    def append(self, tx: Any, at: str, action: str, obj: str, detail: str = "") -> AuditHead:
        """Append one entry; the caller commits. A rollback puts the head back."""
        self._restore_on_rollback(tx)
        seq = self.head.seq + 1
        digest = entry_hash(seq, at, action, obj, detail, self.head.hash)
        tx.execute(
            "INSERT INTO audit_log (seq, at, action, object, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, action, obj, detail, self.head.hash, digest),
        )
        self.head = AuditHead(seq, digest)
        return self.head

    def append_many(self, tx: Any, at: str, entries: list[tuple[str, str, str]]) -> None:
        """Append several entries (action, object, detail) in one statement batch."""
        self._restore_on_rollback(tx)
        rows = []
        seq, prev = self.head.seq, self.head.hash
        for action, obj, detail in entries:
            seq += 1
            digest = entry_hash(seq, at, action, obj, detail, prev)
            rows.append((seq, at, action, obj, detail, prev, digest))
            prev = digest
        tx.executemany(
            "INSERT INTO audit_log (seq, at, action, object, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.head = AuditHead(seq, prev)

    def _restore_on_rollback(self, tx: Any) -> None:
        # An entry whose transaction does not commit (a full disk, an error after it)
        # must not become the parent of the next one, or the chain breaks.
        on_rollback = getattr(tx, "on_rollback", None)
        if on_rollback is not None:
            head = self.head
            on_rollback(lambda: setattr(self, "head", head))


def read_head(rows: list[Any]) -> AuditHead:
    """The head from ``SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1``."""
    if not rows:
        return AuditHead(0, GENESIS)
    return AuditHead(int(rows[0][0]), str(rows[0][1]))


def verify_chain(rows: Any) -> tuple[int, AuditHead, list[str]]:
    """Walk ``(seq, at, action, object, detail, prev_hash, hash)`` rows in seq order.

    Returns:
        (entries read, head, problems: the first break and what follows from it)
    """
    expected_seq, prev = 1, GENESIS
    count = 0
    for seq, at, action, obj, detail, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            return (
                count,
                AuditHead(seq, digest),
                [f"audit entry {expected_seq} is missing (the next entry found is {seq})"],
            )
        if prev_hash != prev:
            return (
                count,
                AuditHead(seq, digest),
                [f"audit entry {seq} does not follow entry {seq - 1} (chain broken)"],
            )
        if entry_hash(seq, at, action, obj, detail, prev_hash) != digest:
            return (
                count,
                AuditHead(seq, digest),
                [f"audit entry {seq} ({action}) was changed after it was written"],
            )
        expected_seq, prev = seq + 1, digest
    return count, AuditHead(expected_seq - 1, prev), []
