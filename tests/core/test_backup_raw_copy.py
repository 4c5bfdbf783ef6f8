"""Backups copy the notebook's encrypted file as it is (issue 19): consistent, opaque,
restorable, and backups made before still restore."""

from __future__ import annotations

import json
import shutil
import tarfile
import threading
import time
from pathlib import Path
from typing import Any

import blake3
import pytest

from casebook.backup import (
    backup_audit_head,
    backup_notebook,
    restore_backup,
    verify_backup,
)
from casebook.errors import NotebookDamaged, WriteFailed
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
V1_BACKUP = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook-backup"
NAMES = ("Łukasz", "Nguyễn", "Ольга", "محمد")


def _session(text: str) -> dict[str, Any]:
    return {
        "kind": "session",
        "event_at": "2026-03-06T14:00:00+00:00",
        "location": "office",
        "duration_minutes": 60,
        "people": ["p2"],
        "fields": {"session_type": "assessment", "purpose": text, "narrative": text},
    }


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, mode="r:") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def test_a_backup_holds_the_notebooks_encrypted_file_byte_for_byte(
    notebook: Notebook, tmp_path: Path
) -> None:
    notebook.records.create("C-1042", _session("Written just before the backup."))
    seen: list[bytes] = []

    def at_the_end_of_the_copy(done: int, total: int) -> None:
        if done == total and not seen:  # the lock is still held: the file as copied
            seen.append((notebook.folder / DATABASE_FILE).read_bytes())

    written = backup_notebook(notebook, tmp_path / "out" / "b", at_the_end_of_the_copy)
    members = _members(written)
    assert members[DATABASE_FILE] == seen[0]
    assert members[KEY_FILE] == (notebook.folder / KEY_FILE).read_bytes()
    manifest = json.loads(members["manifest.json"])
    assert manifest["copy"] == "raw"
    assert (manifest["format"], manifest["sum"]) == ("casebook-backup/2", "blake3")
    assert manifest["files"][DATABASE_FILE] == blake3.blake3(members[DATABASE_FILE]).hexdigest()
    assert manifest["files"][KEY_FILE] == blake3.blake3(members[KEY_FILE]).hexdigest()


def test_a_backup_holds_no_plaintext_of_the_notes_or_names(
    notebook: Notebook, tmp_path: Path
) -> None:
    marker = "quillonbrae " + " ".join(NAMES)
    record = notebook.records.create("C-1042", _session(marker))
    notebook.reflections.add("Reflection " + marker)
    written = backup_notebook(notebook, tmp_path / "b")
    data = written.read_bytes()
    for needle in (marker, "quillonbrae", "Mark Smith", record.id, *NAMES):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in data, (needle, encoding)


def test_a_raw_copy_backup_restores_opens_with_the_passphrase_and_its_audit_verifies(
    notebook: Notebook, tmp_path: Path
) -> None:
    record = notebook.records.create("C-1042", _session("Nguyễn Văn An came with Ольга."))
    written = backup_notebook(notebook, tmp_path / "b")
    head = notebook.audit.head()  # after the backup's own audit entry
    report = verify_backup(written, PASSPHRASE)
    assert report.audit_head is not None and report.audit_head.seq == head.seq - 1
    target = tmp_path / "restored.casebook"
    restore_backup(written, PASSPHRASE, target)
    with Notebook.open(target, PASSPHRASE) as restored:
        audit = restored.audit.verify()
        assert audit.ok, audit.problems
        narrative = restored.records.get(record.id).fields["narrative"]
        assert narrative == "Nguyễn Văn An came with Ольга."


def test_writes_made_while_a_backup_is_copied_are_wholly_in_it_or_wholly_out(
    notebook: Notebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook import backup_copy

    monkeypatch.setattr(backup_copy, "BLOCK", 4096)  # many blocks: the copy takes a while
    before = [notebook.records.create("C-1042", _session(f"Note {n} " * 200)).id for n in range(3)]
    during: list[str] = []
    writers: list[threading.Thread] = []

    def write() -> None:
        during.append(notebook.records.create("C-1042", _session("Written during. " * 200)).id)

    def copying(done: int, total: int) -> None:
        if not writers:  # the first block: start a write, which must wait for the copy
            writers.append(threading.Thread(target=write))
            writers[0].start()
            time.sleep(0.2)
        assert not during  # nothing is written while the copy goes on

    written = backup_notebook(notebook, tmp_path / "b", progress=copying)
    writers[0].join()
    assert len(during) == 1 and notebook.records.get(during[0]).fields["narrative"]
    target = tmp_path / "restored.casebook"
    restore_backup(written, PASSPHRASE, target)  # verifies pages, audit chain and anchor
    with Notebook.open(target, PASSPHRASE) as restored:
        held = {r.id for r in restored.records.list("C-1042")}
        assert set(before) <= held and during[0] not in held
        for n, uid in enumerate(before):
            assert restored.records.get(uid).fields["narrative"] == f"Note {n} " * 200
        assert restored.audit.verify().ok


def test_a_backup_refused_while_a_read_is_unfinished_says_so_and_leaves_no_file(
    notebook: Notebook, tmp_path: Path
) -> None:
    notebook.records.create("C-1042", _session("In the write-ahead log."))
    head = notebook.audit.head()
    cursor = notebook.database.conn.execute("SELECT uid FROM records")
    cursor.fetchone()  # a statement still reading: the checkpoint cannot complete
    try:
        with pytest.raises(WriteFailed, match="busy"):
            backup_notebook(notebook, tmp_path / "out" / "b")
    finally:
        cursor.close()
    assert list((tmp_path / "out").iterdir()) == []
    assert notebook.audit.head() == head


def test_a_backup_made_before_raw_copies_still_restores(tmp_path: Path) -> None:
    backup = tmp_path / "demo-v1.casebook-backup"
    shutil.copyfile(V1_BACKUP, backup)
    target = tmp_path / "restored.casebook"
    restore_backup(backup, PASSPHRASE, target)
    with Notebook.open(target, PASSPHRASE) as restored:
        assert restored.audit.verify().ok
        assert restored.cases.list()


def test_where_the_kernel_refuses_copy_file_range_the_backup_copies_by_read_and_write(
    notebook: Notebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    def refused(*args: Any, **kwargs: Any) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refused)
    record = notebook.records.create("C-1042", _session("Copied the slow way, Łukasz."))
    written = backup_notebook(notebook, tmp_path / "b")
    target = tmp_path / "restored.casebook"
    restore_backup(written, PASSPHRASE, target)
    with Notebook.open(target, PASSPHRASE) as restored:
        assert restored.records.get(record.id).fields["narrative"] == "Copied the slow way, Łukasz."


def _flip_a_byte_of_the_database(archive: Path) -> None:
    """Change one byte in the middle of the archive's copy of the database."""
    with tarfile.open(archive, mode="r:") as tar:
        member = tar.getmember(DATABASE_FILE)
    data = bytearray(archive.read_bytes())
    data[member.offset_data + member.size // 2] ^= 0x01
    archive.write_bytes(bytes(data))


@pytest.mark.parametrize("made", ["now (BLAKE3 sums)", "before issue 19 (SHA-256 sums)"])
def test_one_changed_byte_of_a_backups_database_is_found_by_its_sum(
    notebook: Notebook, tmp_path: Path, made: str
) -> None:
    if made.startswith("now"):
        backup = backup_notebook(notebook, tmp_path / "b")
    else:
        backup = tmp_path / "demo-v1.casebook-backup"
        shutil.copyfile(V1_BACKUP, backup)
    _flip_a_byte_of_the_database(backup)
    with pytest.raises(NotebookDamaged, match=r"notebook\.db in the backup is damaged"):
        backup_audit_head(backup)
    with pytest.raises(NotebookDamaged, match=r"notebook\.db in the backup is damaged"):
        verify_backup(backup, PASSPHRASE)
