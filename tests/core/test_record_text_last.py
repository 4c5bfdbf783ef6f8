"""A record's text is the last column of its row (issue 19): what a search hit or a line of
a record list reads comes before it, so SQLite never reads the text's overflow pages for
them. The rebuild that put it there keeps every value, id and guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.demo import create_demo_notebook
from casebook.schema import SCHEMA_VERSION
from casebook.storage import FinalRecordViolation

PASSPHRASE = "correct horse battery staple"


def _columns(conn) -> list[str]:
    return [row[1] for row in conn.execute("PRAGMA table_info(records)")]


def _rows(conn) -> dict[int, dict[str, object]]:
    cursor = conn.execute("SELECT * FROM records ORDER BY id")
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def test_a_records_text_is_the_last_column_of_its_row(notebook) -> None:
    columns = _columns(notebook.database.conn)
    assert columns[-1] == "fields"
    assert {"imported_at", "about_more", "late", "status", "kind"} < set(columns[:-1])


def test_the_rebuild_keeps_every_value_id_and_guard_of_the_records(tmp_path: Path) -> None:
    notebook, _ = create_demo_notebook(tmp_path / "demo", PASSPHRASE)
    db = notebook.database
    conn = db.conn
    before = _rows(conn)
    assert any(r["imported_at"] for r in before.values())
    assert any(r["about_more"] for r in before.values())
    final = next(i for i, r in before.items() if r["status"] == "final")

    # The last migration again, by the path an upgrade takes.
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db._migrate(SCHEMA_VERSION - 1)

    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert _columns(conn)[-1] == "fields"
    assert _rows(conn) == before
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(FinalRecordViolation), db.transaction() as tx:
        tx.execute("UPDATE records SET fields = '{}' WHERE id = ?", (final,))
    report = notebook.audit.verify()
    assert report.ok, report.problems
    assert notebook.records.search("Zofia")
    notebook.close()
