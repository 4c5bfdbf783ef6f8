"""The database schema, versioned with ``PRAGMA user_version`` and ordered migrations.

Each migration is a script that takes version N-1 to N. A notebook whose version is
higher than the newest known is refused before anything is written.

The rules of the product live here as triggers, so that no code path, including raw SQL
on an open connection, can break them: a final record and everything attached to it
cannot change, addenda can only be added to final records, and the audit log is
append-only.
"""

from __future__ import annotations

from casebook.migrations.children import CHILDREN_SEEN_TOGETHER
from casebook.migrations.explanations import EXPLANATIONS, EXPLANATIONS_UNDER_PERMIT
from casebook.migrations.intake import CASE_INTAKE
from casebook.migrations.late_entries import LATE_ENTRIES
from casebook.migrations.marks import MARKS_EVENTS_SIGNIFICANCE
from casebook.migrations.person_details import PERSON_DETAILS
from casebook.migrations.professional_contact import PROFESSIONAL_CONTACT_KIND
from casebook.migrations.record_text_last import RECORD_TEXT_LAST
from casebook.migrations.retention import RETENTION_AND_HOLD

_FINAL_PARENT = "(SELECT status FROM records WHERE id = {row}.record_id) = 'final'"
# A setting a migration leaves when the search index must be made again from the records.
SEARCH_REBUILD_SETTING = "search.rebuild"


def _frozen_child(table: str, update_columns: str | None = None) -> str:
    """Triggers that freeze the rows of ``table`` belonging to a final record.

    An update is refused when the row belongs to a final record before *or after* it,
    so a draft's row cannot be moved into a final record either.
    """
    update_of = f" OF {update_columns}" if update_columns else ""
    return f"""
CREATE TRIGGER {table}_final_no_insert BEFORE INSERT ON {table}
WHEN {_FINAL_PARENT.format(row="NEW")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER {table}_final_no_update BEFORE UPDATE{update_of} ON {table}
WHEN {_FINAL_PARENT.format(row="OLD")} OR {_FINAL_PARENT.format(row="NEW")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER {table}_final_no_delete BEFORE DELETE ON {table}
WHEN {_FINAL_PARENT.format(row="OLD")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
"""


def _append_only(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""


SCHEMA_V1 = (
    """
CREATE TABLE practitioner (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE signing_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_pem BLOB NOT NULL,
    cert_pem BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened TEXT,
    closed TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    preferred_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL
        CHECK (role IN ('subject', 'partner', 'child', 'family', 'professional')),
    born TEXT,
    gp TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, key)
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'child_work', 'partner_support')),
    -- session_type / activity / contact_type and the child or partner's person key:
    -- what a record's one-line title is made of, kept out of the JSON for fast lists.
    subtype TEXT,
    about_key TEXT,
    event_at TEXT NOT NULL,
    event_utc TEXT NOT NULL,
    written_at TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT 'other',
    duration_minutes INTEGER,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    significant INTEGER NOT NULL DEFAULT 0,
    late INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL,
    finalised_at TEXT,
    content_hash TEXT,
    updated_at TEXT NOT NULL,
    CHECK (status = 'draft' OR (finalised_at IS NOT NULL AND content_hash IS NOT NULL))
);
CREATE INDEX records_by_case ON records (case_id, event_utc DESC);
CREATE INDEX records_by_event ON records (event_utc DESC);
-- The case list's record count and last event, read from the index alone: without it
-- listing cases reads every record's row (0.8 s to open a notebook of 100,000 records).
CREATE INDEX records_by_case_event_at ON records (case_id, event_at);
CREATE TABLE record_people (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, person_id)
);
CREATE TABLE record_tags (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, tag)
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    due TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    done_at TEXT
);
CREATE INDEX actions_by_record ON actions (record_id);
CREATE INDEX actions_by_due ON actions (done, due);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX attachments_by_record ON attachments (record_id);
CREATE TABLE addenda (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id),
    written_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX addenda_by_record ON addenda (record_id);
CREATE TABLE reflections (
    id INTEGER PRIMARY KEY,
    written_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
-- Full-text search: `body` holds the record's text as written (for snippets);
-- `folded` holds words with letters unicode61 cannot fold (Ł, ø, ß ...) folded.
-- A row's rowid is not the record's id but a key that sorts newest event first
-- (casebook.search.row_key; search_keys maps records to it), so FTS5 yields matches
-- newest first and a search stops, with its snippets made, after the rows it shows.
-- Prefixes of 1-3 letters have their own index: typing "a" is the first thing a
-- search as you type asks for.
CREATE VIRTUAL TABLE search_index USING fts5(
    body, folded, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TABLE search_keys (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    key INTEGER NOT NULL UNIQUE
);

CREATE TRIGGER records_final_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER records_final_no_delete BEFORE DELETE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER addenda_only_on_final BEFORE INSERT ON addenda
WHEN (SELECT status FROM records WHERE id = NEW.record_id) IS NOT 'final'
BEGIN SELECT RAISE(ABORT, 'addenda are added to final records only'); END;
-- Records (final ones included) refer to people by key: a key and its case never change.
CREATE TRIGGER people_key_fixed BEFORE UPDATE OF key, case_id ON people
WHEN NEW.key IS NOT OLD.key OR NEW.case_id IS NOT OLD.case_id
BEGIN SELECT RAISE(ABORT, 'a person key never changes: final records refer to it'); END;
"""
    + _frozen_child("record_people")
    + _frozen_child("record_tags")
    + _frozen_child("attachments")
    + _frozen_child("actions", update_columns="record_id, position, text, due")
    + _append_only("addenda")
    + _append_only("audit_log")
)


def _no_replace(table: str, key: str, update_of: str | None = None) -> str:
    """Triggers that refuse a row whose key (``key``, over ``NEW``) already exists.

    ``INSERT OR REPLACE`` and ``UPDATE OR REPLACE`` delete the row in the way without
    firing its DELETE triggers (unless recursive triggers are on), so a REPLACE could
    overwrite a final record, an addendum or an audit entry, and cascade away a final
    record's attachments. Casebook never replaces a row; the database refuses it on every
    connection. ``update_of`` names the key columns when an UPDATE could move a row onto
    another's key (tables that refuse every UPDATE need no update guard).
    """
    message = f"{table}: a row with this key exists; rows are never replaced"
    sql = f"""
CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
WHEN EXISTS (SELECT 1 FROM {table} WHERE {key})
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""
    if update_of:
        sql += f"""
CREATE TRIGGER {table}_no_replace_by_update BEFORE UPDATE OF {update_of} ON {table}
WHEN EXISTS (SELECT 1 FROM {table} WHERE ({key}) AND rowid <> OLD.rowid)
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""
    return sql


# With CLAIMED_TIMES below (GUARDS_AND_CLAIMS): no REPLACE around the triggers.
NO_REPLACE = (
    _no_replace("records", "id = NEW.id OR uid = NEW.uid", "id, uid")
    + _no_replace(
        "record_people",
        "record_id = NEW.record_id AND person_id = NEW.person_id",
        "record_id, person_id",
    )
    + _no_replace("record_tags", "record_id = NEW.record_id AND tag = NEW.tag", "record_id, tag")
    + _no_replace("actions", "id = NEW.id", "id")
    + _no_replace("attachments", "id = NEW.id", "id")
    + _no_replace("addenda", "id = NEW.id")
    + _no_replace("audit_log", "seq = NEW.seq")
    + _no_replace("people", "id = NEW.id OR (case_id = NEW.case_id AND key = NEW.key)", "id")
    + _no_replace("cases", "id = NEW.id OR ref = NEW.ref", "id, ref")
)

# Times Casebook vouches for (written, finalised, addendum written) are its own
# clock; the times an imported document gives are kept apart as claims.
CLAIMED_TIMES = """
ALTER TABLE records ADD COLUMN imported_at TEXT;
ALTER TABLE records ADD COLUMN claimed_written_at TEXT;
ALTER TABLE records ADD COLUMN claimed_finalised_at TEXT;
ALTER TABLE addenda ADD COLUMN imported_at TEXT;
ALTER TABLE addenda ADD COLUMN claimed_written_at TEXT;

-- Version 1 stored the times a caller or a document gave as the record's own. The
-- audit log says when Casebook created or imported each record and when it finalised
-- it: those become the record's times, and a different stored time becomes a claim.
-- The content hash covers the claimed times (coalesce(claimed, own)), so it still holds.
CREATE TEMP TABLE v1_record_times (uid TEXT PRIMARY KEY, made_at TEXT, imported_at TEXT,
                                   finalised_at TEXT);
INSERT INTO v1_record_times (uid, made_at, imported_at, finalised_at)
SELECT substr(object, 8),
       max(CASE WHEN action IN ('record.create', 'record.import') THEN at END),
       max(CASE WHEN action = 'record.import' THEN at END),
       max(CASE WHEN action = 'record.finalise' THEN at END)
FROM audit_log
WHERE action IN ('record.create', 'record.import', 'record.finalise')
  AND object LIKE 'record:%'
GROUP BY object;
DROP TRIGGER records_final_no_update;
UPDATE records SET
    imported_at = t.imported_at,
    written_at = t.made_at,
    claimed_written_at = CASE WHEN records.written_at IS NOT t.made_at
                              THEN records.written_at END,
    finalised_at = CASE WHEN records.status = 'final' AND t.finalised_at IS NOT NULL
                        THEN t.finalised_at ELSE records.finalised_at END,
    claimed_finalised_at = CASE WHEN records.status = 'final' AND t.finalised_at IS NOT NULL
                                 AND records.finalised_at IS NOT t.finalised_at
                                THEN records.finalised_at END
FROM v1_record_times t
WHERE t.uid = records.uid AND t.made_at IS NOT NULL;
-- A record made here is late by Casebook's clock; an imported one by the time it claims.
UPDATE records SET
    late = coalesce(unixepoch(written_at, 'subsec') - unixepoch(event_at, 'subsec') > 86400, late)
WHERE imported_at IS NULL AND claimed_written_at IS NOT NULL;
CREATE TRIGGER records_final_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
DROP TABLE v1_record_times;

-- Version 1 gave imported addenda no audit entry and stored the document's time as the
-- addendum's own: it becomes a claim, and the time of the record's import its own.
DROP TRIGGER addenda_no_update;
UPDATE addenda SET
    imported_at = r.imported_at,
    claimed_written_at = addenda.written_at,
    written_at = r.imported_at
FROM records r
WHERE r.id = addenda.record_id AND r.imported_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'record.addendum'
                  AND l.detail LIKE 'addendum=' || addenda.id || ' %');
CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'addenda is append-only'); END;
"""

GUARDS_AND_CLAIMS = NO_REPLACE + CLAIMED_TIMES


# A person's other names (nicknames, other spellings: "Gosia", "JP"), a JSON list of text;
# redaction and search use them as they use the name and preferred name.
PEOPLE_OTHER_NAMES = """
ALTER TABLE people ADD COLUMN other_names TEXT NOT NULL DEFAULT '[]';
"""

# Search in every script (casebook/search.py): marks stay inside words (Arabic harakat,
# Thai vowels, Devanagari signs split words before), and a third column `grams` holds the
# runs of Chinese, Japanese, Korean, Thai ... as bigrams. The table is made again, empty;
# the setting asks Notebook.open to index every record again, in Python (the same
# service._index that keeps it up to date). A notebook without records needs nothing.
SEARCH_IN_EVERY_SCRIPT = f"""
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    body, folded, grams,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'", prefix = '1 2 3'
);
INSERT OR REPLACE INTO settings (name, value)
SELECT '{SEARCH_REBUILD_SETTING}', 'schema' WHERE EXISTS (SELECT 1 FROM records);
"""

# People no longer involved in a case (moved away, contact ended) and why a case was
# closed or reopened (casebook/involvement.py): beside the people and cases, whose rows
# stay as they were. The reasons are the practitioner's words; the audit log holds ids.
INVOLVEMENT_AND_CASE_STATUS = (
    """
CREATE TABLE person_involvement (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    ended TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_status_changes (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
"""
    + _append_only("case_status_changes")
    + _no_replace("case_status_changes", "id = NEW.id")
    + _no_replace("person_involvement", "person_id = NEW.person_id", "person_id")
)
# A record's location is the one the practitioner chose, or none: a left-out location was
# stored as 'other' ("Other setting"), a place nobody said. Stored values stay as they are
# (a defaulted 'other' cannot be told from a chosen one); a left-out location is now NULL.
# The final-record guard is lifted only while the column is moved (as CLAIMED_TIMES does).
LOCATION_LEFT_OUT = """
DROP TRIGGER records_final_no_update;
ALTER TABLE records RENAME COLUMN location TO location_before;
ALTER TABLE records ADD COLUMN location TEXT;
UPDATE records SET location = location_before;
ALTER TABLE records DROP COLUMN location_before;
CREATE TRIGGER records_final_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
"""

# Search shows the record's title once and a snippet of its text: the title, the names of
# the people involved and the tags move to a fourth column, `head`, found like the rest but
# never cut into snippets (they filled them: "Łukasz Łukasz Nguyễn Łukasz"). The index is
# made again, as SEARCH_IN_EVERY_SCRIPT does.
SEARCH_HEAD_APART = f"""
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    body, folded, grams, head,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'", prefix = '1 2 3'
);
INSERT OR REPLACE INTO settings (name, value)
SELECT '{SEARCH_REBUILD_SETTING}', 'schema' WHERE EXISTS (SELECT 1 FROM records);
"""

# The words of a record's choices ("Three Houses", "Developing") move from the body to the
# head (casebook/stores/search_index.py): found as before, but no longer the start of a
# snippet, nor run into the text beside them. Only the search index is written again.
SEARCH_CHOICES_IN_HEAD = f"""
INSERT OR REPLACE INTO settings (name, value)
SELECT '{SEARCH_REBUILD_SETTING}', 'schema' WHERE EXISTS (SELECT 1 FROM records);
"""

# Ordered: MIGRATIONS[i] takes user_version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    SCHEMA_V1,
    GUARDS_AND_CLAIMS,
    PEOPLE_OTHER_NAMES,
    SEARCH_IN_EVERY_SCRIPT,
    INVOLVEMENT_AND_CASE_STATUS,
    LOCATION_LEFT_OUT,
    SEARCH_HEAD_APART,
    RETENTION_AND_HOLD,
    EXPLANATIONS,
    LATE_ENTRIES,
    PROFESSIONAL_CONTACT_KIND,
    CASE_INTAKE,
    PERSON_DETAILS,
    EXPLANATIONS_UNDER_PERMIT,
    MARKS_EVENTS_SIGNIFICANCE,
    CHILDREN_SEEN_TOGETHER,
    RECORD_TEXT_LAST,
    SEARCH_CHOICES_IN_HEAD,
)
# The version from which imported addenda have audit entries and times are claims (found
# by content, so it holds wherever the migration ends up in the list).
CLAIMS_VERSION = MIGRATIONS.index(GUARDS_AND_CLAIMS) + 1
SCHEMA_VERSION = len(MIGRATIONS)
