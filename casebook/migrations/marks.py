"""Fact, hearsay and opinion (issue 14): marks in records, chronology events, significance.

- ``record_marks``: the passages of a record's free text marked observed, reported or
  opinion (:mod:`casebook.marks`). They are part of the record, so part of its content
  hash, and frozen with it like its other child rows.
- ``chronology_events``: what happened that is not a record (an arrest, a court hearing, a
  move of home), with its date, source and class. Never changed: an event entered in error
  is withdrawn (dated, with a reason), and stays in the database and the audit log.
- ``record_significance``: significance set after the fact, a dated annotation beside a
  record and outside its hash. Append-only: the newest annotation is the one that holds.

All three yield only to a deletion permit (``casebook.migrations.retention``, which comes
before this migration): a case deleted past retention goes with them.
"""

from __future__ import annotations

_MARK_FINAL = "(SELECT status FROM records WHERE id = {row}.record_id) = 'final'"
# A deletion permit for the case (casebook.migrations.retention): deleting a whole case
# past retention takes its marks, notes and events with it, and nothing else does.
_PERMIT_FOR_RECORD = (
    "EXISTS (SELECT 1 FROM deletion_permits p JOIN records r ON r.case_id = p.case_id"
    " WHERE r.id = OLD.record_id)"
)
_PERMIT_FOR_CASE = "EXISTS (SELECT 1 FROM deletion_permits p WHERE p.case_id = OLD.case_id)"

MARKS_EVENTS_SIGNIFICANCE = f"""
CREATE TABLE record_marks (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    field TEXT NOT NULL,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    class TEXT NOT NULL CHECK (class IN ('observed', 'reported', 'opinion')),
    source_key TEXT,
    source_name TEXT,
    told_to TEXT,
    told_at TEXT,
    basis TEXT
);
CREATE INDEX record_marks_by_record ON record_marks (record_id);
CREATE TRIGGER record_marks_final_no_insert BEFORE INSERT ON record_marks
WHEN {_MARK_FINAL.format(row="NEW")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER record_marks_final_no_update BEFORE UPDATE ON record_marks
WHEN {_MARK_FINAL.format(row="OLD")} OR {_MARK_FINAL.format(row="NEW")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER record_marks_final_no_delete BEFORE DELETE ON record_marks
WHEN {_MARK_FINAL.format(row="OLD")} AND NOT {_PERMIT_FOR_RECORD}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
CREATE TRIGGER record_marks_no_replace BEFORE INSERT ON record_marks
WHEN EXISTS (SELECT 1 FROM record_marks WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'record_marks: a row with this key exists; rows are never replaced');
END;

CREATE TABLE chronology_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    occurred TEXT NOT NULL,
    occurred_utc TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    class TEXT NOT NULL CHECK (class IN ('observed', 'reported', 'opinion')),
    significant INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_reason TEXT
);
CREATE INDEX chronology_events_by_case ON chronology_events (case_id, occurred_utc);
-- An event never changes; it can only be withdrawn, once.
CREATE TRIGGER chronology_events_no_update BEFORE UPDATE ON chronology_events
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id
  OR NEW.occurred IS NOT OLD.occurred OR NEW.occurred_utc IS NOT OLD.occurred_utc
  OR NEW.kind IS NOT OLD.kind OR NEW.description IS NOT OLD.description
  OR NEW.source IS NOT OLD.source OR NEW.class IS NOT OLD.class
  OR NEW.significant IS NOT OLD.significant OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a chronology event never changes; withdraw it'); END;
CREATE TRIGGER chronology_events_no_delete BEFORE DELETE ON chronology_events
WHEN NOT {_PERMIT_FOR_CASE}
BEGIN SELECT RAISE(ABORT, 'a chronology event is never deleted; withdraw it'); END;
CREATE TRIGGER chronology_events_no_replace BEFORE INSERT ON chronology_events
WHEN EXISTS (SELECT 1 FROM chronology_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'chronology_events: a row with this key exists; rows are never replaced');
END;

CREATE TABLE record_significance (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    significant INTEGER NOT NULL CHECK (significant IN (0, 1)),
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX record_significance_by_record ON record_significance (record_id, id);
CREATE TRIGGER record_significance_no_update BEFORE UPDATE ON record_significance
BEGIN SELECT RAISE(ABORT, 'record_significance is append-only'); END;
CREATE TRIGGER record_significance_no_delete BEFORE DELETE ON record_significance
WHEN {_MARK_FINAL.format(row="OLD")} AND NOT {_PERMIT_FOR_RECORD}
BEGIN SELECT RAISE(ABORT, 'record_significance is append-only'); END;
CREATE TRIGGER record_significance_no_replace BEFORE INSERT ON record_significance
WHEN EXISTS (SELECT 1 FROM record_significance WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'record_significance: a row with this key exists');
END;
"""
