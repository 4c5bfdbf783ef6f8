"""A full disk gives a clear message (exit 7) and loses nothing committed before."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from casebook.domain import Practitioner
from casebook.errors import WriteFailed
from casebook.service import Notebook

PASSPHRASE = "disk-full-pass"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2.5 MB tmpfs, where the environment allows mounting one (a new notebook with three
    long records must fit, with room to checkpoint its WAL on closing)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2560k,mode=0700", "tmpfs", str(mount_point)],
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
            committed.append(notebook.records.create("C-1", note(n)).id)
    return committed


def test_save_that_does_not_fit_fails_clearly_and_keeps_everything_committed(
    tiny_disk: Path,
) -> None:
    folder = tiny_disk / "full.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    notebook.cases.add("C-1", "Full disk")
    committed = fill_until_full(notebook)
    with pytest.raises(WriteFailed, match="full"):
        notebook.records.create("C-1", note(-1))
    notebook.close()
    assert committed, "the disk should hold some records before it fills"

    reopened = Notebook.open(folder, PASSPHRASE)
    try:
        stored = {r.id for r in reopened.records.list("C-1")}
        assert set(committed) <= stored
        assert reopened.database.integrity_errors() == []
        assert reopened.audit.verify(pages=False).ok
    finally:
        reopened.close()


def test_cli_exits_7_when_the_disk_is_full(tiny_disk: Path, tmp_path: Path) -> None:
    folder = tiny_disk / "cli.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    notebook.cases.add("C-1", "Full disk")
    fill_until_full(notebook)
    notebook.close()
    record = tmp_path / "big.json"
    record.write_text('{"kind": "session", "event_at": "2026-03-01T10:00:00+00:00",'
                      ' "fields": {"narrative": "' + "x" * 400_000 + '"}}')  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "casebook_cli", "--notebook", str(folder), "--passphrase-stdin",
         "record", "add", "--case", "C-1", "--json", str(record)],
        input=PASSPHRASE + "\n", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 7, result.stderr
    assert "full" in result.stderr
    assert "Traceback" not in result.stderr


# -- reading on a disk with 0 bytes free (issue 12, item 13) -----------------------------------


def fill_to_the_last_byte(folder: Path) -> Path:
    """Fill the file system holding ``folder`` until not one more byte fits."""
    import errno
    import os

    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as out:
        for size in (1 << 16, 4096, 1):
            while True:
                try:
                    out.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    stats = os.statvfs(folder)
    assert stats.f_bavail == 0 and stats.f_bfree == 0
    return filler


@pytest.fixture
def full_disk_notebook(tiny_disk: Path) -> Iterator[tuple[Path, list[str]]]:
    """A closed notebook with records on a file system with 0 bytes free."""
    folder = tiny_disk / "read.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    notebook.cases.add("C-1", "Full disk")
    ids = [notebook.records.create("C-1", note(n)).id for n in range(3)]
    notebook.records.finalise(ids[0])
    notebook.close()
    assert not (folder / "notebook.db-shm").exists()
    filler = fill_to_the_last_byte(tiny_disk)
    yield folder, ids
    filler.unlink()


def test_a_notebook_on_a_disk_with_no_byte_free_unlocks_and_reads(full_disk_notebook) -> None:
    folder, ids = full_disk_notebook
    notebook = Notebook.open(folder, PASSPHRASE)
    try:
        assert [c.ref for c in notebook.cases.list()] == ["C-1"]
        assert {r.id for r in notebook.records.list("C-1")} == set(ids)
        assert notebook.records.get(ids[0]).is_final
        assert notebook.records.search("lorem")
        report = notebook.audit.verify()
        assert report.ok, report.problems
        with pytest.raises(WriteFailed, match="full"):
            notebook.records.create("C-1", note(99))
        with pytest.raises(WriteFailed, match="full"):
            notebook.reflections.add("a short one")
        assert len(notebook.records.list("C-1")) == 3  # still reads after refused writes
        report = notebook.audit.verify()
        assert report.ok, report.problems
    finally:
        notebook.close()


def test_a_write_refused_for_a_full_disk_leaves_the_audit_chain_whole_for_the_next_one(
    tiny_disk: Path,
) -> None:
    folder = tiny_disk / "chain.casebook"
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Disk Tester", "", ""))
    try:
        notebook.cases.add("C-1", "Full disk")
        filler = fill_to_the_last_byte(tiny_disk)
        for n in range(3):
            with pytest.raises(WriteFailed, match="full"):
                notebook.records.create("C-1", note(n))
        filler.unlink()
        notebook.reflections.add("written once there was space again")
        report = notebook.audit.verify()
        assert report.ok, report.problems
    finally:
        notebook.close()
    reopened = Notebook.open(folder, PASSPHRASE)
    try:
        assert reopened.audit.verify().ok
    finally:
        reopened.close()


def test_cli_reads_on_a_full_disk_and_a_write_says_the_disk_is_full(
    full_disk_notebook, tmp_path: Path
) -> None:
    folder, ids = full_disk_notebook

    def casebook(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "casebook_cli", "--notebook", str(folder), "--passphrase-stdin",
             *args],
            input=PASSPHRASE + "\n", capture_output=True, text=True, check=False,
        )  # fmt: skip

    for args, expect in (
        (("case", "list"), "C-1"),
        (("audit", "verify"), "verified"),
        (("search", "lorem"), ids[1]),
        (("record", "show", ids[0]), "note 0"),
    ):
        result = casebook(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert expect in result.stdout, args
    record = tmp_path / "small.json"
    record.write_text('{"kind": "session", "event_at": "2026-03-01T10:00:00+00:00"}')
    result = casebook("record", "add", "--case", "C-1", "--json", str(record))
    assert result.returncode == 7, result.stderr
    assert "full" in result.stderr
    assert "Traceback" not in result.stderr


def test_after_a_full_disk_session_the_notebook_opens_normally_with_everything(
    full_disk_notebook,
) -> None:
    folder, _ids = full_disk_notebook
    Notebook.open(folder, PASSPHRASE).close()
    (folder.parent / "filler").unlink()
    (folder.parent / "filler").touch()  # the fixture removes it
    notebook = Notebook.open(folder, PASSPHRASE)
    try:
        assert not notebook.database.exclusive
        notebook.records.create("C-1", note(7))
        assert len(notebook.records.list("C-1")) == 4
        assert notebook.database.integrity_errors() == []
        assert notebook.audit.verify().ok
    finally:
        notebook.close()
