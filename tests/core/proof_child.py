"""A child process for the crash tests: works on a notebook and reports each commit.

Usage: python proof_child.py MODE FOLDER [PASSPHRASE] [STEP]
Each line on stdout is printed (and flushed) only after the operation committed, so
every line is a promise the notebook must keep after a SIGKILL at any moment.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from casebook.service import Notebook

PASSPHRASES = ("crash-pass-A", "crash-pass-B")


def record_data(n: int) -> dict[str, object]:
    return {
        "kind": "session",
        "event_at": "2026-03-01T10:00:00+00:00",
        "people": ["p1"],
        "fields": {"narrative": f"crash test note {n} " + "word " * 400, "session_type": "review"},
    }


def rekey_until(folder: Path, passphrase: str, step: str) -> None:
    """Take a rekey (to PASSPHRASES[1]) up to ``step``, then die as a kill would."""
    import os

    from casebook import audit, keyfile, rekey
    from casebook.paths import DATABASE_FILE
    from casebook.storage import Database

    notebook = Notebook.open(folder, passphrase)
    notebook.reflections.add("committed just before the rekey")  # still in the WAL
    data_key, _, key_file = keyfile.new_key_file(
        PASSPHRASES[1], keyfile.tuned_scrypt(), "2026-01-01T00:00:00+00:00"
    )
    entry = ("2026-01-01T00:00:00+00:00", "notebook.rekey", "notebook", "crash test")
    staged = folder / rekey.STAGED_DATABASE
    if step in ("export", "staged audit entry"):
        notebook.database.export_copy(staged, data_key, key_file.page_hmac)
        if step == "staged audit entry":
            # its WAL and -shm are left behind
            copy = Database.open(staged, data_key, page_hmac=key_file.page_hmac)
            with copy.transaction() as tx:
                audit.AuditWriter(notebook.audit.head()).append(tx, *entry)
        os._exit(0)
    rekey.stage(
        notebook.database,
        folder,
        data_key,
        notebook.audit.head(),
        entry,
        page_hmac=key_file.page_hmac,
    )
    if step == "stage":
        os._exit(0)
    notebook.database.close()
    if step == "temp key file":
        (folder / f".{rekey.STAGED_KEY_FILE}.999.tmp").write_bytes(key_file.to_bytes()[:50])
        os._exit(0)
    keyfile.write_key_file(folder / rekey.STAGED_KEY_FILE, key_file)
    if step == "database renamed":
        for name in (DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
            (folder / name).unlink(missing_ok=True)
        os.replace(staged, folder / DATABASE_FILE)
    os._exit(0)  # "commit": the staged key file is in place, nothing renamed yet


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    passphrase = sys.argv[3] if len(sys.argv) > 3 else PASSPHRASES[0]
    if mode == "rekey-until":
        rekey_until(folder, passphrase, sys.argv[4])
    if mode == "rekey":
        # Back and forth between the two passphrases, a new data key every time.
        for current, new in itertools.cycle([PASSPHRASES, PASSPHRASES[::-1]]):
            try:
                notebook = Notebook.open(folder, current)
            except Exception:
                continue
            notebook.keys.reencrypt(current, new)
            notebook.close()
            print(f"rekey {new}", flush=True)
    if mode == "passphrase":
        for current, new in itertools.cycle([PASSPHRASES, PASSPHRASES[::-1]]):
            try:
                notebook = Notebook.open(folder, current)
            except Exception:
                continue
            notebook.keys.change_passphrase(current, new)
            notebook.close()
            print(f"passphrase {new}", flush=True)
    notebook = Notebook.open(folder, passphrase)
    for n in itertools.count():
        if mode == "records":
            record = notebook.records.create("C-1", record_data(n))
            print(f"record {record.id}", flush=True)
        elif mode == "finalise":
            record = notebook.records.create("C-1", record_data(n))
            notebook.records.finalise(record.id)
            print(f"final {record.id} {notebook.records.get(record.id).content_hash}", flush=True)
        elif mode == "import":
            document = {
                "format": "casebook/1",
                "cases": [{
                    "ref": f"IMP-{sys.argv[4] if len(sys.argv) > 4 else ''}{n}",
                    "people": [{"key": "p1", "name": "Test Person", "role": "subject"}],
                    "records": [dict(record_data(i), status="final") for i in range(20)],
                }],
            }  # fmt: skip
            notebook.interchange.import_document(document)
            print(f"case IMP-{sys.argv[4] if len(sys.argv) > 4 else ''}{n}", flush=True)
        elif mode == "backup":
            from casebook.backup import backup_notebook

            notebook.records.create("C-1", record_data(n))
            out = backup_notebook(notebook, folder.parent / "crash-backup")
            print(f"backup {out}", flush=True)


if __name__ == "__main__":
    main()
