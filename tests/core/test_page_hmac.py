"""The HMAC beside every page of the database (issue 19): new notebooks use HMAC-SHA256,
named in the key file; notebooks made before keep SQLCipher 4's default, HMAC-SHA512, and a
re-encryption moves them over. The key file decides: the database opens with nothing else."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook import keyfile
from casebook.errors import NotebookDamaged
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"


def _key_body(folder: Path) -> dict:
    return json.loads((folder / KEY_FILE).read_text())


def _reads_with(folder: Path, passphrase: str, page_hmac: str) -> bool:
    """Whether a plain SQLCipher connection with ``page_hmac`` reads the database."""
    data_key = keyfile.unlock_with_passphrase(keyfile.read_key_file(folder / KEY_FILE), passphrase)
    conn = sqlcipher.connect(str(folder / DATABASE_FILE))
    try:
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {page_hmac}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def _copy_v1(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    return folder


def test_a_new_notebook_checks_its_pages_with_hmac_sha256_as_its_key_file_says(
    notebook_path: Path,
) -> None:
    body = _key_body(notebook_path)
    assert body["format"] == "casebook-key/2"
    assert body["database"] == {"cipher": "sqlcipher4", "page_hmac": "HMAC_SHA256"}
    assert _reads_with(notebook_path, PASSPHRASE, "HMAC_SHA256")
    assert not _reads_with(notebook_path, PASSPHRASE, "HMAC_SHA512")


def test_a_notebook_made_before_keeps_hmac_sha512_through_a_passphrase_change(
    tmp_path: Path,
) -> None:
    folder = _copy_v1(tmp_path)
    assert _key_body(folder)["format"] == "casebook-key/1"
    with Notebook.open(folder, PASSPHRASE) as notebook:
        notebook.keys.change_passphrase(PASSPHRASE, "another passphrase entirely")
    body = _key_body(folder)
    assert body["format"] == "casebook-key/2"
    assert body["database"]["page_hmac"] == "HMAC_SHA512"
    with Notebook.open(folder, "another passphrase entirely") as notebook:
        assert notebook.audit.verify().ok
    assert _reads_with(folder, "another passphrase entirely", "HMAC_SHA512")


def test_re_encrypting_a_notebook_made_before_moves_its_pages_to_hmac_sha256(
    tmp_path: Path,
) -> None:
    folder = _copy_v1(tmp_path)
    with Notebook.open(folder, PASSPHRASE) as notebook:
        records_before = sum(len(notebook.records.list(c.ref)) for c in notebook.cases.list())
        notebook.keys.reencrypt(PASSPHRASE, PASSPHRASE)
        assert notebook.audit.verify().ok
    assert _key_body(folder)["database"]["page_hmac"] == "HMAC_SHA256"
    assert _reads_with(folder, PASSPHRASE, "HMAC_SHA256")
    with Notebook.open(folder, PASSPHRASE) as notebook:
        report = notebook.audit.verify()
        assert report.ok, report.problems
        assert sum(len(notebook.records.list(c.ref)) for c in notebook.cases.list()) == (
            records_before
        )


@pytest.mark.parametrize("page_hmac", ["HMAC_SHA1", "HMAC_SHA256; DROP TABLE records", None])
def test_a_key_file_naming_an_unknown_page_hmac_is_damage(
    notebook_path: Path, page_hmac: str | None
) -> None:
    body = _key_body(notebook_path)
    body.pop("checksum")
    body["database"]["page_hmac"] = page_hmac
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    body["checksum"] = hashlib.sha256(canonical).hexdigest()
    (notebook_path / KEY_FILE).write_text(json.dumps(body))
    with pytest.raises(NotebookDamaged, match="key file is damaged"):
        Notebook.open(notebook_path, PASSPHRASE)
