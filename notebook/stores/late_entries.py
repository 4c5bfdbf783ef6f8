"""When a record was completed, which judges whether it is a late entry: a final record
when it was finalised, a draft when it was last really written.

A save that changes what a draft says (its content as the content hash covers it) is a
real write: the time is kept as ``last_written_at`` and the late mark judged by it. A save
that changes nothing (an editor opened and closed) is not. Finalising judges the mark by
the time of finalising. Imported records keep the judgement by the time their document
claims. (notebook/migrations/late_entries.py)
"""

from __future__ import annotations

from typing import Any

from notebook import timeutil


def last_written(tx: Any, rowid: int) -> str:
    """When record ``rowid``'s words were last written (Casebook's clock)."""
    row = tx.execute(
        "SELECT coalesce(last_written_at, written_at) FROM records WHERE id = ?", (rowid,)
    ).fetchone()
    return str(row[0])


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
