"""Words and pictures (issue 16): a child's explanation, saved as numbered versions, and
the days a version was shared with the child.

Both tables are append-only: a saved version never changes (a new one is saved instead),
and a day shared, once noted, stays, until the case is deleted past retention (issue 14;
EXPLANATIONS_UNDER_PERMIT below). The words live here, encrypted with the rest of the
notebook; the audit log holds ids, version numbers and dates only.
"""

from __future__ import annotations


def _append_only(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""


EXPLANATIONS = (
    """
CREATE TABLE explanations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    words TEXT NOT NULL DEFAULT '',
    panels TEXT NOT NULL DEFAULT '[]',
    saved_at TEXT NOT NULL,
    UNIQUE (person_id, version)
);
CREATE TABLE explanation_shares (
    id INTEGER PRIMARY KEY,
    explanation_id INTEGER NOT NULL REFERENCES explanations(id),
    shared_on TEXT NOT NULL,
    noted_at TEXT NOT NULL,
    record_uid TEXT
);
"""
    + _append_only("explanations")
    + _append_only("explanation_shares")
)

# Whether a deletion permit exists for the case of the child a row is about.
_PERMIT_FOR_PERSON = (
    "EXISTS (SELECT 1 FROM deletion_permits d JOIN people p ON p.case_id = d.case_id"
    " WHERE p.id = {person_id})"
)
_PERMIT_FOR_VERSION = _PERMIT_FOR_PERSON.format(person_id="OLD.person_id")
_PERMIT_FOR_SHARE = _PERMIT_FOR_PERSON.format(
    person_id="(SELECT e.person_id FROM explanations e WHERE e.id = OLD.explanation_id)"
)

# Deleting a case past retention (issue 14) deletes its children's Words and pictures too:
# the guards against deleting a version or a day shared yield, like those of final records
# (RETENTION_AND_HOLD), only to a deletion permit for the child's case, which the deletion
# inserts and removes in its own transaction. Without one, both tables stay append-only.
EXPLANATIONS_UNDER_PERMIT = f"""
DROP TRIGGER explanations_no_delete;
CREATE TRIGGER explanations_no_delete BEFORE DELETE ON explanations
WHEN NOT {_PERMIT_FOR_VERSION}
BEGIN SELECT RAISE(ABORT, 'explanations is append-only'); END;
DROP TRIGGER explanation_shares_no_delete;
CREATE TRIGGER explanation_shares_no_delete BEFORE DELETE ON explanation_shares
WHEN NOT {_PERMIT_FOR_SHARE}
BEGIN SELECT RAISE(ABORT, 'explanation_shares is append-only'); END;
"""
