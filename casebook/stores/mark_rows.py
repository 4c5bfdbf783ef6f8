"""Writing and reading a record's marks (:mod:`casebook.marks`): ``record_marks``.

Marks are child rows of a record, written with its other children
(:func:`casebook.stores.record_rows.write_children`) and covered by its content hash
(:func:`casebook.stores.record_rows.stored_content`); the database freezes them with a
final record (``casebook.migrations.marks``). Functions of the caller's transaction or
connection (anything with ``execute``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casebook import marks as mk

COLUMNS = 'field, start, "end", class, source_key, source_name, told_to, told_at, basis'
# A record's marks in the order they were given (field by field, text order).
SELECT_SQL = f"SELECT {COLUMNS} FROM record_marks WHERE record_id = ? ORDER BY position"


def write_marks(tx: Any, rowid: int, marks: Iterable[mk.Mark]) -> None:
    """Insert a record's marks (the caller deleted the old ones of a draft)."""
    tx.executemany(
        f"INSERT INTO record_marks (record_id, position, {COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rowid, i, m.field, m.start, m.end, m.cls, m.source_key, m.source_name, m.told_to,
             m.told_at, m.basis)
            for i, m in enumerate(marks)
        ],
    )  # fmt: skip


def marks_of(rows: Iterable[Any]) -> list[mk.Mark]:
    """Marks from rows of :data:`SELECT_SQL`."""
    return [mk.Mark(*row) for row in rows]


def read_marks(conn: Any, rowid: int) -> list[mk.Mark]:
    """A record's marks in the order they were given (field by field, text order)."""
    return marks_of(conn.execute(SELECT_SQL, (rowid,)).fetchall())


def hashed_spans(conn: Any, rowid: int) -> dict[str, list[dict[str, Any]]]:
    """What a final record's content hash covers of its marks (empty: none)."""
    return mk.spans_document(read_marks(conn, rowid))
