"""Re-encrypting a notebook under a new data key, safe against a crash at any moment.

Changing the passphrase only rewraps the data key, so an old key file (every backup
holds one) with the old passphrase, or a recovery key that was seen, still opens
everything written later. A *rekey* gives the notebook a new random data key: the whole
database is exported into a new file encrypted with it, and a new key file wraps it
under the (new) passphrase and a new recovery key. Two files must then change together,
which no single rename can do, so the folder goes through these states:

1. **Staged** -- ``notebook.db.rekey`` holds the whole database under the new key (plus
   the audit entry of the rekey), checked page by page and fsync'd. ``notebook.db`` and
   ``key.json`` are untouched, and the old connection is then closed (checkpointed).
   A crash here: the next open *rolls back* (deletes the staged file); the old
   passphrase opens everything, as before.
2. **Committed** -- ``key.json.rekey`` (the new key file) appears by an atomic rename.
   This is the commit point. From here the next open *rolls forward*.
3. **Rolling forward** -- the old ``-wal``/``-shm`` are deleted (everything in them is
   in the staged copy), ``notebook.db.rekey`` is renamed over ``notebook.db``, then
   ``key.json.rekey`` over ``key.json``, with the folder fsync'd after each rename so
   they reach the disk in that order. Each step can be repeated after a crash.

So a kill at any moment leaves a notebook that opens with the old passphrase (before
the commit) or the new one (after it) and holds everything committed before the rekey
began. :func:`key_file_path` tells which key file is current without changing anything,
so a wrong passphrase still changes no byte; :func:`finish` completes or undoes a
half-done rekey and runs only while the folder lock is held.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from casebook import audit
from casebook.atomic import describe_os_error, fsync_dir
from casebook.domain import AuditHead
from casebook.errors import VerificationFailed, WriteFailed
from casebook.keyfile import KeyFile, write_key_file
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.storage import Database

STAGED_DATABASE = DATABASE_FILE + ".rekey"
STAGED_KEY_FILE = KEY_FILE + ".rekey"


def key_file_path(folder: Path) -> Path:
    """The key file that opens the notebook now: the staged one once a rekey committed."""
    staged = folder / STAGED_KEY_FILE
    return staged if staged.exists() else folder / KEY_FILE


def pending(folder: Path) -> bool:
    """Whether a rekey was left half-done (staged or committed but not finished)."""
    return any(folder.glob(STAGED_DATABASE + "*")) or any(
        p.name.startswith(f".{STAGED_KEY_FILE}.") or p.name == STAGED_KEY_FILE
        for p in folder.iterdir()
    )


def finish(folder: Path) -> str | None:
    """Complete (committed) or undo (not committed) a half-done rekey; hold the folder lock.

    Returns:
        "forward", "back", or None when there was nothing to do.

    Raises:
        WriteFailed: a rename or delete failed; nothing is lost, the next open retries.
    """
    if not pending(folder):
        return None
    try:
        if (folder / STAGED_KEY_FILE).exists():
            _roll_forward(folder)
            return "forward"
        discard(folder)
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc, folder / DATABASE_FILE)) from exc
    return "back"


def stage(  # noqa: PLR0913 (the new key is two values: data key and page HMAC)
    db: Database,
    folder: Path,
    data_key: bytes,
    head: AuditHead,
    entry: tuple[str, str, str, str],
    *,
    page_hmac: str,
) -> AuditHead:
    """State 1: export ``db`` under ``data_key`` to the staged file, audit it, check it.

    Args:
        page_hmac: the HMAC of the staged file's pages (the new key file's: a rekey also
            moves an older notebook to the HMAC new notebooks use).
        head: the audit head of ``db`` (the new entry is chained to it).
        entry: (time, action, object, detail) of the audit entry for the rekey.

    Returns:
        the staged database's audit head.

    Raises:
        WriteFailed, VerificationFailed: nothing was committed; call :func:`discard`.
    """
    discard(folder)  # what an earlier attempt left before its commit
    target = folder / STAGED_DATABASE
    db.export_copy(target, data_key, page_hmac)
    staged = Database.open(target, data_key, page_hmac=page_hmac)
    try:
        problems = staged.integrity_errors()
        if problems:
            raise VerificationFailed(
                "The re-encrypted copy of the notebook did not verify; nothing was changed."
            )
        copied = audit.read_head(
            staged.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        )
        if copied != head:
            raise VerificationFailed(
                "The re-encrypted copy of the notebook is incomplete; nothing was changed."
            )
        writer = audit.AuditWriter(head)
        with staged.transaction() as tx:
            writer.append(tx, *entry)
    finally:
        staged.close()  # checkpoints into the staged file and removes its WAL
    for suffix in ("-wal", "-shm"):
        if target.with_name(target.name + suffix).exists():
            raise WriteFailed(f"the re-encrypted copy in {folder} could not be completed")
    try:
        _fsync(target)
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc, target)) from exc
    fsync_dir(folder)
    return writer.head


def commit(folder: Path, key_file: KeyFile) -> None:
    """State 2 then 3: write the new key file under its staged name, then roll forward.

    Call only after :func:`stage` and after closing the old database connection.
    """
    write_key_file(folder / STAGED_KEY_FILE, key_file)  # atomic: the commit point
    try:
        _roll_forward(folder)
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc, folder / DATABASE_FILE)) from exc


def committed(folder: Path) -> bool:
    """Whether the commit point was passed (the next open rolls forward)."""
    return (folder / STAGED_KEY_FILE).exists()


def discard(folder: Path) -> None:
    """Undo a rekey that did not commit: delete the staged database and temp files."""
    for path in folder.iterdir():
        if path.name.startswith(STAGED_DATABASE) or path.name.startswith(f".{STAGED_KEY_FILE}."):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    fsync_dir(folder)


def _roll_forward(folder: Path) -> None:
    database = folder / DATABASE_FILE
    staged = folder / STAGED_DATABASE
    if staged.exists():
        # The old database's log holds nothing the staged copy lacks, and must not be
        # replayed into the new file (its pages are under the old key).
        for name in (DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        os.replace(staged, database)
        fsync_dir(folder)  # the database is in place before the key file that opens it
    os.replace(folder / STAGED_KEY_FILE, folder / KEY_FILE)
    fsync_dir(folder)
    for path in folder.iterdir():
        if path.name.startswith(f".{STAGED_KEY_FILE}."):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
