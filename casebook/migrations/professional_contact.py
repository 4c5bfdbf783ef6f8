"""A fourth record kind, ``professional_contact``: the records table is made again.

The kind is guarded by a CHECK on ``records.kind``, which SQLite cannot change in place:
the table is rebuilt (SQLite's twelve steps). A rebuild needs foreign keys off, and that
pragma only works outside a transaction: the script starts with :data:`FOREIGN_KEYS_OFF`,
which :meth:`casebook.storage.Database._migrate` reads to turn them off around it (and to
check them, ``PRAGMA foreign_key_check``, before it commits). Every index and trigger of
the table is made again exactly as before: the guard that keeps a final record as it was,
the guard against REPLACE, and the guard against deleting a final record, which yields only
to a deletion permit (RETENTION_AND_HOLD); the column LATE_ENTRIES added comes along.
Rows keep their ids, so every table that refers to a record (people, tags, actions,
attachments, addenda, the search keys) still does.
"""

from __future__ import annotations

# A migration whose script holds this line runs with foreign keys off (read by storage).
FOREIGN_KEYS_OFF = "-- casebook: foreign keys off during this migration"

_COLUMNS = (
    "id, uid, case_id, kind, subtype, about_key, event_at, event_utc, written_at,"
    " duration_minutes, status, significant, late, fields, finalised_at, content_hash,"
    " updated_at, imported_at, claimed_written_at, claimed_finalised_at, location,"
    " last_written_at"
)

_MESSAGE = "records: a row with this key exists; rows are never replaced"


def rebuilt_records(columns: str) -> str:
    """The end of a rebuild of the records table: ``records_rebuilt`` (made by the caller)
    filled with ``columns`` of every row, put in the old table's place, and every index
    and guard of the table made again as they are."""
    return f"""INSERT INTO records_rebuilt ({columns}) SELECT {columns} FROM records;
DROP TABLE records;
ALTER TABLE records_rebuilt RENAME TO records;
CREATE INDEX records_by_case ON records (case_id, event_utc DESC);
CREATE INDEX records_by_event ON records (event_utc DESC);
CREATE INDEX records_by_case_event_at ON records (case_id, event_at);
CREATE TRIGGER records_final_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER records_final_no_delete BEFORE DELETE ON records
WHEN OLD.status = 'final'
    AND NOT EXISTS (SELECT 1 FROM deletion_permits p WHERE p.case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER records_no_replace BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM records WHERE id = NEW.id OR uid = NEW.uid)
BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END;
CREATE TRIGGER records_no_replace_by_update BEFORE UPDATE OF id, uid ON records
WHEN EXISTS (SELECT 1 FROM records WHERE (id = NEW.id OR uid = NEW.uid) AND rowid <> OLD.rowid)
BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END;
"""


PROFESSIONAL_CONTACT_KIND = f"""{FOREIGN_KEYS_OFF}
CREATE TABLE records_rebuilt (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (
        kind IN ('session', 'child_work', 'partner_support', 'professional_contact')
    ),
    subtype TEXT,
    about_key TEXT,
    event_at TEXT NOT NULL,
    event_utc TEXT NOT NULL,
    written_at TEXT NOT NULL,
    duration_minutes INTEGER,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    significant INTEGER NOT NULL DEFAULT 0,
    late INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL,
    finalised_at TEXT,
    content_hash TEXT,
    updated_at TEXT NOT NULL,
    imported_at TEXT,
    claimed_written_at TEXT,
    claimed_finalised_at TEXT,
    location TEXT,
    last_written_at TEXT,
    CHECK (status = 'draft' OR (finalised_at IS NOT NULL AND content_hash IS NOT NULL))
);
{rebuilt_records(_COLUMNS)}"""
