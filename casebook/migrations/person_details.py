"""A person's details (casebook/1.1, casebook.person_details): relationship to the child,
contact details, language and interpreter need, legal status and its conditions (bail,
SHPO, notification requirements) with the dates they run. One row per person, beside the
person's row; changes are audited (casebook.stores.person_details); never replaced.
"""

from __future__ import annotations

PERSON_DETAILS = """
CREATE TABLE person_details (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    relationship TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    interpreter_needed INTEGER NOT NULL DEFAULT 0,
    legal_status TEXT NOT NULL DEFAULT '',
    conditions TEXT NOT NULL DEFAULT '',
    conditions_from TEXT,
    conditions_until TEXT,
    updated_at TEXT NOT NULL
);
CREATE TRIGGER person_details_no_replace BEFORE INSERT ON person_details
WHEN EXISTS (SELECT 1 FROM person_details WHERE person_id = NEW.person_id)
BEGIN SELECT RAISE(ABORT, 'person_details: a row with this key exists; rows are never replaced');
END;
"""
