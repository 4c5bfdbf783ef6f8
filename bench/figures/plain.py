"""The baseline: the notebook's schema on plain stdlib ``sqlite3``, no encryption, no facade.

Same schema (:data:`casebook.schema.MIGRATIONS`, so the same tables, indexes, triggers
and FTS5 table) and the same pragmas as :class:`casebook.storage.Database` (WAL,
``synchronous=FULL``, foreign keys, ``secure_delete``, ``temp_store=MEMORY``), minus the
SQLCipher key.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import tarfile
from pathlib import Path
from typing import Any

from casebook import search, timeutil
from casebook.record import canonical_bytes, choice_parts, record_title, text_parts, title_parts
from casebook.schema import MIGRATIONS
from casebook.storage import PAGE_CACHE_KIB

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    f"PRAGMA cache_size = -{PAGE_CACHE_KIB}",  # the same page cache as the product's
)
LIST_CASES_SQL = (
    "SELECT c.id, c.ref, c.title, c.status, c.opened, c.closed,"
    " (SELECT count(*) FROM records r WHERE r.case_id = c.id),"
    " (SELECT max(r.event_at) FROM records r WHERE r.case_id = c.id)"
    " FROM cases c ORDER BY c.status = 'closed', c.ref COLLATE NOCASE"
)


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open (or create, bringing the schema up) a plain database with the notebook's pragmas."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if create and version == 0:
        # A migration that rebuilds a table renames it into place (casebook.storage does
        # the same): the old RENAME leaves other tables' triggers as they are.
        conn.execute("PRAGMA legacy_alter_table = ON")
        conn.execute("BEGIN IMMEDIATE")
        for i, script in enumerate(MIGRATIONS, start=1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {i}")
        conn.execute("COMMIT")
        conn.execute("PRAGMA legacy_alter_table = OFF")
    return conn


def _statements(script: str) -> list[str]:
    out, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    return out


def remove(path: Path) -> None:
    """Delete a plain database and its -wal/-shm."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# -- the plaintext twin of a notebook ------------------------------------------------------------

# Children before their records: the schema's triggers refuse a child row of a *final*
# record, and a child inserted first has no record yet to be final.
_COPY_ORDER = (
    "practitioner", "signing_identity", "settings", "cases", "people",
    "record_people", "record_tags", "actions", "attachments", "records", "addenda",
    "reflections", "audit_log",
)  # fmt: skip


def _copy_order(source: Any) -> list[str]:
    tables = {
        r[0]
        for r in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'search_index%'"
        )
    }
    known = [t for t in _COPY_ORDER if t in tables]
    return known + sorted(tables - set(known))


def _has_search_keys(conn: Any) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_keys'"
        ).fetchone()
    )


def search_rowid(conn: Any, record_id: int) -> int:
    """A record's search index rowid (a key sorting newest first, where the schema has one)."""
    if not _has_search_keys(conn):
        return record_id
    row = conn.execute("SELECT key FROM search_keys WHERE record_id = ?", (record_id,)).fetchone()
    return int(row[0])


def copy_notebook(source: Any, target: Path) -> None:
    """Make ``target`` hold the same rows as the open SQLCipher connection ``source``.

    The search index is rebuilt from the same stored texts (same rowids), so both
    databases answer the same FTS5 queries with the same rows.
    """
    remove(target)
    conn = connect(target, create=True)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        for table in _copy_order(source):
            columns = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            cursor = source.execute(f"SELECT {names} FROM {table}")
            while rows := cursor.fetchmany(500):
                conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        # Every column of the index (body, folded and, from schema 2, grams).
        columns = ", ".join(
            ["rowid"] + [r[1] for r in source.execute("PRAGMA table_info(search_index)")]
        )
        marks = ", ".join("?" for _ in columns.split(", "))
        cursor = source.execute(f"SELECT {columns} FROM search_index")
        while rows := cursor.fetchmany(500):
            conn.executemany(f"INSERT INTO search_index ({columns}) VALUES ({marks})", rows)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


# -- a straightforward import --------------------------------------------------------------------


def import_document(conn: sqlite3.Connection, document: dict[str, Any]) -> int:
    """Insert a casebook/1 document the straightforward way, in one transaction.

    The same rows the notebook writes (cases, people, records and their children,
    attachments, addenda, the search index, a hash-chained audit entry per record and
    per finalise), without validation objects, re-reading or encryption.

    Returns:
        the number of records inserted.
    """
    now = timeutil.now()
    seq, prev = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0], "0" * 64
    records = 0

    def audit(action: str, obj: str, detail: str) -> None:
        nonlocal seq, prev
        seq += 1
        digest = hashlib.sha256(canonical_bytes([seq, now, action, obj, detail, prev])).hexdigest()
        conn.execute(
            "INSERT INTO audit_log (seq, at, action, object, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, now, action, obj, detail, prev, digest),
        )
        prev = digest

    keyed = _has_search_keys(conn)
    conn.execute("BEGIN IMMEDIATE")
    for case in document["cases"]:
        case_id = conn.execute(
            "INSERT INTO cases (ref, title, status, opened, closed, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (case["ref"], case.get("title", ""), case.get("status", "open"), case.get("opened"),
             case.get("closed"), now),
        ).lastrowid  # fmt: skip
        people: dict[str, tuple[int, str, str]] = {}
        for p in case.get("people", []):
            pid = conn.execute(
                "INSERT INTO people (case_id, key, name, preferred_name, role, born, gp)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (case_id, p["key"], p["name"], p.get("preferred_name", ""), p["role"],
                 p.get("born"), p.get("gp", "")),
            ).lastrowid  # fmt: skip
            people[p["key"]] = (pid, p["name"], p.get("preferred_name", ""))
        audit("case.import", f"case:{case_id}", "")
        for r in case["records"]:
            records += 1
            _import_record(conn, case_id=case_id, people=people, r=r, now=now, audit=audit,
                           keyed=keyed)  # fmt: skip
    audit("notebook.import", "notebook", f"records={records}")
    conn.execute("COMMIT")
    return records


def _import_record(
    conn: sqlite3.Connection,
    *,
    case_id: int,
    people: dict[str, tuple[int, str, str]],
    r: dict[str, Any],
    now: str,
    audit: Any,
    keyed: bool,
) -> None:
    kind, fields = r["kind"], dict(r.get("fields", {}))
    actions = fields.pop("actions", [])
    subtype, about = title_parts(kind, fields)
    written_at = r.get("written_at") or now
    uid = os.urandom(16).hex()
    event_utc = timeutil.utc_key(r["event_at"])
    rowid = conn.execute(
        "INSERT INTO records (uid, case_id, kind, subtype, about_key, event_at, event_utc,"
        " written_at, location, duration_minutes, status, significant, late, fields,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
        (uid, case_id, kind, subtype, about, r["event_at"], event_utc,
         written_at, r.get("location", "other"), r.get("duration_minutes"),
         int(r.get("significant", False)), int(timeutil.is_late(r["event_at"], written_at)),
         json.dumps(fields, ensure_ascii=False), now),
    ).lastrowid  # fmt: skip
    keys = r.get("people", [])
    conn.executemany(
        "INSERT INTO record_people (record_id, person_id, position) VALUES (?, ?, ?)",
        [(rowid, people[k][0], i) for i, k in enumerate(keys)],
    )
    conn.executemany(
        "INSERT INTO record_tags (record_id, tag, position) VALUES (?, ?, ?)",
        [(rowid, t, i) for i, t in enumerate(r.get("tags", []))],
    )
    conn.executemany(
        "INSERT INTO actions (record_id, position, text, due) VALUES (?, ?, ?, ?)",
        [(rowid, i, a["text"], a.get("due")) for i, a in enumerate(actions)],
    )
    for i, a in enumerate(r.get("attachments", [])):
        data = base64.b64decode(a["data_base64"])
        conn.execute(
            "INSERT INTO attachments (record_id, position, name, media_type, size, sha256, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rowid, i, a["name"], a["media_type"], len(data), hashlib.sha256(data).hexdigest(),
             data),
        )  # fmt: skip
    who = people[about][2] or people[about][1] if about in people else None
    heads = [record_title(kind, subtype, who)]
    heads += [n for k in keys for n in people[k][1:] if n]
    head = "\n".join(h for h in heads + choice_parts(kind, fields) + r.get("tags", []) if h)
    parts = text_parts(kind, fields) + [a["text"] for a in actions]
    addenda = r.get("addenda", [])
    parts += [a["text"] for a in addenda]
    body = "\n".join(p for p in parts if p)
    key = search.row_key(r["event_at"], rowid) if keyed else rowid
    insert_search_entry(conn, key, head, body)
    if keyed:
        conn.execute("INSERT INTO search_keys (record_id, key) VALUES (?, ?)", (rowid, key))
    audit("record.import", f"record:{uid}", kind)
    if r.get("status") == "final":
        digest = hashlib.sha256(canonical_bytes({"uid": uid, **r, "fields": fields})).hexdigest()
        conn.execute(
            "UPDATE records SET status = 'final', finalised_at = ?, content_hash = ? WHERE id = ?",
            (now, digest, rowid),
        )
        conn.executemany(
            "INSERT INTO addenda (record_id, written_at, text) VALUES (?, ?, ?)",
            [(rowid, a["written_at"], a["text"]) for a in addenda],
        )
        audit("record.finalise", f"record:{uid}", f"sha256={digest}")


# -- one draft save, the same rows as Notebook.records.save_draft


def insert_search_entry(conn: Any, key: int, head: str, body: str) -> None:
    """One record's search entry, as Notebook._index writes it (title, names, tags apart)."""
    both = f"{head}\n{body}"
    conn.execute(
        "INSERT INTO search_index (rowid, body, folded, grams, head) VALUES (?, ?, ?, ?, ?)",
        (key, body, search.folded_extras(both), search.grams(both), head),
    )


def save_draft(conn: sqlite3.Connection, rowid: int, fields: dict[str, Any], body: str) -> None:
    """Rewrite a draft's row, children, search entry and one audit entry in one transaction."""
    now = timeutil.now()
    conn.execute("BEGIN IMMEDIATE")
    row = conn.execute(
        "SELECT kind, event_at, written_at, location, duration_minutes, significant, case_id"
        " FROM records WHERE id = ?",
        (rowid,),
    )
    kind, event_at, written_at, location, duration, significant, case_id = row.fetchone()
    subtype, about = title_parts(kind, fields)
    conn.execute(
        "UPDATE records SET subtype = ?, about_key = ?, event_at = ?, event_utc = ?,"
        " written_at = ?, location = ?, duration_minutes = ?, significant = ?, late = ?,"
        " fields = ?, updated_at = ? WHERE id = ? AND case_id = ?",
        (subtype, about, event_at, timeutil.utc_key(event_at), written_at, location, duration,
         significant, int(timeutil.is_late(event_at, written_at)),
         json.dumps(fields, ensure_ascii=False), now, rowid, case_id),
    )  # fmt: skip
    for table in ("record_people", "record_tags", "actions"):
        rows = conn.execute(f"SELECT * FROM {table} WHERE record_id = ?", (rowid,)).fetchall()
        conn.execute(f"DELETE FROM {table} WHERE record_id = ?", (rowid,))
        if rows:
            marks = ", ".join("?" for _ in rows[0])
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    key = search_rowid(conn, rowid)
    (head,) = conn.execute("SELECT head FROM search_index WHERE rowid = ?", (key,)).fetchone()
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (key,))
    insert_search_entry(conn, key, head, body)
    seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    digest = hashlib.sha256(
        canonical_bytes([seq + 1, now, "record.edit", f"record:{rowid}", "", prev])
    ).hexdigest()
    conn.execute(
        "INSERT INTO audit_log (seq, at, action, object, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq + 1, now, "record.edit", f"record:{rowid}", "", prev, digest),
    )
    conn.execute("COMMIT")


# -- backup: the same steps as casebook.backup, on the plain file ---------------------------------


def backup(conn: sqlite3.Connection, out: Path) -> None:
    """VACUUM INTO a copy, hash it, tar it with a manifest, fsync, hash the archive."""
    copy = out.with_name(out.name + ".db.tmp")
    copy.unlink(missing_ok=True)
    conn.execute("VACUUM INTO ?", (str(copy),))
    manifest = json.dumps({"files": {"notebook.db": _sha256_file(copy)}}).encode()
    with open(out, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
            tar.add(copy, arcname="notebook.db")
        raw.flush()
        os.fsync(raw.fileno())
    copy.unlink()
    _sha256_file(out)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
