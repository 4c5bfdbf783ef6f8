"""Long operations report how far they are and can be stopped, undoing what they started.

The app moves a progress bar from ``progress(done, total)`` and stops an operation by
raising ``Cancelled`` from it (issue 13); the CLI passes nothing.
"""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path
from typing import Any

import pytest

from casebook.backup import (
    backup_manifest_sum,
    backup_notebook,
    restore_backup,
    verify_backup,
)
from casebook.progress import Cancelled, Stages
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


class Recorder:
    """A progress callable that records every call and cancels at the n-th one."""

    def __init__(self, cancel_at: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.cancel_at = cancel_at

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if self.cancel_at is not None and len(self.calls) >= self.cancel_at:
            raise Cancelled()

    @property
    def fractions(self) -> list[float]:
        return [done / total for done, total in self.calls if total]


def _many_records_document(make_document: Any, cases: int = 4, per_case: int = 25) -> Any:
    """The sample document's session draft copied into more cases and records."""
    base = make_document()
    template = base["cases"][0]
    draft = next(r for r in template["records"] if r["id"] == "rec-session-draft")
    document = {"format": "casebook/1", "cases": []}
    for c in range(cases):
        records = []
        for n in range(per_case):
            record = {k: v for k, v in draft.items() if k != "id"}
            record["fields"] = dict(draft["fields"], purpose=f"Session {n} of case {c}.")
            records.append(record)
        document["cases"].append(
            {
                "ref": f"P-{c}",
                "title": f"Case {c}",
                "people": template["people"],
                "records": records,
            }
        )
    return document


def _outputs(tmp_path: Path) -> Path:
    """A folder for what a test writes (the notebook itself is in ``tmp_path``)."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return out


def _state(notebook: Notebook) -> tuple[Any, ...]:
    head = notebook.audit.head()
    count = notebook.database.query_one("SELECT count(*) FROM records")[0]
    return ([c.ref for c in notebook.cases.list()], count, head.seq, head.hash)


def test_import_reports_its_progress_record_by_record_up_to_the_whole(
    empty_notebook: Notebook, make_document: Any
) -> None:
    document = _many_records_document(make_document)
    progress = Recorder()
    result = empty_notebook.interchange.import_document(document, progress=progress)
    assert result.records == 100
    assert progress.calls[-1] == (100, 100)
    assert [done for done, _ in progress.calls[:100]] == list(range(1, 101))


def test_an_import_cancelled_half_way_writes_nothing(
    empty_notebook: Notebook, make_document: Any
) -> None:
    before = _state(empty_notebook)
    progress = Recorder(cancel_at=50)
    with pytest.raises(Cancelled):
        empty_notebook.interchange.import_document(
            _many_records_document(make_document), progress=progress
        )
    assert progress.calls[-1] == (50, 100)
    assert _state(empty_notebook) == before
    assert empty_notebook.audit.verify().ok
    # The notebook still takes the same document whole afterwards.
    assert (
        empty_notebook.interchange.import_document(_many_records_document(make_document)).records
        == 100
    )


def test_an_import_cancelled_at_its_last_step_before_the_commit_writes_nothing(
    empty_notebook: Notebook, make_document: Any
) -> None:
    before = _state(empty_notebook)
    with pytest.raises(Cancelled):
        empty_notebook.interchange.import_document(
            _many_records_document(make_document), progress=Recorder(cancel_at=101)
        )
    assert _state(empty_notebook) == before


def test_export_reports_progress_and_a_cancelled_export_writes_no_file_and_no_audit_entry(
    notebook: Notebook, tmp_path: Path
) -> None:
    from casebook.atomic import atomic_file

    tmp_path = _outputs(tmp_path)
    progress = Recorder()
    out = tmp_path / "all.json"
    with atomic_file(out) as handle:
        notebook.interchange.write_export(handle, progress=progress)
    assert progress.calls[-1] == (4, 4)
    head = notebook.audit.head()
    stopped = tmp_path / "stopped.json"
    with pytest.raises(Cancelled), atomic_file(stopped) as handle:
        notebook.interchange.write_export(handle, progress=Recorder(cancel_at=2))
    assert not stopped.exists()
    assert list(tmp_path.iterdir()) == [out]
    assert notebook.audit.head() == head


def test_audit_verify_reports_progress_to_the_whole_and_can_be_stopped(
    notebook: Notebook,
) -> None:
    progress = Recorder()
    assert notebook.audit.verify(progress=progress).ok
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)
    assert progress.fractions == sorted(progress.fractions)
    with pytest.raises(Cancelled):
        notebook.audit.verify(progress=Recorder(cancel_at=2))


def test_backup_reports_progress_and_its_audit_entry_holds_the_manifests_sum(
    notebook: Notebook, tmp_path: Path
) -> None:
    tmp_path = _outputs(tmp_path)
    progress = Recorder()
    written = backup_notebook(notebook, tmp_path / "b", progress=progress)
    assert progress.fractions == sorted(progress.fractions)
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)
    detail = notebook.database.query_one(
        "SELECT detail FROM audit_log WHERE action = 'notebook.backup' ORDER BY seq DESC"
    )[0]
    with tarfile.open(written) as tar:
        manifest = tar.extractfile("manifest.json").read()  # type: ignore[union-attr]
    assert detail == f"manifest-sha256={hashlib.sha256(manifest).hexdigest()}"
    assert detail == f"manifest-sha256={backup_manifest_sum(written)}"
    assert verify_backup(written, PASSPHRASE).records == 4


@pytest.mark.parametrize("cancel_at", [1, 3, 10])
def test_a_cancelled_backup_leaves_no_file_and_an_earlier_backup_unchanged(
    notebook: Notebook, tmp_path: Path, cancel_at: int
) -> None:
    tmp_path = _outputs(tmp_path)
    from casebook.backup import last_backup_time

    earlier = backup_notebook(notebook, tmp_path / "b")
    kept = earlier.read_bytes()
    when = last_backup_time(notebook)
    head = notebook.audit.head()
    with pytest.raises(Cancelled):
        backup_notebook(notebook, tmp_path / "b", progress=Recorder(cancel_at=cancel_at))
    assert sorted(p.name for p in tmp_path.iterdir()) == [earlier.name]
    assert earlier.read_bytes() == kept
    assert last_backup_time(notebook) == when
    assert notebook.audit.head() == head


def test_a_backup_cancelled_while_the_database_is_copied_stops_the_copy(
    empty_notebook: Notebook, make_document: Any, tmp_path: Path
) -> None:
    tmp_path = _outputs(tmp_path)
    empty_notebook.interchange.import_document(_many_records_document(make_document))
    progress = Recorder(cancel_at=1)
    with pytest.raises(Cancelled):
        backup_notebook(empty_notebook, tmp_path / "b", progress=progress)
    # The first report comes from inside the copy (its share is the first 60%).
    assert progress.fractions[0] < 0.6
    assert list(tmp_path.iterdir()) == []


def test_verifying_a_backup_reports_progress_and_can_be_stopped(
    notebook: Notebook, tmp_path: Path
) -> None:
    tmp_path = _outputs(tmp_path)
    written = backup_notebook(notebook, tmp_path / "b")
    progress = Recorder()
    assert verify_backup(written, PASSPHRASE, progress=progress).records == 4
    assert progress.calls[-1] == (Stages.SCALE, Stages.SCALE)
    assert progress.fractions == sorted(progress.fractions)
    with pytest.raises(Cancelled):
        verify_backup(written, PASSPHRASE, progress=Recorder(cancel_at=3))


@pytest.mark.parametrize("cancel_at", [2, -1])
def test_a_cancelled_restore_leaves_the_target_folder_as_it_was(
    notebook: Notebook, tmp_path: Path, cancel_at: int
) -> None:
    tmp_path = _outputs(tmp_path)
    written = backup_notebook(notebook, tmp_path / "b")
    probe = Recorder()
    restore_backup(written, PASSPHRASE, tmp_path / "probe.casebook", progress=probe)
    # -1: the last report before the restored folder is put in place.
    stop = len(probe.calls) if cancel_at == -1 else cancel_at
    target = tmp_path / "restored.casebook"
    with pytest.raises(Cancelled):
        restore_backup(written, PASSPHRASE, target, progress=Recorder(cancel_at=stop))
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.casebook-backup", "probe.casebook"]
    restored = Notebook.open(tmp_path / "probe.casebook", PASSPHRASE)
    try:
        assert restored.audit.verify().ok
    finally:
        restored.close()
