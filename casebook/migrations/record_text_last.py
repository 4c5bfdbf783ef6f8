"""The records table made again with a record's text last (issue 19).

SQLite keeps a row's columns in their order and moves what does not fit its page onto
overflow pages, each found only from the one before it. A record's text (``fields``, a
2,000-word note is three or four pages) stood in the middle of the row, and the columns
added since (``imported_at`` ... ``about_more``) came after it: to say whether a search
hit was imported, or whether a record names more than one child, SQLite read (and
SQLCipher decrypted and checked) every page of the text first. With the text last, a
search hit or a line of a case's record list reads one page.

The rebuild is the one :mod:`casebook.migrations.professional_contact` made: rows keep
their ids (every table that refers to a record still does), and every index and guard is
made again as it is.
"""

from __future__ import annotations

from casebook.migrations.professional_contact import FOREIGN_KEYS_OFF, rebuilt_records

_COLUMNS = (
    "id, uid, case_id, kind, subtype, about_key, about_more, event_at, event_utc,"
    " written_at, duration_minutes, status, significant, late, finalised_at, content_hash,"
    " updated_at, imported_at, claimed_written_at, claimed_finalised_at, location,"
    " last_written_at, fields"
)

RECORD_TEXT_LAST = f"""{FOREIGN_KEYS_OFF}
CREATE TABLE records_rebuilt (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (
        kind IN ('session', 'child_work', 'partner_support', 'professional_contact')
    ),
    subtype TEXT,
    about_key TEXT,
    about_more INTEGER NOT NULL DEFAULT 0,
    event_at TEXT NOT NULL,
    event_utc TEXT NOT NULL,
    written_at TEXT NOT NULL,
    duration_minutes INTEGER,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    significant INTEGER NOT NULL DEFAULT 0,
    late INTEGER NOT NULL DEFAULT 0,
    finalised_at TEXT,
    content_hash TEXT,
    updated_at TEXT NOT NULL,
    imported_at TEXT,
    claimed_written_at TEXT,
    claimed_finalised_at TEXT,
    location TEXT,
    last_written_at TEXT,
    -- Last: everything above is read without reading the text (see the module).
    fields TEXT NOT NULL,
    CHECK (status = 'draft' OR (finalised_at IS NOT NULL AND content_hash IS NOT NULL))
);
{rebuilt_records(_COLUMNS)}"""
