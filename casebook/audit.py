"""The audit log: an append-only, SHA-256 hash-chained list of what was done.

Each entry stores time, action, object (ids only), a short non-sensitive detail, the
previous entry's hash and its own hash over all of these. The table's triggers forbid
UPDATE and DELETE; :func:`verify` recomputes the chain, so an edit or deletion made by
going around the triggers is found, and checks every final record against its hash.
"""

from __future__ import annotations

import hashlib
from typing import Any

from casebook.domain import AuditHead
from casebook.record import canonical_bytes

GENESIS = "0" * 64


def entry_hash(seq: int, at: str, action: str, obj: str, detail: str, prev_hash: str) -> str:
    """The hash of one entry, chained to the previous one."""
    payload = canonical_bytes([seq, at, action, obj, detail, prev_hash])
    return hashlib.sha256(payload).hexdigest()


class AuditWriter:
    """Appends entries inside the caller's transaction.

    ``head`` is the newest *committed* entry. Entries appended in a transaction chain
    from a pending head that becomes ``head`` only when that transaction commits; after a
    rollback, or a COMMIT that fails (a full disk), ``head`` is still the last entry the
    database holds, so the next command continues the chain without a gap.
    """

    def __init__(self, head: AuditHead) -> None:
        self.head = head
        self._pending: AuditHead | None = None

    def append(self, tx: Any, at: str, action: str, obj: str, detail: str = "") -> AuditHead:
        """Append one entry; the caller commits or rolls back."""
        self.append_many(tx, at, [(action, obj, detail)])
        assert self._pending is not None
        return self._pending

    def append_many(self, tx: Any, at: str, entries: list[tuple[str, str, str]]) -> None:
        """Append several entries (action, object, detail) in one statement batch."""
        if self._pending is None:
            self._pending = self.head
            tx.after_end(self._ended)
        rows = []
        seq, prev = self._pending.seq, self._pending.hash
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
        self._pending = AuditHead(seq, prev)

    def _ended(self, committed: bool) -> None:
        if committed and self._pending is not None:
            self.head = self._pending
        self._pending = None


def addendum_detail(
    addendum_id: int,
    text: str,
    *,
    written_at: str | None = None,
    imported: bool = False,
    claimed: str | None = None,
) -> str:
    """The detail of a ``record.addendum`` entry: the addendum's id and SHA-256 of its
    text, the time it was written when that is not the entry's own time, whether it was
    imported and the time its document claims."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    detail = f"addendum={addendum_id} sha256={digest}"
    if written_at is not None:
        detail += f" written_at={written_at}"
    if imported:
        detail += " imported=1"
    if claimed is not None:
        detail += f" claimed={claimed}"
    return detail


def parse_detail(detail: str) -> dict[str, str]:
    """``key=value`` words of an entry's detail (times and hashes hold no spaces)."""
    return dict(word.split("=", 1) for word in detail.split() if "=" in word)


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
