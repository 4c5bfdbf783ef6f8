"""When a record was completed, which judges whether it is a late entry: a final record
when it was finalised, a draft when it was last really written.

A save that changes what a draft says (its content as the content hash covers it) is a
real write: the time is kept as ``last_written_at`` and the late mark judged by it. A save
that changes nothing (an editor opened and closed) is not. Finalising judges the mark by
the time of finalising. Imported records keep the judgement by the time their document
claims. (casebook/migrations/late_entries.py)
"""

from __future__ import annotations

import json
from typing import Any

from casebook import timeutil
from casebook.record import RecordInput, hashed_fields


def rewritten(before: dict[str, Any], record: RecordInput) -> dict[str, Any]:
    """What the content hash would cover once ``record`` replaces a draft's content
    ``before`` (``record_rows.stored_content``; its id, written time and attachments stay),
    as reading it back would give it: compared with ``before``, whether a save is a real
    write, without reading the draft again."""
    return {
        **before,
        "event_at": record.event_at,
        "location": record.location,
        "duration_minutes": record.duration_minutes,
        "people": list(record.people),
        "tags": list(record.tags),
        "significant": bool(record.significant),
        # As the hash covers them: fields added later only when they hold something.
        "fields": hashed_fields(
            record.kind, json.loads(json.dumps(record.fields, ensure_ascii=False))
        ),
        "actions": [{"text": a.text, "due": a.due} for a in record.actions],
    }


def note_written(tx: Any, rowid: int, event_at: str, now: str) -> None:
    """Record ``rowid`` was really written ``now``: keep the time, judge late by it."""
    tx.execute(
        "UPDATE records SET last_written_at = ?, late = ? WHERE id = ?",
        (now, int(timeutil.is_late(event_at, now)), rowid),
    )


def judge_at_finalising(tx: Any, rowid: int, finalised_at: str) -> None:
    """Draft ``rowid`` is being finalised at ``finalised_at``: judge its late mark by that
    time (an imported record keeps the judgement by its claimed time)."""
    row = tx.execute(
        "SELECT event_at FROM records WHERE id = ? AND imported_at IS NULL AND status = 'draft'",
        (rowid,),
    ).fetchone()
    if row is not None:
        tx.execute(
            "UPDATE records SET late = ? WHERE id = ?",
            (int(timeutil.is_late(row[0], finalised_at)), rowid),
        )
