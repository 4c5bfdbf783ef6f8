"""Atomic, owner-only file writes: temp file in the same folder, fsync, rename, fsync dir."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from notebook.errors import WriteFailed


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    Raises:
        WriteFailed: the disk is full, read-only or failing; ``path`` is unchanged.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteFailed(describe_os_error(exc, path)) from exc


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def describe_os_error(exc: OSError, path: Path) -> str:
    """A plain-words description of why writing ``path`` failed."""
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {path.parent} is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{path.parent} is read-only or not writable"
    return f"{path.name}: {exc.strerror or exc}"
