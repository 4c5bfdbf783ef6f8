"""A child process for the crash tests: works on a notebook and reports each commit.

Usage: python proof_child.py MODE FOLDER [PASSPHRASE]
Each line on stdout is printed (and flushed) only after the operation committed, so
every line is a promise the notebook must keep after a SIGKILL at any moment.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from notebook.service import Notebook

PASSPHRASES = ("crash-pass-A", "crash-pass-B")


def record_data(n: int) -> dict[str, object]:
    return {
        "kind": "session",
        "event_at": "2026-03-01T10:00:00+00:00",
        "people": ["p1"],
        "fields": {"narrative": f"crash test note {n} " + "word " * 400, "session_type": "review"},
    }


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    passphrase = sys.argv[3] if len(sys.argv) > 3 else PASSPHRASES[0]
    if mode == "passphrase":
        for current, new in itertools.cycle([PASSPHRASES, PASSPHRASES[::-1]]):
            try:
                notebook = Notebook.open(folder, current)
            except Exception:
                continue
            notebook.change_passphrase(current, new)
            notebook.close()
            print(f"passphrase {new}", flush=True)
    notebook = Notebook.open(folder, passphrase)
    for n in itertools.count():
        if mode == "records":
            record = notebook.create_record("C-1", record_data(n))
            print(f"record {record.id}", flush=True)
        elif mode == "finalise":
            record = notebook.create_record("C-1", record_data(n))
            notebook.finalise_record(record.id)
            print(f"final {record.id} {notebook.get_record(record.id).content_hash}", flush=True)
        elif mode == "import":
            document = {
                "format": "casebook/1",
                "cases": [{
                    "ref": f"IMP-{sys.argv[4] if len(sys.argv) > 4 else ''}{n}",
                    "people": [{"key": "p1", "name": "Test Person", "role": "subject"}],
                    "records": [dict(record_data(i), status="final") for i in range(20)],
                }],
            }  # fmt: skip
            notebook.import_document(document)
            print(f"case IMP-{sys.argv[4] if len(sys.argv) > 4 else ''}{n}", flush=True)
        elif mode == "backup":
            from notebook.backup import backup_notebook

            notebook.create_record("C-1", record_data(n))
            out = backup_notebook(notebook, folder.parent / "crash-backup")
            print(f"backup {out}", flush=True)


if __name__ == "__main__":
    main()
