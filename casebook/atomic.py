"""Atomic, owner-only file writes: temp file in the same folder, fsync, rename, fsync dir."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from casebook.errors import WriteFailed


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    Raises:
        WriteFailed: the disk is full, read-only or failing; ``path`` is unchanged.
    """
    with atomic_file(path, mode) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary file to write in pieces that replaces ``path`` only when the block ends.

    The pieces go to a temp file beside ``path``; on a clean exit it is fsync'd and
    renamed over ``path``. On any error (or exception in the block) the temp file is
    removed and ``path`` is unchanged.

    Raises:
        WriteFailed: the disk is full, read-only or failing.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteFailed(describe_os_error(exc, path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


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
