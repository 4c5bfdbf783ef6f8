"""Writing a backup archive at the speed of a file copy (issue 19).

A backup's database is the notebook's own file, copied byte for byte: its pages are
ciphertext already, so nothing is decrypted or encrypted again. The archive is an
uncompressed tar (the format :mod:`notebook.backup` reads) written in one pass: the
key file, then the database, then the manifest, whose SHA-256 of the database is
computed while the bytes go by. The hash, the slowest step, runs in the calling
thread; a thread of its own writes each block meanwhile (``hashlib`` and ``os.write``
release the GIL), so the hash never waits for a write or for a thread to wake up. The
written pages are handed to the kernel's writeback as the copy goes
(``posix_fadvise``), so the final ``fsync`` waits for little, and the archive does not
crowd the OS cache afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tarfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from notebook.progress import Progress

BLOCK = 1 << 20  # bytes read, hashed and written at a time (at most)
REPORTS = 32  # progress reports at least per file (smaller blocks for a small file)
BUFFERS = 3  # blocks in flight: one read and hashed while the last ones are written
WRITEBACK_EVERY = 16 << 20  # start the kernel's writeback of what was written this often
_TAR_BLOCK = 512
_TAR_RECORD = 20 * _TAR_BLOCK


class ArchiveWriter:
    """An uncompressed tar written to ``fd`` by a thread of its own, in order.

    Use as a context manager (leaving it stops the thread); the caller syncs
    (:meth:`sync`) and closes ``fd``.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._written = 0
        self._flushed = 0
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-write")
        self._pending: list[Future[None]] = []

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._thread.shutdown(wait=True, cancel_futures=True)

    def add_bytes(self, name: str, data: bytes) -> None:
        """A member holding ``data`` (owner-only)."""
        self._write(_header(name, len(data)))
        self._write(data + _padding(len(data)))

    def add_file(self, name: str, source: Path, progress: Progress | None = None) -> str:
        """A member holding the file ``source`` as it is now; returns its SHA-256.

        ``source`` must not change while it is copied (the caller holds the lock).

        Args:
            progress: called with (bytes copied, size) after each block; it may raise
                to stop the copy.
        """
        with io.FileIO(source, "r") as handle:
            size = os.fstat(handle.fileno()).st_size
            self._write(_header(name, size))
            _advise(handle.fileno(), 0, 0, "POSIX_FADV_SEQUENTIAL")
            digest = self._copy(handle, size, progress)
            self.drain()  # every block written before the file is let go
        self._write(_padding(size))
        return digest

    def finish(self) -> None:
        """The end-of-archive blocks."""
        end = 2 * _TAR_BLOCK
        end += -(self._written_after_drain() + end) % _TAR_RECORD
        self._write(bytes(end))

    def sync(self) -> None:
        """Wait for every write, flush the archive to the disk, then drop it from the
        OS cache."""
        self.drain()
        os.fsync(self._fd)
        _advise(self._fd, 0, 0, "POSIX_FADV_DONTNEED")

    def drain(self) -> None:
        """Wait until everything handed to the writing thread is written (its errors
        are raised here)."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def _written_after_drain(self) -> int:
        self.drain()
        return self._written

    def _copy(self, source: io.FileIO, size: int, progress: Progress | None) -> str:
        digest = hashlib.sha256()
        block = max(_TAR_BLOCK * 8, min(BLOCK, size // REPORTS // 4096 * 4096))
        buffers = [bytearray(block) for _ in range(BUFFERS)]
        in_flight: list[Future[None] | None] = [None] * BUFFERS
        done = 0
        _report(progress, 0, size)
        turn = 0
        while done < size:
            previous = in_flight[turn]
            if previous is not None:
                previous.result()  # this buffer's last block is written: reuse it
            view = memoryview(buffers[turn])[: min(block, size - done)]
            got = _read_into(source, view)
            if got < len(view):
                raise OSError(f"{got} of {len(view)} bytes read: the file shrank")
            in_flight[turn] = self._write(view)
            digest.update(view)
            done += got
            _report(progress, done, size)
            turn = (turn + 1) % BUFFERS
        return digest.hexdigest()

    def _write(self, data: bytes | memoryview) -> Future[None]:
        future = self._thread.submit(self._write_raw, memoryview(data))
        self._pending = [f for f in self._pending if not f.done() or f.exception()]
        self._pending.append(future)
        return future

    def _write_raw(self, view: memoryview) -> None:
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
            self._written += n
        if self._written - self._flushed >= WRITEBACK_EVERY:
            # Start writing these pages to the disk now, not all at the final fsync.
            _advise(self._fd, self._flushed, self._written - self._flushed, "POSIX_FADV_DONTNEED")
            self._flushed = self._written


def _read_into(source: io.FileIO, view: memoryview) -> int:
    got = 0
    while got < len(view):
        n = source.readinto(view[got:])
        if not n:
            break
        got += n
    return got


def _header(name: str, size: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(time.time())
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _padding(size: int) -> bytes:
    return bytes(-size % _TAR_BLOCK)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, max(total, 1))


def _advise(fd: int, offset: int, length: int, advice: str) -> None:
    """``posix_fadvise`` where the system has it (a hint: failures are ignored)."""
    call: Callable[[int, int, int, int], None] | None = getattr(os, "posix_fadvise", None)
    flag = getattr(os, advice, None)
    if call is None or flag is None:
        return
    with contextlib.suppress(OSError):
        call(fd, offset, length, flag)
