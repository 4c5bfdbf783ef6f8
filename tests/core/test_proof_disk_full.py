"""A full disk gives a clear message (exit 7) and loses nothing committed before."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from notebook.domain import Practitioner
from notebook.errors import WriteFailed
from notebook.service import Notebook

PASSPHRASE = "disk-full-pass"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1.5 MB tmpfs, where the environment allows mounting one."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1536k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def note(n: int) -> dict[str, object]:
    return {
        "kind": "session",
        "event_at": "2026-03-01T10:00:00+00:00",
        "fields": {"narrative": f"note {n} " + "lorem ipsum dolor " * 2000},
    }


def fill_until_full(notebook: Notebook) -> list[str]:
    committed = []
    with contextlib.suppress(WriteFailed):
        for n in range(10_000):
            committed.append(notebook.create_record("C-1", note(n)).id)
    return committed


def test_save_that_does_not_fit_fails_clearly_and_keeps_everything_committed(
    tiny_disk: Path,
) -> None:
    folder = tiny_disk / "full.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    notebook.add_case("C-1", "Full disk")
    committed = fill_until_full(notebook)
    with pytest.raises(WriteFailed, match="full"):
        notebook.create_record("C-1", note(-1))
    notebook.close()
    assert committed, "the disk should hold some records before it fills"

    reopened = Notebook.open(folder, PASSPHRASE)
    try:
        stored = {r.id for r in reopened.list_records("C-1")}
        assert set(committed) <= stored
        assert reopened.database.integrity_errors() == []
        assert reopened.verify_audit(pages=False).ok
    finally:
        reopened.close()


def test_cli_exits_7_when_the_disk_is_full(tiny_disk: Path, tmp_path: Path) -> None:
    folder = tiny_disk / "cli.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    notebook.add_case("C-1", "Full disk")
    fill_until_full(notebook)
    notebook.close()
    record = tmp_path / "big.json"
    record.write_text('{"kind": "session", "event_at": "2026-03-01T10:00:00+00:00",'
                      ' "fields": {"narrative": "' + "x" * 400_000 + '"}}')  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "notebook.cli", "--notebook", str(folder), "--passphrase-stdin",
         "record", "add", "--case", "C-1", "--json", str(record)],
        input=PASSPHRASE + "\n", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 7, result.stderr
    assert "full" in result.stderr
    assert "Traceback" not in result.stderr
