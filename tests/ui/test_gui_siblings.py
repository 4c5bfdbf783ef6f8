"""Direct work as it happens, in the editor: siblings seen together with a disclosure
each, the Three Houses only for that activity, and a drawing opened full size from memory
with Save a copy… behind a warning that the copy is not encrypted."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_save, open_case, open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from casebook.service import Notebook
from ui.drawing_viewer import DrawingViewer


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )  # fmt: skip


DRAWING = _png(640, 480)
AT = "2026-03-21T15:00:00+00:00"


@pytest.fixture
def siblings_path(notebook_path: Path) -> Path:
    """The sample notebook with Lily's brother Sam, and a drawing on a draft record."""
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        notebook.people.add("C-1042", "Sam Smith", "child", key="p4", born="2019-02-11")
        notebook.attachments.add("rec-session-draft", "sams-house.png", "image/png", DRAWING)
    return notebook_path


def _new_direct_work(qtbot: Any, main: Any) -> Any:
    main.new_record("child_work")
    qtbot.waitUntil(
        lambda: main.editor.record is not None and main.editor.record.kind == "child_work"
    )
    wait_idle(qtbot, main)
    return main.editor


def test_two_children_and_a_disclosure_by_each_are_written_in_the_editor(
    siblings_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_direct_work(qtbot, main)
    children = editor.form.fields["children"]
    # Only the case's children are offered; none is ticked on a new record.
    assert list(children.boxes) == ["p3", "p4"]
    assert not any(box.isChecked() for box in children.boxes.values())
    qtbot.mouseClick(children.boxes["p3"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(children.boxes["p4"], Qt.MouseButton.LeftButton)
    assert editor.common.values()["people"] == ["p3", "p4"]
    assert editor.form.age.text().count("·") == 1

    disclosures = editor.form.fields["disclosures"]
    for key, words in (("p3", "He waited by the gate."), ("p4", "He said it's a secret.")):
        qtbot.mouseClick(disclosures.add, Qt.MouseButton.LeftButton)
        entry = disclosures.entries[-1]
        assert entry.child.currentData() is None  # which child: the practitioner says
        entry.child.setCurrentIndex(entry.child.findData(key))
        qtbot.keyClicks(entry.disclosure.verbatim, words)
    assert [e.disclosure.group.title() for e in disclosures.entries] == [
        "Disclosure 1",
        "Disclosure 2",
    ]
    assert editor.save_sync()
    wait_idle(qtbot, main)
    stored = controller.notebook.records.get(editor.record_id)
    assert stored.fields["children"] == ["p3", "p4"]
    made = [(d["child"], d["verbatim"], d["at"]) for d in stored.fields["disclosures"]]
    assert made == [("p3", "He waited by the gate.", None), ("p4", "He said it's a secret.", None)]
    assert stored.title == "Direct work with Lily Smith and Sam Smith"

    # Removing the first leaves the second, renumbered.
    qtbot.mouseClick(disclosures.entries[0].remove, Qt.MouseButton.LeftButton)
    assert [e.disclosure.group.title() for e in disclosures.entries] == ["Disclosure 1"]
    assert editor.save_sync()
    stored = controller.notebook.records.get(editor.record_id)
    assert [d["child"] for d in stored.fields["disclosures"]] == ["p4"]


def test_the_three_houses_heading_shows_only_for_the_three_houses_activity(
    siblings_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_direct_work(qtbot, main)
    form = editor.form
    houses = form.houses_section
    activity = form.fields["activity"].combo
    assert houses.isHidden()  # no activity chosen yet
    activity.setCurrentIndex(activity.findData("three_houses"))
    assert not houses.isHidden() and houses.title() == "Three Houses"
    activity.setCurrentIndex(activity.findData("play"))
    assert houses.isHidden()
    activity.setCurrentIndex(activity.findData("three_houses"))
    form.fields["worries"].edit.setPlainText("Dogs barking")
    activity.setCurrentIndex(activity.findData("play"))
    # What was written stays in view, without the Three Houses heading.
    assert not houses.isHidden() and houses.title() != "Three Houses"


def test_a_legacy_record_opens_as_children_and_disclosures_without_being_saved(
    siblings_path: Path, make_controller: Any, qtbot: Any
) -> None:
    with Notebook.open(siblings_path, PASSPHRASE) as notebook:
        old = notebook.records.create(
            "C-1042",
            {"kind": "child_work", "event_at": "2026-03-20T15:00:00+00:00",
             "fields": {"child": "p3", "disclosure": {"verbatim": "He said not to tell."}}},
        )  # fmt: skip
        before = notebook.records.get(old.id)
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, old.id)
    assert editor.form.fields["children"].value() == ["p3"]
    [entry] = editor.form.fields["disclosures"].entries
    assert entry.child.currentData() == "p3"
    assert entry.disclosure.verbatim.toPlainText() == "He said not to tell."
    main.show_case_page()
    wait_idle(qtbot, main)
    assert controller.notebook.records.get(old.id) == before


def _tmp_files() -> set[str]:
    return {
        os.path.join(root, name)
        for root, _dirs, names in os.walk(os.environ["TMPDIR"])
        for name in names
    }


def test_a_drawing_opens_full_size_and_save_a_copy_warns_it_is_not_encrypted(
    siblings_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    panel = editor.attachments
    temp_before = _tmp_files()
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(panel.open_full.isEnabled)
    qtbot.mouseClick(panel.open_full, Qt.MouseButton.LeftButton)
    viewer = panel.viewer
    assert isinstance(viewer, DrawingViewer) and viewer.isVisible()
    assert (viewer.pixmap.width(), viewer.pixmap.height()) == (640, 480)  # full size
    assert viewer.image.pixmap().size() == viewer.pixmap.size()
    assert _tmp_files() == temp_before  # decoded from memory, never a temporary file

    warnings: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Any:
        def exec_(box: QMessageBox) -> int:
            warnings.append(f"{box.text()} {box.informativeText()}")
            return int(button.value)

        return exec_

    target = tmp_path / "copy.png"
    dialog = fake_save(monkeypatch, target)
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and "not be encrypted" in warnings[0]
    assert dialog.offered == [] and not target.exists()  # cancelled at the warning

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Save))
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert "NOT be encrypted" in warnings[1]
    assert dialog.offered and dialog.offered[0].endswith("sams-house.png")
    assert target.read_bytes() == DRAWING
    assert target.stat().st_mode & 0o777 == 0o600
    assert viewer.saved_to == target
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")] == ["copy.png"]


def test_an_open_drawing_closes_when_the_notebook_locks(
    siblings_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    editor.attachments.list.setCurrentRow(0)
    qtbot.waitUntil(editor.attachments.open_full.isEnabled)
    editor.attachments.open_viewer()
    viewer = editor.attachments.viewer
    assert viewer is not None and viewer.isVisible()
    with qtbot.waitSignal(viewer.finished, timeout=5000):
        controller.lock()
    qtbot.waitUntil(lambda: controller.main_window is None or not viewer.isVisible())


def test_a_summary_leaves_drawings_out_unless_the_practitioner_ticks_them(
    siblings_path: Path, qtbot: Any
) -> None:
    from ui.exports import SummaryOptions, write_summary
    from ui.summary import SummaryDialog

    with Notebook.open(siblings_path, PASSPHRASE) as notebook:
        cases = notebook.cases.list()
        dialog = SummaryDialog(cases, "C-1042")
        qtbot.addWidget(dialog)
        assert dialog.options().include_drawings is False
        dialog.include_drawings.click()
        options = dialog.options()
        assert options == SummaryOptions(
            case_refs=("C-1042",), redaction="initials", include_drawings=True
        )
        record = notebook.records.create(
            "C-1042",
            {"kind": "child_work", "event_at": "2026-03-20T15:00:00+00:00", "status": "final",
             "fields": {"children": ["p3", "p4"], "activity": "drawing"}},
        )  # fmt: skip
        assert record.is_final
        path = siblings_path.parent / "summary.pdf"
        draft = notebook.records.create("C-1042", {"kind": "child_work", "event_at": AT})
        notebook.attachments.add(draft.id, "drawing.png", "image/png", DRAWING)
        write_summary(
            notebook, SummaryOptions(("C-1042",), redaction="none", include_drafts=True), path
        )
        without = path.read_bytes()
        write_summary(
            notebook,
            SummaryOptions(
                ("C-1042",), redaction="none", include_drafts=True, include_drawings=True
            ),
            path,
        )
        assert b"/Subtype /Image" not in without
        assert b"/Subtype /Image" in path.read_bytes()


def test_an_older_draft_naming_a_non_child_shows_them_to_untick(
    siblings_path: Path, make_controller: Any, qtbot: Any
) -> None:
    with Notebook.open(siblings_path, PASSPHRASE) as notebook:
        # Written before the child role was checked: straight into the row, as it was.
        old = notebook.records.create("C-1042", {"kind": "child_work", "event_at": AT})
        with notebook.database.transaction() as tx:
            tx.execute(
                "UPDATE records SET fields = json_set(fields, '$.child', 'p1') WHERE uid = ?",
                (old.id,),
            )
    controller = make_controller(siblings_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, old.id)
    children = editor.form.fields["children"]
    assert list(children.boxes) == ["p1", "p3", "p4"]
    assert "not a child" in children.boxes["p1"].text() and children.boxes["p1"].isChecked()
    qtbot.mouseClick(children.boxes["p1"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(children.boxes["p3"], Qt.MouseButton.LeftButton)
    assert editor.save_sync()
    assert controller.notebook.records.get(old.id).fields["children"] == ["p3"]
    # Another record: only the children are offered again.
    main.show_case_page()
    open_case(qtbot, main, "C-1042")
    editor = _new_direct_work(qtbot, main)
    assert list(editor.form.fields["children"].boxes) == ["p3", "p4"]
