"""A new data key (``passphrase change --rekey``) and a new recovery key (``recovery-key new``).

A passphrase change only rewraps the data key, so an old key file (every backup holds
one) and the old passphrase, or a recovery key that was seen, keep opening everything
written later. A rekey re-encrypts the database under a new key; these tests prove
that old secrets then open nothing new, that nothing is lost, and that a rekey cut off
at each step leaves a notebook that opens with the old or the new passphrase.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from casebook import keyfile
from casebook.errors import InvalidInput, NotebookDamaged, WriteFailed, WrongPassphrase
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
NEW = "a new passphrase after the laptop went missing"
MARKER = "WOMBAT-4410-AFTER-REKEY"


def _stdin(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def _content(notebook: Notebook) -> Any:
    return notebook.interchange.export_document(include_reflections=True, audit=False)


def _folder_with(tmp_path: Path, key_file: Path, database: Path, name: str) -> Path:
    """A notebook folder made of a given key file and database (as a thief could)."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(key_file, folder / KEY_FILE)
    shutil.copy(database, folder / DATABASE_FILE)
    return folder


# -- what a rekey promises -------------------------------------------------------------------


def test_after_a_rekey_an_old_key_file_and_the_old_passphrase_open_nothing_written_later(
    cli, notebook_path, tmp_path
):
    old_key_file = tmp_path / "old-key.json"  # what every earlier backup carries
    shutil.copy(notebook_path / KEY_FILE, old_key_file)

    rc, out, err = cli.nb(notebook_path, "passphrase", "change", "--rekey", stdin=_stdin(NEW, NEW))
    assert rc == 0, err
    assert "re-encrypted" in out
    rc, _, err = cli.nb(notebook_path, "reflect", "--text", MARKER, passphrase=NEW)
    assert rc == 0, err

    stolen = _folder_with(tmp_path, old_key_file, notebook_path / DATABASE_FILE, "stolen.casebook")
    with pytest.raises(NotebookDamaged):
        Notebook.open(stolen, PASSPHRASE)  # the old data key does not decrypt the new file
    with Notebook.open(notebook_path, NEW) as notebook:
        assert MARKER in [r.text for r in notebook.reflections.list()]


def test_a_plain_passphrase_change_leaves_the_old_key_file_working_so_rekey_is_needed(
    notebook_path, tmp_path
):
    # Why --rekey exists: without it the data key stays the same.
    old_key_file = tmp_path / "old-key.json"
    shutil.copy(notebook_path / KEY_FILE, old_key_file)
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        notebook.keys.change_passphrase(PASSPHRASE, NEW)
        notebook.reflections.add(MARKER)
    stolen = _folder_with(tmp_path, old_key_file, notebook_path / DATABASE_FILE, "s.casebook")
    with Notebook.open(stolen, PASSPHRASE) as opened:
        assert MARKER in [r.text for r in opened.reflections.list()]


def test_a_rekey_keeps_every_record_attachment_search_hit_and_the_audit_chain(notebook):
    before = _content(notebook)
    hits_before = [h.record_id for h in notebook.records.search("Lily")]
    head_before = notebook.audit.head()
    data_key_before = notebook._data_key

    recovery_key = notebook.keys.reencrypt(PASSPHRASE, NEW)

    assert notebook._data_key != data_key_before
    assert len(keyfile.parse_recovery_key(recovery_key)) == keyfile.RECOVERY_KEY_BYTES
    assert _content(notebook) == before
    assert [h.record_id for h in notebook.records.search("Lily")] == hits_before
    report = notebook.audit.verify()
    assert report.ok, report.problems
    assert notebook.audit.head().seq == head_before.seq + 1
    (action,) = notebook.database.query(
        "SELECT action FROM audit_log WHERE seq = ?", (head_before.seq + 1,)
    )[0]
    assert action == "notebook.rekey"
    notebook.reflections.add("written after the rekey")  # the new database takes writes
    assert notebook.audit.verify().ok
    assert sorted(p.name for p in notebook.folder.iterdir() if ".rekey" in p.name) == []


def test_after_a_rekey_only_the_new_passphrase_and_the_new_recovery_key_open_it(
    notebook_path, recovery_key
):
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        new_recovery_key = notebook.keys.reencrypt(PASSPHRASE, NEW)
    with pytest.raises(WrongPassphrase):
        Notebook.open(notebook_path, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Notebook.recover(notebook_path, recovery_key, "anything")
    Notebook.open(notebook_path, NEW).close()
    with Notebook.recover(notebook_path, new_recovery_key, PASSPHRASE) as notebook:
        assert notebook.audit.verify().ok


def test_a_rekey_with_the_wrong_current_passphrase_changes_nothing(notebook_path, folder_hashes):
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        with pytest.raises(WrongPassphrase):
            notebook.keys.reencrypt("not the passphrase", NEW)
        with pytest.raises(InvalidInput):
            notebook.keys.reencrypt(PASSPHRASE, "")
        before = {k: v for k, v in folder_hashes(notebook_path).items() if "notebook.db" not in k}
    after = {k: v for k, v in folder_hashes(notebook_path).items() if "notebook.db" not in k}
    assert after == before


def test_a_backup_made_before_a_rekey_still_opens_with_the_passphrase_it_had(
    notebook_path, tmp_path
):
    from casebook.backup import backup_notebook, verify_backup

    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        backup = backup_notebook(notebook, tmp_path / "before")
        notebook.keys.reencrypt(PASSPHRASE, NEW)
    assert verify_backup(backup, PASSPHRASE).records > 0
    with pytest.raises(WrongPassphrase):
        verify_backup(backup, NEW)


def test_rekey_keeps_the_passphrase_when_the_same_one_is_given(notebook_path):
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        notebook.keys.reencrypt(PASSPHRASE, PASSPHRASE)
    Notebook.open(notebook_path, PASSPHRASE).close()


# -- the recovery key ---------------------------------------------------------------------------


def test_recovery_key_new_shuts_out_the_old_recovery_key_and_prints_the_new_one_once(
    cli, notebook_path, recovery_key
):
    rc, out, err = cli.nb(notebook_path, "recovery-key", "new")
    assert rc == 0, err
    new_key = next(line.strip() for line in out.splitlines() if line.strip().count("-") == 7)
    assert new_key != recovery_key
    assert out.count(new_key) == 1
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=_stdin(recovery_key, NEW),
    )  # fmt: skip
    assert rc == 3
    assert "Wrong recovery key" in err
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=_stdin(new_key, NEW),
    )  # fmt: skip
    assert rc == 0, err
    with Notebook.open(notebook_path, NEW) as notebook:
        actions = [a for (a,) in notebook.database.query("SELECT action FROM audit_log")]
        assert "recovery_key.new" in actions
        assert notebook.audit.verify().ok


def test_recovery_key_new_needs_the_passphrase_and_a_wrong_one_changes_nothing(
    notebook, folder_hashes
):
    key_before = (notebook.folder / KEY_FILE).read_bytes()
    with pytest.raises(WrongPassphrase):
        notebook.keys.new_recovery_key("not the passphrase")
    assert (notebook.folder / KEY_FILE).read_bytes() == key_before


def test_passphrase_change_with_rekey_prints_the_new_recovery_key(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "passphrase", "change", "--rekey", stdin=_stdin(NEW, NEW))
    assert rc == 0, err
    (line,) = [line.strip() for line in out.splitlines() if line.strip().count("-") == 7]
    assert len(keyfile.parse_recovery_key(line)) == keyfile.RECOVERY_KEY_BYTES
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=_stdin(line, PASSPHRASE),
    )  # fmt: skip
    assert rc == 0, err


# -- cut off at every step ----------------------------------------------------------------------

CHILD = Path(__file__).with_name("proof_child.py")
CHILD_PASSPHRASES = ("crash-pass-A", "crash-pass-B")  # proof_child's old and new


def _opens_with(folder: Path) -> str:
    opened = []
    for passphrase in CHILD_PASSPHRASES:
        try:
            Notebook.open(folder, passphrase).close()
            opened.append(passphrase)
        except WrongPassphrase:
            pass
    assert len(opened) == 1, opened
    return opened[0]


@pytest.mark.parametrize(
    ("step", "opens_with"),
    [
        ("export", CHILD_PASSPHRASES[0]),
        ("staged audit entry", CHILD_PASSPHRASES[0]),
        ("stage", CHILD_PASSPHRASES[0]),
        ("temp key file", CHILD_PASSPHRASES[0]),
        ("commit", CHILD_PASSPHRASES[1]),
        ("database renamed", CHILD_PASSPHRASES[1]),
    ],
)
def test_a_rekey_killed_after_each_step_opens_with_old_or_new_passphrase_and_loses_nothing(
    notebook_path, step, opens_with
):
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        notebook.keys.change_passphrase(PASSPHRASE, CHILD_PASSPHRASES[0])
        before = _content(notebook)
    # The child stops dead (os._exit) right after the step: no close, no checkpoint.
    subprocess.run(
        [sys.executable, str(CHILD), "rekey-until", str(notebook_path), CHILD_PASSPHRASES[0],
         step],
        check=True, timeout=60,
    )  # fmt: skip
    assert _opens_with(notebook_path) == opens_with
    with Notebook.open(notebook_path, opens_with) as notebook:
        after = _content(notebook)
        assert after["cases"] == before["cases"]
        assert [r["text"] for r in after["reflections"]] == [
            *(r["text"] for r in before["reflections"]),
            "committed just before the rekey",
        ]
        assert notebook.database.integrity_errors() == []
        report = notebook.audit.verify()
        assert report.ok, report.problems
    assert [p.name for p in notebook_path.iterdir() if "rekey" in p.name] == []


def test_a_rekey_the_disk_refuses_before_its_commit_changes_nothing_and_keeps_working(
    notebook_path, monkeypatch
):
    def disk_full(*args, **kwargs):
        raise WriteFailed("the disk is full")

    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        before = _content(notebook)
        for target in ("casebook.rekey.write_key_file", "casebook.storage.Database.export_copy"):
            with monkeypatch.context() as patch:
                patch.setattr(target, disk_full)
                with pytest.raises(WriteFailed):
                    notebook.keys.reencrypt(PASSPHRASE, NEW)
            assert [p.name for p in notebook_path.iterdir() if "rekey" in p.name] == []
            assert _content(notebook) == before
            notebook.reflections.add(f"still writable after {target}")
            before = _content(notebook)
        assert notebook.audit.verify().ok
    Notebook.open(notebook_path, PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        Notebook.open(notebook_path, NEW)
