"""One process at a time: an OS file lock on ``NAME.casebook/lock``.

The OS releases the lock when the process dies, so a crash never leaves a notebook
that "is in use" forever.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from casebook.errors import NotebookInUse

LOCK_FILE = "lock"


class NotebookLock:
    """An exclusive, non-blocking lock on a notebook folder.

    Use :meth:`acquire`; :meth:`release` (or process exit) frees it.
    """

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, folder: Path) -> NotebookLock:
        """Take the lock or raise :class:`NotebookInUse`."""
        path = folder / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            raise NotebookInUse(folder) from None
        return cls(folder, fd)

    @property
    def held(self) -> bool:
        """Whether this object still holds the lock."""
        return self._fd is not None

    def release(self) -> None:
        """Let another process open the notebook."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
