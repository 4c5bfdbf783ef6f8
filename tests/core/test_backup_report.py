"""Checking a backup reports what the backup holds (issue 19): its own audit entries
and head, not the entries that opening its scratch copy writes (the unlock, an
upgrade's)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from casebook.backup import backup_audit_head, backup_notebook, verify_backup
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
V1_BACKUP = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook-backup"


def _entries(notebook: Notebook) -> int:
    return int(notebook.database.query_one("SELECT count(*) FROM audit_log")[0])


def test_checking_a_backup_reports_the_audit_entries_and_head_the_backup_holds(
    notebook: Notebook, tmp_path: Path
) -> None:
    held, head = _entries(notebook), notebook.audit.head()
    written = backup_notebook(notebook, tmp_path / "b")
    report = verify_backup(written, PASSPHRASE)
    assert report.audit_entries == held
    assert report.audit_head == head == backup_audit_head(written)
    # Checking it again finds the same: the check wrote nothing the report counts.
    assert verify_backup(written, PASSPHRASE).audit_entries == held


def test_checking_a_backup_of_an_older_notebook_leaves_out_the_entries_its_upgrade_writes(
    tmp_path: Path,
) -> None:
    backup = tmp_path / "demo-v1.casebook-backup"
    shutil.copyfile(V1_BACKUP, backup)
    recorded = backup_audit_head(backup)
    report = verify_backup(backup, PASSPHRASE)
    assert recorded is not None
    assert report.audit_head == recorded
    assert report.audit_entries == recorded.seq


def test_backup_verify_on_the_command_line_gives_the_backups_own_count(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    assert cli.nb(notebook_path, "backup", tmp_path / "b")[0] == 0
    written = tmp_path / "b.casebook-backup"
    head = backup_audit_head(written)
    assert head is not None
    rc, out, err = cli.nb(notebook_path, "backup", "--verify", written)
    assert rc == 0, err
    assert f"{head.seq} audit entries" in out
    assert f"Audit head: entry {head.seq}, {head.hash}" in out
