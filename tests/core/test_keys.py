"""Keys: the passphrase is decided by the key file alone; damage is never a wrong passphrase."""

from __future__ import annotations

import base64
import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

import pytest

from casebook import keyfile
from casebook.domain import Practitioner
from casebook.errors import NotebookDamaged, WriteFailed, WrongPassphrase
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.service import Notebook
from casebook.storage import SQLCIPHER_PAGE_SIZE

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a much longer new passphrase, ünïcödé too"
WRONG = "correct horse battery stapler"


def _flip(path: Path, offset: int, mask: int = 0x01) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


def _assert_damage_message(stderr: str, file_name: str) -> None:
    assert file_name in stderr
    assert "damaged" in stderr
    assert "backup" in stderr
    assert "Wrong passphrase" not in stderr
    assert "new notebook" not in stderr.lower()
    assert "Traceback" not in stderr


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed notebook whose database spans hundreds of pages, mostly attachment data.

    Attachments dominate the file, so a byte in the middle of it belongs to data that
    ``export-json`` reads, as well as to a page that ``audit verify`` checks.
    """
    folder = tmp_path_factory.mktemp("big") / "big.casebook"
    nb, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Sam", "", ""))
    records = [
        {
            "kind": "session",
            "event_at": f"2026-03-{1 + i % 28:02d}T10:00:00+00:00",
            "status": "final" if i % 2 else "draft",
            "fields": {"narrative": f"Session {i}."},
            "attachments": [
                {
                    "name": f"scan-{i}.bin",
                    "media_type": "application/octet-stream",
                    "data_base64": base64.b64encode(secrets.token_bytes(40_000)).decode("ascii"),
                }
            ],
        }
        for i in range(40)
    ]
    nb.interchange.import_document(
        {"format": "casebook/1", "cases": [{"ref": "C-1", "records": records}]}
    )
    nb.close()  # checkpoints the WAL into the database file
    assert not (folder / (DATABASE_FILE + "-wal")).exists()
    assert (folder / DATABASE_FILE).stat().st_size > 300 * SQLCIPHER_PAGE_SIZE
    return folder


@pytest.fixture
def big_notebook(big_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the big notebook."""
    return Path(shutil.copytree(big_template, tmp_path / "big.casebook"))


# -- wrong passphrase ------------------------------------------------------------------------


def test_wrong_passphrase_gives_exit_3_and_says_so(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "case", "list", passphrase=WRONG)
    assert rc == 3
    assert "Wrong passphrase" in err
    assert out == ""
    assert "Traceback" not in err


def test_wrong_passphrase_is_recognised_from_the_key_file_alone(cli, notebook_path, monkeypatch):
    # The database is not even consulted: replace it with garbage, still exit 3.
    db = notebook_path / DATABASE_FILE
    db.write_bytes(secrets.token_bytes(db.stat().st_size))
    rc, _, err = cli.nb(notebook_path, "case", "list", passphrase=WRONG)
    assert rc == 3
    assert "Wrong passphrase" in err

    def must_not_open(*args, **kwargs):
        raise AssertionError("the database was opened before the passphrase was checked")

    monkeypatch.setattr("casebook.service.Database.open", must_not_open)
    with pytest.raises(WrongPassphrase):
        Notebook.open(notebook_path, WRONG)


def test_twenty_wrong_passphrases_leave_every_byte_of_the_folder_unchanged(
    cli, notebook_path, folder_hashes
):
    before = folder_hashes(notebook_path)
    assert set(map(os.path.basename, before)) >= {DATABASE_FILE, KEY_FILE, "lock"}
    commands = [
        ("case", "list"), ("audit", "verify"), ("export-json",),
        ("record", "show", "rec-b-session"),
        ("search", "Lily"), ("reflect", "--text", "x"), ("passphrase", "change"),
        ("record", "finalise", "rec-session-draft"), ("case", "show", "C-1042"), ("actions",),
    ]  # fmt: skip
    for attempt in range(20):
        command = commands[attempt % len(commands)]
        rc, _, err = cli.nb(
            notebook_path, *command, passphrase=f"{WRONG} {attempt}", stdin="new\nnew\n"
        )
        assert (rc, "Wrong passphrase" in err) == (3, True), (command, err)
    assert folder_hashes(notebook_path) == before


def test_wrong_passphrases_while_the_notebook_is_open_change_no_file(notebook, folder_hashes):
    # The WAL and shared-memory files exist now; they must not change either.
    notebook.reflections.add("something to put in the WAL")
    names = {p.name for p in notebook.folder.iterdir()}
    assert DATABASE_FILE + "-wal" in names
    before = folder_hashes(notebook.folder)
    for attempt in range(20):
        with pytest.raises(WrongPassphrase):
            Notebook.open(notebook.folder, f"{WRONG} {attempt}")
    assert folder_hashes(notebook.folder) == before


# -- a damaged database ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("audit", "verify"), ("export-json",)])
def test_flipped_byte_in_the_middle_of_the_database_gives_exit_4_not_3(cli, big_notebook, command):
    db = big_notebook / DATABASE_FILE
    _flip(db, db.stat().st_size // 2 + 123)
    rc, _, err = cli.nb(big_notebook, *command)
    assert rc == 4, err
    _assert_damage_message(err, DATABASE_FILE)


def test_flipped_byte_in_the_first_page_gives_exit_4_not_3(cli, notebook_path):
    _flip(notebook_path / DATABASE_FILE, 200)
    rc, _, err = cli.nb(notebook_path, "case", "list")
    assert rc == 4
    _assert_damage_message(err, DATABASE_FILE)


@pytest.mark.parametrize(
    "new_size",
    [lambda size: size - 100, lambda size: size // 2 // SQLCIPHER_PAGE_SIZE * SQLCIPHER_PAGE_SIZE,
     lambda size: 0],
    ids=["mid-page", "half-the-pages", "empty"],
)  # fmt: skip
def test_truncated_database_gives_exit_4_naming_the_file(cli, big_notebook, new_size):
    db = big_notebook / DATABASE_FILE
    with open(db, "r+b") as f:
        f.truncate(new_size(db.stat().st_size))
    rc, _, err = cli.nb(big_notebook, "audit", "verify")
    assert rc == 4
    _assert_damage_message(err, DATABASE_FILE)


def test_missing_database_gives_exit_4_naming_the_file(cli, notebook_path):
    (notebook_path / DATABASE_FILE).unlink()
    rc, _, err = cli.nb(notebook_path, "case", "list")
    assert rc == 4
    _assert_damage_message(err, DATABASE_FILE)


# -- a damaged key file --------------------------------------------------------------------------


def _flip_middle(path: Path) -> None:
    _flip(path, path.stat().st_size // 2)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _garbage(path: Path) -> None:
    path.write_bytes(secrets.token_bytes(600))


def _delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [_flip_middle, _truncate, _empty, _garbage, _delete])
def test_damaged_key_file_gives_exit_4_naming_the_key_file(cli, notebook_path, damage):
    damage(notebook_path / KEY_FILE)
    for passphrase in (PASSPHRASE, WRONG):
        rc, _, err = cli.nb(notebook_path, "case", "list", passphrase=passphrase)
        assert rc == 4, err
        _assert_damage_message(err, KEY_FILE)


def test_any_single_byte_change_to_the_key_file_is_damage_never_a_wrong_passphrase(notebook_path):
    path = notebook_path / KEY_FILE
    original = path.read_bytes()
    for offset in range(len(original)):
        for mask in (0x01, 0x20, 0x80):
            damaged = bytearray(original)
            damaged[offset] ^= mask
            path.write_bytes(bytes(damaged))
            with pytest.raises(NotebookDamaged) as info:
                Notebook.open(notebook_path, PASSPHRASE)
            assert KEY_FILE in str(info.value)
    path.write_bytes(original)
    Notebook.open(notebook_path, PASSPHRASE).close()


# -- changing the passphrase ----------------------------------------------------------------------


def _data_key(folder: Path, passphrase: str) -> bytes:
    return keyfile.unlock_with_passphrase(keyfile.read_key_file(folder / KEY_FILE), passphrase)


def test_changing_the_passphrase_rewrites_only_the_key_file(notebook, folder_hashes):
    folder = notebook.folder
    key_before = (folder / KEY_FILE).read_bytes()
    db_before = folder_hashes(folder)[str(folder / DATABASE_FILE)]
    data_key = _data_key(folder, PASSPHRASE)

    notebook.keys.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)

    assert (folder / KEY_FILE).read_bytes() != key_before
    # The database file itself is not rewritten (the audit entry waits in the WAL) ...
    assert folder_hashes(folder)[str(folder / DATABASE_FILE)] == db_before
    # ... and it is not re-encrypted: the same data key opens it.
    assert _data_key(folder, NEW_PASSPHRASE) == data_key
    with pytest.raises(WrongPassphrase):
        _data_key(folder, PASSPHRASE)


def test_passphrase_change_on_the_cli_leaves_the_database_encrypted_as_it_was(cli, big_notebook):
    db = big_notebook / DATABASE_FILE
    before = db.read_bytes()
    data_key = _data_key(big_notebook, PASSPHRASE)

    rc, out, err = cli.nb(big_notebook, "passphrase", "change", stdin=f"{NEW_PASSPHRASE}\n")
    assert rc == 0, err
    assert "Passphrase changed" in out

    assert _data_key(big_notebook, NEW_PASSPHRASE) == data_key
    after = db.read_bytes()
    pages = len(before) // SQLCIPHER_PAGE_SIZE
    changed = sum(
        before[i * SQLCIPHER_PAGE_SIZE : (i + 1) * SQLCIPHER_PAGE_SIZE]
        != after[i * SQLCIPHER_PAGE_SIZE : (i + 1) * SQLCIPHER_PAGE_SIZE]
        for i in range(pages)
    )
    # Only the pages the audit entries touch were written; re-encryption changes them all.
    print(f"passphrase change: {changed} of {pages} database pages rewritten")
    assert changed <= 8, f"{changed} of {pages} pages changed"


def test_old_passphrase_fails_with_exit_3_after_a_change(cli, notebook_path):
    rc, _, err = cli.nb(notebook_path, "passphrase", "change", stdin=f"{NEW_PASSPHRASE}\n")
    assert rc == 0, err
    rc, _, err = cli.nb(notebook_path, "case", "list")
    assert rc == 3
    assert "Wrong passphrase" in err
    rc, out, _ = cli.nb(notebook_path, "case", "list", passphrase=NEW_PASSPHRASE)
    assert rc == 0
    assert "C-1042" in out


def test_passphrase_change_with_a_wrong_old_passphrase_changes_nothing(
    cli, notebook_path, folder_hashes
):
    before = folder_hashes(notebook_path)
    rc, _, _ = cli.nb(
        notebook_path, "passphrase", "change", passphrase=WRONG, stdin=f"{NEW_PASSPHRASE}\n"
    )
    assert rc == 3
    assert folder_hashes(notebook_path) == before


def test_empty_new_passphrase_is_refused(notebook):
    from casebook.errors import InvalidInput

    with pytest.raises(InvalidInput):
        notebook.keys.change_passphrase(PASSPHRASE, "")


# -- the recovery key ------------------------------------------------------------------------------


def test_recovery_key_sets_a_new_passphrase(cli, notebook_path, recovery_key):
    rc, out, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=f"{recovery_key}\n{NEW_PASSPHRASE}\n",
    )  # fmt: skip
    assert rc == 0, err
    assert "new passphrase is set" in out
    assert cli.nb(notebook_path, "case", "list", passphrase=NEW_PASSPHRASE)[0] == 0
    assert cli.nb(notebook_path, "case", "list")[0] == 3


def test_recovery_key_works_typed_in_lowercase_with_spaces(cli, notebook_path, recovery_key):
    typed = recovery_key.lower().replace("-", " ")
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=f"  {typed}  \n{NEW_PASSPHRASE}\n",
    )  # fmt: skip
    assert rc == 0, err
    assert cli.nb(notebook_path, "case", "list", passphrase=NEW_PASSPHRASE)[0] == 0


def test_wrong_recovery_key_gives_exit_3_and_changes_nothing(
    cli, notebook_path, recovery_key, folder_hashes
):
    before = folder_hashes(notebook_path)
    wrong = keyfile.format_recovery_key(secrets.token_bytes(keyfile.RECOVERY_KEY_BYTES))
    assert wrong != recovery_key
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=f"{wrong}\n{NEW_PASSPHRASE}\n",
    )  # fmt: skip
    assert rc == 3
    assert "Wrong recovery key" in err
    assert folder_hashes(notebook_path) == before


def test_recovery_key_is_eight_groups_of_four(recovery_key):
    groups = recovery_key.split("-")
    assert [len(g) for g in groups] == [4] * 8
    assert keyfile.parse_recovery_key(recovery_key) == keyfile.parse_recovery_key(
        recovery_key.lower().replace("-", "  ")
    )


# -- atomic key file writes ------------------------------------------------------------------


def test_key_file_is_written_atomically_with_owner_only_mode(notebook):
    folder = notebook.folder
    notebook.keys.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not [p.name for p in folder.iterdir() if p.name.startswith(f".{KEY_FILE}")]


def test_failed_key_file_write_keeps_the_old_key_file_and_leaves_no_temp_file(
    notebook, monkeypatch
):
    folder = notebook.folder
    before = (folder / KEY_FILE).read_bytes()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("casebook.atomic.os.replace", disk_full)
    with pytest.raises(WriteFailed) as info:
        notebook.keys.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert "full" in str(info.value)
    monkeypatch.undo()
    assert (folder / KEY_FILE).read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        n
        for n in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", KEY_FILE, "lock")
        if (folder / n).exists()
    )
    assert _data_key(folder, PASSPHRASE)


def test_new_notebook_folder_and_files_are_owner_only(tmp_path):
    folder = tmp_path / "fresh.casebook"
    nb, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Sam", "", ""))
    try:
        nb.reflections.add("something for the WAL")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for name in (KEY_FILE, "lock", DATABASE_FILE, DATABASE_FILE + "-wal"):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    finally:
        nb.close()
    shutil.rmtree(folder)


def test_creating_over_an_existing_notebook_is_refused(notebook_path, folder_hashes):
    from casebook.errors import InvalidInput

    before = folder_hashes(notebook_path)
    with pytest.raises(InvalidInput):
        Notebook.create(notebook_path, "other", Practitioner("Sam", "", ""))
    assert folder_hashes(notebook_path) == before


# -- the scrypt cost a key file names is bounded (issue 12, item 9) ---------------------------


def _edit_kdf(path: Path, **kdf: object) -> None:
    """Change the key file's scrypt parameters and recompute its checksum, as an attacker can."""
    import hashlib
    import json

    body = json.loads(path.read_text())
    body.pop("checksum")
    body["passphrase"]["kdf"].update(kdf)
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    body["checksum"] = hashlib.sha256(canonical).hexdigest()
    path.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n")


def test_key_file_edited_down_to_scrypt_n_2_is_refused_by_passphrase_recover(
    cli, notebook_path, recovery_key, folder_hashes
):
    _edit_kdf(notebook_path / KEY_FILE, n=2)
    before = folder_hashes(notebook_path)
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
        stdin=f"{recovery_key}\n{NEW_PASSPHRASE}\n",
    )  # fmt: skip
    assert rc == 4, err
    _assert_damage_message(err, KEY_FILE)
    assert "weaker than Casebook allows" in err
    assert folder_hashes(notebook_path) == before


def test_key_file_below_the_scrypt_floor_is_refused_before_any_kdf_runs_without_the_test_switch(
    notebook_path, monkeypatch
):
    # The suite's notebooks use n=2^10: readable only while CASEBOOK_KDF_COST=test is set.
    monkeypatch.delenv(keyfile.KDF_COST_ENV)

    def no_kdf(*args, **kwargs):
        raise AssertionError("scrypt ran on parameters that should have been refused")

    monkeypatch.setattr(keyfile.ScryptParams, "derive", no_kdf)
    with pytest.raises(NotebookDamaged, match="weaker than Casebook allows") as info:
        Notebook.open(notebook_path, PASSPHRASE)
    assert KEY_FILE in str(info.value)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        ({"r": 4}, "weaker"),
        ({"n": 2**40}, "costlier"),
        ({"p": 64}, "costlier"),
        ({"r": 2**20}, "costlier"),
        ({"n": 2**20, "r": 16}, "costlier"),
        ({"n": 3000}, "not a valid scrypt cost"),
        ({"p": 0}, "not a valid scrypt cost"),
        ({"n": "1024"}, "damaged"),
        ({"n": 1024.0}, "damaged"),
        ({"p": True}, "damaged"),
    ],
    ids=["r-4", "n-2^40", "p-64", "r-2^20", "1GiB-r16", "n-not-a-power-of-2", "p-0",
         "n-string", "n-float", "p-bool"],
)  # fmt: skip
def test_out_of_bounds_scrypt_cost_is_damage_exit_4_at_once_never_an_internal_error(
    cli, notebook_path, edit, says
):
    _edit_kdf(notebook_path / KEY_FILE, **edit)
    for command in (("case", "list"), ("passphrase", "change")):
        rc, _, err = cli.nb(notebook_path, *command, stdin=f"{NEW_PASSPHRASE}\n", timeout=30)
        assert rc == 4, err
        _assert_damage_message(err, KEY_FILE)
        assert says in err
        assert "internal error" not in err


def test_every_rewrap_uses_freshly_tuned_scrypt_parameters_never_the_stored_ones(
    tmp_path, monkeypatch
):
    folder = tmp_path / "rewrap.casebook"
    stored = keyfile.ScryptParams(n=2**11)
    nb, recovery = Notebook.create(folder, PASSPHRASE, Practitioner("Sam", "", ""), kdf=stored)
    fresh = [keyfile.ScryptParams(n=2**12, r=8, p=2), keyfile.ScryptParams(n=2**13, r=9, p=1)]
    calls = iter(fresh)
    monkeypatch.setattr(keyfile, "tuned_scrypt", lambda *a, **k: next(calls))
    try:
        assert keyfile.read_key_file(folder / KEY_FILE).passphrase_kdf == stored
        nb.keys.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        assert keyfile.read_key_file(folder / KEY_FILE).passphrase_kdf == fresh[0]
    finally:
        nb.close()
    Notebook.recover(folder, recovery, PASSPHRASE).close()
    assert keyfile.read_key_file(folder / KEY_FILE).passphrase_kdf == fresh[1]
    Notebook.open(folder, PASSPHRASE).close()


def test_tuned_scrypt_never_chooses_a_cost_below_the_floor(monkeypatch):
    monkeypatch.delenv(keyfile.KDF_COST_ENV)
    params = keyfile.tuned_scrypt(target_seconds=0.0)
    assert params.n >= keyfile.MIN_SCRYPT_N and params.r >= keyfile.MIN_SCRYPT_R
    assert keyfile.scrypt_params_problem(params) is None


def test_a_key_file_outside_the_bounds_is_never_written(tmp_path):
    from casebook.errors import InvalidInput

    for weak in (keyfile.ScryptParams(n=2), keyfile.ScryptParams(n=2**21)):
        with pytest.raises(InvalidInput):
            Notebook.create(tmp_path / "weak.casebook", PASSPHRASE, Practitioner("S", "", ""),
                            kdf=weak)  # fmt: skip
