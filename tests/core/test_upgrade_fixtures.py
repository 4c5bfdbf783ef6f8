"""Notebooks, key files and backups written by earlier releases open with today's code."""

from __future__ import annotations

import shutil
from pathlib import Path

from casebook.backup import verify_backup
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1 = FIXTURES / "v1"


def _copy_v1(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    return folder


def test_version_1_notebook_opens_and_verifies(tmp_path: Path) -> None:
    with Notebook.open(_copy_v1(tmp_path), PASSPHRASE) as notebook:
        report = notebook.audit.verify()
        assert report.ok, report.problems
        assert report.final_records > 0
        cases = notebook.cases.list()
        assert cases
        finals = [r for c in cases for r in notebook.records.list(c.ref) if r.status == "final"]
        assert any(notebook.records.get(r.id).addenda for r in finals)
        assert notebook.reflections.list()


def test_version_1_notebook_takes_new_records_after_upgrade(tmp_path: Path) -> None:
    folder = _copy_v1(tmp_path)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        ref = notebook.cases.list()[0].ref
        record = notebook.records.create(
            ref, {"kind": "session", "event_at": "2026-12-01T10:00:00+00:00"}
        )
        notebook.records.finalise(record.id)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        assert notebook.audit.verify().ok


def test_version_1_notebook_unlocks_with_its_recovery_key(tmp_path: Path) -> None:
    recovery_key = (V1 / "RECOVERY_KEY.txt").read_text().strip()
    folder = _copy_v1(tmp_path)
    Notebook.recover(folder, recovery_key, "a brand new passphrase").close()
    Notebook.open(folder, "a brand new passphrase").close()


def test_version_1_backup_verifies(tmp_path: Path) -> None:
    backup = tmp_path / "demo-v1.casebook-backup"
    shutil.copyfile(V1 / "demo-v1.casebook-backup", backup)
    report = verify_backup(backup, PASSPHRASE)
    assert report.records > 0
    assert report.audit_entries > 0
