"""File ▸ Import casebook/1… and File ▸ Export…, driven through their widgets (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from guihelpers import (
    fake_open,
    fake_save,
    many_records_document,
    unlock,
    wait_idle,
    wait_progress,
)
from PySide6.QtCore import Qt

from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def _write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / "files" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _preview(qtbot: Any, main: Any) -> Any:
    from ui.import_export import ImportPreviewDialog

    main.menus.import_action.trigger()
    qtbot.waitUntil(lambda: isinstance(main.flows.dialog, ImportPreviewDialog), timeout=20_000)
    return main.flows.dialog


def _state(path: Path) -> tuple[Any, ...]:
    nb = Notebook.open(path, PASSPHRASE)
    try:
        records = nb.database.query_one("SELECT count(*) FROM records")[0]
        actions = [r[0] for r in nb.database.query("SELECT action FROM audit_log")]
        return [c.ref for c in nb.cases.list()], records, actions.count("notebook.import")
    finally:
        nb.close()


def test_import_shows_a_preview_then_imports_with_the_progress_bar_reaching_100(
    empty_notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from ui.progress import ProgressDialog

    path = _write(tmp_path, "caseload.json", many_records_document(make_document(), 6, 50))
    fake_open(monkeypatch, path)
    main = unlock(qtbot, make_controller(empty_notebook_path))
    preview = _preview(qtbot, main)
    assert preview.counts["Cases"].text() == "6 cases"
    assert preview.counts["Records"].text() == "300 (0 final, 300 draft)"
    assert "BULK-0, BULK-1" in preview.refs.text()
    assert preview.import_button.isEnabled() and preview.conflicts.isHidden()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    progress = main.flows.dialog
    assert isinstance(progress, ProgressDialog)
    values: list[int] = []
    progress.bar.valueChanged.connect(values.append)
    wait_progress(qtbot, progress)
    assert progress.outcome == "done"
    assert progress.bar.value() == progress.bar.maximum() == 1000
    assert progress.result_line.text().startswith("Imported 6 cases, 18 people, 300 records")
    assert progress.result_line.property("ok") is True
    wait_idle(qtbot, main)
    assert [c.ref for c in main.cases.all_cases()] == [f"BULK-{i}" for i in range(6)]
    qtbot.mouseClick(progress.close_button, Qt.MouseButton.LeftButton)


def test_an_import_cancelled_half_way_leaves_the_notebook_unchanged(
    empty_notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "big.json", many_records_document(make_document(), 40, 60))
    fake_open(monkeypatch, path)
    controller = make_controller(empty_notebook_path)
    main = unlock(qtbot, controller)
    before_cases = [c.ref for c in controller.notebook.cases.list()]
    head = controller.notebook.audit.head()
    preview = _preview(qtbot, main)
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    progress = main.flows.dialog
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=30_000)
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    wait_progress(qtbot, progress)
    assert progress.outcome == "cancelled"
    assert 0 < progress.bar.value() < 1000
    assert progress.result_line.text() == "Cancelled. Nothing was changed."
    wait_idle(qtbot, main)
    assert [c.ref for c in controller.notebook.cases.list()] == before_cases
    assert controller.notebook.audit.head() == head
    assert controller.notebook.audit.verify().ok
    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)
    assert _state(empty_notebook_path) == ([], 0, 0)


def test_a_file_clashing_with_the_notebook_names_each_clash_and_cannot_be_imported(
    notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    fake_open(monkeypatch, _write(tmp_path, "again.json", make_document()))
    main = unlock(qtbot, make_controller(notebook_path))
    preview = _preview(qtbot, main)
    assert not preview.import_button.isEnabled()
    assert preview.conflicts.isVisibleTo(preview)
    assert "cases[0].ref: the notebook already has a case" in preview.conflicts.text()


def test_a_broken_file_is_refused_naming_its_json_path_and_nothing_changes(
    notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    document = make_document()
    document["cases"][0]["ref"] = "C-9"
    document["cases"][1]["ref"] = "C-8"
    document["cases"][0]["records"][2]["fields"]["feelings_stag"] = "anger"
    for case in document["cases"]:
        for record in case["records"]:
            record.pop("id", None)
    fake_open(monkeypatch, _write(tmp_path, "broken.json", document))
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    head = controller.notebook.audit.head()
    main.menus.import_action.trigger()
    qtbot.waitUntil(lambda: isinstance(main.flows.dialog, QMessageBox), timeout=20_000)
    assert main.flows.dialog.text().startswith("cases[0].records[2].fields.feelings_stag:")
    assert controller.notebook.audit.head() == head


def test_export_writes_one_case_without_the_reflective_log_unless_asked(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from ui.import_export import ExportDialog
    from ui.progress import ProgressDialog

    out = tmp_path / "out" / "family"
    out.parent.mkdir()
    save = fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    main.open_case("C-1042")
    qtbot.waitUntil(lambda: main.current_ref == "C-1042")
    main.menus.export_action.trigger()
    dialog = main.flows.dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.one.isChecked() and dialog.case.currentData() == "C-1042"
    assert not dialog.reflections.isChecked() and dialog.reflections_warning.isHidden()
    dialog.reflections.setChecked(True)
    assert dialog.reflections_warning.isVisibleTo(dialog)
    assert "plain text" in dialog.reflections_warning.text()
    dialog.reflections.setChecked(False)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(main.flows.dialog, ProgressDialog), timeout=20_000)
    progress = main.flows.dialog
    wait_progress(qtbot, progress)
    assert progress.outcome == "done" and progress.bar.value() == 1000
    written = out.with_name("family.json")
    assert Path(save.offered[0]).name.startswith("C-1042-")
    assert (
        str(written) in progress.result_line.text()
        and "NOT encrypted" in progress.result_line.text()
    )
    document = json.loads(written.read_text(encoding="utf-8"))
    assert [c["ref"] for c in document["cases"]] == ["C-1042"]
    assert "reflections" not in document
    assert written.stat().st_mode & 0o777 == 0o600


def test_export_of_the_whole_notebook_with_the_reflective_log_when_ticked(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out = tmp_path / "out" / "everything.json"
    out.parent.mkdir()
    fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    main.menus.export_action.trigger()
    dialog = main.flows.dialog
    assert dialog.whole.isChecked()  # no case shown: the whole notebook
    dialog.reflections.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(out.exists, timeout=20_000)
    wait_progress(qtbot, main.flows.dialog)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [c["ref"] for c in document["cases"]] == ["C-1042", "C-2001"]
    assert document["reflections"][0]["text"] == "A hard day; talk it over."


def test_an_import_failing_half_way_names_the_json_path_in_red_and_changes_nothing(
    empty_notebook_path: Path,
    make_controller: Any,
    make_document: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    document = make_document()
    record = document["cases"][1]["records"][0]
    record.update(finalised_at="2026-02-01T12:00:00+01:00", content_hash="0" * 64)
    fake_open(monkeypatch, _write(tmp_path, "changed.json", document))
    controller = make_controller(empty_notebook_path)
    main = unlock(qtbot, controller)
    head = controller.notebook.audit.head()
    preview = _preview(qtbot, main)
    assert preview.import_button.isEnabled()  # the hash is checked as the record is written
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    progress = main.flows.dialog
    wait_progress(qtbot, progress)
    assert progress.outcome == "failed" and progress.result_line.property("ok") is False
    assert "cases[1].records[0].content_hash: does not match" in progress.result_line.text()
    assert controller.notebook.cases.list() == []
    assert controller.notebook.audit.head() == head
