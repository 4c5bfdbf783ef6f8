"""Start a Casebook process and look at it from outside, as another process of its user.

Usage: python hardening_probe.py READY -- COMMAND...

READY is ``stderr:TEXT`` (the command printed TEXT on stderr) or ``fifo:PATH`` (the
command opened the FIFO PATH for reading). The probe first takes away its own
CAP_SYS_PTRACE (from the bounding set, so the command lacks it too: as root, capability
would otherwise let any process in), sets umask 022 and an unlimited hard core limit, as
a desktop session would, starts COMMAND as its child and waits until it is READY. Then it
prints one JSON object and ends the command:

* ``core``: soft and hard "Max core file size" from ``/proc/<pid>/limits``;
* ``umask``: from ``/proc/<pid>/status``;
* ``memory``: "open" if the probe (the parent, same user, same capabilities) could open
  ``/proc/<pid>/mem``, which needs ptrace access; "denied" if not (the process is not
  dumpable); "unknown" if the probe still holds CAP_SYS_PTRACE.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PR_CAPBSET_DROP = 24
CAP_SYS_PTRACE = 19


def drop_ptrace_capability() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_CAPBSET_DROP, CAP_SYS_PTRACE, 0, 0, 0)  # EPERM without CAP_SETPCAP: fine
    # Re-exec so the effective set is recomputed from the reduced bounding set.
    if not os.environ.get("CASEBOOK_PROBE_DROPPED"):
        os.environ["CASEBOOK_PROBE_DROPPED"] = "1"
        os.execv(sys.executable, [sys.executable, *sys.argv])


def holds_ptrace_capability() -> bool:
    status = Path("/proc/self/status").read_text()
    effective = next(line for line in status.splitlines() if line.startswith("CapEff:"))
    return bool(int(effective.split()[1], 16) >> CAP_SYS_PTRACE & 1)


def wait_ready(child: subprocess.Popen[str], ready: str) -> int | None:
    """Wait for READY; for a FIFO, returns the open writer (closing it ends the command)."""
    kind, _, what = ready.partition(":")
    deadline = time.monotonic() + 60
    if kind == "stderr":
        assert child.stderr is not None
        seen = []
        while not seen or what not in seen[-1]:
            seen.append(child.stderr.readline())
            if not seen[-1]:
                sys.exit("the command ended early: " + "".join(seen))
        return None
    while True:
        try:
            return os.open(what, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or child.poll() is not None:
                sys.exit(f"the command did not open {what}: {exc}")
        if time.monotonic() > deadline:
            sys.exit("timed out")
        time.sleep(0.02)


def observe(pid: int) -> dict[str, object]:
    limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
    core = next(line for line in limits if line.startswith("Max core file size")).split()[4:6]
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    umask = next(line for line in status if line.startswith("Umask:")).split()[1]
    if holds_ptrace_capability():
        memory = "unknown"
    else:
        try:
            with open(f"/proc/{pid}/mem", "rb"):
                memory = "open"
        except PermissionError:
            memory = "denied"
    return {"core": core, "umask": umask, "memory": memory}


def main() -> None:
    drop_ptrace_capability()
    ready, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1 :]
    os.umask(0o022)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.RLIM_INFINITY))
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    writer = None
    try:
        writer = wait_ready(child, ready)
        print(json.dumps(observe(child.pid)), flush=True)
    finally:
        if writer is not None:
            os.close(writer)  # the command reads EOF and ends
        if child.poll() is None:
            child.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=30)


if __name__ == "__main__":
    main()
