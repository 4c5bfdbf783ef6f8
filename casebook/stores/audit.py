"""The audit log as the notebook shows it: its head, anchors kept outside, entries for
what is done outside the database, and the full check (``audit_log``).

Commands append their entries through the notebook's :class:`~casebook.audit.AuditWriter`
in their own transactions; the chain's hashing lives in :mod:`casebook.audit`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from casebook import audit, timeutil
from casebook.domain import AuditHead, AuditReport, AuditTail
from casebook.progress import Progress, Stages, counted
from casebook.record import content_hash
from casebook.schema import CLAIMS_VERSION, SCHEMA_VERSION
from casebook.storage import Database
from casebook.stores.base import Facade, Store
from casebook.stores.record_rows import stored_content

_TAIL_SQL = "SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1"


def open_log(db: Database) -> tuple[audit.AuditWriter, AuditTail | None]:
    """A writer continuing the chain of ``db``'s audit log, and its newest entry."""
    tail = db.query(_TAIL_SQL)
    at = AuditTail(int(tail[0][0]), str(tail[0][2])) if tail else None
    return audit.AuditWriter(audit.read_head(tail)), at


class AuditStore(Store[Facade]):
    """``notebook.audit``: the audit log's head, anchors, extra entries and verification."""

    def __init__(
        self, notebook: Facade, tail_at_unlock: AuditTail | None, found: AuditHead | None = None
    ) -> None:
        """``found``: the head an upgrade made while opening found, before its entries."""
        super().__init__(notebook)
        self._tail_at_unlock = tail_at_unlock
        self._head_at_unlock = found or self._audit.head

    def head(self) -> AuditHead:
        """The newest audit entry (number and hash)."""
        return self._audit.head

    def tail_at_unlock(self) -> AuditTail | None:
        """The newest audit entry when this notebook was unlocked, before the unlock's own.

        Shown after unlocking (``case list``, the app's status bar): the chain cannot tell
        that entries were cut from its end, but a practitioner who remembers working
        later than this can.
        """
        return self._tail_at_unlock

    def head_at_unlock(self) -> AuditHead:
        """The newest audit entry (number and hash) the file held when this notebook was
        unlocked, before this session wrote any (the unlock's own, a schema upgrade's):
        checking a backup reports this, not the entries its scratch copy's opening added."""
        return self._head_at_unlock

    def append(self, action: str, obj: str, detail: str = "") -> AuditHead:
        """Record something done outside the database (an export, a backup, a summary)."""
        return self._append_audit(action, obj, detail)

    def check_anchor(self, seq: int, digest: str, source: str) -> str | None:
        """Whether the audit log still holds entry ``seq`` with hash ``digest``, a head
        kept outside the notebook (by a backup or a signed summary, named ``source``).

        The entries up to a head are fixed by its hash (each entry's hash covers the one
        before), so a log that holds the head holds everything the anchor saw.

        Returns:
            None when it does, else the problem in plain words.
        """
        row = self._db.query_one("SELECT hash FROM audit_log WHERE seq = ?", (seq,))
        current = self._audit.head
        if seq > current.seq:
            return (
                f"{source} was made when the audit log reached entry {seq}, but the notebook's "
                f"audit log now ends at entry {current.seq}: entries were removed from its end"
            )
        if row is None:
            return f"the notebook's audit log has no entry {seq}, which {source} recorded"
        if row[0] != digest:
            return (
                f"audit entry {seq} differs from the one {source} recorded: the history "
                f"was rewritten (or {source} is of another notebook)"
            )
        return None

    def page_errors(self, progress: Progress | None = None) -> list[str]:
        """What reading every page of the database found wrong (SQLCipher HMAC, integrity).

        Args:
            progress: called as the pages are read; it may raise
                :class:`~notebook.progress.Cancelled` to stop the check.
        """
        return self._db.integrity_errors(progress)

    def verify(self, *, pages: bool = True, progress: Progress | None = None) -> AuditReport:
        """Recompute the audit chain and every final record's content hash.

        Args:
            pages: also read every page of the database (SQLCipher HMAC and integrity check).
            progress: called as the check goes on (the page check too, as it reads the
                pages); it may raise :class:`~casebook.progress.Cancelled` to stop the check.
        """
        problems: list[str] = []
        # Shares of the time on a large notebook (bench/RESULTS.md: audit_verify_pages).
        stages = Stages(progress, {"pages": 4 if pages else 0, "chain": 1, "records": 2})
        if pages:
            problems += [f"database: {p}" for p in self.page_errors(stages.stage("pages"))]
        db = self._db
        with db.reading() as conn:  # a damaged page of the log: NotebookDamaged
            total = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
            rows = conn.execute(
                "SELECT seq, at, action, object, detail, prev_hash, hash"
                " FROM audit_log ORDER BY seq"
            )
            count, head, chain_problems = audit.verify_chain(
                counted(rows, stages.stage("chain"), total, every=1000)
            )
        problems += chain_problems
        stored_head = self._audit.head
        if not chain_problems and (head.seq, head.hash) != (stored_head.seq, stored_head.hash):
            problems.append(
                f"the audit log ends at entry {head.seq}, but this session wrote up to "
                f"{stored_head.seq}"
            )
        entries = _AuditedObjects(
            db.query(
                "SELECT at, action, object, detail FROM audit_log WHERE action IN"
                " ('record.create', 'record.import', 'record.finalise', 'record.addendum',"
                " 'record.purge')"
            )
        )
        finals = _verify_final_records(db, entries, problems, stages.stage("records"))
        addenda = _verify_addenda(db, entries, problems)
        stages.finish()
        return AuditReport(
            ok=not problems, entries=count, final_records=finals, head=head, problems=problems,
            addenda=addenda,
        )  # fmt: skip


def _verify_final_records(
    db: Database, entries: _AuditedObjects, problems: list[str], progress: Progress | None
) -> int:
    """Check every final record against its content hash and its audit entries.

    The hash covers the record's content and every row it holds (people, tags, actions,
    attachments by SHA-256, whose bytes and size are checked here too) and the times
    its document gives; the audit entries hold the hash and the times Casebook wrote,
    imported and finalised it.

    Returns:
        how many final records were checked.
    """
    finals = db.query(
        "SELECT id, uid, written_at, imported_at, finalised_at, claimed_finalised_at,"
        " content_hash FROM records WHERE status = 'final' ORDER BY id"
    )
    with db.reading() as conn:
        for rowid, uid, written_at, imported_at, finalised_at, claimed, stored in counted(
            finals, progress, len(finals), every=100
        ):
            actual = content_hash(stored_content(conn, rowid, claimed or finalised_at))
            # The content hash covers each attachment's stored SHA-256; check that the
            # bytes (and their size) still match it, or swapped bytes would go unnoticed.
            swapped = any(
                hashlib.sha256(bytes(data)).hexdigest() != digest or len(data) != size
                for digest, size, data in conn.execute(
                    "SELECT sha256, size, data FROM attachments WHERE record_id = ?", (rowid,)
                )
            )
            finalise_at, finalise_hash = entries.finalised.get(uid, (None, None))
            if actual != stored or swapped:
                problems.append(f"final record {uid} was changed after it was finalised")
            elif finalise_hash != stored:
                problems.append(f"final record {uid} does not match the hash in its audit entry")
            else:
                for what, value, expected in (
                    ("written time", written_at, entries.made.get(uid)),
                    ("time of import", imported_at, entries.imported.get(uid)),
                    ("time of finalising", finalised_at, finalise_at),
                ):
                    if value != expected:
                        problems.append(
                            f"final record {uid}: its {what} differs from its audit entry"
                        )
    # A final record is deleted only with its case, past retention, under a tombstone.
    present = {row[1] for row in finals}
    for uid in sorted(set(entries.finalised) - present - entries.purged):
        problems.append(f"final record {uid} is missing (removed after it was finalised)")
    return len(finals)


def _verify_addenda(db: Database, entries: _AuditedObjects, problems: list[str]) -> int:
    """Check every addendum against its audit entry (id, record, SHA-256 of the text,
    time written, claimed time, imported or not), and that no entry's addendum is gone.

    Returns:
        how many addenda were checked.
    """
    rows = db.query(
        "SELECT a.id, r.uid, a.written_at, a.text, a.imported_at, a.claimed_written_at"
        " FROM addenda a JOIN records r ON r.id = a.record_id ORDER BY a.id"
    )
    for addendum_id, uid, written_at, text, imported_at, claimed in rows:
        entry = entries.addenda.pop(addendum_id, None)
        if entry is None:
            problems.append(
                f"addendum {addendum_id} of record {uid} has no audit entry"
                " (it was not added through Casebook)"
            )
            continue
        entry_uid, at, detail = entry
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if (
            entry_uid != uid
            or detail.get("sha256") != digest
            or written_at != detail.get("written_at", at)
            or claimed != detail.get("claimed")
            or (imported_at is not None) != ("imported" in detail)
            or imported_at not in (None, written_at)
        ):
            problems.append(
                f"addendum {addendum_id} of record {uid} was changed after it was added"
            )
    for addendum_id, (uid, _, _) in sorted(entries.addenda.items()):
        if uid in entries.purged:
            continue  # its case was deleted past retention (a tombstone says so)
        problems.append(
            f"addendum {addendum_id} of record {uid} is missing (removed after it was added)"
        )
    return len(rows)


class _AuditedObjects:
    """What the audit log says about records and addenda, keyed by record uid / addendum id."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self.made: dict[str, str] = {}
        self.imported: dict[str, str] = {}
        self.finalised: dict[str, tuple[str, str]] = {}
        self.addenda: dict[int, tuple[str, str, dict[str, str]]] = {}
        self.purged: set[str] = set()
        for at, action, obj, detail in rows:
            uid = obj.removeprefix("record:")
            if action in ("record.create", "record.import"):
                self.made[uid] = at
                if action == "record.import":
                    self.imported[uid] = at
            elif action == "record.finalise":
                self.finalised[uid] = (at, detail.removeprefix("sha256="))
            elif action == "record.purge":
                self.purged.add(uid)
            elif action == "record.addendum":
                words = audit.parse_detail(detail)
                if words.get("addendum", "").isdigit():
                    self.addenda[int(words["addendum"])] = (uid, at, words)


def record_upgrade(tx: Any, old_version: int) -> AuditHead:
    """Record a schema upgrade in the audit log, in the upgrade's own transaction.

    Version 1 gave imported addenda no audit entry: an upgrade from it anchors each one as
    it is now (its id, the SHA-256 of its text, its times), so a later change is found.

    Returns:
        the audit head found before the upgrade's entries.
    """
    found = audit.read_head(
        tx.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchall()
    )
    writer = audit.AuditWriter(found)
    entries: list[tuple[str, str, str]] = []
    if old_version < CLAIMS_VERSION:
        rows = tx.execute(
            "SELECT a.id, r.uid, a.written_at, a.text, a.imported_at, a.claimed_written_at"
            " FROM addenda a JOIN records r ON r.id = a.record_id"
            " WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'record.addendum'"
            " AND l.detail LIKE 'addendum=' || a.id || ' %') ORDER BY a.id"
        ).fetchall()
        for addendum_id, uid, written_at, text, imported_at, claimed in rows:
            detail = audit.addendum_detail(
                addendum_id, text, written_at=written_at, imported=imported_at is not None,
                claimed=claimed,
            )  # fmt: skip
            entries.append(("record.addendum", f"record:{uid}", detail))
    entries.append(
        ("notebook.upgrade", "notebook",
         f"schema={old_version}->{SCHEMA_VERSION} addenda={len(entries)}")
    )  # fmt: skip
    writer.append_many(tx, timeutil.now(), entries)
    return found
