"""The page check (SQLCipher's HMAC of every page, then SQLite's integrity check) reports
how far it is as it reads and stops on Cancel in the integrity check, leaving the notebook
as it was (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook import page_check
from casebook.backup import backup_notebook, verify_backup
from casebook.progress import Cancelled, Stages
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
# verify(): the page check is the first stage, 4 of 4 + 1 + 2 (casebook.stores.audit).
PAGES_SHARE = round(4 / 7 * Stages.SCALE)
# integrity_errors(): the HMAC part's share, then the integrity check's.
HMAC = page_check.SHARES["hmac"] / sum(page_check.SHARES.values())


class Recorder:
    """A progress callable that records every call; cancels once ``cancel_from`` of the
    whole is reached (below 1: before the end)."""

    def __init__(self, cancel_from: float | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.cancel_from = cancel_from

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if self.cancel_from is not None and total and done / total >= self.cancel_from:
            raise Cancelled()

    @property
    def fractions(self) -> list[float]:
        return [done / total for done, total in self.calls if total]


@pytest.fixture
def bigger(notebook: Notebook, monkeypatch: pytest.MonkeyPatch) -> Notebook:
    """The sample notebook with about 12 MB more pages (a table of many small rows, as
    records are, and an index); reports not spaced out in time, so a short check makes
    many."""
    monkeypatch.setattr(page_check, "REPORT_EVERY", 0.0)
    with notebook.database.transaction() as tx:
        tx.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, data BLOB, word TEXT)")
        tx.execute("CREATE INDEX filler_word ON filler (word)")
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
            " INSERT INTO filler SELECT i, randomblob(150), hex(randomblob(16)) FROM n"
        )
    assert notebook.database.checkpoint()
    return notebook


def _pages(notebook: Notebook) -> int:
    return int(notebook.database.query_one("PRAGMA page_count")[0])


def test_the_page_check_reports_progress_as_it_reads_and_ends_at_the_whole(
    bigger: Notebook,
) -> None:
    assert _pages(bigger) > 2500  # over 10 MB
    progress = Recorder()
    assert bigger.database.integrity_errors(progress) == []
    fractions = progress.fractions
    assert fractions == sorted(fractions)
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)
    # SQLCipher's HMAC part is one step (it works while its pragma is prepared); the
    # integrity check moves the bar and stops short of the whole until it has returned.
    assert HMAC in fractions
    assert len([f for f in fractions if HMAC < f < 1]) > 5
    assert max(f for f in fractions if f < 1) <= HMAC + (1 - HMAC) * 0.99 + 1e-9


def test_checking_the_audit_log_moves_the_bar_through_the_page_check_to_its_full_share(
    bigger: Notebook,
) -> None:
    progress = Recorder()
    assert bigger.audit.verify(progress=progress).ok
    within = [done for done, _ in progress.calls if 0 < done < PAGES_SHARE]
    assert len(within) > 10
    assert (PAGES_SHARE, Stages.SCALE) in progress.calls
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)


def test_checking_a_backup_moves_the_bar_through_the_page_check_of_its_copy(
    bigger: Notebook, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    written = backup_notebook(bigger, out / "b")
    progress = Recorder()
    verify_backup(written, PASSPHRASE, progress=progress)
    # verify_backup: unpack 3, pages 4, audit 3 (of 10).
    pages = [f for f in progress.fractions if 0.3 < f < 0.7]
    assert len(pages) > 10
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)


def test_a_cancel_during_the_page_check_stops_it_and_leaves_the_notebook_usable(
    bigger: Notebook,
) -> None:
    cancel_from = 0.5  # in the integrity check
    cases = [case.ref for case in bigger.cases.list()]
    progress = Recorder(cancel_from)
    with pytest.raises(Cancelled):
        bigger.database.integrity_errors(progress)
    # Stopped at the report that cancelled, half-way: nothing reported after it.
    assert cancel_from <= progress.fractions[-1] < 1
    # The notebook reads, takes a write, and a full check (no progress handler left
    # behind to interrupt it) passes.
    assert [case.ref for case in bigger.cases.list()] == cases
    assert bigger.database.query_one("SELECT count(*) FROM filler")[0] == 50000
    bigger.audit.append("test.after_cancel", "notebook")
    assert bigger.database.integrity_errors() == []
    again = Recorder()
    assert bigger.audit.verify(progress=again).ok
    assert again.calls[-1] == (Stages.SCALE, Stages.SCALE)


def test_a_cancel_during_the_page_check_stops_checking_the_audit_log(bigger: Notebook) -> None:
    progress = Recorder(cancel_from=0.3)  # in the page check, which ends at 4/7
    with pytest.raises(Cancelled):
        bigger.audit.verify(progress=progress)
    assert progress.fractions[-1] < PAGES_SHARE / Stages.SCALE
    assert bigger.audit.verify().ok


def test_a_damaged_page_is_still_reported_by_the_page_check_that_reports_progress(
    bigger: Notebook,
) -> None:
    database = bigger.database
    pages = _pages(bigger)
    with open(database.path, "r+b") as file:
        file.seek(pages * 4096 - 10)  # the last page's HMAC: its content still decrypts
        byte = file.read(1)
        file.seek(pages * 4096 - 10)
        file.write(bytes([byte[0] ^ 1]))
    # The page is in SQLite's cache (just written), so only SQLCipher's HMAC check reads it.
    damaged = f"HMAC verification failed for page {pages}"
    assert database.integrity_errors(Recorder()) == [damaged]
    report = bigger.audit.verify(progress=Recorder())
    assert not report.ok
    assert report.problems[0] == f"database: {damaged}"
