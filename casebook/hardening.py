"""Process hardening: the first thing both shells (``casebook`` and ``casebook-app``) do.

A process that holds the data key and decrypted records must not leave them behind:

* ``umask 077``: every file and folder it creates is owner-only;
* ``RLIMIT_CORE`` soft and hard 0: a crash writes no core dump (a dump holds the key
  and record text), and the limit cannot be raised again by this process;
* ``prctl(PR_SET_DUMPABLE, 0)`` on Linux: no core dump even through a pipe handler
  (``core_pattern = |...``, which ignores RLIMIT_CORE), and other processes of the same
  user cannot ptrace it or read its memory through ``/proc/<pid>/mem``.

Each step is best effort: one that fails does not stop the program, but it is reported
(:class:`Hardening`) so the shells can say so. Steps that do not exist on a platform
(no ``resource`` module on Windows, no ``prctl`` outside Linux) are skipped, not failures.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

UMASK = 0o077
PR_SET_DUMPABLE = 4  # from <linux/prctl.h>
PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class Hardening:
    """What :func:`harden_process` could not do, in plain words (empty when all is done)."""

    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether every step that applies here was taken."""
        return not self.failures

    def warning(self) -> str:
        """One line for stderr, naming what could not be done."""
        return "warning: " + "; ".join(self.failures) + "."


def harden_process() -> Hardening:
    """Owner-only files, no core dumps, not traceable; call before anything is decrypted."""
    failures: list[str] = []
    os.umask(UMASK)
    try:
        import resource
    except ImportError:  # Windows: no core dumps of this kind
        resource = None  # type: ignore[assignment]
    if resource is not None:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            failures.append("core dumps could not be turned off")
    if sys.platform.startswith("linux"):
        error = _prctl(PR_SET_DUMPABLE, 0)
        if error is not None:
            failures.append(f"the process could not be made undumpable ({error})")
    return Hardening(tuple(failures))


def is_dumpable() -> bool | None:
    """Whether this process may dump core or be traced (Linux); None where unknown."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        value = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        return None
    return None if value < 0 else bool(value)


def _prctl(option: int, value: int) -> str | None:
    """Call ``prctl(option, value)``; returns why it failed, or None."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return "prctl is not available"
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    if prctl(option, value, 0, 0, 0) != 0:
        return os.strerror(ctypes.get_errno())
    return None
