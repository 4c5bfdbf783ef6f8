"""Encrypted backups: one ``.casebook-backup`` file holding a consistent copy of a notebook.

The copy is made with SQLCipher's ``VACUUM INTO`` on the open connection, so it is
consistent even while the notebook is in use, includes what is still in the WAL, and
is encrypted with the same data key. The archive (an uncompressed tar) holds that copy,
the key file and a manifest with SHA-256 sums, so the same passphrase and recovery key
open it. Every file is written atomically; nothing decrypted ever touches the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from notebook import timeutil
from notebook.atomic import describe_os_error, fsync_dir
from notebook.domain import AuditHead
from notebook.errors import (
    InvalidInput,
    NotebookDamaged,
    VerificationFailed,
    WriteFailed,
)
from notebook.paths import BACKUP_SUFFIX, DATABASE_FILE, KEY_FILE, is_notebook
from notebook.service import Notebook

BACKUP_FORMAT = "casebook-backup/1"
MANIFEST = "manifest.json"
LAST_BACKUP_SETTING = "last_backup_at"


@dataclass(frozen=True)
class BackupReport:
    """What a backup holds, as checked by :func:`verify_backup`."""

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
    value = notebook.setting(LAST_BACKUP_SETTING)
    if not value:
        return None
    try:
        return timeutil.parse_time(value)
    except ValueError:
        return None


def backup_notebook(notebook: Notebook, out: Path) -> Path:
    """Write an encrypted backup of the open ``notebook`` to ``out`` (atomically).

    Returns:
        the path written (with the ``.casebook-backup`` suffix).

    Raises:
        WriteFailed: the disk refused; no partial backup is left behind.
    """
    out = backup_path(Path(out))
    if out.exists() and out.is_dir():
        raise InvalidInput(str(out), "is a folder; name a backup file")
    out.parent.mkdir(parents=True, exist_ok=True)
    created = timeutil.now()
    db_copy = out.with_name(f".{out.name}.db.tmp")
    archive_tmp = out.with_name(f".{out.name}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            db_copy.unlink()
        with notebook.database.lock:
            notebook.database.conn.execute("VACUUM INTO ?", (str(db_copy),))
            # The head the copy holds (no transaction runs while the lock is held): kept
            # outside the database, it anchors the audit log (audit verify --against).
            head = notebook.audit_head()
        key_bytes = (notebook.folder / KEY_FILE).read_bytes()
        manifest = {
            "format": BACKUP_FORMAT,
            "created": created,
            "source": notebook.name,
            "audit_head": {"seq": head.seq, "hash": head.hash},
            "files": {
                KEY_FILE: hashlib.sha256(key_bytes).hexdigest(),
                DATABASE_FILE: _sha256_file(db_copy),
            },
        }
        with open(archive_tmp, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
                _add_bytes(tar, KEY_FILE, key_bytes)
                tar.add(db_copy, arcname=DATABASE_FILE, filter=_owner_only)
            raw.flush()
            import os

            os.fsync(raw.fileno())
        archive_tmp.chmod(0o600)
        archive_tmp.replace(out)
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
    finally:
        with contextlib.suppress(OSError):
            db_copy.unlink()
    notebook.set_setting(LAST_BACKUP_SETTING, created)
    notebook.append_audit_event("notebook.backup", "notebook", f"sha256={_sha256_file(out)}")
    return out


def verify_backup(path: Path, passphrase: str) -> BackupReport:
    """Open a backup in a scratch folder and check it whole, without restoring it.

    Checks the manifest's sums, the passphrase, every page (HMAC and integrity check),
    the audit chain, every final record's hash, and that the audit head the manifest
    records is in the backup's own audit log (the report gives that head).

    Raises:
        NotebookDamaged: the archive or a file in it is damaged.
        WrongPassphrase: the passphrase does not open it.
        VerificationFailed: the notebook inside does not verify.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="casebook-verify-") as scratch:
        folder = Path(scratch) / "backup.casebook"
        manifest = _extract(path, folder)
        head = _manifest_head(manifest)
        notebook = Notebook.open(folder, passphrase)
        try:
            report = notebook.verify_audit()
            records = notebook.database.query_one("SELECT count(*) FROM records")[0]
            problems = list(report.problems)
            if head is not None:
                mismatch = notebook.check_audit_anchor(head.seq, head.hash, "the manifest")
                problems += [mismatch] if mismatch else []
        finally:
            notebook.close()
    if problems:
        raise VerificationFailed("The backup does not verify: " + "; ".join(problems[:5]))
    return BackupReport(
        path=path,
        created=str(manifest.get("created", "")),
        records=int(records),
        audit_entries=report.entries,
        size=path.stat().st_size,
        audit_head=head,
    )


def backup_audit_head(path: Path) -> AuditHead | None:
    """The audit head a backup's manifest records (None if it records none), after
    checking the archive's files against the manifest's sums. Needs no passphrase.

    Raises:
        NotebookDamaged: the archive or a file in it is damaged.
        InvalidInput: there is no file at ``path``.
    """
    manifest, _ = _read_archive(Path(path))
    return _manifest_head(manifest)


def check_backup_against(notebook: Notebook, path: Path) -> str | None:
    """Whether ``notebook``'s audit log still holds the head recorded by a backup of it.

    Returns:
        None when it does, else the problem in plain words.
    """
    head = backup_audit_head(path)
    if head is None:
        return "the backup carries no audit head"
    return notebook.check_audit_anchor(head.seq, head.hash, "the backup")


def _manifest_head(manifest: dict[str, Any]) -> AuditHead | None:
    value = manifest.get("audit_head")
    if not isinstance(value, dict):
        return None
    seq, digest = value.get("seq"), value.get("hash")
    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(digest, str):
        return None
    return AuditHead(seq, digest)


def restore_backup(path: Path, passphrase: str, target: Path) -> Path | None:
    """Restore a verified backup to ``target``; an existing notebook there is kept aside.

    Returns:
        where the notebook that was at ``target`` was moved, or None if there was none.
    """
    from notebook.lock import NotebookLock

    verify_backup(path, passphrase)
    target = Path(target)
    staging = target.with_name(f".{target.name}.restoring")
    if staging.exists():
        shutil.rmtree(staging)
    aside: Path | None = None
    try:
        _extract(path, staging)
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
        notebook.append_audit_event("notebook.restore", "notebook", f"from={path.name[:80]}")
    finally:
        notebook.close()
    return aside


def _extract(path: Path, folder: Path) -> dict[str, Any]:
    """Unpack the archive's two files into ``folder`` after checking their sums."""
    manifest, files = _read_archive(path)
    folder.mkdir(mode=0o700, parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
        (folder / name).chmod(0o600)
    return manifest


def _read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the two files of a backup (still encrypted), sums checked."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(path, mode="r:") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if set(members) != {MANIFEST, KEY_FILE, DATABASE_FILE} or not all(
                m.isfile() for m in members.values()
            ):
                raise NotebookDamaged(path, "the backup does not hold a notebook")
            manifest = json.loads(_read_member(tar, members[MANIFEST]))
            if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
                raise NotebookDamaged(path, "unknown backup format")
            for name in (KEY_FILE, DATABASE_FILE):
                data = _read_member(tar, members[name])
                if hashlib.sha256(data).hexdigest() != manifest["files"][name]:
                    raise NotebookDamaged(path, f"{name} in the backup is damaged")
                files[name] = data
    except FileNotFoundError:
        raise InvalidInput(str(path), "there is no backup file here") from None
    except (tarfile.TarError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise NotebookDamaged(path, "the backup file is damaged") from exc
    return dict(manifest), files


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    if handle is None:
        raise ValueError(member.name)
    return handle.read()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _owner_only(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode = 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
