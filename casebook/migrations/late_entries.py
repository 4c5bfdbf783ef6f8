"""Late entries judged by when a record was finalised or last really written (issue 17
item 8), not when its draft was started.

A record is a late entry when it was completed more than 24 hours after the event, by
Casebook's clock: a final record when it was finalised, a draft when a save last changed
what it says. ``records.last_written_at`` keeps that time of a draft's last real write
(NULL: never changed since it was started, so ``written_at``); opening, closing and
saving unchanged change nothing. A draft started on time and completed ten days later
is late.

Existing records: the last time a record's content was saved (``updated_at``) is the best
known time it was last written, and a final record's time of finalising is known. A record
those times make late is marked late; no mark is taken away. Imported records keep the
judgement by their claimed time. The final-record guard is lifted only while the derived
columns are set (as LOCATION_LEFT_OUT does): what a final record says, and its content
hash, are untouched.
"""

from __future__ import annotations

LATE_ENTRIES = """
ALTER TABLE records ADD COLUMN last_written_at TEXT;
DROP TRIGGER records_final_no_update;
UPDATE records SET last_written_at = updated_at
WHERE imported_at IS NULL AND unixepoch(updated_at) > unixepoch(written_at);
UPDATE records SET late = max(late, coalesce(
    unixepoch(coalesce(finalised_at, last_written_at, written_at)) - unixepoch(event_at)
    > 86400, 0))
WHERE imported_at IS NULL;
CREATE TRIGGER records_final_no_update BEFORE UPDATE ON records
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'final record cannot be changed'); END;
"""
