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
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast

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
from notebook.progress import Progress, Stages, report
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
    value = notebook.settings.get(LAST_BACKUP_SETTING)
    if not value:
        return None
    try:
        return timeutil.parse_time(value)
    except ValueError:
        return None


def backup_notebook(notebook: Notebook, out: Path, progress: Progress | None = None) -> Path:
    """Write an encrypted backup of the open ``notebook`` to ``out`` (atomically).

    Args:
        progress: called as the copy and the archive are written; it may raise
            :class:`~notebook.progress.Cancelled`, which stops the backup and leaves no
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
    db_copy = out.with_name(f".{out.name}.db.tmp")
    archive_tmp = out.with_name(f".{out.name}.tmp")
    # The copy takes most of the time; the archive reads it twice (its sum, the tar).
    stages = Stages(progress, {"copy": 6, "archive": 4})
    try:
        with contextlib.suppress(FileNotFoundError):
            db_copy.unlink()
        # The head the copy holds (no transaction runs while it is made): kept outside
        # the database, it anchors the audit log (audit verify --against).
        head = notebook.backup_copy(db_copy, stages.stage("copy"))
        key_bytes = (notebook.folder / KEY_FILE).read_bytes()
        size = db_copy.stat().st_size
        archived = stages.stage("archive")
        manifest = {
            "format": BACKUP_FORMAT,
            "created": created,
            "source": notebook.name,
            "audit_head": {"seq": head.seq, "hash": head.hash},
            "files": {
                KEY_FILE: hashlib.sha256(key_bytes).hexdigest(),
                DATABASE_FILE: _sha256_file(db_copy, lambda n: archived(n, 2 * size)),
            },
        }
        with open(archive_tmp, "wb") as raw:
            sink = _HashingWriter(raw)
            with tarfile.open(
                fileobj=cast(IO[bytes], sink), mode="w", format=tarfile.PAX_FORMAT
            ) as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
                _add_bytes(tar, KEY_FILE, key_bytes)
                info = _owner_only(tar.gettarinfo(db_copy, arcname=DATABASE_FILE))
                with open(db_copy, "rb") as copy:
                    tar.addfile(info, _ReadingCount(copy, lambda n: archived(size + n, 2 * size)))
            raw.flush()
            os.fsync(raw.fileno())
        archive_tmp.chmod(0o600)
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
    finally:
        with contextlib.suppress(OSError):
            db_copy.unlink()
    notebook.settings.set(LAST_BACKUP_SETTING, created)
    notebook.audit.append("notebook.backup", "notebook", f"sha256={sink.hexdigest()}")
    return out


class _HashingWriter:
    """A write-only file that hashes what goes through it (the archive's SHA-256)."""

    def __init__(self, out: Any) -> None:
        self._out = out
        self._digest = hashlib.sha256()
        self._written = 0

    def write(self, data: bytes) -> int:
        self._out.write(data)
        self._digest.update(data)
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        self._out.flush()

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


class _ReadingCount:
    """A readable file that reports how many bytes were read from it so far."""

    def __init__(self, source: Any, read_so_far: Any) -> None:
        self._source = source
        self._read = 0
        self._report = read_so_far

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._source.read(size)
        self._read += len(data)
        self._report(self._read)
        return data


def verify_backup(path: Path, passphrase: str, progress: Progress | None = None) -> BackupReport:
    """Open a backup in a scratch folder and check it whole, without restoring it.

    Checks the manifest's sums, the passphrase, every page (HMAC and integrity check),
    the audit chain, every final record's hash, and that the audit head the manifest
    records is in the backup's own audit log (the report gives that head).

    Args:
        progress: called as the check goes on (the page check is one step); it may
            raise :class:`~notebook.progress.Cancelled` to stop the check.

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
            pages = stages.stage("pages")
            pages(0, 1)
            problems = [f"database: {p}" for p in notebook.audit.page_errors()]
            pages(1, 1)
            report = notebook.audit.verify(pages=False, progress=stages.stage("audit"))
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
            :class:`~notebook.progress.Cancelled` until the restored folder is put in
            place, which leaves ``target`` as it was.

    Returns:
        where the notebook that was at ``target`` was moved, or None if there was none.
    """
    from notebook.lock import NotebookLock

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
                handle = tar.extractfile(members[name])
                if handle is None:
                    raise ValueError(name)
                digest = hashlib.sha256()
                fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    while block := handle.read(1 << 20):
                        digest.update(block)
                        out.write(block)
                        done += len(block)
                        report(progress, done, size)
                if digest.hexdigest() != manifest["files"][name]:
                    raise NotebookDamaged(path, f"{name} in the backup is damaged")
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


def _manifest(
    tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], path: Path
) -> dict[str, Any]:
    manifest = json.loads(_read_member(tar, members[MANIFEST]))
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise NotebookDamaged(path, "unknown backup format")
    return dict(manifest)


def _read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the two files of a backup (still encrypted), sums checked."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(path, mode="r:") as tar:
            members = _members(tar, path)
            manifest = _manifest(tar, members, path)
            for name in (KEY_FILE, DATABASE_FILE):
                data = _read_member(tar, members[name])
                if hashlib.sha256(data).hexdigest() != manifest["files"][name]:
                    raise NotebookDamaged(path, f"{name} in the backup is damaged")
                files[name] = data
    except FileNotFoundError:
        raise InvalidInput(str(path), "there is no backup file here") from None
    except (tarfile.TarError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise NotebookDamaged(path, "the backup file is damaged") from exc
    return manifest, files


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


def _sha256_file(path: Path, read_so_far: Any = None) -> str:
    digest = hashlib.sha256()
    done = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            done += len(block)
            if read_so_far is not None:
                read_so_far(done)
    return digest.hexdigest()
