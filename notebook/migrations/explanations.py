"""Words and pictures (issue 16): a child's explanation, saved as numbered versions, and
the days a version was shared with the child.

Both tables are append-only: a saved version never changes (a new one is saved instead),
and a day shared, once noted, stays. The words live here, encrypted with the rest of the
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
