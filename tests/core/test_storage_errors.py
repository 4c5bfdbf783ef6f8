"""Database errors are told apart by their SQLite result code, not by the words of their
message (issue 15): a full disk, a refused write, a damaged file and a refusal of the
product's own triggers each become the core's error; anything else stays a bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook import keyfile
from casebook.errors import CasebookError, NotebookDamaged, WriteFailed
from casebook.storage import (
    TRIGGER_REFUSALS,
    Database,
    FinalRecordViolation,
    known_error,
)


def _error(kind: type[sqlcipher.DatabaseError], code: int, message: str) -> sqlcipher.DatabaseError:
    """An error as sqlcipher raises it: its message and its result code."""
    error = kind(message)
    error.sqlite_errorcode = code
    return error


def _final_rowid(db: Database) -> int:
    return int(db.query_one("SELECT id FROM records WHERE status = 'final' LIMIT 1")[0])


def test_a_full_disk_is_a_write_failure(notebook) -> None:
    db = notebook.database
    pages = db.query_one("PRAGMA page_count")[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(WriteFailed, match="is full"), db.transaction() as tx:
        tx.execute("INSERT INTO settings (name, value) VALUES ('big', ?)", ("x" * 400_000,))


def test_a_read_only_connection_is_a_write_failure(notebook) -> None:
    db = notebook.database
    db.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(WriteFailed, match="could not be written"), db.transaction() as tx:
        tx.execute("INSERT INTO settings (name, value) VALUES ('x', 'y')")


def test_an_error_whose_words_speak_of_the_disk_stays_a_bug(notebook) -> None:
    for column in ("readonly", "disk_full", "read_only_disk_io_error"):
        with pytest.raises(sqlcipher.OperationalError) as caught:
            notebook.database.query(f"SELECT {column} FROM cases")
        assert not isinstance(caught.value, CasebookError)


def test_an_error_whose_words_speak_of_damage_stays_a_bug(notebook) -> None:
    for column in ("malformed", "corrupt", "hmac", "not_a_database"):
        with pytest.raises(sqlcipher.OperationalError) as caught:
            notebook.database.query(f"SELECT {column} FROM cases")
        assert not isinstance(caught.value, CasebookError)


def test_a_constraint_on_addenda_that_is_no_trigger_of_ours_stays_a_bug(notebook) -> None:
    db = notebook.database
    with pytest.raises(sqlcipher.IntegrityError) as caught, db.transaction() as tx:
        tx.execute(
            "INSERT INTO addenda (record_id, written_at, text) VALUES (?, '2026-01-01', NULL)",
            (_final_rowid(db),),
        )
    assert "NOT NULL" in str(caught.value)
    assert not isinstance(caught.value, CasebookError)


def test_every_refusal_of_our_triggers_is_a_final_record_violation(notebook) -> None:
    db = notebook.database
    rowid = _final_rowid(db)
    assert {"final record cannot be changed", "audit_log is append-only"} <= TRIGGER_REFUSALS
    with pytest.raises(FinalRecordViolation, match="final record"), db.transaction() as tx:
        tx.execute("UPDATE records SET location = 'office' WHERE id = ?", (rowid,))
    with pytest.raises(FinalRecordViolation, match="append-only"), db.transaction() as tx:
        tx.execute("DELETE FROM audit_log")
    with pytest.raises(FinalRecordViolation, match="never replaced"), db.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO records SELECT * FROM records WHERE id = ?", (rowid,))


def test_a_wrong_key_is_a_damaged_notebook(notebook) -> None:
    path = notebook.database.path
    notebook.close()
    with pytest.raises(NotebookDamaged):
        Database.open(path, b"\x01" * 32, page_hmac=keyfile.NEW_PAGE_HMAC)


@pytest.mark.parametrize(
    ("code", "message", "expected", "words"),
    [
        (sqlcipher.SQLITE_FULL, "database or disk is full", WriteFailed, "is full"),
        (sqlcipher.SQLITE_IOERR, "disk I/O error", WriteFailed, "could not be written"),
        (sqlcipher.SQLITE_IOERR | (2 << 8), "disk I/O error", WriteFailed, "written"),
        (sqlcipher.SQLITE_READONLY, "attempt to write a readonly database", WriteFailed,
         "could not be written"),
        (sqlcipher.SQLITE_CANTOPEN, "unable to open database file", WriteFailed,
         "could not be written"),
        (sqlcipher.SQLITE_NOTADB, "file is not a database", NotebookDamaged, "integrity"),
        (sqlcipher.SQLITE_CORRUPT, "database disk image is malformed", NotebookDamaged,
         "integrity"),
    ],
)  # fmt: skip
def test_each_result_code_gives_its_error(
    tmp_path: Path,
    code: int,
    message: str,
    expected: type[CasebookError],
    words: str,
) -> None:
    error = _error(sqlcipher.OperationalError, code, message)
    known = known_error(error, tmp_path / "notebook.db")
    assert type(known) is expected
    assert words in str(known)


def test_the_same_words_with_another_code_are_no_known_error(tmp_path: Path) -> None:
    for message in ("database or disk is full", "file is not a database", "disk I/O error"):
        error = _error(sqlcipher.OperationalError, sqlcipher.SQLITE_ERROR, message)
        assert known_error(error, tmp_path / "notebook.db") is None
    error = _error(sqlcipher.IntegrityError, sqlcipher.SQLITE_ERROR, "audit_log is append-only")
    assert known_error(error, tmp_path / "notebook.db") is None


def test_a_trigger_refusal_with_an_extended_code_is_a_final_record_violation(
    tmp_path: Path,
) -> None:
    constraint_trigger = sqlcipher.SQLITE_CONSTRAINT | (7 << 8)
    error = _error(sqlcipher.IntegrityError, constraint_trigger, "final record cannot be changed")
    known = known_error(error, tmp_path / "notebook.db")
    assert isinstance(known, FinalRecordViolation)
    unique = _error(sqlcipher.IntegrityError, sqlcipher.SQLITE_CONSTRAINT | (8 << 8), "x")
    assert known_error(unique, tmp_path / "notebook.db") is None
