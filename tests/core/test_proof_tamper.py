"""Damage and tampering: every case gets its own clear error, never "wrong passphrase",
and nothing is "fixed" by deleting data.

The matrix flips bytes in, and truncates, the database, its write-ahead log and the key
file, then opens the notebook (and reads everything, the way `audit verify` does).
"""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from casebook.domain import Practitioner
from casebook.errors import CasebookError, NotebookDamaged, WrongPassphrase
from casebook.service import Notebook

PASSPHRASE = "tamper-pass"
NOTE = {"kind": "session", "event_at": "2026-01-01T10:00:00+00:00",
        "fields": {"narrative": "tamper test " * 300}}  # fmt: skip


def build(folder: Path, *, keep_wal: bool) -> Path:
    """A notebook of a few hundred pages; with ``keep_wal`` a copy taken while open."""
    notebook, _ = Notebook.create(folder, PASSPHRASE, Practitioner("Tamper Tester", "", ""))
    notebook.cases.add("C-1", "Tamper case")
    for _ in range(60):
        record = notebook.records.create("C-1", NOTE)
    notebook.records.finalise(record.id)
    if keep_wal:
        copy = folder.with_name("open-copy.casebook")
        copy.mkdir()
        for path in folder.iterdir():
            if path.name != "lock":
                shutil.copy2(path, copy / path.name)
        notebook.close()
        return copy
    notebook.close()
    return folder


def read_everything(folder: Path) -> None:
    notebook = Notebook.open(folder, PASSPHRASE)
    try:
        report = notebook.audit.verify()
        if not report.ok:
            raise NotebookDamaged(folder, "; ".join(report.problems))
        notebook.interchange.export_document(audit=False)
    finally:
        notebook.close()


def flip(offset_of: Callable[[int], int], seed: int) -> Callable[[Path], None]:
    """Flip one bit; a negative offset counts back from the end of the committed log."""

    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        offset = offset_of(len(data))
        if offset < 0:
            offset += committed_wal_bytes(path.parent)
        data[offset] ^= 1 << random.Random(seed).randrange(8)
        path.write_bytes(bytes(data))

    return damage


def truncate(keep: Callable[[int], int]) -> Callable[[Path], None]:
    """Cut the file; a negative length counts back from the end of the committed log."""

    def damage(path: Path) -> None:
        data = path.read_bytes()
        length = keep(len(data))
        if length < 0:
            length += committed_wal_bytes(path.parent)
        path.write_bytes(data[:length])

    return damage


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.name != "lock"}  # fmt: skip


def committed_wal_bytes(folder: Path) -> int:
    """Where the committed frames of the log end (the rest may be an older log's)."""
    from casebook.wal import FRAME_HEADER, WAL_HEADER, committed_frames

    frames = committed_frames(folder / "notebook.db", None)
    assert frames > 2, "the test notebook should have committed frames in its log"
    return WAL_HEADER + frames * (FRAME_HEADER + 4096)


CASES = {
    # name: (file, damage, needs the WAL kept)
    "db byte in the middle": ("notebook.db", flip(lambda n: n // 2 + 123, 1), False),
    "db byte in the first page": ("notebook.db", flip(lambda n: 100, 2), False),
    "db byte in the last page": ("notebook.db", flip(lambda n: n - 2000, 3), False),
    "db truncated to half": ("notebook.db", truncate(lambda n: n // 2), False),
    "db truncated mid-page": ("notebook.db", truncate(lambda n: n - 1000), False),
    "db emptied": ("notebook.db", truncate(lambda n: 0), False),
    "wal byte in an early frame": ("notebook.db-wal", flip(lambda n: 32 + 24 + 4096 + 77, 4), True),
    "wal byte in the last committed frame": ("notebook.db-wal", flip(lambda n: -50, 5), True),
    "wal header byte": ("notebook.db-wal", flip(lambda n: 20, 6), True),
    "wal truncated by two committed frames": (
        "notebook.db-wal",
        truncate(lambda n: -2 * 4120),
        True,
    ),
    "wal truncated to its header": ("notebook.db-wal", truncate(lambda n: 32), True),
    "key file byte flipped": ("key.json", flip(lambda n: n // 2, 7), False),
    "key file truncated": ("key.json", truncate(lambda n: n // 3), False),
    "key file emptied": ("key.json", truncate(lambda n: 0), False),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_damage_gives_a_damaged_error_naming_the_file_and_changes_nothing(
    case: str, tmp_path: Path
) -> None:
    name, damage, keep_wal = CASES[case]
    folder = build(tmp_path / "t.casebook", keep_wal=keep_wal)
    assert (folder / name).exists(), f"{name} should exist for this case"
    damage(folder / name)
    before = folder_digest(folder)
    size_before = (folder / name).stat().st_size
    with pytest.raises(CasebookError) as caught:
        read_everything(folder)
    error = caught.value
    assert not isinstance(error, WrongPassphrase), f"{case}: damage reported as wrong passphrase"
    assert isinstance(error, NotebookDamaged), f"{case}: {type(error).__name__}: {error}"
    assert "backup" in str(error)
    assert "new notebook" not in str(error).lower()
    if not case.startswith("db") or "truncated" in case or "emptied" in case:
        assert error.path.name == name, f"{case}: names {error.path}"
    after = folder_digest(folder)
    if case in ("db byte in the middle", "db byte in the last page"):
        # Damage deep in the file is only found when that page is read, after the
        # unlock entry was appended: the damaged file is still there, not shrunk or
        # "repaired"; the key file is untouched.
        assert after["key.json"] == before["key.json"]
        assert (folder / name).stat().st_size >= size_before
    else:
        # Refused before anything was written: every byte as it was.
        assert after == before


def test_missing_key_file_is_damage_not_a_new_notebook(tmp_path: Path) -> None:
    folder = build(tmp_path / "t.casebook", keep_wal=False)
    (folder / "key.json").unlink()
    with pytest.raises(CasebookError) as caught:
        Notebook.open(folder, PASSPHRASE)
    assert isinstance(caught.value, NotebookDamaged)
    assert not (folder / "key.json").exists()


def test_wrong_passphrase_a_hundred_times_changes_no_byte(tmp_path: Path) -> None:
    folder = build(tmp_path / "t.casebook", keep_wal=False)
    before = folder_digest(folder)
    for n in range(100):
        with pytest.raises(WrongPassphrase):
            Notebook.open(folder, f"not the passphrase {n}")
    assert folder_digest(folder) == before


def test_intact_copy_with_wal_opens_with_every_record(tmp_path: Path) -> None:
    folder = build(tmp_path / "t.casebook", keep_wal=True)
    notebook = Notebook.open(folder, PASSPHRASE)
    try:
        assert len(notebook.records.list("C-1")) == 60
        assert notebook.audit.verify().ok
    finally:
        notebook.close()
