"""Schema versions: a notebook from a newer Casebook is refused and never modified."""

from __future__ import annotations

import pytest

from casebook.errors import NewerNotebook
from casebook.schema import SCHEMA_VERSION
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def test_new_notebook_is_at_the_current_schema_version(notebook):
    version = notebook.database.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_notebook_from_a_newer_version_is_refused_and_its_bytes_are_not_modified(
    cli, notebook, folder_hashes
):
    folder = notebook.folder
    notebook.database.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    notebook.close()  # checkpoints: the folder now holds a "newer" notebook
    before = folder_hashes(folder)

    rc, _, err = cli.nb(folder, "case", "list")
    assert rc == 4
    assert "newer version of Casebook" in err
    assert str(folder) in err or folder.name in err
    assert "Traceback" not in err
    assert folder_hashes(folder) == before

    with pytest.raises(NewerNotebook):
        Notebook.open(folder, PASSPHRASE)
    assert folder_hashes(folder) == before

    rc, _, err = cli.nb(folder, "reflect", "--text", "would write")
    assert rc == 4
    assert folder_hashes(folder) == before


def test_newer_key_file_format_is_refused_as_newer(notebook_path, folder_hashes):
    import hashlib
    import json

    path = notebook_path / "key.json"
    body = json.loads(path.read_text())
    body["format"] = "casebook-key/3"
    del body["checksum"]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    body["checksum"] = hashlib.sha256(canonical).hexdigest()  # a newer Casebook's own
    path.write_text(json.dumps(body))
    before = folder_hashes(notebook_path)
    with pytest.raises(NewerNotebook):
        Notebook.open(notebook_path, PASSPHRASE)
    assert folder_hashes(notebook_path) == before
