"""Encrypted backups: one ``.casebook-backup`` file holding a consistent copy of a notebook.

The copy is the notebook's own database file, byte for byte, taken under the
notebook's lock after a checkpoint has moved everything committed out of the WAL into
it: consistent even while the notebook is in use, and encrypted with the same data key
because it is the same ciphertext (nothing is decrypted to make it). The archive (an
uncompressed tar) holds that copy, the key file and a manifest with their BLAKE3 sums
and the audit head, so the same passphrase and recovery key open it. Backups of format
1 (SHA-256 sums; before issue 19 with a ``VACUUM INTO`` copy of the database) restore
alike. Every file is written atomically; nothing decrypted ever touches the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import blake3

from casebook import timeutil
from casebook.atomic import describe_os_error, fsync_dir
from casebook.backup_copy import ArchiveWriter
from casebook.domain import AuditHead
from casebook.errors import (
    InvalidInput,
    NotebookDamaged,
    VerificationFailed,
    WriteFailed,
)
from casebook.paths import BACKUP_SUFFIX, DATABASE_FILE, KEY_FILE, is_notebook
from casebook.progress import Progress, Stages, report
from casebook.service import Notebook

BACKUP_FORMAT = "casebook-backup/2"
# Format 1 (SHA-256 sums) is read as before; 2 differs only in the sums: BLAKE3, which a
# core hashes five times as fast (a 5 GB notebook in 1 s), so a backup takes what copying
# the file takes (bench/fixes.md, issue 19).
_FORMAT_1 = "casebook-backup/1"
_SUM_NAMES = {BACKUP_FORMAT: "blake3", _FORMAT_1: "sha256"}
MANIFEST = "manifest.json"
LAST_BACKUP_SETTING = "last_backup_at"


@dataclass(frozen=True)
class BackupReport:
    """What a backup holds, as checked by :func:`verify_backup`.

    Attributes:
        audit_entries, audit_head: the backup's own audit log (its number of entries and
            its newest), without what checking it wrote to its scratch copy.
    """

    path: Path
    created: str
    records: int
    audit_entries: int
    size: int
    audit_head: AuditHead | None = None


def backup_path(out: Path) -> Path:
    """``out`` with the ``.casebook-backup`` suffix added if missing."""
    return out if out.name.endswith(BACKUP_SUFFIX) else out.with_name(out.name + BACKUP_SUFFIX)


def last_backup_time(notebook: Notebook) -> datetime | None:
    """When the last backup of ``notebook`` was made, or None if it never was.

    A value that cannot be read counts as no backup, so a reminder errs towards
    asking for one.
    """
    value = notebook.settings.get(LAST_BACKUP_SETTING)
    if not value:
        return None
    try:
        return timeutil.parse_time(value)
    except ValueError:
        return None


def backup_notebook(notebook: Notebook, out: Path, progress: Progress | None = None) -> Path:
    """Write an encrypted backup of the open ``notebook`` to ``out`` (atomically).

    The database goes into the archive as the very bytes of the notebook's file (its
    pages are ciphertext already): under the notebook's lock, the write-ahead log is
    checkpointed into the file, which is then copied whole (:mod:`casebook.backup_copy`),
    so a write made meanwhile waits and is either wholly in the backup or not at all.

    Args:
        progress: called as the database is copied; it may raise
            :class:`~casebook.progress.Cancelled`, which stops the backup and leaves no
            file behind (an earlier backup at ``out`` stays as it was).

    Returns:
        the path written (with the ``.casebook-backup`` suffix).

    Raises:
        WriteFailed: the disk refused; no partial backup is left behind.
        Cancelled: ``progress`` stopped the backup.
    """
    out = backup_path(Path(out))
    if out.exists() and out.is_dir():
        raise InvalidInput(str(out), "is a folder; name a backup file")
    out.parent.mkdir(parents=True, exist_ok=True)
    created = timeutil.now()
    archive_tmp = out.with_name(f".{out.name}.tmp")
    stages = Stages(progress, {"copy": 1})
    try:
        fd = os.open(archive_tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with ArchiveWriter(fd) as archive:
                # The head the copy holds (nothing is written while the block runs):
                # kept outside the database, it anchors the audit log (audit verify
                # --against).
                with notebook.backup_source() as (source, head):
                    key_bytes = (notebook.folder / KEY_FILE).read_bytes()
                    archive.add_bytes(KEY_FILE, key_bytes)
                    database_sum = archive.add_file(DATABASE_FILE, source, stages.stage("copy"))
                manifest = json.dumps(
                    {
                        "format": BACKUP_FORMAT,
                        "created": created,
                        "source": notebook.name,
                        "copy": "raw",
                        "audit_head": {"seq": head.seq, "hash": head.hash},
                        "sum": _SUM_NAMES[BACKUP_FORMAT],
                        "files": {
                            KEY_FILE: blake3.blake3(key_bytes).hexdigest(),
                            DATABASE_FILE: database_sum,
                        },
                    },
                    indent=2,
                ).encode("utf-8")
                archive.add_bytes(MANIFEST, manifest)
                archive.finish()
                archive.sync()
        finally:
            os.close(fd)
        archive_tmp.replace(out)  # from here on the backup is made: nothing cancels it
        fsync_dir(out.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            archive_tmp.unlink()
        raise WriteFailed(describe_os_error(exc, out)) from exc
    except Exception as exc:
        with contextlib.suppress(OSError):
            archive_tmp.unlink()
        if "full" in str(exc).lower():
            raise WriteFailed(f"the disk holding {out.parent} is full") from exc
        raise
    # The manifest names the sums of the key file and the database: its own sum
    # identifies the backup's content in the audit log (`backup_manifest_sum`).
    detail = f"manifest-sha256={hashlib.sha256(manifest).hexdigest()}"
    with notebook.transaction():  # one commit for both
        notebook.settings.set(LAST_BACKUP_SETTING, created)
        notebook.audit.append("notebook.backup", "notebook", detail)
    return out


def verify_backup(path: Path, passphrase: str, progress: Progress | None = None) -> BackupReport:
    """Open a backup in a scratch folder and check it whole, without restoring it.

    Checks the manifest's sums, the passphrase, every page (HMAC and integrity check),
    the audit chain, every final record's hash, and that the audit head the manifest
    records is in the backup's own audit log. The report gives the backup's own audit
    entries and head (the manifest's, for a backup made by Casebook), not counting the
    entries that opening the scratch copy writes.

    Args:
        progress: called as the check goes on (the page check too, as it reads the
            pages); it may raise :class:`~casebook.progress.Cancelled` to stop the check.

    Raises:
        NotebookDamaged: the archive or a file in it is damaged.
        WrongPassphrase: the passphrase does not open it.
        VerificationFailed: the notebook inside does not verify.
    """
    path = Path(path)
    # Shares of the time on a large notebook (bench: backup, audit_verify_pages).
    stages = Stages(progress, {"unpack": 3, "pages": 4, "audit": 3})
    with tempfile.TemporaryDirectory(prefix="casebook-verify-") as scratch:
        folder = Path(scratch) / "backup.casebook"
        manifest = _extract(path, folder, stages.stage("unpack"))
        head = _manifest_head(manifest)
        notebook = Notebook.open(folder, passphrase)
        try:
            problems = [f"database: {p}" for p in notebook.audit.page_errors(stages.stage("pages"))]
            report = notebook.audit.verify(pages=False, progress=stages.stage("audit"))
            # What the backup holds, not the entries opening its scratch copy added (the
            # unlock; an upgrade's): a whole chain numbers its entries 1, 2, ... head.
            own = notebook.audit.head_at_unlock()
            records = notebook.records.count()
            problems += report.problems
            if head is not None:
                mismatch = notebook.audit.check_anchor(head.seq, head.hash, "the manifest")
                problems += [mismatch] if mismatch else []
        finally:
            notebook.close()
    if problems:
        raise VerificationFailed("The backup does not verify: " + "; ".join(problems[:5]))
    return BackupReport(
        path=path,
        created=str(manifest.get("created", "")),
        records=int(records),
        audit_entries=own.seq,
        size=path.stat().st_size,
        audit_head=own,
    )


def backup_audit_head(path: Path) -> AuditHead | None:
    """The audit head a backup's manifest records (None if it records none), after
    checking the archive's files against the manifest's sums. Needs no passphrase.

    Raises:
        NotebookDamaged: the archive or a file in it is damaged.
        InvalidInput: there is no file at ``path``.
    """
    return _manifest_head(_checked_manifest(Path(path)))


def backup_manifest_sum(path: Path) -> str:
    """The SHA-256 of a backup's manifest: what the audit log's ``notebook.backup``
    entry records (``manifest-sha256=...``, since issue 19; earlier backups recorded the
    archive's own sum). The manifest holds the sums of the key file and the database,
    checked here, so this sum stands for the whole backup.

    Raises:
        NotebookDamaged: the archive or a file in it is damaged.
        InvalidInput: there is no file at ``path``.
    """
    _checked_manifest(Path(path))  # the sums checked
    try:
        with tarfile.open(path, mode="r:") as tar:
            raw = _read_member(tar, tar.getmember(MANIFEST))
    except (tarfile.TarError, KeyError, ValueError) as exc:
        raise NotebookDamaged(Path(path), "the backup file is damaged") from exc
    return hashlib.sha256(raw).hexdigest()


def check_backup_against(notebook: Notebook, path: Path) -> str | None:
    """Whether ``notebook``'s audit log still holds the head recorded by a backup of it.

    Returns:
        None when it does, else the problem in plain words.
    """
    head = backup_audit_head(path)
    if head is None:
        return "the backup carries no audit head"
    return notebook.audit.check_anchor(head.seq, head.hash, "the backup")


def _manifest_head(manifest: dict[str, Any]) -> AuditHead | None:
    value = manifest.get("audit_head")
    if not isinstance(value, dict):
        return None
    seq, digest = value.get("seq"), value.get("hash")
    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(digest, str):
        return None
    return AuditHead(seq, digest)


def restore_backup(
    path: Path, passphrase: str, target: Path, progress: Progress | None = None
) -> Path | None:
    """Restore a verified backup to ``target``; an existing notebook there is kept aside.

    Args:
        progress: called as the backup is verified and unpacked; it may raise
            :class:`~casebook.progress.Cancelled` until the restored folder is put in
            place, which leaves ``target`` as it was.

    Returns:
        where the notebook that was at ``target`` was moved, or None if there was none.
    """
    from casebook.lock import NotebookLock

    stages = Stages(progress, {"verify": 10, "unpack": 3})
    verify_backup(path, passphrase, stages.stage("verify"))
    target = Path(target)
    staging = target.with_name(f".{target.name}.restoring")
    if staging.exists():
        shutil.rmtree(staging)
    aside: Path | None = None
    try:
        _extract(path, staging, stages.stage("unpack"))
        if target.exists():
            # Refuses while the old notebook is open elsewhere (NotebookInUse).
            held = NotebookLock.acquire(target) if is_notebook(target) else None
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = target.with_name(f"{target.name}.before-restore-{stamp}")
            try:
                target.rename(aside)
            finally:
                if held:
                    held.release()
        staging.rename(target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc, target)) from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    notebook = Notebook.open(target, passphrase)
    try:
        notebook.audit.append("notebook.restore", "notebook", f"from={path.name[:80]}")
    finally:
        notebook.close()
    return aside


def _extract(path: Path, folder: Path, progress: Progress | None = None) -> dict[str, Any]:
    """Unpack the archive's two files into ``folder`` (new), checking their sums.

    The files are written as they are read (a backup can be gigabytes); a file whose
    sum differs raises, and the caller removes ``folder``.
    """
    try:
        size = max(1, path.stat().st_size)
    except FileNotFoundError:
        raise InvalidInput(str(path), "there is no backup file here") from None
    done = 0
    folder.mkdir(mode=0o700, parents=True)
    try:
        with tarfile.open(path, mode="r:") as tar:
            members = _members(tar, path)
            manifest = _manifest(tar, members, path)
            for name in (KEY_FILE, DATABASE_FILE):
                fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:

                    def write(block: bytes, out: Any = out) -> None:
                        nonlocal done
                        out.write(block)
                        done += len(block)
                        report(progress, done, size)

                    _read_checked(tar, members, manifest, name, path, write)
    except FileNotFoundError:
        raise InvalidInput(str(path), "there is no backup file here") from None
    except (tarfile.TarError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise NotebookDamaged(path, "the backup file is damaged") from exc
    report(progress, size, size)
    return manifest


def _members(tar: tarfile.TarFile, path: Path) -> dict[str, tarfile.TarInfo]:
    """The archive's members, which must be exactly the manifest and the two files."""
    members = {m.name: m for m in tar.getmembers()}
    if set(members) != {MANIFEST, KEY_FILE, DATABASE_FILE} or not all(
        m.isfile() for m in members.values()
    ):
        raise NotebookDamaged(path, "the backup does not hold a notebook")
    return members


class _Sum(Protocol):
    def update(self, data: bytes, /) -> object: ...
    def hexdigest(self) -> str: ...


def _new_sum(manifest: dict[str, Any]) -> _Sum:
    """A fresh hash of the kind the manifest's sums are (by its format)."""
    make: Callable[[], _Sum] = (
        blake3.blake3 if manifest["format"] == BACKUP_FORMAT else hashlib.sha256
    )
    return make()


def _manifest(
    tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], path: Path
) -> dict[str, Any]:
    manifest = json.loads(_read_member(tar, members[MANIFEST]))
    if not isinstance(manifest, dict) or manifest.get("format") not in _SUM_NAMES:
        raise NotebookDamaged(path, "unknown backup format")
    if manifest["format"] == BACKUP_FORMAT and manifest.get("sum") != _SUM_NAMES[BACKUP_FORMAT]:
        raise NotebookDamaged(path, "unknown backup format")
    return dict(manifest)


def _checked_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup, after checking the two files' sums (read through once,
    never held in memory whole: a backup can be gigabytes)."""
    try:
        with tarfile.open(path, mode="r:") as tar:
            members = _members(tar, path)
            manifest = _manifest(tar, members, path)
            for name in (KEY_FILE, DATABASE_FILE):
                _read_checked(tar, members, manifest, name, path, lambda _block: None)
    except FileNotFoundError:
        raise InvalidInput(str(path), "there is no backup file here") from None
    except (tarfile.TarError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise NotebookDamaged(path, "the backup file is damaged") from exc
    return manifest


def _read_checked(  # noqa: PLR0913 (the archive's parts, as its two readers hold them)
    tar: tarfile.TarFile,
    members: dict[str, tarfile.TarInfo],
    manifest: dict[str, Any],
    name: str,
    path: Path,
    each_block: Callable[[bytes], None],
) -> None:
    """Read member ``name`` through, block by block, and check its sum in the manifest."""
    handle = tar.extractfile(members[name])
    if handle is None:
        raise ValueError(name)
    digest = _new_sum(manifest)
    while block := handle.read(1 << 20):
        digest.update(block)
        each_block(block)
    if digest.hexdigest() != manifest["files"][name]:
        raise NotebookDamaged(path, f"{name} in the backup is damaged")


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    if handle is None:
        raise ValueError(member.name)
    return handle.read()
