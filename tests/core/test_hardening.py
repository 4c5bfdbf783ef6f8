"""Every process that holds decrypted text writes no core dump and cannot be traced.

The real ``casebook-app`` and ``casebook`` are started by ``hardening_probe.py`` with
umask 022 and an unlimited hard core limit (as from a desktop session), then looked at
from outside while they run: the core limit and umask in ``/proc/<pid>``, and whether
another process of the same user (the probe, their parent, holding no CAP_SYS_PTRACE)
can open ``/proc/<pid>/mem``, which a process that is not dumpable refuses. No Qt is
imported here: the app runs in its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and uses prctl (Linux)"
)

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("hardening_probe.py")


def _script(name: str) -> list[str]:
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "casebook_cli" if name == "casebook" else "ui.main"]


def probe(ready: str, command: list[str], env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(PROBE), ready, "--", *command],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen: dict[str, object] = json.loads(result.stdout)
    return seen


def assert_hardened(seen: dict[str, object]) -> None:
    assert seen["core"] == ["0", "0"], "the process can still write a core dump"
    assert seen["umask"] == "0077", "files the process creates are not owner-only"
    if seen["memory"] == "unknown":
        pytest.skip("the probe could not give up CAP_SYS_PTRACE here; core and umask are checked")
    assert seen["memory"] == "denied", "another process of the user can read its memory"


def test_the_desktop_app_process_writes_no_core_dump_has_umask_077_and_cannot_be_traced(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["CASEBOOK_NOTEBOOK"] = str(tmp_path / "none.casebook")  # the welcome window
    # --timing prints once the first window is shown, just before the event loop runs.
    seen = probe("stderr:first window shown", [*_script("casebook-app"), "--timing"], env)
    assert_hardened(seen)


def test_the_command_line_process_writes_no_core_dump_has_umask_077_and_cannot_be_traced(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "document.json"
    os.mkfifo(fifo, 0o600)
    # `import` blocks opening the FIFO, long after the shell's first lines ran.
    command = [
        *_script("casebook"),
        "--notebook",
        str(tmp_path / "n.casebook"),
        "import",
        str(fifo),
    ]
    seen = probe(f"fifo:{fifo}", command, dict(os.environ))
    assert_hardened(seen)


def test_harden_process_turns_off_core_dumps_and_dumpability_and_sets_umask_077() -> None:
    code = (
        "import os, resource\n"
        "os.umask(0o022)\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, resource.RLIM_INFINITY))\n"
        "from casebook.hardening import harden_process, is_dumpable\n"
        "assert is_dumpable() is True\n"
        "report = harden_process()\n"
        "print(report.ok, *resource.getrlimit(resource.RLIMIT_CORE), is_dumpable(),"
        " oct(os.umask(0)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["True", "0", "0", "False", "0o77"]
