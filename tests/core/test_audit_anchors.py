"""The audit head is anchored outside the notebook: backups and signed summaries keep it,
`audit verify --against` checks it, and unlocking shows the last entry, so entries cut
from the end of the log (which leave a whole chain) are noticed."""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

import pytest

from casebook import backup as backups
from casebook.backup import backup_notebook, verify_backup
from casebook.domain import AuditHead
from casebook.errors import VerificationFailed
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def _cut_the_log_after(folder: Path, seq: int) -> None:
    """What someone holding the passphrase can do: remove entries from the end. The chain
    that is left is whole, so the log alone cannot tell."""
    with Notebook.open(folder, PASSPHRASE) as nb:
        conn = nb.database.conn
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (seq,))
        conn.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def _import_seq(folder: Path) -> int:
    """The entry that ends the sample caseload's import (every later one is an unlock,
    a backup or a summary: removing them leaves every record's entries in place)."""
    with Notebook.open(folder, PASSPHRASE) as nb:
        return int(
            nb.database.query_one("SELECT seq FROM audit_log WHERE action = 'notebook.import'")[0]
        )


def _work_a_while(folder: Path) -> None:
    """Some work after the import: the practitioner adds three reflections."""
    with Notebook.open(folder, PASSPHRASE) as nb:
        for n in range(3):
            nb.reflections.add(f"Reflection {n}.")


def _head_seq(folder: Path) -> int:
    nb = Notebook.open(folder, PASSPHRASE)
    nb.close()
    return nb.audit.head().seq


def test_a_backup_records_the_audit_head_and_verifying_it_reports_that_head(notebook, tmp_path):
    head = notebook.audit.head()
    out = backup_notebook(notebook, tmp_path / "nb")
    assert backups.backup_audit_head(out) == head == _manifest_head(out)
    assert verify_backup(out, PASSPHRASE).audit_head == head
    # The backup's own event comes after the head it recorded.
    assert notebook.audit.head().seq == head.seq + 1


def test_verify_backup_refuses_a_manifest_whose_head_is_not_in_the_backups_log(notebook, tmp_path):
    out = backup_notebook(notebook, tmp_path / "nb")
    _rewrite_manifest(out, lambda m: m["audit_head"].update(hash="0" * 64))
    with pytest.raises(VerificationFailed, match="differs from the one the manifest recorded"):
        verify_backup(out, PASSPHRASE)


def test_audit_verify_against_a_backup_passes_while_the_log_holds_its_head(
    cli, notebook_path, tmp_path
):
    assert cli.nb(notebook_path, "backup", tmp_path / "nb")[0] == 0
    backup = tmp_path / "nb.casebook-backup"
    rc, out, err = cli.nb(notebook_path, "audit", "verify", "--against", backup)
    assert rc == 0, err
    assert f"still holds the audit head of {backup}" in out


def test_audit_verify_against_a_backup_finds_entries_cut_from_the_end(cli, notebook_path, tmp_path):
    _work_a_while(notebook_path)
    assert cli.nb(notebook_path, "backup", tmp_path / "nb")[0] == 0
    backup = tmp_path / "nb.casebook-backup"
    head = _manifest_head(backup)
    cut = _import_seq(notebook_path)
    assert head is not None and head.seq > cut + 2
    _cut_the_log_after(notebook_path, cut)
    # The shorter chain is whole: the log alone verifies ...
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, err
    # ... the head kept in the backup does not.
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", backup)
    assert rc == 8
    assert f"the backup was made when the audit log reached entry {head.seq}" in err
    assert "entries were removed from its end" in err
    assert "Traceback" not in err


def test_audit_verify_against_a_backup_finds_a_rewritten_tail(cli, notebook_path, tmp_path):
    assert cli.nb(notebook_path, "backup", tmp_path / "nb")[0] == 0
    backup = tmp_path / "nb.casebook-backup"
    head = _manifest_head(backup)
    assert head is not None
    _cut_the_log_after(notebook_path, head.seq - 2)
    # New entries take the numbers the removed ones had, with other hashes.
    while _head_seq(notebook_path) < head.seq:
        pass
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", backup)
    assert rc == 8
    assert f"audit entry {head.seq} differs from the one the backup recorded" in err


def test_audit_verify_against_a_signed_summary_finds_entries_cut_from_the_end(
    cli, notebook_path, tmp_path
):
    summary = tmp_path / "supervision.pdf"
    _work_a_while(notebook_path)
    rc, _, err = cli.nb(notebook_path, "summary", "--case", "C-1042", "-o", summary)
    assert rc == 0, err
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", summary)
    assert rc == 0, err
    _cut_the_log_after(notebook_path, _import_seq(notebook_path))
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", summary)
    assert rc == 8
    assert "the summary was made when the audit log reached entry" in err
    assert "entries were removed from its end" in err


def test_audit_verify_against_a_backup_with_no_head_fails_with_exit_8(
    cli, notebook, tmp_path, notebook_path
):
    out = backup_notebook(notebook, tmp_path / "nb")
    notebook.close()
    _rewrite_manifest(out, lambda m: m.pop("audit_head"))
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", out)
    assert rc == 8
    assert "the backup carries no audit head" in err


def test_audit_verify_against_a_file_that_is_neither_exits_6(cli, notebook_path, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("not an anchor", encoding="utf-8")
    rc, _, err = cli.nb(notebook_path, "audit", "verify", "--against", other)
    assert rc == 6
    assert "neither a signed summary" in err


def test_case_list_shows_the_last_audit_entry_before_the_command(cli, notebook_path):
    seq = _head_seq(notebook_path)
    rc, out, err = cli.nb(notebook_path, "case", "list")
    assert rc == 0, err
    footer = out.splitlines()[-1]
    assert re.fullmatch(
        rf"Audit log: last entry {seq:,}, \d{{4}}-\d\d-\d\d \d\d:\d\d \(before this command\)",
        footer,
    ), footer
    # After entries are cut from the end, the number shown goes back.
    cut = _import_seq(notebook_path)
    _cut_the_log_after(notebook_path, cut)
    rc, out, _ = cli.nb(notebook_path, "case", "list")
    assert out.splitlines()[-1].startswith(f"Audit log: last entry {cut:,}, ")


def _manifest_head(path: Path) -> AuditHead:
    with tarfile.open(path, "r:") as tar:
        head = json.load(tar.extractfile("manifest.json"))["audit_head"]
    return AuditHead(head["seq"], head["hash"])


def _rewrite_manifest(path: Path, change) -> None:
    with tarfile.open(path, "r:") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
