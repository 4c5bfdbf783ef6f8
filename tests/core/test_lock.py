"""One process at a time: an OS lock that the OS releases when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from casebook.errors import NotebookInUse
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
IN_USE = "open in another window or process"


def test_second_opener_in_another_process_gets_exit_5(cli, notebook):
    rc, out, err = cli.nb(notebook.folder, "case", "list")
    assert rc == 5
    assert IN_USE in err
    assert out == ""
    assert "Traceback" not in err


def test_second_opener_in_the_same_process_gets_notebook_in_use(notebook):
    with pytest.raises(NotebookInUse) as info:
        Notebook.open(notebook.folder, PASSPHRASE)
    assert IN_USE in str(info.value)


def test_lock_is_released_on_close(cli, notebook_path):
    nb = Notebook.open(notebook_path, PASSPHRASE)
    assert cli.nb(notebook_path, "case", "list")[0] == 5
    nb.close()
    rc, out, err = cli.nb(notebook_path, "case", "list")
    assert rc == 0, err
    assert "C-1042" in out


def test_locked_notebook_keeps_its_folder_lock_until_unlocked_again(cli, notebook_path):
    nb = Notebook.open(notebook_path, PASSPHRASE)
    lock = nb.lock()
    assert cli.nb(notebook_path, "case", "list")[0] == 5
    again = Notebook.open(notebook_path, PASSPHRASE, lock=lock)
    assert [c.ref for c in again.cases.list()] == ["C-1042", "C-2001"]
    again.close()
    assert cli.nb(notebook_path, "case", "list")[0] == 0


def test_lock_is_released_when_the_holding_process_is_killed(cli, notebook_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\n"
         "from casebook.service import Notebook\n"
         f"nb = Notebook.open(sys.argv[1], {PASSPHRASE!r})\n"
         "nb.reflections.add('written by the process about to be killed')\n"
         "print('open', flush=True)\n"
         "sys.stdin.read()\n",
         str(notebook_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=cli.env(),
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"open"
        assert cli.nb(notebook_path, "case", "list")[0] == 5
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
    assert holder.returncode == -signal.SIGKILL
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, err
    # The reflection committed before the crash is still there.
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        assert "written by the process about to be killed" in [
            r.text for r in nb.reflections.list()
        ]
    finally:
        nb.close()
