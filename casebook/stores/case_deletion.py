"""Deleting a whole case past retention: rows, search index, free pages, the WAL.

The guards that keep final records, their rows, addenda and a child's Words and pictures
(versions and days shared) stay on; they yield only to a permit (``deletion_permits``)
inserted and removed inside this one transaction, and the database refuses a permit for a
case under legal hold. After the commit the database is
rewritten (``VACUUM``; ``secure_delete`` is on for every connection) and the WAL is
checkpointed and truncated, so no page of the deleted case stays in the file, in its free
pages or in the ``-wal``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from casebook import timeutil
from casebook.audit import AuditWriter
from casebook.storage import Database

_IN_CASE = "record_id IN (SELECT id FROM records WHERE case_id = ?)"
_OF_PEOPLE = "person_id IN (SELECT id FROM people WHERE case_id = ?)"
# Rows of the case, children before parents (the order of deletion).
_DELETIONS = (
    f"DELETE FROM search_index WHERE rowid IN (SELECT key FROM search_keys WHERE {_IN_CASE})",
    f"DELETE FROM search_keys WHERE {_IN_CASE}",
    f"DELETE FROM record_marks WHERE {_IN_CASE}",
    f"DELETE FROM record_significance WHERE {_IN_CASE}",
    f"DELETE FROM addenda WHERE {_IN_CASE}",
    f"DELETE FROM attachments WHERE {_IN_CASE}",
    f"DELETE FROM actions WHERE {_IN_CASE}",
    f"DELETE FROM record_tags WHERE {_IN_CASE}",
    f"DELETE FROM record_people WHERE {_IN_CASE}",
    "DELETE FROM records WHERE case_id = ?",
    f"DELETE FROM explanation_shares WHERE explanation_id IN"
    f" (SELECT id FROM explanations WHERE {_OF_PEOPLE})",
    f"DELETE FROM explanations WHERE {_OF_PEOPLE}",
    f"DELETE FROM person_involvement WHERE {_OF_PEOPLE}",
    f"DELETE FROM person_details WHERE {_OF_PEOPLE}",
    "DELETE FROM chronology_events WHERE case_id = ?",
    "DELETE FROM people WHERE case_id = ?",
    "DELETE FROM case_intake WHERE case_id = ?",
    "DELETE FROM case_status_changes WHERE case_id = ?",
    "DELETE FROM case_retention WHERE case_id = ?",
    "DELETE FROM cases WHERE id = ?",
)


def count(db: Database, case_id: int) -> dict[str, Any]:
    """What the case holds, and the backups and exports made since it was opened."""
    row = db.query_one(
        "SELECT (SELECT count(*) FROM records WHERE case_id = :c),"
        " (SELECT count(*) FROM records WHERE case_id = :c AND status = 'final'),"
        " (SELECT count(*) FROM addenda a JOIN records r ON r.id = a.record_id"
        "  WHERE r.case_id = :c),"
        " (SELECT count(*) FROM attachments a JOIN records r ON r.id = a.record_id"
        "  WHERE r.case_id = :c),"
        " (SELECT count(*) FROM people WHERE case_id = :c),"
        " (SELECT count(*) FROM actions a JOIN records r ON r.id = a.record_id"
        "  WHERE r.case_id = :c)",
        {"c": case_id},
    )
    # Copies made after the case's first audit entry can hold it (ids only in the log).
    since = db.query_one(
        "SELECT coalesce(min(seq), 0) FROM audit_log WHERE object = ?", (f"case:{case_id}",)
    )[0]
    copies = dict(
        db.query(
            "SELECT action, count(*) FROM audit_log WHERE seq > ?"
            " AND action IN ('notebook.backup', 'notebook.export') GROUP BY action",
            (since,),
        )
    )
    made = db.query(
        "SELECT at FROM audit_log WHERE seq > ? AND action = 'notebook.backup' ORDER BY seq",
        (since,),
    )
    names = ("records", "final_records", "addenda", "attachments", "people", "actions")
    return {
        "backup_times": tuple(str(r[0]) for r in made),
        **dict(zip(names, (int(v) for v in row), strict=True)),
        "backups": int(copies.get("notebook.backup", 0)),
        "exports": int(copies.get("notebook.export", 0)),
    }


def delete(db: Database, log: AuditWriter, case_id: int, ref: str) -> None:
    """Delete the case in one transaction, with its tombstone (appended by ``log``, the
    notebook's audit writer), then rewrite the file."""
    counts = count(db, case_id)
    now = timeutil.now()
    with db.transaction() as tx:
        tx.execute("INSERT INTO deletion_permits (case_id) VALUES (?)", (case_id,))
        uids = [
            str(r[0])
            for r in tx.execute("SELECT uid FROM records WHERE case_id = ? ORDER BY id", (case_id,))
        ]
        tx.execute("DELETE FROM legal_holds WHERE case_id = ?", (case_id,))
        for sql in _DELETIONS:
            tx.execute(sql, (case_id,))
        # Merge the full-text index into one segment: deleted rows leave their words in
        # older segments until a merge drops them.
        tx.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        tomb = " ".join(
            f"{name}={counts[name]}"
            for name in ("records", "final_records", "addenda", "attachments", "people", "actions")
        )
        entries = [("record.purge", f"record:{uid}", f"case={case_id}") for uid in uids]
        entries.append(
            ("case.delete", f"case:{case_id}", f"{tomb} date={now[:10]} ref={quote(ref, safe='')}")
        )
        log.append_many(tx, now, entries)
        tx.execute("DELETE FROM deletion_permits WHERE case_id = ?", (case_id,))
    rewrite(db)


def rewrite(db: Database) -> None:
    """Rebuild the database file without free pages and empty the WAL."""
    with db.reading() as conn:
        conn.execute("PRAGMA secure_delete = ON")
        try:
            conn.execute("VACUUM")
        finally:
            # Even when VACUUM cannot run (a full disk), the deleted pages were zeroed
            # (secure_delete); the checkpoint takes the older frames out of the -wal.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
