"""Retention rules, legal holds and deliberate deletion of a case (issue 14, part 3).

``case_retention`` holds a case's own rule (none: the notebook's default from settings);
``legal_holds`` the hold on a case, with the practitioner's reason and date.

A case past retention can be deleted, final records, addenda and all: the guards that
keep final records and addenda from being deleted stay on, but yield to a *permit*, a
row in ``deletion_permits`` that the deletion inserts and removes in its own transaction.
The database refuses a permit for a case under legal hold. The audit log itself has no
permit: its chain keeps a tombstone of the deleted case (casebook/stores/retention.py).
"""

from __future__ import annotations

# Whether a permit exists for the case of row ``{row}`` (a records row, or a row with a
# record_id / case_id).
_PERMIT_FOR_CASE = "EXISTS (SELECT 1 FROM deletion_permits p WHERE p.case_id = {row}.case_id)"
_PERMIT_FOR_RECORD = (
    "EXISTS (SELECT 1 FROM deletion_permits p JOIN records r ON r.case_id = p.case_id"
    " WHERE r.id = {row}.record_id)"
)
_FINAL_PARENT = "(SELECT status FROM records WHERE id = OLD.record_id) = 'final'"


def _child_guard(table: str) -> str:
    return f"""
DROP TRIGGER {table}_final_no_delete;
CREATE TRIGGER {table}_final_no_delete BEFORE DELETE ON {table}
WHEN {_FINAL_PARENT} AND NOT {_PERMIT_FOR_RECORD.format(row="OLD")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
"""


RETENTION_AND_HOLD = (
    """
CREATE TABLE case_retention (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    rule TEXT NOT NULL CHECK (rule IN ('closed', 'child')),
    years INTEGER NOT NULL CHECK (years BETWEEN 0 AND 150),
    set_at TEXT NOT NULL
);
CREATE TABLE legal_holds (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    reason TEXT NOT NULL,
    held_on TEXT NOT NULL,
    placed_at TEXT NOT NULL
);
-- No foreign key: the permit outlives nothing, but the case row goes before it does.
CREATE TABLE deletion_permits (case_id INTEGER PRIMARY KEY);
CREATE TRIGGER deletion_permits_not_on_hold BEFORE INSERT ON deletion_permits
WHEN EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'the case is under legal hold: nothing may be deleted'); END;
CREATE TRIGGER legal_holds_no_replace BEFORE INSERT ON legal_holds
WHEN EXISTS (SELECT 1 FROM legal_holds WHERE case_id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'legal_holds: a row with this key exists; rows are never replaced');
END;
"""
    + f"""
DROP TRIGGER records_final_no_delete;
CREATE TRIGGER records_final_no_delete BEFORE DELETE ON records
WHEN OLD.status = 'final' AND NOT {_PERMIT_FOR_CASE.format(row="OLD")}
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
DROP TRIGGER addenda_no_delete;
CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
WHEN NOT {_PERMIT_FOR_RECORD.format(row="OLD")}
BEGIN SELECT RAISE(ABORT, 'addenda is append-only'); END;
DROP TRIGGER case_status_changes_no_delete;
CREATE TRIGGER case_status_changes_no_delete BEFORE DELETE ON case_status_changes
WHEN NOT {_PERMIT_FOR_CASE.format(row="OLD")}
BEGIN SELECT RAISE(ABORT, 'case_status_changes is append-only'); END;
"""
    + _child_guard("record_people")
    + _child_guard("record_tags")
    + _child_guard("attachments")
    + _child_guard("actions")
)
