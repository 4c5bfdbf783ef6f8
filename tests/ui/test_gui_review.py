"""The redaction review step of a signed summary, driven through its real widgets."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_save, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

FENWICK_NOTE = "Her teacher Ms Fenwick says she is settled. Babcia collects her on Fridays."


def _add_record(folder: Path, text: str) -> None:
    from casebook.service import Notebook

    with Notebook.open(folder, PASSPHRASE) as notebook:
        notebook.records.create(
            "C-1042",
            {
                "kind": "child_work",
                "event_at": "2026-03-10T10:00:00+00:00",
                "status": "final",
                "people": ["p3"],
                "fields": {"child": "p3", "good_things": text},
            },
        )


def _choose(monkeypatch: pytest.MonkeyPatch, redaction: str) -> None:
    """The summary dialog accepts at once with case C-1042 and ``redaction``."""
    import ui.summary

    class Accepting(ui.summary.SummaryDialog):
        def exec(self) -> int:
            self.set_ticked(["C-1042"])
            self.set_redaction(redaction)
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ui.summary, "SummaryDialog", Accepting)


def _open_review(qtbot: Any, main: Any) -> Any:
    main.export_summary()
    qtbot.waitUntil(lambda: main.exports.review_dialog is not None, timeout=60_000)
    dialog = main.exports.review_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _click_row(qtbot: Any, dialog: Any, text: str) -> None:
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)
    table = dialog.table
    rect = table.visualRect(model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.selected_rows() == [row]


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    command = ["pdftotext", "-enc", "UTF-8", str(pdf), "-"]
    done = subprocess.run(command, capture_output=True, check=False)
    return done.stdout.decode("utf-8", "replace")


def test_a_teacher_named_in_a_record_is_reviewed_redacted_and_absent_from_the_signed_pdf(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from casebook.signing import verify_pdf

    _add_record(notebook_path, FENWICK_NOTE)
    _choose(monkeypatch, "pseudonyms")
    out = tmp_path / "supervision.pdf"
    save = fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_review(qtbot, main)

    texts = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert {"Ms Fenwick", "Babcia", "Dr Patel", "Oak Surgery", "0121 000 0000"} <= set(texts)
    fenwick = texts.index("Ms Fenwick")
    assert dialog.model.index(fenwick, 2).data() == "1"
    assert dialog.model.index(fenwick, 4).data() == "Not decided"
    assert not dialog.continue_button.isEnabled()

    # Selecting the candidate shows the record it is in, the name still there.
    _click_row(qtbot, dialog, "Ms Fenwick")
    assert "Her teacher Ms Fenwick says she is settled" in dialog.preview.toPlainText()
    assert dialog.replacement.text() == "[name]"
    dialog.replacement.clear()
    qtbot.keyClicks(dialog.replacement, "[teacher]")
    qtbot.mouseClick(dialog.redact_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(fenwick, 4).data() == "Redact as [teacher]"
    preview = dialog.preview.toPlainText()
    assert "Her teacher [teacher] says she is settled" in preview
    assert "Fenwick" not in preview

    _click_row(qtbot, dialog, "Oak Surgery")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert "still to decide" in dialog.status.text()
    qtbot.mouseClick(dialog.redact_rest_button, Qt.MouseButton.LeftButton)
    assert dialog.continue_button.isEnabled()
    assert save.offered == []  # where to save is asked only after the review
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage().startswith("Signed summary saved"),
        timeout=60_000,
    )
    wait_idle(qtbot, main)
    assert len(save.offered) == 1
    assert verify_pdf(out.read_bytes()).ok
    text = _pdf_text(out)
    assert "Fenwick" not in text
    assert "Her teacher [teacher] says she is settled. [relative] collects her" in text
    assert "Dr Patel" not in text and "0121 000 0000" not in text
    assert "Oak Surgery" in text  # kept
    assert main.summary_action.isEnabled()


def test_cancelling_the_review_signs_nothing(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _choose(monkeypatch, "initials")
    save = fake_save(monkeypatch, tmp_path / "s.pdf")
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_review(qtbot, main)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(main.summary_action.isEnabled)
    wait_idle(qtbot, main)
    assert save.offered == []
    assert not (tmp_path / "s.pdf").exists()
    assert main.exports.review_dialog is None


def test_the_review_names_characters_no_font_draws(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_record(notebook_path, "She drew a \U0001fae0 for her brother.")
    _choose(monkeypatch, "initials")
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open_review(qtbot, main)
    assert dialog.undrawable.isVisible()
    assert "U+1FAE0" in dialog.undrawable.text()
    dialog.reject()
    qtbot.waitUntil(main.summary_action.isEnabled)


def test_full_names_with_undrawable_characters_warn_before_asking_where_to_save(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _add_record(notebook_path, "She drew a \U0001fae0 for her brother.")
    _choose(monkeypatch, "none")
    out = tmp_path / "s.pdf"
    save = fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    box = _open_review(qtbot, main)
    assert isinstance(box, QMessageBox)
    assert "U+1FAE0" in box.text()
    assert save.offered == []
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=60_000)
    wait_idle(qtbot, main)
    assert "She drew a [U+1FAE0] for her brother." in _pdf_text(out)
